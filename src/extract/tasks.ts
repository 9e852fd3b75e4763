// Tasks from numbered lists (origin "list"): the numbered items (1., 1.1., …) under the task
// sections ("Nhiệm vụ", "Giải pháp", "Nội dung", "Hoạt động"). Items that are themselves a
// budget, objectives or scope heading ("2.3. Tổng nguồn vốn …", "a) Mục tiêu") are not tasks.
// When a task section has no numbered items, its lettered items, then its "-" items, are used.
// Table rows (lines flagged `inTable`) are left to the layout stage's table reader.
import type { Task } from '../schema/plan.js'
import { TIMELINE_PATTERNS } from './data/time-words.js'
import { parseTimeline } from './timeline.js'
import { joinLines, type XLine } from './lines.js'
import { sectionBody, type Section } from './outline.js'
import { organCase } from './text.js'
import { DIRECTIVE_TYPES } from './data/sections.js'
import { textTaskTable } from './text-table-tasks.js'

const LEAD = /(?:cơ quan|đơn vị)?\s*chủ trì(?:\s+thực hiện)?\s*:\s*([^;.]+)/iu
const COOP = /(?:cơ quan|đơn vị)?\s*phối hợp(?:\s+thực hiện)?\s*:\s*([^.]+)/iu
const TIME = /thời gian(?:\s+(?:thực hiện|hoàn thành|triển khai))?\s*:\s*([^;.]+)/iu

export function findTimeline(text: string): string | null {
  for (const re of TIMELINE_PATTERNS) {
    const m = re.exec(text)
    if (m) return m[0].trim()
  }
  return null
}

function taskRoots(sections: Section[]): Section[] {
  return sections.filter((s) => s.ownRole === 'tasks' && (!s.parent || s.parent.role !== 'tasks'))
}

function isUnder(s: Section, root: Section): boolean {
  for (let p = s.parent; p; p = p.parent) if (p === root) return true
  return false
}

export function extractTasks(lines: XLine[], sections: Section[], docType: string | null = null): Task[] {
  const out: Task[] = []
  const usable = (s: Section) => s.role === 'tasks' && (s.ownRole === null || s.ownRole === 'tasks')
  let groups: { root: Section | null; picked: Section[]; numbered: boolean }[] = taskRoots(sections).map((root) => {
    const inside = sections.filter((s) => isUnder(s, root))
    let picked = inside.filter((s) => (s.kind === 'arabic' || s.kind === 'decimal') && usable(s))
    const numbered = picked.length > 0
    if (!picked.length) picked = inside.filter((s) => s.kind === 'letter' && usable(s))
    if (!picked.length) picked = inside.filter((s) => (s.kind === 'dash' || s.kind === 'plus') && s.parent === root)
    return { root, picked, numbered }
  })
  // a task section may hold its tasks in a table printed as plain text: the table's rows are its
  // tasks, and the items the outline read inside the table (cells that open with a number) are not
  const fromTextTables: Task[] = []
  for (const g of groups) {
    if (!g.root) continue
    const table = textTaskTable(lines.slice(g.root.start, g.root.end + 1))
    if (!table) continue
    fromTextTables.push(...table.tasks.map((t) => ({ ...t, group: t.group ?? g.root!.node.heading ?? null })))
    g.picked = g.picked.filter((s) => s.start < table.from || s.start > table.to)
    g.numbered = true
  }
  // the lettered / "-" fallback is for a plan whose task section has no numbered items; when another
  // task section lists numbered items, a "-" list elsewhere is a list of topics ("Nội dung tuyên truyền")
  if (groups.some((g) => g.numbered)) groups = groups.filter((g) => g.numbered)
  // a Chỉ thị: its numbered directives are the tasks
  if (!groups.length && docType && DIRECTIVE_TYPES.includes(docType)) {
    const picked = sections.filter((s) => (s.kind === 'arabic' || s.kind === 'decimal') && !sections.some((r) => r.kind === 'roman' && isUnder(s, r)))
    if (picked.length) groups = [{ root: null, picked, numbered: true }]
  }
  out.push(...fromTextTables)
  for (const { root, picked } of groups) {
    for (const s of picked) {
      const body = sectionBody(lines, s)
      const bodyText = body.length ? joinLines(body).text : ''
      const own = `${s.inline} ${bodyText}`
      const lead = LEAD.exec(own)?.[1]?.trim() ?? null
      const coop = COOP.exec(own)?.[1]?.split(/[;,]/).map((x) => x.trim()).filter(Boolean) ?? []
      const t = TIME.exec(own)?.[1]?.trim() ?? findTimeline(s.node.heading)
      const parentTask = picked.includes(s.parent as Section) ? s.parent : null
      const numbered = s.kind !== 'dash' && s.kind !== 'plus'
      out.push({
        id: numbered ? s.node.id : null,
        group: (parentTask ?? root)?.node.heading ?? null,
        content: s.node.heading,
        timeline: t ?? null,
        lead: lead ? organCase(lead) : null,
        cooperating: coop,
        outputs: null,
        origin: 'list',
        prov: s.node.prov,
        confidence: numbered ? 0.85 : 0.6,
      })
    }
  }
  // list and plain-text-table tasks get the same ISO period as ruled-table tasks (timeline.ts)
  return out.map((t) => ({ ...t, period: parseTimeline(t.timeline) }))
}
