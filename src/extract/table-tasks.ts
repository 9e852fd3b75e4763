/**
 * Task tables → tasks (origin "table"). Column roles come from the header words
 * (src/layout/data/column-roles.ts): STT → id, Nội dung/Hoạt động → content, Thời gian → timeline,
 * Chủ trì → lead, Phối hợp → cooperating, and result columns → `outputs` keyed by their leaf header
 * ("Trung ương", "Các tỉnh, thành Hội"). A row whose content cell spans every non-id column is a
 * group row ("Nhiệm vụ 1: …"): it names the group of the rows under it. A table without a content
 * column and at least one other role is not a task table.
 */
import type { Table, TableCell, Task } from '../schema/plan.js'
import type { Box } from '../schema/provenance.js'
import { cellAt, columnNames, columnRoles, headerRowCount } from '../layout/tables/header.js'

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

export function tasksFromTable(table: Table): Task[] {
  const cols = table.columns.length
  const rows = table.cells.reduce((m, c) => Math.max(m, c.row + c.rowSpan), 0)
  const headerRows = table.headerRows ?? headerRowCount(table.cells, rows)
  const names = columnNames(table.cells, cols, headerRows)
  const full = names.full.map((n, i) => n || table.columns[i] || '')
  const roles = columnRoles(full)
  const contentCol = roles.indexOf('content')
  if (contentCol < 0 || roles.filter((r) => r && r !== 'content').length === 0) return []
  const idCol = roles.indexOf('id')
  const timeCol = roles.indexOf('timeline')
  const leadCol = roles.indexOf('lead')
  const coopCol = roles.indexOf('cooperating')
  const outputCols = roles.flatMap((r, i) => (r === 'output' || r === 'budget' || r === 'note' ? [i] : []))
  const otherCols = roles.flatMap((r, i) => (i !== idCol ? [i] : []))
  const tasks: Task[] = []
  let group: string | null = null
  for (let r = headerRows; r < rows; r++) {
    const rowCells = table.cells.filter((c) => r >= c.row && r < c.row + c.rowSpan)
    const starting = rowCells.filter((c) => c.row === r)
    if (starting.length === 0) continue
    const content = cellAt(table.cells, r, contentCol)
    if (!content) continue
    const spansAll = otherCols.every((c) => c >= content.col && c < content.col + content.colSpan)
    const text = (c: number) => (c >= 0 ? clean(cellAt(table.cells, r, c)?.text) : '')
    if (spansAll) {
      // a group row: "B | Nhiệm vụ và giải pháp", "1 | Nhiệm vụ 1: …"
      const t = clean(content.text)
      if (t) group = t
      continue
    }
    if (content.row !== r) continue // the content cell of an earlier row spans this one: nothing new
    const body = clean(content.text)
    const id = idCol >= 0 ? cleanId(text(idCol)) : null
    if (!body && !id) continue
    const outputs: Record<string, string> = {}
    for (const c of outputCols) {
      const cell = cellAt(table.cells, r, c)
      const key = names.leaf[c] || full[c] || `col${c}`
      if (cell && cell.text.trim() && !(key in outputs)) outputs[key] = clean(cell.text)
    }
    const own = starting.concat(rowCells.filter((c) => c.row < r && c.col === contentCol))
    const page = content.page ?? table.pages[0]
    const sameLines = own.filter((c) => (c.page ?? page) === page && c.lines)
    const from = sameLines.length ? Math.min(...sameLines.map((c) => c.lines![0])) : table.prov.lines[0]
    const to = sameLines.length ? Math.max(...sameLines.map((c) => c.lines![1])) : from
    const box = rowBox(starting.filter((c) => (c.page ?? page) === page))
    tasks.push({
      id,
      group,
      content: body,
      timeline: text(timeCol) || null,
      lead: text(leadCol) || null,
      cooperating: coopCol >= 0 ? text(coopCol).split(/\s*[;,]\s*/).filter(Boolean) : [],
      outputs: outputCols.length > 0 ? outputs : null,
      origin: 'table',
      prov: box ? { page, lines: [from, to], box } : { page, lines: [from, to] },
      confidence: table.confidence,
    })
  }
  return tasks
}
