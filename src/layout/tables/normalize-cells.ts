/**
 * Table cells through the same normalizer as running text (src/normalize: NFC, legacy encodings,
 * the OCR-mark channel, protected codes and dates). A cell's text may not have been normalized at
 * all (a cell re-read from its own crop, cell-ocr.ts, replaces its page words), or only as a slice
 * of a page line that Tesseract read across several cells, where the language model saw the
 * neighbouring cells' words as context. Here each cell is one line of its own: the normalizer is
 * line-preserving, so one call per table and text origin gives every cell back in place, and the
 * table's cells together give the channel estimate enough text.
 */
import { normalizeText, type LanguageModel } from '../../normalize/index.js'
import type { TextOrigin } from '../../schema/page.js'
import type { Table } from '../../schema/plan.js'

export type CellNormalizeOptions = {
  model?: LanguageModel
  /** origin of each page's text ('ocr' lets the OCR-mark channel change marks); missing pages: 'ocr' */
  originOf: (page: number) => TextOrigin | undefined
}

/** New tables whose cell texts are normalized; cell geometry, spans and provenance are kept. */
export function normalizeTableCells(tables: readonly Table[], opts: CellNormalizeOptions): Table[] {
  return tables.map((t) => {
    const cells = t.cells.map((c) => ({ ...c }))
    const byOrigin = new Map<TextOrigin | undefined, number[]>()
    cells.forEach((c, i) => {
      if (!c.text.trim()) return
      const origin = opts.originOf(c.page ?? t.pages[0]) ?? 'ocr'
      byOrigin.set(origin, [...(byOrigin.get(origin) ?? []), i])
    })
    for (const [origin, idx] of byOrigin) {
      const text = idx.map((i) => cells[i].text.replace(/\s+/g, ' ').trim()).join('\n')
      const out = normalizeText(text, { model: opts.model, source: origin }).text.split('\n')
      // the normalizer keeps lines; if it ever does not, the cells keep their text
      if (out.length === idx.length) idx.forEach((i, k) => (cells[i].text = out[k].trim()))
    }
    return { ...t, cells }
  })
}
