// A task table printed as plain text (text layer or a converter's output: no boxes, so the layout
// stage finds no table): a header row naming the columns ("TT  Nội dung công việc  Đơn vị chủ trì
// Thời gian thực hiện") with 2+ spaces between them, then rows that open with their number, each
// cell wrapped onto the next lines at the same horizontal place. The column words are the task
// tables' (src/layout/data/column-roles.ts: STT/TT, Nội dung, Chủ trì, Phối hợp, Thời gian). A
// row of this table is a task ("a row of the task table", ../shared/dev/LABELS.md). A table whose
// columns the text did not keep apart (OCR read its cells as interleaved lines) is read by its row
// numbers instead (flat-table-tasks.ts).
import type { Task } from '../schema/plan.js'
import { columnRoles } from '../layout/tables/header.js'
import { flatTextTable, type TextTable } from './flat-table-tasks.js'
import type { XLine } from './lines.js'
import { organCase } from './text.js'

type Piece = { text: string; x: number }

/** The pieces of a line cut at runs of 2+ spaces, with their character offsets. */
export function textCells(raw: string): Piece[] {
  return [...raw.replace(/\t/g, '    ').matchAll(/\S+(?: \S+)*/g)].map((m) => ({ text: m[0], x: m.index! }))
}

/** The column a piece belongs to: the last column starting at or before it (2 characters of slack). */
function columnOf(starts: number[], x: number): number {
  let c = 0
  for (let k = 0; k < starts.length; k++) if (starts[k] <= x + 2) c = k
  return c
}

/**
 * The plain-text task table in `lines` (a task section's lines): its tasks and the span of lines
 * (`XLine.i`) it covers, or null when there is none.
 */
export function textTaskTable(lines: XLine[]): TextTable | null {
  return alignedTextTable(lines) ?? flatTextTable(lines)
}

/** A table whose columns stand at fixed places: the header needs an id and a content column and one more role. */
function alignedTextTable(lines: XLine[]): TextTable | null {
  const raw = (l: XLine) => (l.src.text ?? l.text).normalize('NFC')
  for (let h = 0; h < lines.length; h++) {
    const head = textCells(raw(lines[h]))
    if (head.length < 3) continue
    const roles = columnRoles(head.map((p) => p.text))
    const content = roles.indexOf('content')
    const id = roles.indexOf('id')
    if (content < 0 || id < 0 || roles.filter((r) => r && r !== 'content' && r !== 'id').length === 0) continue
    const starts = head.map((p) => p.x)
    const rows: { cells: string[][]; first: XLine; last: XLine }[] = []
    for (let k = h + 1; k < lines.length; k++) {
      const l = lines[k]
      if (!l.text) { if (rows.length) break; continue }
      const pieces = textCells(raw(l))
      const cols = pieces.map((p) => columnOf(starts, p.x))
      // a new row opens with its number in the id column
      const opens = cols[0] === id && /^\d{1,3}[.)]?$/.test(pieces[0].text)
      if (opens) rows.push({ cells: head.map(() => []), first: l, last: l })
      else if (!rows.length || cols.includes(id)) break
      const row = rows[rows.length - 1]
      pieces.forEach((p, n) => row.cells[cols[n]].push(p.text))
      row.last = l
    }
    if (!rows.length) continue
    const cell = (r: (typeof rows)[number], c: number) => (c >= 0 ? r.cells[c].join(' ').replace(/\s+/g, ' ').trim() : '')
    const lead = roles.indexOf('lead')
    const coop = roles.indexOf('cooperating')
    const time = roles.indexOf('timeline')
    const tasks = rows.map((r): Task => ({
      id: cell(r, id).replace(/[.)]$/, '') || null,
      group: null,
      content: cell(r, content),
      timeline: cell(r, time) || null,
      lead: cell(r, lead) ? organCase(cell(r, lead)) : null,
      cooperating: coop >= 0 ? cell(r, coop).split(/\s*[;,]\s*/).filter(Boolean) : [],
      outputs: null,
      origin: 'table' as const,
      prov: { page: r.first.page, lines: [r.first.line, r.last.page === r.first.page ? r.last.line : r.first.line] },
      confidence: 0.7,
    }))
    return { tasks, from: lines[h].i, to: rows[rows.length - 1].last.i }
  }
  return null
}
