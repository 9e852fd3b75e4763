/**
 * Task tables → tasks (origin "table"). Column roles come from the header words
 * (src/layout/data/column-roles.ts): STT → id, Nội dung/Hoạt động → content, Thời gian → timeline,
 * Chủ trì → lead, Phối hợp → cooperating, and result columns → `outputs` keyed by their leaf header
 * ("Trung ương", "Các tỉnh, thành Hội"). Group rows ("Nhiệm vụ 1: …", isGroupRow) name the group of
 * the rows under them. The printed timeline is kept and parsed into an ISO `period` (timeline.ts).
 * A table without a content column and at least one other role is not a task table.
 */
import type { Table, TableCell, Task } from '../schema/plan.js'
import type { Box } from '../schema/provenance.js'
import { cellAt, columnNames, columnRoles, headerRowCount, idColumnOf } from '../layout/tables/header.js'
import { parseTimeline } from './timeline.js'

const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

/** "1.", "1.2", "1.2.", "a)", "II" → "1", "1.2", "1.2", "a", "II". */
function cleanId(s: string): string | null {
  const t = clean(s).replace(/[.)]+$/, '')
  return t ? t : null
}

function rowBox(cells: TableCell[]): Box | undefined {
  const bs = cells.map((c) => c.box).filter((b): b is Box => !!b)
  if (bs.length === 0) return undefined
  return [Math.min(...bs.map((b) => b[0])), Math.min(...bs.map((b) => b[1])), Math.max(...bs.map((b) => b[2])), Math.max(...bs.map((b) => b[3]))]
}

export function tasksFromTables(tables: Table[]): Task[] {
  return tables.flatMap(tasksFromTable)
}

type Roles = {
  names: { full: string[]; leaf: string[] }
  headerRows: number
  id: number
  content: number
  timeline: number
  lead: number
  cooperating: number
  outputs: number[]
  /** every column but the id column: a cell spanning them all is a group row */
  others: number[]
}

/** Column roles of a task table, or null when it is not one (no content column and no other role). */
function rolesOf(table: Table, rows: number): Roles | null {
  const headerRows = table.headerRows ?? headerRowCount(table.cells, rows)
  const names = columnNames(table.cells, table.columns.length, headerRows)
  const full = names.full.map((n, i) => n || table.columns[i] || '')
  const roles = columnRoles(full)
  const content = roles.indexOf('content')
  if (content < 0 || roles.filter((r) => r && r !== 'content').length === 0) return null
  const id = idColumnOf(table.cells, headerRows, full)
  return {
    names: { full, leaf: names.leaf },
    headerRows,
    id,
    content,
    timeline: roles.indexOf('timeline'),
    lead: roles.indexOf('lead'),
    cooperating: roles.indexOf('cooperating'),
    outputs: roles.flatMap((r, i) => (r === 'output' || r === 'budget' || r === 'note' ? [i] : [])),
    others: roles.flatMap((_, i) => (i !== id ? [i] : [])),
  }
}

/** A dotted or plain number id ("2", "1.3"), or null for Roman numerals, letters and text. */
const numberParts = (id: string | null) => (id && /^\d+(?:\.\d+)*$/.test(id) ? id.split('.') : null)

/**
 * A group row names the tasks under it ("B | Nhiệm vụ và giải pháp", "1 | Nhiệm vụ 1: …"): its
 * content cell spans every non-id column, or at least one more role column (a merged heading cell
 * whose right rule the scan lost), or — cells not merged, as in a borderless table — only its id and
 * content are filled and the next row's id is numbered under it (1 → 1.1) or it carries a Roman
 * numeral or a letter over numbered rows. Told by the table's shape and numbering, not by the page
 * the row falls on.
 */
