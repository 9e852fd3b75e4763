import { describe, expect, it } from 'vitest'
import { extractPlan } from '../../src/extract/index.js'
import { splitHeaderLine } from '../../src/extract/header-columns.js'
import { organCase } from '../../src/extract/text.js'
import { Report } from '../../src/report.js'
import type { LaidOutDocument } from '../../src/layout/document.js'
import { docFromText } from './doc.js'

const body = `
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

I. MỤC ĐÍCH, YÊU CẦU
- Nội dung.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
`

function run(text: string) {
  const report = new Report()
  return { plan: extractPlan(docFromText(text), report), report }
}

describe('header columns', () => {
  it.each([
    ['ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['TỈNH ỦY HÀ TĨNH ĐẢNG CỘNG SẢN VIỆT NAM', 'TỈNH ỦY HÀ TĨNH', 'ĐẢNG CỘNG SẢN VIỆT NAM'],
    ['HUYỆN HỚN QUẢN     Độc lập - Tự do - Hạnh phúc', 'HUYỆN HỚN QUẢN', 'Độc lập - Tự do - Hạnh phúc'],
    [' Số:         /KH-UBND Hớn Quản, ngày       tháng       năm 2023', 'Số:         /KH-UBND', 'Hớn Quản, ngày       tháng       năm 2023'],
    ['Số 18-CTr/TU Hà Tĩnh, ngày 30 tháng 9 năm 2022', 'Số 18-CTr/TU', 'Hà Tĩnh, ngày 30 tháng 9 năm 2022'],
    ['SỞ TÀI CHÍNH         Hà Nội, ngày 5 tháng 1 năm 2020', 'SỞ TÀI CHÍNH', 'Hà Nội, ngày 5 tháng 1 năm 2020'],
  ])('%s', (line, left, right) => {
    const s = splitHeaderLine(line)
    expect(s.left).toBe(left)
    expect(s.right).toBe(right)
  })
})

describe('organ names in normal case', () => {
  it.each([
    ['ỦY BAN NHÂN DÂN HUYỆN HỚN QUẢN', 'Ủy ban nhân dân huyện Hớn Quản'],
    ['UBND TỈNH BÌNH PHƯỚC', 'Ủy ban nhân dân tỉnh Bình Phước'],
    ['SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'Sở Lao động - Thương binh và Xã hội'],
    ['TRUNG ƯƠNG HỘI CHỮ THẬP ĐỎ VIỆT NAM', 'Trung ương Hội Chữ thập đỏ Việt Nam'],
    ['TỈNH ỦY HÀ TĨNH', 'Tỉnh ủy Hà Tĩnh'],
    ['Bộ LĐ-TB&XH', 'Bộ Lao động - Thương binh và Xã hội'],
    ['UBND tỉnh Bình Phước', 'Ủy ban nhân dân tỉnh Bình Phước'],
    ['SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG', 'Sở Tài nguyên và Môi trường'],
  ])('%s', (input, want) => expect(organCase(input)).toBe(want))
})

describe('header fields', () => {
  it('two-column plain text with blank number and day', () => {
    const { plan, report } = run(`
ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN HỚN QUẢN     Độc lập - Tự do - Hạnh phúc

 Số:         /KH-UBND Hớn Quản, ngày       tháng       năm 2023

KẾ HOẠCH
Thực hiện Dự án 7 về nâng cao năng lực
trên địa bàn huyện năm 2023
${body}`)
    const d = plan.document
    expect(d.type).toEqual({ name: 'Kế hoạch', code: 'KH' })
    expect(d.number).toBeNull()
    expect(d.numberParts).toEqual({ serial: null, year: null, typeCode: 'KH', issuerCode: 'UBND' })
    expect(d.date).toBeNull()
    expect(d.year).toBe(2023)
    expect(d.place).toBe('Hớn Quản')
    expect(d.issuer).toEqual({ name: 'Ủy ban nhân dân huyện Hớn Quản', parent: null })
    expect(d.title).toBe('Thực hiện Dự án 7 về nâng cao năng lực trên địa bàn huyện năm 2023')
    expect(d.signer).toEqual({ name: 'Nguyễn Văn An', position: 'Phó Chủ tịch', authority: 'KT. CHỦ TỊCH' })
    expect(d.recipients).toEqual(['Như trên', 'Lưu: VT'])
    expect(d.fields['date'].prov.page).toBe(1)
    expect(report.warnings.map((w) => w.code)).toContain('extract:date-blank')
  })

  it('parent body above a department, legal number with year, upper-case title', () => {
    const { plan } = run(`
UBND TỈNH BÌNH PHƯỚC          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ LAO ĐỘNG - THƯƠNG BINH     Độc lập - Tự do - Hạnh phúc
VÀ XÃ HỘI
Số: 55/2007/QĐ-SLĐTBXH        Bình Phước, ngày 25/6/2007

QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC
${body}`)
    const d = plan.document
    expect(d.type).toEqual({ name: 'Quyết định', code: 'QĐ' })
    expect(d.number).toBe('55/2007/QĐ-SLĐTBXH')
    expect(d.numberParts).toMatchObject({ serial: '55', year: 2007, typeCode: 'QĐ' })
    expect(d.date).toBe('2007-06-25')
    expect(d.issuer).toEqual({ name: 'Sở Lao động - Thương binh và Xã hội', parent: 'Ủy ban nhân dân tỉnh Bình Phước' })
    expect(d.title).toBe('Về việc ban hành quy chế làm việc')
  })

  it('OCR-merged header line and Party number without colon', () => {
    const { plan } = run(`TỈNH ỦY HÀ TĨNH ĐẢNG CỘNG SẢN VIỆT NAM
*
Số 18-CTr/TU Hà Tĩnh, ngày 30 tháng 9 năm 2022

CHƯƠNG TRÌNH HÀNH ĐỘNG
Thực hiện Nghị quyết số 21-NQ/TW của Ban Chấp hành Trung ương Đảng

Thực hiện Nghị quyết số 21- NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng về tăng cường; Kế hoạch số 07-KH/TW, ngày 17/8/2022 của Bộ Chính trị về thực hiện Nghị quyết số số 21-NQ/TW, Ban Chấp hành Đảng bộ tỉnh ban hành Chương trình hành động như sau:

I. MỤC ĐÍCH
- Nội dung.

Nơi nhận: T/M TỈNH ỦY
- Bộ Chính trị, Ban Bí thư, PHÓ BÍ THƯ
- Ban Tổ chức, Ban Tuyên giáo, | (báo cáo) Tỉnh ủy Hà Tĩnh
Văn phòng Trung ương Đảng, 01/10/2022 15:50:04
- Lưu Văn phòng Tỉnh ủy. Trần Thế Dũng
`)
    const d = plan.document
    expect(d.type).toEqual({ name: 'Chương trình hành động', code: 'CTr' })
    expect(d.number).toBe('18-CTr/TU')
    expect(d.date).toBe('2022-09-30')
    expect(d.place).toBe('Hà Tĩnh')
    expect(d.issuer.name).toBe('Tỉnh ủy Hà Tĩnh')
    expect(d.signer).toEqual({ name: 'Trần Thế Dũng', position: 'Phó Bí thư', authority: 'T/M TỈNH ỦY' })
    expect(d.recipients).toEqual(['Bộ Chính trị, Ban Bí thư', 'Ban Tổ chức, Ban Tuyên giáo, Văn phòng Trung ương Đảng (báo cáo)', 'Lưu Văn phòng Tỉnh ủy'])
    expect(plan.legalBases.map((b) => [b.relation, b.type, b.number, b.date, b.issuer])).toEqual([
      ['thuc-hien', 'Nghị quyết', '21-NQ/TW', '2022-06-16', 'Ban Chấp hành Trung ương Đảng'],
      ['thuc-hien', 'Kế hoạch', '07-KH/TW', '2022-08-17', 'Bộ Chính trị'],
    ])
  })

  it('uses the layout columns when present and warns on an invalid date', () => {
    const doc: LaidOutDocument = docFromText(`x\n\nx\n\nKẾ HOẠCH\nTổ chức hội nghị\n${body}`)
    doc.lines[0] = { ...doc.lines[0], text: 'BỘ TÀI CHÍNH', column: 'left', box: [10, 10, 200, 30] }
    doc.lines[1] = { ...doc.lines[1], text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', column: 'right' }
    doc.lines[2] = { ...doc.lines[2], text: 'Số: 12/KH-BTC', column: 'left' }
    doc.lines[3] = { ...doc.lines[3], text: 'Hà Nội, ngày 31 tháng 4 năm 2024', column: 'right' }
    const report = new Report()
    const d = extractPlan(doc, report).document
    expect(d.issuer.name).toBe('Bộ Tài chính')
    expect(d.number).toBe('12/KH-BTC')
    expect(d.date).toBeNull()
    expect(d.year).toBe(2024)
    expect(d.fields['issuer.name'].prov.box).toEqual([10, 10, 200, 30])
    const w = report.warnings.find((x) => x.code === 'extract:date-invalid')
    expect(w?.position).toMatchObject({ page: 1, line: 3 })
  })

  it('warns and asks for review when the header is missing', () => {
    const { plan, report } = run('Một đoạn văn bản không có phần đầu.\n')
    expect(plan.document.type.name).toBeNull()
    expect(report.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['extract:type-missing', 'extract:date-missing', 'extract:issuer-missing']))
    expect(report.reviewReasons.length).toBeGreaterThan(0)
  })

  it('takes the issuer from the enacting clause when the header has none', () => {
    const { plan } = run(`Số: 219 /KH-UBND\n\nLào Cai, ngày 16 tháng 04 năm 2024\n\n## KẾ HOẠCH\n\n### Tăng cường năng lực\n\nThực hiện Quyết định số 1481/QĐ-TTg, ngày 29/11/2022 của Thủ tướng Chính phủ về việc phê duyệt Chương trình. Ủy ban nhân dân tỉnh Lào Cai ban hành Kế hoạch như sau:\n${body}`)
    expect(plan.document.issuer.name).toBe('Ủy ban nhân dân tỉnh Lào Cai')
    expect(plan.document.number).toBe('219/KH-UBND')
    expect(plan.document.title).toBe('Tăng cường năng lực')
    expect(plan.officialMetadata).toMatchObject({ codeNumber: '219', codeNotation: 'KH-UBND', issuedDate: '2024-04-16', language: 'vi' })
  })
})

describe('the motto with a stray mark inside it', () => {
  it('still splits the issuer from the motto when OCR puts a mark between its words', () => {
    expect(splitHeaderLine("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ 'NGHĨA VIỆT NAM")).toMatchObject({ left: 'ỦY BAN NHÂN DÂN', right: "CỘNG HÒA XÃ HỘI CHỦ 'NGHĨA VIỆT NAM" })
    expect(splitHeaderLine('ỦY BAN NHÂN DÂN CỘNG HÒA XÃ. HỘI CHỦ NGHĨA VIỆT NAM').left).toBe('ỦY BAN NHÂN DÂN')
  })
})
