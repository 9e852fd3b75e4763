/**
 * Table cells through the same normalizer as running text (src/normalize: NFC, legacy encodings,
 * the OCR-mark channel, protected codes and dates). A cell's text may not have been normalized at
 * all (a cell re-read from its own crop, cell-ocr.ts, replaces its page words), or only as a slice
 * of a page line that Tesseract read across several cells, where the language model saw the
 * neighbouring cells' words as context. Here each cell is one line of its own: the normalizer is
 * line-preserving, so one call per table and text origin gives every cell back in place, and the
 * table's cells together give the channel estimate enough text. Each cell's OCR word confidences
 * (its page words', or its own crop read's: join.ts LaidCell) go with it: the normalizer changes a
 * word read with high confidence only on stronger evidence (normalize/word-confidence.ts).
 */
import { normalizeText, type LanguageModel } from '../../normalize/index.js'
import type { TextOrigin } from '../../schema/page.js'
import type { Table } from '../../schema/plan.js'
import type { LaidCell, LaidTable } from './join.js'

export type CellNormalizeOptions = {
  model?: LanguageModel
  /** origin of each page's text ('ocr' lets the OCR-mark channel change marks); missing pages: 'ocr' */
  originOf: (page: number) => TextOrigin | undefined
}

/** A closing period, colon or semicolon after a word or a number of ≥ 3 digits (never an id's "1." or "II."). */
const CLOSING_MARK = /(?<=\p{L}{2}|\p{N}{3})[.:;]$/u
/**
 * Under this share of the body cells ending with a mark, a table's cells are written without one,
 * and the one cell that ends with a mark ends with a speck read as "." or ":" (a table written
 * with closing periods ends most of its cells with one).
 */
const CLOSING_MARK_SHARE = 0.25

/** OCR cells closed the way the rest of the table is not: their closing mark dropped (text layers keep theirs). */
function dropOddClosingMarks(t: LaidTable, ocr: (c: LaidCell) => boolean): LaidCell[] {
  const body = t.cells.filter((c) => c.row >= (t.headerRows ?? 0) && /\s/.test(c.text.trim()))
  const closed = body.filter((c) => CLOSING_MARK.test(c.text.trim())).length
  if (body.length === 0 || closed >= CLOSING_MARK_SHARE * body.length) return t.cells.map((c) => ({ ...c }))
  return t.cells.map((c) => ({ ...c, text: c.row >= (t.headerRows ?? 0) && ocr(c) ? c.text.trim().replace(CLOSING_MARK, '') : c.text }))
}

// Quarters (quý) are numbered I–IV, in Roman numerals or Arabic ("Quý II/2025", "Quý 2 năm 2025";
// extract/data/period-words.ts). OCR reads a Roman "I" as "1", "l" or "|", and a speck in it as "!".
const QUARTERS = ['I', 'II', 'III', 'IV']
/** "Quý" and a numeral made of what OCR reads Roman I and V as. */
const QUARTER = /(?<!\p{L})(quý|QUÝ|Quý)(\s+)([1Il|!V]{1,4})(?![\p{L}\p{N}])/gu
const asRoman = (numeral: string) => numeral.replace(/[!|]/g, '').replace(/[1l]/g, 'I')

/**
 * Quarter numerals read from Roman ones: "Quý 11/2025" and "Quý I!V" can only be II and IV; "Quý 1"
 * is I where the table writes its other quarters in Roman numerals.
 */
function romanQuarters(cells: LaidCell[]): void {
  const rewrite = (arabicOne: boolean) => {
    for (const c of cells) {
      c.text = c.text.replace(QUARTER, (all, word: string, space: string, numeral: string) => {
        const r = asRoman(numeral)
        return QUARTERS.includes(r) && (numeral !== '1' || arabicOne) ? word + space + r : all
      })
    }
  }
  rewrite(false)
  if (cells.some((c) => [...c.text.matchAll(QUARTER)].some((m) => QUARTERS.includes(m[3])))) rewrite(true)
}

/**
 * New tables whose cell texts are normalized; cell geometry, spans and provenance are kept (the word
 * confidences are used here and dropped). A body cell's closing mark goes when most of the table's
 * cells have none (dropOddClosingMarks).
 */
export function normalizeTableCells(tables: readonly LaidTable[], opts: CellNormalizeOptions): Table[] {
  return tables.map((t) => {
    const originOf = (c: LaidCell) => opts.originOf(c.page ?? t.pages[0]) ?? 'ocr'
    const cells = dropOddClosingMarks(t, (c) => originOf(c) === 'ocr')
    romanQuarters(cells.filter((c) => originOf(c) === 'ocr'))
    const byOrigin = new Map<TextOrigin | undefined, number[]>()
    cells.forEach((c, i) => {
      if (!c.text.trim()) return
      const origin = originOf(c)
      byOrigin.set(origin, [...(byOrigin.get(origin) ?? []), i])
    })
    for (const [origin, idx] of byOrigin) {
      const lines = idx.map((i) => cells[i].text.replace(/\s+/g, ' ').trim())
      // a cell's confidences count where they still match its tokens one to one
      const confs = idx.map((i, k) => (cells[i].wordConf?.length === lines[k].split(' ').length ? cells[i].wordConf : undefined))
      const wordConfidence = confs.some(Boolean) ? (line: number, token: number) => confs[line]?.[token] : undefined
      const out = normalizeText(lines.join('\n'), { model: opts.model, source: origin, wordConfidence }).text.split('\n')
      // the normalizer keeps lines; if it ever does not, the cells keep their text
      if (out.length === idx.length) idx.forEach((i, k) => (cells[i].text = out[k].trim()))
    }
    return { ...t, cells: cells.map(({ wordConf: _, ...c }) => c) }
  })
}
