import { describe, expect, it } from 'vitest'
import { layoutDocument } from '../../src/layout/index.js'
import { normalizeTableCells } from '../../src/layout/tables/normalize-cells.js'
import { tasksFromTables } from '../../src/extract/table-tasks.js'
import type { PageTable, PageTableCell } from '../../src/schema/page.js'
import type { Table } from '../../src/schema/plan.js'
import { page } from './helpers.js'

const W = [0, 120, 700, 1000, 1400]
const cell = (row: number, col: number, text: string, colSpan = 1, rowSpan = 1): PageTableCell => ({
  row,
  col,
  rowSpan,
  colSpan,
  text,
  box: [100 + W[col], 100 + row * 60, 100 + W[col + colSpan], 160 + (row + rowSpan - 1) * 60],
})
const pt = (cells: PageTableCell[], rows: number, y0: number): PageTable => ({ box: [100, y0, 1500, y0 + rows * 60], rows, cols: 4, cells, method: 'rules' })
const header = (kq: string) => [cell(0, 0, 'STT'), cell(0, 1, 'Nội dung'), cell(0, 2, 'Thời gian'), cell(0, 3, kq)]
const task = (row: number, id: string, content: string, time: string, out: string) => [cell(row, 0, id), cell(row, 1, content), cell(row, 2, time), cell(row, 3, out)]

describe('group rows and headers across page breaks', () => {
  it('keeps a group row that opens a page without a header a group (not a header, not a task)', () => {
    const p1 = page(1, [], { tables: [pt([...header('Kết quả'), cell(1, 0, '1'), cell(1, 1, 'Nhiệm vụ 1: Tuyên truyền', 3), ...task(2, '1.1', 'Quán triệt kế hoạch', 'Quý II/2025', 'Hội nghị')], 3, 2900)] })
    const p2 = page(2, [], { tables: [pt([cell(0, 0, '2'), cell(0, 1, 'Nhiệm vụ 2: Kiểm tra, giám sát', 3), ...task(1, '2.1', 'Kiểm tra việc triển khai', 'Hằng năm', 'Báo cáo')], 2, 120)] })
    const doc = layoutDocument([p1, p2])
    expect(doc.tables).toHaveLength(1)
    const tasks = tasksFromTables(doc.tables)
    expect(tasks.map((t) => [t.id, t.group, t.timeline])).toEqual([
      ['1.1', 'Nhiệm vụ 1: Tuyên truyền', 'Quý II/2025'],
      ['2.1', 'Nhiệm vụ 2: Kiểm tra, giám sát', 'Hằng năm'],
    ])
    expect(tasks[0].period).toEqual({ start: '2025-04-01', end: '2025-06-30', recurrence: null })
    expect(tasks[1].period).toEqual({ start: null, end: null, recurrence: 'FREQ=YEARLY' })
  })
  it('takes a group row whose merged cell lost its right rule for a group, not a task timed by its own title', () => {
    const p1 = page(1, [], { tables: [pt([...header('Kết quả'), cell(1, 0, 'I'), cell(1, 1, 'Nhiệm vụ 1: Tuyên truyền', 2), cell(1, 3, ''), ...task(2, '1.1', 'Quán triệt', 'Năm 2025', 'Hội nghị')], 3, 500)] })
    expect(tasksFromTables(layoutDocument([p1]).tables).map((t) => [t.id, t.group, t.timeline])).toEqual([['1.1', 'Nhiệm vụ 1: Tuyên truyền', 'Năm 2025']])
  })
  it('reads a repeated header once: each header cell takes the text most pages agree on', () => {
    const rows = (n: number) => task(1, String(n), `Việc ${n}`, 'Năm 2025', 'x')
    const pages = [header('Kết quá'), header('Kết quả'), header('Kết quả')].map((h, i) => page(i + 1, [], { tables: [pt([...h, ...rows(i + 1)], 2, i === 0 ? 2900 : 120)] }))
    const [t] = layoutDocument(pages).tables
    expect(t.pages).toEqual([1, 2, 3])
    expect(t.columns[3]).toBe('Kết quả')
    expect(tasksFromTables([t]).map((x) => Object.keys(x.outputs ?? {}))).toEqual([['Kết quả'], ['Kết quả'], ['Kết quả']])
  })
  it('finds the id column under a misread STT header from the ids below it', () => {
    const p1 = page(1, [], { tables: [pt([cell(0, 0, 'SA g 7'), cell(0, 1, 'Nội dung'), cell(0, 2, 'Thời gian'), cell(0, 3, 'Kết quả'), ...task(1, '1', 'Việc một', 'Năm 2025', 'a'), ...task(2, '2', 'Việc hai', 'Năm 2026', 'b')], 3, 500)] })
    expect(tasksFromTables(layoutDocument([p1]).tables).map((t) => t.id)).toEqual(['1', '2'])
  })
})

