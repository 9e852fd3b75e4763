/**
 * Page tables → document tables. Cell text is rebuilt from the normalized lines (the detector saw
 * raw OCR words); a table that goes on over the next page, with its header repeated or starting at
 * the top of the page with the same columns, is joined into one.
 */
import { foldForSearch } from '../../normalize/syllable.js'
import type { PageTable } from '../../schema/page.js'
import type { Table, TableCell } from '../../schema/plan.js'
import type { Box } from '../../schema/provenance.js'
import { alignWords } from '../geometry.js'
import type { PageIn } from '../columns.js'
import { cellAt, columnNames, columnRoles, headerRowCount } from './header.js'
import { repairIds } from './ids.js'

type Placed = { page: PageIn; table: PageTable; index: number; count: number }

/** Text of a page-table cell from the normalized lines, following the cell's word refs. */
export function normalizedCellText(p: PageIn, cell: PageTable['cells'][number], alignCache: Map<number, ([number, number] | null)[]>): string {
  if (!cell.words || cell.words.length === 0) return cell.text
  // a cell re-read from its own crop (cell-ocr.ts) no longer says what its page words say: its text wins
  const raw = cell.words.map(([k, i]) => (p.lines[k]?.words?.length ? (p.lines[k].words![i]?.text ?? '') : (p.lines[k]?.text ?? '')))
  if (cleanCellText(raw.join(' ')) !== cleanCellText(cell.text)) return cleanCellText(cell.text)
  const out: string[] = []
  for (const [k, i] of cell.words) {
    const line = p.lines[k]
    const norm = p.normalizedLines[k] ?? line?.text ?? ''
    if (!line) continue
    if (!line.words || line.words.length === 0) {
      out.push(norm)
      continue
    }
    let align = alignCache.get(k)
    if (!align) {
      align = alignWords(line.words.map((w) => w.text), norm)
      alignCache.set(k, align)
    }
    const r = align[i]
    if (r) out.push(norm.slice(r[0], r[1]))
  }
  return cleanCellText(out.join(' '))
}

/** Rule stubs OCR reads as characters ("|", "[") at a cell's edges go. */
export function cleanCellText(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/^[\s|[\]!_]+|[\s|[\]_]+$/g, '').trim()
}

const headerKey = (cells: TableCell[], headerRows: number) =>
  foldForSearch(cells.filter((c) => c.row < headerRows).map((c) => c.text).join(' ')).replace(/[^a-z0-9]/g, '')

function similarity(a: string, b: string): number {
  if (!a && !b) return 1
  const grams = (s: string) => {
    const m = new Map<string, number>()
    for (let i = 0; i + 2 <= s.length; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1)
    return m
  }
  const ga = grams(a)
  const gb = grams(b)
  let inter = 0
  for (const [g, n] of ga) inter += Math.min(n, gb.get(g) ?? 0)
  return (2 * inter) / Math.max(1, a.length - 1 + b.length - 1)
}

type Building = {
  pages: number[]
  cells: TableCell[]
  rows: number
  cols: number
  headerRows: number
  columns: string[]
  confs: number[]
  lastPage: number
  endsPage: boolean
  first: { page: number; box: Box; lines: [number, number] }
}

export function joinPageTables(pages: readonly PageIn[], tablesOf: (p: PageIn) => readonly PageTable[]): Table[] {
  const placed: Placed[] = []
  for (const p of pages) {
    const ts = [...tablesOf(p)].sort((a, b) => a.box[1] - b.box[1])
    ts.forEach((table, index) => placed.push({ page: p, table, index, count: ts.length }))
  }
  const out: Building[] = []
  for (const { page: p, table, index, count } of placed) {
    const cache = new Map<number, ([number, number] | null)[]>()
    const cells: TableCell[] = table.cells.map((c) => {
      const refs = c.words ?? []
      const ks = refs.map((r) => r[0])
      const cell: TableCell = { row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: normalizedCellText(p, c, cache), box: c.box, page: p.page }
      if (ks.length > 0) cell.lines = [Math.min(...ks), Math.max(...ks)]
      return cell
    })
    const headerRows = headerRowCount(cells, table.rows)
    const names = columnNames(cells, table.cols, headerRows)
    const confs = table.cells.map((c) => c.conf).filter((c): c is number => typeof c === 'number')
    const prev = out[out.length - 1]
    const height = p.height ?? 0
    const atTop = height > 0 ? table.box[1] < 0.3 * height : index === 0
    const continues =
      prev !== undefined &&
      index === 0 &&
      prev.endsPage &&
      prev.lastPage === p.page - 1 &&
      prev.cols === table.cols &&
      ((headerRows > 0 && similarity(headerKey(prev.cells, prev.headerRows), headerKey(cells, headerRows)) >= 0.7) || (headerRows === 0 && atTop))
    if (continues) {
      // a row broken over the page: the first body row here has no id (the table names an id column)
      // while the other cells go on: its text continues the last row of the previous page
      const idCol = columnRoles(prev.columns).indexOf('id')
      const first = cells.filter((c) => c.row === headerRows)
      const lastRow = prev.rows - 1
      const broken =
        idCol >= 0 &&
        lastRow >= prev.headerRows &&
        first.length > 0 &&
        !first.find((c) => c.col <= idCol && c.col + c.colSpan > idCol)?.text.trim() &&
        first.some((c) => c.text.trim())
      const merged = broken ? 1 : 0
      if (broken) {
        for (const c of first) {
          const above = cellAt(prev.cells, lastRow, c.col)
          if (above && c.text.trim()) above.text = above.text.trim() ? `${above.text.trim()} ${c.text.trim()}` : c.text.trim()
        }
      }
      const shift = prev.rows - headerRows - merged
      for (const c of cells) if (c.row >= headerRows + merged) prev.cells.push({ ...c, row: c.row + shift })
      prev.rows += table.rows - headerRows - merged
      if (!prev.pages.includes(p.page)) prev.pages.push(p.page)
      prev.lastPage = p.page
      prev.endsPage = index === count - 1
      prev.confs.push(...confs)
      continue
    }
    const lineIdx = cells.flatMap((c) => (c.lines ? [...c.lines] : []))
    out.push({
      pages: [p.page],
      cells,
      rows: table.rows,
      cols: table.cols,
      headerRows,
      columns: names.full,
      confs,
      lastPage: p.page,
      endsPage: index === count - 1,
      first: { page: p.page, box: table.box, lines: lineIdx.length ? [Math.min(...lineIdx), Math.max(...lineIdx)] : [0, 0] },
    })
  }
  for (const b of out) {
    // the id column through the numbering of the whole table (ids.ts): "31" between 2.3 and 3.2 is 3.1
    const idCol = columnRoles(b.columns).indexOf('id')
    if (idCol < 0) continue
    const ids = b.cells.filter((c) => c.row >= b.headerRows && c.col === idCol && c.colSpan === 1).sort((x, y) => x.row - y.row)
    repairIds(ids.map((c) => [c.text])).forEach((t, k) => {
      if (t) ids[k].text = t
    })
  }
  return out.map((b) => ({
    pages: b.pages,
    columns: b.columns,
    headerRows: b.headerRows,
    cells: b.cells.sort((x, y) => x.row - y.row || x.col - y.col),
    prov: { page: b.first.page, lines: b.first.lines, box: b.first.box },
    confidence: b.confs.length ? Math.round((b.confs.reduce((s, c) => s + c, 0) / b.confs.length) * 1000) / 1000 : 0.9,
  }))
}

