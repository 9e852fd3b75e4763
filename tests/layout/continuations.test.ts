import { describe, expect, it } from 'vitest'
import { layoutDocument } from '../../src/layout/index.js'
import { repairIds } from '../../src/layout/tables/ids.js'
import { plainGapSplit } from '../../src/layout/columns.js'
import type { PageTable, PageTableCell } from '../../src/schema/page.js'
import { page } from './helpers.js'

const cell = (row: number, col: number, text: string, rowSpan = 1, colSpan = 1): PageTableCell => ({ row, col, rowSpan, colSpan, text, box: [100 + col * 200, 100 + row * 50, 300 + col * 200, 150 + row * 50] })
const header = [cell(0, 0, 'STT'), cell(0, 1, 'Nội dung'), cell(0, 2, 'Thời gian')]
const pt = (cells: PageTableCell[], rows: number, y0: number): PageTable => ({ box: [100, y0, 700, y0 + rows * 50], rows, cols: 3, cells, method: 'rules' })

describe('rows broken across pages', () => {
  it('merges the id-less first row under the repeated header into the last row of the page before', () => {
    const p1 = page(1, [], { tables: [pt([...header, cell(1, 0, '1.1'), cell(1, 1, 'Quán triệt'), cell(1, 2, 'Quý II'), cell(2, 0, '1.2'), cell(2, 1, 'Trang bị thiết bị họp trực tuyến cho cơ'), cell(2, 2, 'Năm')], 3, 3000)] })
    const p2 = page(2, [], { tables: [pt([...header, cell(1, 0, ''), cell(1, 1, 'quan Hội cấp huyện'), cell(1, 2, '2026'), cell(2, 0, '1.3'), cell(2, 1, 'Kiểm tra'), cell(2, 2, 'Quý IV')], 3, 120)] })
    const [t] = layoutDocument([p1, p2]).tables
    const rows = [1, 2, 3].map((r) => t.cells.filter((c) => c.row === r).map((c) => c.text))
    expect(rows).toEqual([['1.1', 'Quán triệt', 'Quý II'], ['1.2', 'Trang bị thiết bị họp trực tuyến cho cơ quan Hội cấp huyện', 'Năm 2026'], ['1.3', 'Kiểm tra', 'Quý IV']])
    expect(t.cells.some((c) => c.row === 4)).toBe(false)
  })
  it('keeps a first row that has its own id', () => {
    const p1 = page(1, [], { tables: [pt([...header, cell(1, 0, '1'), cell(1, 1, 'A'), cell(1, 2, 'x')], 2, 3000)] })
    const p2 = page(2, [], { tables: [pt([...header, cell(1, 0, '2'), cell(1, 1, 'B'), cell(1, 2, 'y')], 2, 120)] })
    expect(layoutDocument([p1, p2]).tables[0].cells.filter((c) => c.col === 0 && c.row > 0).map((c) => c.text)).toEqual(['1', '2'])
  })
})

describe('id column numbering', () => {
  it('repairs OCR slips the numbering explains, a misread id between two good ones from its position, and keeps a trailing note row', () => {
    const read = ['A', '1', '2', 'B', 'I', '11', '1.2', '1.3', 'H', '2.1', '241', 'II', '31', '3.2', 'Ghi chú']
    expect(repairIds(read.map((r) => [r]))).toEqual(['A', '1', '2', 'B', 'I', '1.1', '1.2', '1.3', 'II', '2.1', '2.2', 'III', '3.1', '3.2', 'Ghi chú'])
  })
  it('prefers the candidate read the numbering expects', () => {
    expect(repairIds([['I'], ['a-3', '1.1'], ['Đề', '1.2', 'x']])).toEqual(['I', '1.1', '1.2'])
  })
})

describe('plain-text end block', () => {
  it('splits a recipient and the signature sharing a line at the wide gap', () => {
    expect(plainGapSplit('- Như trên;                 KT. CHỦ TỊCH', '- Như trên; KT. CHỦ TỊCH')).toMatchObject({ left: '- Như trên;', right: 'KT. CHỦ TỊCH', leftSpan: [0, 11], rightSpan: [12, 24] })
    expect(plainGapSplit('- Như trên; KT. CHỦ TỊCH', '- Như trên; KT. CHỦ TỊCH')).toBeNull()
    const p1 = { ...page(1, []), origin: 'plain-text' as const, width: undefined, height: undefined }
    p1.lines = ['KẾ HOẠCH', 'Đề nghị các đơn vị thực hiện.', 'Nơi nhận:\t\t\tTM. ỦY BAN NHÂN DÂN', '- Như trên;                 KT. CHỦ TỊCH', '- Lưu: VT.                  PHÓ CHỦ TỊCH', '                            Nguyễn Văn An'].map((text) => ({ text }))
    p1.normalizedLines = p1.lines.map((l) => l.text)
    const end = layoutDocument([p1]).lines.filter((l) => l.block === 'end')
    expect(end.filter((l) => l.column === 'left').map((l) => l.text)).toEqual(['Nơi nhận:', '- Như trên;', '- Lưu: VT.'])
    expect(end.filter((l) => l.column === 'right').map((l) => l.text)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An'])
    const kt = end.find((l) => l.text === 'KT. CHỦ TỊCH')!
    expect(p1.normalizedLines[kt.line].slice(...kt.span!)).toBe('KT. CHỦ TỊCH')
  })
})

describe('id repair from neighbours', () => {
  it('gives a garbled or dot-less id the id its neighbours need, never dropping the row', () => {
    expect(repairIds([['I'], ['1.1'], ['13'], ['1.3'], ['Si nh'], ['ca:'], ['II'], ['2.1'], ['null'], ['2.3']].map((r) => r))).toEqual(['I', '1.1', '1.2', '1.3', '1.4', '1.5', 'II', '2.1', '2.2', '2.3'])
  })
  it('fills an id the page read missed only where the numbering skips one', () => {
    expect(repairIds([['1'], [], ['3']])).toEqual(['1', '2', '3'])
    expect(repairIds([['1'], [], ['2']])).toEqual(['1', '', '2']) // a row without an id (a wrapped or note row)
  })
  it('repairs the first id of a column from the one after it', () => {
    expect(repairIds([['-3.6'], ['1.2'], ['1.3']])).toEqual(['1.1', '1.2', '1.3'])
  })
})

describe('the last id of a column', () => {
  it('gives a last read that would take the numbering back (I after 2.2) the next id at its level', () => {
    expect(repairIds([['2.1'], ['2.2'], ['I']])).toEqual(['2.1', '2.2', '2.3'])
    expect(repairIds([['1'], ['2'], ['1']])).toEqual(['1', '2', '3'])
  })
  it('keeps a last read that moves the numbering on, and a note row', () => {
    expect(repairIds([['2.1'], ['2.2'], ['III']])).toEqual(['2.1', '2.2', 'III'])
    expect(repairIds([['2.1'], ['2.2'], ['3']])).toEqual(['2.1', '2.2', '3'])
    expect(repairIds([['2.1'], ['2.2'], ['Ghi chú']])).toEqual(['2.1', '2.2', 'Ghi chú'])
  })
})

describe('the first id of a column', () => {
  it('takes the id most reads agree on over a lone read that looks like a start, when the next row follows it', () => {
    expect(repairIds([['2.3', 'I', '2.3'], ['II', 'HI', 'IH'], ['3.1'], ['3.2']])).toEqual(['2.3', 'III', '3.1', '3.2'])
    expect(repairIds([['I', '1'], ['1.1'], ['1.2']])).toEqual(['I', '1.1', '1.2'])
  })
})
