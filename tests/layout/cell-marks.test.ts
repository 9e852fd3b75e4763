import { describe, expect, it } from 'vitest'
import { dropStrayMarks, UNSURE_MARK_CONF, type ReadWord } from '../../src/layout/tables/cell-marks.js'

/** Words of a cell read with one confidence each ("text:conf" pairs, or all at `conf`). */
const read = (text: string, conf = 0.97): ReadWord[] => text.split(' ').map((t) => ({ text: t, conf }))
const unsure = UNSURE_MARK_CONF - 0.2

describe('dropStrayMarks', () => {
  it('drops a dot, comma or hyphen glued between syllables, whatever the confidence', () => {
    expect(dropStrayMarks(read('Vận.động,nguồn lực hỗ trợ'))).toBe('Vận động nguồn lực hỗ trợ')
    expect(dropStrayMarks(read('In ấn, cấp phát đến từng-hộ'))).toBe('In ấn, cấp phát đến từng hộ')
    expect(dropStrayMarks(read('Lồng ghép nội dung phòng,.chống thiên tai'))).toBe('Lồng ghép nội dung phòng chống thiên tai')
  })

  it('keeps abbreviations, numbers and ranges with their marks', () => {
    expect(dropStrayMarks(read('UBND TP.HCM ngày 15.3.2025, mục 1.2'))).toBe('UBND TP.HCM ngày 15.3.2025, mục 1.2')
    expect(dropStrayMarks(read('sách, báo, tạp chí v.v. và COVID-19'))).toBe('sách, báo, tạp chí v.v. và COVID-19')
    expect(dropStrayMarks([...read('Giai đoạn 2025'), { text: '-', conf: unsure }, ...read('2027')])).toBe('Giai đoạn 2025 - 2027')
  })

  it('drops a period followed by a lower-case word (no sentence ends there), keeps one before a capital', () => {
    expect(dropStrayMarks(read('Xây dựng kỹ. năng, chống. thiên tai'))).toBe('Xây dựng kỹ năng, chống thiên tai')
    expect(dropStrayMarks(read('Hoàn thành trong quý. Báo cáo kết quả'))).toBe('Hoàn thành trong quý. Báo cáo kết quả')
  })

  it('drops an unpaired quote or a bar at a word edge, keeps a pair of quotes', () => {
    expect(dropStrayMarks(read("'Rà soát đối tượng, phân bổ' hàng |cứu trợ"))).toBe('Rà soát đối tượng, phân bổ hàng cứu trợ')
    expect(dropStrayMarks(read('Cuộc thi “Tìm hiểu pháp luật” năm 2025'))).toBe('Cuộc thi “Tìm hiểu pháp luật” năm 2025')
  })

  it('drops a closing mark or a lone mark only where the OCR was unsure of its word', () => {
    const closing = (conf: number) => [...read('Cử giảng viên, cấp chứng'), { text: 'nhận.', conf }]
    expect(dropStrayMarks(closing(unsure))).toBe('Cử giảng viên, cấp chứng nhận')
    expect(dropStrayMarks(closing(0.97))).toBe('Cử giảng viên, cấp chứng nhận.')
    const comma = (conf: number) => [...read('Ra quyết định kiện toàn, phân công nhiệm'), { text: 'vụ,', conf }]
    expect(dropStrayMarks(comma(unsure))).toBe('Ra quyết định kiện toàn, phân công nhiệm vụ')
    expect(dropStrayMarks(comma(0.97))).toBe('Ra quyết định kiện toàn, phân công nhiệm vụ,')
    const lone = (conf: number) => [...read('Tháng 10'), { text: ':', conf }, ...read('hằng năm')]
    expect(dropStrayMarks(lone(unsure))).toBe('Tháng 10 hằng năm')
    expect(dropStrayMarks(lone(0.97))).toBe('Tháng 10 : hằng năm')
  })
})
