import { describe, expect, it } from 'vitest'
import { pageStart } from '../../src/layout/continuation.js'

describe('page start: header or mid-text', () => {
  it('a page that opens with the motto and issuer has its header', () => {
    const lines = ['ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc', 'Số: 219/KH-UBND Lào Cai, ngày 16 tháng 4 năm 2024', 'KẾ HOẠCH']
    expect(pageStart(lines)).toEqual({ continuation: false, headerCut: false })
  })

  it('a Party document (ĐẢNG CỘNG SẢN VIỆT NAM where the motto stands) has its header, even with marks lost', () => {
    expect(pageStart(['TINH UY LAM DONG DANG CONG SAN VIET NAM', 'BAN TUYEN GIAO VA DAN VAN', 'So 210-CV/BTGDVTU'])).toEqual({ continuation: false, headerCut: false })
  })

  it('the second page of a letter read alone starts mid-sentence: a continuation, so no header is made from its body', () => {
    const lines = [
      'hành Trung ương Đảng khóa XII và các văn bản quy phạm pháp luật của Trung',
      'ương, của Tỉnh ủy, HĐND, UBND tỉnh về mục tiêu, nhiệm vụ, hoàn thiện thể',
      'chế kinh tế thị trường định hướng xã hội chủ nghĩa trong năm 2017 và những',
      '- Trong năm 2018, Văn phòng HĐND tỉnh tiếp tục nâng cao chất lượng hiệu',
    ]
    expect(pageStart(lines)).toEqual({ continuation: true, headerCut: false })
  })

  it('a body sentence citing a date or a plan is not a header line', () => {
    const lines = ['Thực hiện Kế hoạch số 12/KH-UBND, ngày 09 tháng 4 năm 2020 của UBND tỉnh về việc', 'kế hoạch này được triển khai đến các xã, thị trấn trong tháng', 'trên địa bàn huyện và báo cáo kết quả']
    expect(pageStart(lines).continuation).toBe(true)
  })

  it('number and date lines with nothing above them: the top was cut off', () => {
    const lines = ['Số: 288/KH-VP Hưng Yên, ngày 18 tháng 12 năm 2017', 'KẾ HOẠCH', 'Tổ chức thực hiện Nghị quyết số 99/NQ-CP ngày 03/10/2017 của']
    expect(pageStart(lines)).toEqual({ continuation: false, headerCut: true })
  })

  it('a page with almost no text says nothing', () => {
    expect(pageStart(['2', 'abc'])).toEqual({ continuation: false, headerCut: false })
  })
})
