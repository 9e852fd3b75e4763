/**
 * Which top rows of a table are its header, what each column is called (joined over the header
 * rows, "CẤP THỰC HIỆN/KẾT QUẢ ĐẦU RA / Trung ương"), and what role a column plays.
 */
import { foldForSearch } from '../../normalize/syllable.js'
import { COLUMN_ROLES, type ColumnRole } from '../data/column-roles.js'
import { ID_TEXT } from './ids.js'
import { NO_WORD } from './cell-marks.js'

export type GridCell = { row: number; col: number; rowSpan: number; colSpan: number; text: string }

/** Role of one header text, or null; words must match whole folded words. */
export function roleOf(header: string): ColumnRole | null {
  const f = folded(header)
  return COLUMN_ROLES.find((r) => names(f, r.words))?.role ?? null
}

/** The column roles whose header words occur in a text: a table's whole header row read as one page line names several. */
export function rolesNamed(text: string): Set<ColumnRole> {
  const f = folded(text)
  return new Set(COLUMN_ROLES.filter((r) => names(f, r.words)).map((r) => r.role))
}

const folded = (text: string) => ` ${foldForSearch(text).replace(/[^a-z0-9]+/g, ' ')} `
const names = (f: string, words: readonly string[]) => words.some((w) => f.includes(` ${w} `) || (w.includes(' ') && keyPattern(w).test(f)))

/** A multi-word key with its spaces optional: OCR runs bold header words together ("THỜIGIAN"). */
const patterns = new Map<string, RegExp>()
function keyPattern(w: string): RegExp {
  let p = patterns.get(w)
  if (!p) patterns.set(w, (p = new RegExp(` ${w.split(' ').join(' ?')} `)))
  return p
}

/** The cell covering (row, col), if any. */
export function cellAt<C extends GridCell>(cells: readonly C[], row: number, col: number): C | undefined {
  return cells.find((c) => row >= c.row && row < c.row + c.rowSpan && col >= c.col && col < c.col + c.colSpan)
}

/** Number of header rows: row 0 when its words name columns, extended over its row spans. */
export function headerRowCount(cells: readonly GridCell[], rows: number): number {
  const row0 = cells.filter((c) => c.row === 0 && c.text.trim())
  if (row0.length === 0) return 0
  // a numbered row is a body row: a group row opening a continuation page ("3 | Nhiệm vụ 3: …")
  // names a role word but carries an id and a number; header cells carry neither
  if (row0.some((c) => ID_TEXT.test(c.text.trim()))) return 0
  const named = row0.filter((c) => roleOf(c.text) !== null && !/\d/.test(c.text)).length
  if (named === 0 || named < row0.length / 2) return 0
  let n = Math.max(...cells.filter((c) => c.row === 0).map((c) => c.rowSpan))
  // no spans known (text without drawn rules): a row that only fills columns under a spanning header cell
  const spanning = cells.filter((c) => c.row === 0 && c.colSpan > 1)
  while (n < rows && spanning.length > 0) {
    const next = cells.filter((c) => c.row === n && c.text.trim())
    if (next.length === 0) break
    const under = next.every((c) => spanning.some((s) => c.col >= s.col && c.col + c.colSpan <= s.col + s.colSpan))
    if (!under) break
    n++
  }
  return Math.min(n, rows)
}

/** A header cell's words, without the tokens that hold no letter or digit (rule fragments, specks). */
function columnWords(text: string): string {
  return text.split(/\s+/).filter((t) => t && !NO_WORD.test(t)).join(' ')
}

/** Header text of each column over the header rows, top to bottom ("A / B"). */
export function columnNames(cells: readonly GridCell[], cols: number, headerRows: number): { full: string[]; leaf: string[] } {
  const full: string[] = []
  const leaf: string[] = []
  for (let c = 0; c < cols; c++) {
    const parts: string[] = []
    for (let r = 0; r < headerRows; r++) {
      const cell = cellAt(cells, r, c)
      const t = cell && columnWords(cell.text)
      if (t && parts[parts.length - 1] !== t) parts.push(t)
    }
    full.push(parts.join(' / '))
    leaf.push(parts[parts.length - 1] ?? '')
  }
  return { full, leaf }
}

/** Role of each column, from its full header (leaf words first, then the spanning header above). */
export function columnRoles(full: readonly string[]): (ColumnRole | null)[] {
  return full.map((name) => {
    const parts = name.split(' / ')
    for (let i = parts.length - 1; i >= 0; i--) {
      const r = roleOf(parts[i])
      if (r) return r
    }
    return null
  })
}

/** Share of a column's filled body cells that must read as ids for an unnamed first column to be the id column. */
const ID_COLUMN_SHARE = 0.6

/**
 * The id (STT) column: the column whose header names it, else — the header cell misread ("SA g 7"
 * for STT) — a first column without a role whose filled body cells mostly read as ids. -1: none.
 */
export function idColumnOf(cells: readonly GridCell[], headerRows: number, full: readonly string[]): number {
  const roles = columnRoles(full)
  const named = roles.indexOf('id')
  if (named >= 0 || roles[0] !== null) return named
  const texts = cells.filter((c) => c.row >= headerRows && c.col === 0 && c.colSpan === 1 && c.text.trim()).map((c) => c.text.trim())
  return texts.length >= 2 && texts.filter((t) => ID_TEXT.test(t)).length >= ID_COLUMN_SHARE * texts.length ? 0 : -1
}
