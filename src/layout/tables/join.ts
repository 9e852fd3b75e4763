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
import { cellAt, columnNames, headerRowCount, idColumnOf, roleOf } from './header.js'
import { repairIds } from './ids.js'

type Placed = { page: PageIn; table: PageTable; index: number; count: number }

/**
 * A document table cell as layout hands it on: `wordConf` is the OCR confidence of each
 * whitespace-separated token of its text (page word confidences, or the cell's own read confidence
 * for a cell re-read from its crop), for the cell normalizer (normalize-cells.ts). Not part of the
 * plan: validation drops it.
 */
export type LaidCell = TableCell & { wordConf?: (number | undefined)[] }
export type LaidTable = Omit<Table, 'cells'> & { cells: LaidCell[] }

/**
 * A page-table cell's text from the normalized lines, following the cell's word refs, and the OCR
 * confidence of each of its tokens (see LaidCell).
 */
function normalizedCell(p: PageIn, cell: PageTable['cells'][number], alignCache: Map<number, ([number, number] | null)[]>): { text: string; wordConf?: (number | undefined)[] } {
  const whole = (text: string) => ({ text, ...(cell.conf === undefined ? {} : { wordConf: text.split(/\s+/).filter(Boolean).map(() => cell.conf) }) })
  if (!cell.words || cell.words.length === 0) return whole(cell.text)
  // a cell re-read from its own crop (cell-ocr.ts) no longer says what its page words say: its text wins
  const raw = cell.words.map(([k, i]) => (p.lines[k]?.words?.length ? (p.lines[k].words![i]?.text ?? '') : (p.lines[k]?.text ?? '')))
  if (cleanCellText(raw.join(' ')) !== cleanCellText(cell.text)) return whole(cleanCellText(cell.text))
  const out: { text: string; conf: number | undefined }[] = []
  for (const [k, i] of cell.words) {
    const line = p.lines[k]
    const norm = p.normalizedLines[k] ?? line?.text ?? ''
    if (!line) continue
    if (!line.words || line.words.length === 0) {
      out.push({ text: norm, conf: line.conf })
      continue
    }
    let align = alignCache.get(k)
    if (!align) {
      align = alignWords(line.words.map((w) => w.text), norm)
      alignCache.set(k, align)
    }
    const r = align[i]
    if (r) out.push({ text: norm.slice(r[0], r[1]), conf: line.words[i]?.conf })
  }
  const text = cleanCellText(out.map((o) => o.text).join(' '))
  return { text, wordConf: confidencesOf(text, out) }
}

/**
 * The confidence of each token of `text`, a cleaned (cleanCellText) join of the word slices `parts`:
 * the cleaned text is found in the join, and each of its tokens takes the confidence of the slice its
 * first character came from. Undefined when the cleaned text is not found in the join.
 */
function confidencesOf(text: string, parts: { text: string; conf: number | undefined }[]): (number | undefined)[] | undefined {
  let joined = ''
  const owner: (number | undefined)[] = []
  for (const part of parts) {
    const t = part.text.replace(/\s+/g, ' ').trim()
    if (!t) continue
    if (joined) (joined += ' '), owner.push(undefined)
    joined += t
    for (let i = 0; i < t.length; i++) owner.push(part.conf)
  }
  const at = joined.indexOf(text)
  if (at < 0) return undefined
  return [...text.matchAll(/\S+/gu)].map((m) => owner[at + m.index])
}

/**
 * Rule stubs OCR reads as characters ("|", "[") at a cell's edges go, and so do specks read as
 * punctuation standing alone at the cell's end ("Năm 2025 .", "hằng năm -") or a closing quote no
 * opening one pairs ("hằng năm”"): a cell does not end on a lone mark.
 */