describe('table cells through the normalizer', () => {
  it('repairs OCR mark slips in cells as in running text, and keeps codes and dates', () => {
    const texts = ['Nội dung', 'Tố chức hội nghị quán triệt tại địa phương', 'Chăm sóc người cao tuối', 'Xây dựng nên tảng số dùng chung', 'Nghị quyết số 30/NQ-TUHCTD ngày 25/01/2024', '1.2']
    const table: Table = {
      pages: [1],
      columns: ['Nội dung'],
      headerRows: 1,
      cells: texts.map((text, row) => ({ row, col: 0, rowSpan: 1, colSpan: 1, text, page: 1 })),
      prov: { page: 1, lines: [0, 0] },
      confidence: 0.9,
    }
    const [out] = normalizeTableCells([table], { originOf: () => 'ocr' })
    expect(out.cells.map((c) => c.text)).toEqual(['Nội dung', 'Tổ chức hội nghị quán triệt tại địa phương', 'Chăm sóc người cao tuổi', 'Xây dựng nền tảng số dùng chung', 'Nghị quyết số 30/NQ-TUHCTD ngày 25/01/2024', '1.2'])
    expect(table.cells[1].text).toBe('Tố chức hội nghị quán triệt tại địa phương') // the input is not changed
  })
  /** A one-column OCR table (header "Nội dung") of these body texts. */
  const column = (texts: string[]): Table => ({
    pages: [1],
    columns: ['Nội dung'],
    headerRows: 1,
    cells: ['Nội dung', ...texts].map((text, row) => ({ row, col: 0, rowSpan: 1, colSpan: 1, text, page: 1 })),
    prov: { page: 1, lines: [0, 0] },
    confidence: 0.9,
  })
  const body = (t: Table, origin: 'ocr' | 'text-layer' = 'ocr') => normalizeTableCells([t], { originOf: () => origin })[0].cells.slice(1).map((c) => c.text)
  it('drops the closing period or colon of the odd cell in a table whose cells end without one', () => {
    const texts = ['Cử giảng viên, cấp chứng nhận.', 'Lập danh sách học viên', 'Tổ chức hội nghị tổng kết', 'Rà soát đối tượng, phân bổ hàng cứu trợ', 'Bố trí địa điểm:', 'Mua sắm áo phao', 'Tổng hợp báo cáo', 'Ban hành kế hoạch', 'Hướng dẫn các đơn vị']
    expect(body(column(texts))).toEqual(['Cử giảng viên, cấp chứng nhận', ...texts.slice(1, 4), 'Bố trí địa điểm', ...texts.slice(5)])
    // a table written with closing periods keeps them; a text layer keeps its marks
    const closed = ['Cử giảng viên.', 'Lập danh sách học viên.', 'Tổ chức hội nghị tổng kết', 'Mua sắm áo phao.']
    expect(body(column(closed))).toEqual(closed)
    expect(body(column(texts), 'text-layer')[0]).toBe('Cử giảng viên, cấp chứng nhận.')
  })
  it('reads quarter numerals OCR took from Roman ones: impossible ones always, "1" where the table writes Roman', () => {
    expect(body(column(['Quý 11/2025', 'Quý I!V/2027', 'Quý 1/2025']))).toEqual(['Quý II/2025', 'Quý IV/2027', 'Quý I/2025'])
    expect(body(column(['Quý 1/2025', 'Quý 3 năm 2025']))).toEqual(['Quý 1/2025', 'Quý 3 năm 2025'])
  })
  it('trusts the marks of a text layer', () => {
    const table: Table = { pages: [1], columns: ['a'], headerRows: 0, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 1, text: 'Tố chức', page: 1 }], prov: { page: 1, lines: [0, 0] }, confidence: 1 }
    expect(normalizeTableCells([table], { originOf: () => 'text-layer' })[0].cells[0].text).toBe('Tố chức')
  })
})

describe('cell text cleanup', () => {
  it('drops specks read as lone punctuation at a cell end and an unpaired closing quote, keeps ranges and quotes', async () => {
    const { cleanCellText } = await import('../../src/layout/tables/join.js')
    expect(cleanCellText('6 tháng đầu năm 2025 .')).toBe('6 tháng đầu năm 2025')
    expect(cleanCellText('Tháng 5 hằng năm”')).toBe('Tháng 5 hằng năm')
    expect(cleanCellText('| Năm 2025 |')).toBe('Năm 2025')
    expect(cleanCellText('2025 - 2027')).toBe('2025 - 2027')
    expect(cleanCellText('Nghị quyết "Về phát triển"')).toBe('Nghị quyết "Về phát triển"')
  })
})