function isGroupRow(table: Table, r: number, roles: Roles, id: string | null, nextId: string | null): boolean {
  const content = cellAt(table.cells, r, roles.content)
  if (!content) return false
  if (roles.others.every((c) => c >= content.col && c < content.col + content.colSpan)) return true
  const roleCols = [roles.timeline, roles.lead, roles.cooperating, ...roles.outputs].filter((c) => c >= 0)
  if (roleCols.some((c) => c >= content.col && c < content.col + content.colSpan)) return true
  const filled = roleCols.some((c) => clean(cellAt(table.cells, r, c)?.text))
  if (filled || !id || !nextId) return false
  const own = numberParts(id)
  const next = numberParts(nextId)
  if (own && next) return next.length === own.length + 1 && next.slice(0, own.length).join('.') === own.join('.')
  return !own && next !== null // "II" or "B" over numbered rows
}

/** Starting rows of the body, each with its cleaned id (for the group test's look-ahead). */
function bodyRows(table: Table, roles: Roles, rows: number): { r: number; id: string | null }[] {
  const out: { r: number; id: string | null }[] = []
  for (let r = roles.headerRows; r < rows; r++) {
    if (!table.cells.some((c) => c.row === r)) continue
    out.push({ r, id: roles.id >= 0 ? cleanId(clean(cellAt(table.cells, r, roles.id)?.text)) : null })
  }
  return out
}

/** The task of one body row, or null when the row holds nothing new (a cell spanning from above). */
function taskOfRow(table: Table, r: number, roles: Roles, id: string | null, group: string | null): Task | null {
  const content = cellAt(table.cells, r, roles.content)
  if (!content || content.row !== r) return null // the content cell of an earlier row spans this one
  const body = clean(content.text)
  if (!body && !id) return null
  const text = (c: number) => (c >= 0 ? clean(cellAt(table.cells, r, c)?.text) : '')
  const outputs: Record<string, string> = {}
  for (const c of roles.outputs) {
    const cell = cellAt(table.cells, r, c)
    const key = roles.names.leaf[c] || roles.names.full[c] || `col${c}`
    if (cell && cell.text.trim() && !(key in outputs)) outputs[key] = clean(cell.text)
  }
  const timeline = text(roles.timeline) || null
  return {
    id,
    group,
    content: body,
    timeline,
    period: parseTimeline(timeline),
    lead: text(roles.lead) || null,
    cooperating: roles.cooperating >= 0 ? text(roles.cooperating).split(/\s*[;,]\s*/).filter(Boolean) : [],
    outputs: roles.outputs.length > 0 ? outputs : null,
    origin: 'table',
    prov: rowProv(table, r, roles.content, content.page ?? table.pages[0]),
    confidence: table.confidence,
  }
}

/** Page, line range and box of a row's own cells (those starting on it, and its content cell). */
function rowProv(table: Table, r: number, contentCol: number, page: number): Task['prov'] {
  const starting = table.cells.filter((c) => c.row === r)
  const own = starting.concat(table.cells.filter((c) => c.row < r && r < c.row + c.rowSpan && c.col === contentCol))
  const sameLines = own.filter((c) => (c.page ?? page) === page && c.lines)
  const from = sameLines.length ? Math.min(...sameLines.map((c) => c.lines![0])) : table.prov.lines[0]
  const to = sameLines.length ? Math.max(...sameLines.map((c) => c.lines![1])) : from
  const box = rowBox(starting.filter((c) => (c.page ?? page) === page))
  return box ? { page, lines: [from, to], box } : { page, lines: [from, to] }
}

export function tasksFromTable(table: Table): Task[] {
  const rows = table.cells.reduce((m, c) => Math.max(m, c.row + c.rowSpan), 0)
  const roles = rolesOf(table, rows)
  if (!roles) return []
  const body = bodyRows(table, roles, rows)
  const tasks: Task[] = []
  let group: string | null = null
  body.forEach(({ r, id }, k) => {
    if (isGroupRow(table, r, roles, id, body[k + 1]?.id ?? null)) {
      const t = clean(cellAt(table.cells, r, roles.content)?.text)
      if (t) group = t
      return
    }
    const task = taskOfRow(table, r, roles, id, group)
    if (task) tasks.push(task)
  })
  return tasks
}
