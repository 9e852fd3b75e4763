import { describe, expect, it } from 'vitest'
import { layoutDocument } from '../../src/layout/index.js'
import { textHeaderSplit } from '../../src/layout/columns.js'
import { line, page } from './helpers.js'

describe('header and end-block columns', () => {
  it('cuts a header line read across both columns at the gap', () => {
    const p = page(1, [
      line('ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 150, 150, { gaps: { 3: 500 } }),
      line('HUYỆN HỚN QUẢN Độc lập - Tự do - Hạnh phúc', 250, 200, { gaps: { 2: 420 } }),
      line('Số: 154/KH-UBND', 250, 300),
      line('Hớn Quản, ngày 25 tháng 6 năm 2024', 1300, 300),
      line('KẾ HOẠCH', 1140, 450),
      line('Thực hiện chương trình chuyển đổi số năm 2024', 300, 520),
    ])
    const doc = layoutDocument([p])
    const left = doc.lines.filter((l) => l.column === 'left').map((l) => l.text)
    const right = doc.lines.filter((l) => l.column === 'right').map((l) => l.text)
    expect(left).toEqual(['ỦY BAN NHÂN DÂN', 'HUYỆN HỚN QUẢN', 'Số: 154/KH-UBND'])
    expect(right).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hớn Quản, ngày 25 tháng 6 năm 2024'])
    const first = doc.lines.find((l) => l.text === 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')!
    expect(first.line).toBe(0)
    expect(first.span).toEqual([16, 50])
    expect(first.box![0]).toBeGreaterThan(700)
    expect(doc.lines.find((l) => l.text === 'KẾ HOẠCH')?.column).toBeUndefined()
  })

  it('splits box-less header lines on the motto and date words', () => {
    expect(textHeaderSplit('ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toEqual({ at: 16, rightOnly: false })
    expect(textHeaderSplit('Số: 154/KH-UBND Hà Nội, ngày 25 tháng 6 năm 2024')).toEqual({ at: 16, rightOnly: false })
    expect(textHeaderSplit('Độc lập - Tự do - Hạnh phúc')).toEqual({ at: 0, rightOnly: true })
    const p = { ...page(1, []), origin: 'plain-text' as const, width: undefined, height: undefined }
    p.lines = ['TRUNG ƯƠNG HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'CHỮ THẬP ĐỎ VIỆT NAM Độc lập - Tự do - Hạnh phúc', 'Số: 154/KH-TUHCTĐ Hà Nội, ngày 25 tháng 6 năm 2024', 'KẾ HOẠCH'].map((text) => ({ text }))
    p.normalizedLines = p.lines.map((l) => l.text)
    const doc = layoutDocument([p])
    expect(doc.lines.filter((l) => l.column === 'left').map((l) => l.text)).toEqual(['TRUNG ƯƠNG HỘI', 'CHỮ THẬP ĐỎ VIỆT NAM', 'Số: 154/KH-TUHCTĐ'])
    expect(doc.lines.filter((l) => l.column === 'right').map((l) => l.text)).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hà Nội, ngày 25 tháng 6 năm 2024'])
  })

  it('puts Nơi nhận left and the signature right', () => {
    const p1 = page(1, [line('ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 150, 150, { gaps: { 3: 300 } }), line('KẾ HOẠCH', 1140, 450)])
    const p2 = page(2, [
      line('Đề nghị các đơn vị triển khai thực hiện nghiêm túc kế hoạch này.', 250, 300),
      line('TM. ỦY BAN NHÂN DÂN', 1500, 600),
      line('Nơi nhận: KT. CHỦ TỊCH', 200, 660, { gaps: { 1: 1000 } }),
      line('- Như trên; PHÓ CHỦ TỊCH', 200, 710, { gaps: { 2: 900 } }),
      line('- Lưu: VT.', 200, 760),
      line('Nguyễn Văn An', 1550, 1000),
    ])
    const doc = layoutDocument([p1, p2])
    const end = doc.lines.filter((l) => l.block === 'end')
    expect(end.filter((l) => l.column === 'left').map((l) => l.text)).toEqual(['Nơi nhận:', '- Như trên;', '- Lưu: VT.'])
    expect(end.filter((l) => l.column === 'right').map((l) => l.text)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An'])
    expect(doc.lines.find((l) => l.text.startsWith('Đề nghị'))?.column).toBeUndefined()
  })
})
