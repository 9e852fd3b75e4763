import { describe, expect, it } from 'vitest'
import { layoutDocument } from '../../src/layout/index.js'
import { normalizeTableCells } from '../../src/layout/tables/normalize-cells.js'
import type { PageTable, PageTableCell } from '../../src/schema/page.js'
import { line, page } from './helpers.js'

const cell = (row: number, col: number, text: string, extra: Partial<PageTableCell> = {}): PageTableCell => ({ row, col, rowSpan: 1, colSpan: 1, text, box: [100 + col * 600, 100 + row * 50, 700 + col * 600, 150 + row * 50], ...extra })
const pt = (cells: PageTableCell[]): PageTable => ({ box: [100, 100, 1300, 250], rows: 3, cols: 2, cells, method: 'rules' })

/** A two-column table whose body cell (1, 1) holds the page words of line 0, read at these confidences. */
function tableWith(text: string, confs: number[], extra: Partial<PageTableCell> = {}) {
  const l = line(text, 720, 160)
  l.words!.forEach((w, i) => (w.conf = confs[i]))
  const words = l.words!.map((_, i) => [0, i] as [number, number])
  const cells = [cell(0, 0, 'STT'), cell(0, 1, 'Sản phẩm'), cell(1, 0, '1'), cell(1, 1, text, { words, ...extra }), cell(2, 0, '2'), cell(2, 1, 'Báo cáo tổng hợp')]
  return layoutDocument([page(1, [l], { tables: [pt(cells)] })]).tables
}
const bodyText = (tables: ReturnType<typeof tableWith>) => normalizeTableCells(tables, { originOf: () => 'ocr' })[0].cells.find((c) => c.row === 1 && c.col === 1)?.text

describe('table cells normalized with their OCR confidences', () => {
  it('repairs a misread mark in a cell when the OCR was unsure of the word, keeps it when the OCR was sure', () => {
    expect(bodyText(tableWith('Sản phấm', [0.97, 0.5]))).toBe('Sản phẩm')
    expect(bodyText(tableWith('Sản phấm', [0.97, 0.99]))).toBe('Sản phấm')
  })

  it('a cell re-read from its crop carries its own read confidence', () => {
    // the crop read replaced the page words' text: its confidence is the cell's
    expect(bodyText(tableWith('Sản phẩn', [0.97, 0.4], { text: 'Sản phấm', conf: 0.5 }))).toBe('Sản phẩm')
    expect(bodyText(tableWith('Sản phẩn', [0.97, 0.4], { text: 'Sản phấm', conf: 0.99 }))).toBe('Sản phấm')
  })

  it('without confidences the cells normalize as before, and the plan cells carry none', () => {
    const tables = tableWith('Sản phấm', [0.97, 0.5]).map((t) => ({ ...t, cells: t.cells.map(({ wordConf: _, ...c }) => c) }))
    const out = normalizeTableCells(tables, { originOf: () => 'ocr' })[0]
    expect(out.cells.find((c) => c.row === 1 && c.col === 1)?.text).toBe('Sản phấm')
    expect(out.cells.every((c) => !('wordConf' in c))).toBe(true)
  })
})
