import { describe, expect, it } from 'vitest'
import { columnNames } from '../../src/layout/tables/header.js'

const cell = (row: number, col: number, text: string, colSpan = 1) => ({ row, col, rowSpan: 1, colSpan, text })

describe('column names of a two-level header', () => {
  it('keeps the group heading and each sub-column, without the stray strokes OCR reads from rules and specks', () => {
    const cells = [cell(0, 0, 'STT'), cell(0, 1, 'KẾT QUẢ ĐẦU RA', 2), cell(1, 1, 'Trung ương'), cell(1, 2, 'Các tỉnh, - thành Hội |')]
    expect(columnNames(cells, 3, 2).leaf).toEqual(['STT', 'Trung ương', 'Các tỉnh, thành Hội'])
    expect(columnNames(cells, 3, 2).full[2]).toBe('KẾT QUẢ ĐẦU RA / Các tỉnh, thành Hội')
  })
  it('drops a dash standing alone between words, keeps one inside a word', () => {
    expect(columnNames([cell(0, 0, 'Kinh phí (triệu đồng) - dự kiến')], 1, 1).leaf).toEqual(['Kinh phí (triệu đồng) dự kiến'])
    expect(columnNames([cell(0, 0, 'Ngày-tháng')], 1, 1).leaf).toEqual(['Ngày-tháng'])
  })
})