export function cleanCellText(s: string): string {
  let t = s.replace(/\s+/g, ' ').replace(/^[\s|[\]!_]+|[\s|[\]_]+$/g, '').trim()
  t = t.replace(/(?:\s+[.,:;'"”’`~\-–_|]+)+$/u, '')
  if (!/[“"‘']/.test(t.slice(0, -1))) t = t.replace(/[”’'"]+$/u, '')
  return t.trim()
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
  cells: LaidCell[]
  rows: number
  cols: number
  headerRows: number
  columns: string[]
  /** the header cells of each page that repeats the header (the first page's included), for the vote */
  headers: TableCell[][]
  confs: number[]
  lastPage: number
  endsPage: boolean
  first: { page: number; box: Box; lines: [number, number] }
}

/** A page table's cells with their text rebuilt from the normalized lines, and their line ranges. */
function pageCells(p: PageIn, table: PageTable): LaidCell[] {
  const cache = new Map<number, ([number, number] | null)[]>()
  return table.cells.map((c) => {
    const ks = (c.words ?? []).map((r) => r[0])
    const { text, wordConf } = normalizedCell(p, c, cache)
    const cell: LaidCell = { row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text, box: c.box, page: p.page, ...(wordConf ? { wordConf } : {}) }
    if (ks.length > 0) cell.lines = [Math.min(...ks), Math.max(...ks)]
    return cell
  })
}

/** Whether a page's first table goes on with the table that ended the page before (same columns, header repeated or none at the top). */
function continues(prev: Building | undefined, at: Placed, cells: TableCell[], headerRows: number): prev is Building {
  const { page: p, table, index } = at
  if (!prev || index !== 0 || !prev.endsPage || prev.lastPage !== p.page - 1 || prev.cols !== table.cols) return false
  const height = p.height ?? 0
  const atTop = height > 0 ? table.box[1] < 0.3 * height : index === 0
  if (headerRows > 0) return similarity(headerKey(prev.cells, prev.headerRows), headerKey(cells, headerRows)) >= 0.7
  return atTop
}

/**
 * A row broken over the page: the first body row here has no id (the table names an id column)
 * while its other cells go on — their text continues the last row of the previous page. Returns
 * how many rows of the page were merged so (0 or 1).
 */
function mergeBrokenRow(prev: Building, cells: LaidCell[], headerRows: number): number {
  const idCol = idColumnOf(prev.cells, prev.headerRows, prev.columns)
  const first = cells.filter((c) => c.row === headerRows)
  const lastRow = prev.rows - 1
  const broken =
    idCol >= 0 &&
    lastRow >= prev.headerRows &&
    first.length > 0 &&
    !first.find((c) => c.col <= idCol && c.col + c.colSpan > idCol)?.text.trim() &&
    first.some((c) => c.text.trim())
  if (!broken) return 0
  for (const c of first) {
    const above: LaidCell | undefined = cellAt(prev.cells, lastRow, c.col)
    if (!above || !c.text.trim()) continue
    const conf = above.text.trim() ? above.wordConf && c.wordConf && [...above.wordConf, ...c.wordConf] : c.wordConf
    setText(above, above.text.trim() ? `${above.text.trim()} ${c.text.trim()}` : c.text.trim(), conf)
  }
  return 1
}

/** The body rows of a continuation page appended under the table (its repeated header kept aside for the vote). */
function appendPage(prev: Building, at: Placed, cells: LaidCell[], headerRows: number, confs: number[]): void {
  const merged = mergeBrokenRow(prev, cells, headerRows)
  const shift = prev.rows - headerRows - merged
  for (const c of cells) if (c.row >= headerRows + merged) prev.cells.push({ ...c, row: c.row + shift })
  if (headerRows === prev.headerRows) prev.headers.push(cells.filter((c) => c.row < headerRows))
  prev.rows += at.table.rows - headerRows - merged
  if (!prev.pages.includes(at.page.page)) prev.pages.push(at.page.page)
  prev.lastPage = at.page.page
  prev.endsPage = at.index === at.count - 1
  prev.confs.push(...confs)
}

function startTable(at: Placed, cells: LaidCell[], headerRows: number, confs: number[]): Building {
  const lineIdx = cells.flatMap((c) => (c.lines ? [...c.lines] : []))
  return {
    pages: [at.page.page],
    cells,
    rows: at.table.rows,
    cols: at.table.cols,
    headerRows,
    columns: columnNames(cells, at.table.cols, headerRows).full,
    headers: [cells.filter((c) => c.row < headerRows)],
    confs,
    lastPage: at.page.page,
    endsPage: at.index === at.count - 1,
    first: { page: at.page.page, box: at.table.box, lines: lineIdx.length ? [Math.min(...lineIdx), Math.max(...lineIdx)] : [0, 0] },
  }
}

/** Copies vote by their exact text (marks included: "KẾT QUÁ" and "KẾT QUẢ" are two readings), spacing aside. */
const voteKey = (t: string) => t.normalize('NFC').replace(/\s+/g, ' ').trim()

/**
 * The header read once from its best copy: a header repeated on every page was read on each; each
 * header cell takes the text most copies agree on, ties going to a text that names a
 * column role, then to the first page's. The first page's cells keep their place and provenance.
 */
function voteHeader(b: Building): void {
  if (b.headers.length < 2) return
  for (const cell of b.cells) {
    if (cell.row >= b.headerRows) continue
    const texts = b.headers.map((h) => h.find((c) => c.row === cell.row && c.col === cell.col && c.colSpan === cell.colSpan)?.text.trim()).filter((t): t is string => !!t)
    const votes = new Map<string, { text: string; n: number; named: boolean; order: number }>()
    texts.forEach((t, order) => {
      const v = votes.get(voteKey(t)) ?? { text: t, n: 0, named: roleOf(t) !== null, order }
      v.n++
      votes.set(voteKey(t), v)
    })
    const best = [...votes.values()].sort((x, y) => y.n - x.n || Number(y.named) - Number(x.named) || x.order - y.order)[0]
    if (best) setText(cell, best.text)
  }
  b.columns = columnNames(b.cells, b.cols, b.headerRows).full
}

/** The id column through the numbering of the whole table (ids.ts): "31" between 2.3 and 3.2 is 3.1. */
function repairIdColumn(b: Building): void {
  const idCol = idColumnOf(b.cells, b.headerRows, b.columns)
  if (idCol < 0) return
  const ids = b.cells.filter((c) => c.row >= b.headerRows && c.col === idCol && c.colSpan === 1).sort((x, y) => x.row - y.row)
  repairIds(ids.map((c) => [c.text])).forEach((t, k) => {
    if (t) setText(ids[k], t)
  })
}

/** A cell's new text; its token confidences go unless given for the new text. */
function setText(cell: LaidCell, text: string, wordConf?: (number | undefined)[]): void {
  if (text === cell.text && !wordConf) return
  cell.text = text
  if (wordConf) cell.wordConf = wordConf
  else delete cell.wordConf
}

export function joinPageTables(pages: readonly PageIn[], tablesOf: (p: PageIn) => readonly PageTable[]): LaidTable[] {
  const placed: Placed[] = []
  for (const p of pages) {
    const ts = [...tablesOf(p)].sort((a, b) => a.box[1] - b.box[1])
    ts.forEach((table, index) => placed.push({ page: p, table, index, count: ts.length }))
  }
  const out: Building[] = []
  for (const at of placed) {
    const cells = pageCells(at.page, at.table)
    const headerRows = headerRowCount(cells, at.table.rows)
    const confs = at.table.cells.map((c) => c.conf).filter((c): c is number => typeof c === 'number')
    const prev = out[out.length - 1]
    if (continues(prev, at, cells, headerRows)) appendPage(prev, at, cells, headerRows, confs)
    else out.push(startTable(at, cells, headerRows, confs))
  }
  for (const b of out) {
    voteHeader(b)
    repairIdColumn(b)
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
