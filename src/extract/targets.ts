// Targets: quantified objectives. Two conventions of plans make a quantity a target:
// - it is stated in an objectives section ("Mục tiêu", "Chỉ tiêu"): percentages and counted
//   results, with the deadline of its clause ("Đến năm 2025, 60% …; phấn đấu đến năm 2030 đạt
//   tỷ lệ 80%" → 60% by 2025, 80% by 2030);
// - it is an amount of money the plan commits ("Nguồn vốn thực hiện là: 249 triệu đồng"),
//   wherever it is stated in the body.
import type { Target } from '../schema/plan.js'
import { joinLines, provOfSpan, type XLine } from './lines.js'
import type { Section } from './outline.js'
import { findDeadlines, findQuantities, type Deadline } from './quantities.js'
import type { Structure } from './structure.js'

/** The deepest section holding each line. */
export function sectionOfLines(lines: XLine[], sections: Section[]): Map<number, Section> {
  const map = new Map<number, Section>()
  for (const s of sections) for (let k = s.start; k <= s.end; k++) map.set(k, s)
  return map
}

/** Items: a section's own lines (marker line through the line before its first child). */
function items(lines: XLine[], st: Structure, sections: Section[]): { sec: Section | null; lines: XLine[] }[] {
  const out: { sec: Section | null; lines: XLine[] }[] = []
  let cur: { sec: Section | null; lines: XLine[] } | null = null
  const starts = new Map(sections.map((s) => [s.start, s]))
  for (const l of lines.slice(st.bodyStart, st.endStart)) {
    const s = starts.get(l.i)
    if (s) { cur = { sec: s, lines: [] }; out.push(cur) }
    if (!l.text || l.src.inTable) continue
    if (!cur) { cur = { sec: null, lines: [] }; out.push(cur) }
    cur.lines.push(l)
  }
  return out
}

function sectionHeading(s: Section | null): string | null {
  let p = s
  while (p && (p.kind === 'dash' || p.kind === 'plus')) p = p.parent
  return p?.node.heading ?? null
}

export function extractTargets(lines: XLine[], st: Structure, sections: Section[]): Target[] {
  const out: Target[] = []
  for (const it of items(lines, st, sections)) {
    if (!it.lines.length) continue
    const role = it.sec?.role ?? null
    const inTargets = role === 'targets'
    const j = joinLines(it.lines)
    // clauses: split at ";" and sentence ends; the deadline carries over within an item
    let inherited: Deadline | null = null
    let from = 0
    const parts = [...j.text.matchAll(/;|\.(?=\s+\p{Lu})|$/gu)]
    for (const p of parts) {
      const clause = j.text.slice(from, p.index!)
      const base = from
      from = p.index! + p[0].length
      if (!clause.trim()) continue
      const deadlines = findDeadlines(clause)
      for (const q of findQuantities(clause, { countUnits: inTargets })) {
        if (!inTargets && !q.money) continue
        if (inTargets && !q.money && q.unit !== '%' && role !== 'targets') continue
        const before = deadlines.filter((d) => d.index < q.index)
        const d = before[before.length - 1] ?? deadlines.find((x) => x.index > q.index) ?? inherited
        const subj = clause.slice(q.index + q.length).replace(/^[\s(]*/, '').split(/[,;.(]/)[0].trim()
        out.push({
          text: clause.trim(),
          value: q.value,
          valueMax: q.valueMax,
          unit: q.unit,
          deadline: q.money ? (deadlines[0]?.text ?? null) : d?.text ?? null,
          subject: subj || null,
          section: sectionHeading(it.sec),
          prov: provOfSpan(j, base + q.index, base + q.index + q.length),
          confidence: inTargets ? 0.85 : 0.7,
        })
      }
      if (deadlines.length) inherited = deadlines[deadlines.length - 1]
    }
  }
  return out
}
