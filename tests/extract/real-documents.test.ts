// What real office documents carry and generated ones do not: letters (Công văn) with a "V/v" subject,
// Party numbering, handwritten serials and days read as noise, stamps and digital-signature blocks over
// the header, OCR-damaged names, garbled header lines. Short snippets shaped like real OCR output.
import { describe, expect, it } from 'vitest'
import { extractPlan } from '../../src/extract/index.js'
import { findHeaderDate } from '../../src/extract/date.js'
import { parseNumberField } from '../../src/extract/doc-number.js'
import { garbledMottoAt, garbledTypeLine } from '../../src/extract/header-columns.js'
import { provinceByFold, readableName, respellProvinceAfterUnit, restoreIssuerCode } from '../../src/extract/header.js'
import { positionCase } from '../../src/extract/signer.js'
import { editDistance } from '../../src/extract/edit-distance.js'
import { Report } from '../../src/report.js'
import { docFromText } from './doc.js'

const run = (text: string) => {
  const report = new Report()
  return { plan: extractPlan(docFromText(text), report), report }
}
const codes = (r: Report) => r.warnings.map((w) => w.code)

const LETTER = `ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NGÃI                 Độc lập - Tự do - Hạnh phúc
Số: 574/UBND-KTTH          Quảng Ngãi, ngày 04 tháng 02 năm 2025
V/v đăng ký bổ sung
nội dung trình HĐND tỉnh
tại kỳ họp thứ 31
Kính gửi: Thường trực HĐND tỉnh
Theo đề nghị của Giám đốc Sở Tài chính tại Công văn số 287/STC-HCSN ngày 03/02/2025, UBND tỉnh đăng ký bổ sung nội dung như sau:
Nơi nhận:                                   CHỦ TỊCH
- Như trên;
- Lưu: VT.
                                           Nguyễn Hoàng Giang`

describe('Công văn: no type word, a "V/v" subject under the number (Phụ lục I mục II.5a)', () => {
  it('is typed Công văn and titled by its subject, which ends at "Kính gửi"', () => {
    const { plan } = run(LETTER)
    expect(plan.document.type).toEqual({ name: 'Công văn', code: null })
    expect(plan.document.title).toBe('V/v đăng ký bổ sung nội dung trình HĐND tỉnh tại kỳ họp thứ 31')
    expect(plan.document.fields['type.name']!.confidence).toBeGreaterThanOrEqual(0.8)
    expect(plan.document.number).toBe('574/UBND-KTTH')
    expect(plan.document.issuer.name).toBe('Ủy ban nhân dân tỉnh Quảng Ngãi')
  })
  it('reads the slash of "V/v" however OCR wrote it ("V7v")', () => {
    const { plan } = run(LETTER.replace('V/v đăng ký', 'V7v đăng ký'))
    expect(plan.document.title).toMatch(/^V\/v đăng ký bổ sung/)
  })
  it('a Tờ trình\'s "V/v" subject under its type word ends at "Kính gửi", not in the body', () => {
    const text = LETTER.replace('V/v đăng ký bổ sung', 'TỜ TRÌNH\nV/v xin chủ trương triển khai')
    const { plan } = run(text)
    expect(plan.document.type.name).toBe('Tờ trình')
    expect(plan.document.title).not.toMatch(/Kính gửi|Theo đề nghị/)
  })
  it('never takes the date of a document cited under the subject', () => {
    const { plan } = run(LETTER.replace('Quảng Ngãi, ngày 04 tháng 02 năm 2025', ''))
    expect(plan.document.date).toBeNull()
  })
})

describe('Party documents (Hướng dẫn 36-HD/VPTW)', () => {
  const PARTY = `TỈNH ỦY LÂM ĐÔNG              ĐẢNG CỘNG SẢN VIỆT NAM
BAN TUYÊN GIÁO VÀ DÂN VẬN
*                              Lâm Đồng, ngày 04 tháng 9 năm 2025
Số 210-CV/BTGDVTU
V/v cử lãnh đạo Ban tham gia
Ban Vì sự tiến bộ của phụ nữ
Kính gửi: Sở Nội vụ.
Triển khai Công văn số 1189/SNV-LĐVL&TN, ngày 29/8/2025 của Sở Nội vụ, Ban cử lãnh đạo như sau:`
  it('number with a hyphen and no colon; the issuer under its Tỉnh ủy; the province re-spelled', () => {
    const { plan } = run(PARTY)
    expect(plan.document.number).toBe('210-CV/BTGDVTU')
    expect(plan.document.type.name).toBe('Công văn')
    expect(plan.document.issuer).toEqual({ name: 'Ban Tuyên giáo và Dân vận', parent: 'Tỉnh ủy Lâm Đồng' })
    expect(plan.document.date).toBe('2025-09-04')
  })
  it('a handwritten serial left blank: "Số; -CV/BTGDVTU" keeps the printed code', () => {
    const { plan } = run(PARTY.replace('Số 210-CV/BTGDVTU', 'Số; -CV/BTGDVTU'))
    expect(plan.document.number).toBeNull()
    expect(plan.document.numberParts).toMatchObject({ serial: null, typeCode: 'CV', issuerCode: 'BTGDVTU' })
  })
})

describe('handwritten number and day read as noise: null with a warning, the printed parts kept', () => {
  it.each([
    [' đ1#/UBND-KTTH', 'UBND-KTTH'],
    ['¿#KH-VP', 'KH-VP'],
  ])('serial %j → null, code %s', (s, code) => {
    const hit = parseNumberField(s)
    expect(hit).toMatchObject({ number: null, serial: null, code })
    expect(hit?.unreadable).toBeTruthy()
  })
  it('a typed QPPL number is read as printed: "3 /2025/QĐ-UBND"', () => {
    expect(parseNumberField(' 3 /2025/QĐ-UBND')).toMatchObject({ number: '3/2025/QĐ-UBND', typeCode: 'QĐ' })
  })
  it.each([
    ['Quảng Ngãi, ngày Oftháng 02 năm 2025', 2, 2025],
    ['Hưng Yên, ngày #ÿ tháng 12 năm 2017', 12, 2017],
    ['Binh Phuoc, ngay)\'2 thang 7 nam 2018', 7, 2018],
  ])('%s → day unreadable, month %i, year %i', (s, month, year) => {
    const d = findHeaderDate(s)
    expect(d).toMatchObject({ iso: null, day: null, month, year, unreadable: ['day'] })
  })
  it('through the extractor: number and date null, year and month kept, both flagged', () => {
    const { plan, report } = run(LETTER.replace('574/UBND', 'đ1#/UBND').replace('ngày 04 tháng', 'ngày Oftháng'))
    expect(plan.document).toMatchObject({ number: null, date: null, year: 2025, dateParts: { day: null, month: 2, year: 2025 } })
    expect(plan.document.numberParts?.issuerCode).toBe('UBND-KTTH')
    expect(codes(report)).toEqual(expect.arrayContaining(['extract:number-unreadable', 'extract:date-unreadable']))
    expect(plan.document.fields['date']!.confidence).toBeLessThan(0.8)
  })
})

// A blurred phone photo of a letter: the number and "V/v" lines unreadable, the date words read with the
// wrong marks and a misread "năm", the place garbled.
const BLURRED_LETTER = `BAN
HUV£ NHAN
'VỆN HINH VÂN CỘNG HÒA XÃ HỘI CHẾ NGHĨA VIỆT NAM
v.†fần Độc lập - Eự đó Hạnh phúc
!v và h w2 'HHIU
Tôi Ga, ngây 40 thẳng: 4 tăm 2020
vớ &uLIU
về và bộ 0g up
Kính gửi. Chủ tịch UBND các xã, thị trấn
Thực hiện Nghị quyết số 42/NQ-CP ngày 9 tháng 4 năm 2020 của Chính phủ`

describe('a letter whose type, number and subject lines the OCR lost', () => {
  it('date words with misread marks ("ngây … thẳng: … tăm 2020") still give the month and year', () => {
    expect(findHeaderDate('Tôi Ga, ngây 40 thẳng: 4 tăm 2020')).toMatchObject({ year: 2020, month: 4, wordsMisread: true })
    expect(findHeaderDate('Hưng Yên, ngày #ÿ tháng 12 năm 2017')?.wordsMisread).toBeUndefined()
  })
  it('is guessed a Công văn from its "Kính gửi" line, at low confidence and flagged', () => {
    const { plan, report } = run(BLURRED_LETTER)
    expect(plan.document.type.name).toBe('Công văn')
    expect(plan.document.fields['type.name']!.confidence).toBeLessThan(0.8)
    expect(codes(report)).toContain('extract:type-from-addressees')
  })
  it('keeps the year, drops a day no calendar has, and drops a place named nowhere else', () => {
    const { plan, report } = run(BLURRED_LETTER)
    expect(plan.document).toMatchObject({ date: null, year: 2020, dateParts: { day: null, month: 4, year: 2020 }, place: null })
    expect(codes(report)).toContain('extract:place-unconfirmed')
  })
  it('keeps a place on a misread date line when the document names it again', () => {
    const { plan } = run(BLURRED_LETTER.replace('Tôi Ga,', 'Tĩnh Gia,').replace('các xã, thị trấn', 'các xã, thị trấn huyện Tĩnh Gia'))
    expect(plan.document.place).toBe('Tĩnh Gia')
  })
  it('a document that prints its type word is never retyped from "Kính gửi"', () => {
    const { plan } = run(BLURRED_LETTER.replace('vớ &uLIU', 'TỜ TRÌNH'))
    expect(plan.document.type.name).toBe('Tờ trình')
  })
})

describe('marks are not the document: kept apart in marks[], hidden from the header', () => {
  it('a digital-signature stamp above the motto is no issuer', () => {
    const text = `Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ
Email: thongtinchinhphu@chinhphu.vn
Cơ quan: VĂN PHÒNG CHÍNH PHỦ
Thời gian ký: 08.07.2025 10:04:00 +07:00
${LETTER}`
    const { plan } = run(text)
    expect(plan.document.issuer.name).toBe('Ủy ban nhân dân tỉnh Quảng Ngãi')
    expect(plan.marks).toHaveLength(1)
    expect(plan.marks[0]).toMatchObject({ kind: 'digital-signature', signer: 'CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ', organ: 'VĂN PHÒNG CHÍNH PHỦ', date: '2025-07-08' })
    expect(plan.marks[0]!.time).toMatch(/^08\.07\.2025 10:04:00/)
  })
  it('a "SAO Y" copy block: the copying organ and time are read out', () => {
    const { plan } = run(`SAO Y\nBộ Công an\nThời gian ký: 2025-10-09T16:52:54+07:00\n${LETTER}`)
    expect(plan.marks[0]).toMatchObject({ kind: 'copy-stamp', signer: 'Bộ Công an', date: '2025-10-09' })
    expect(plan.document.issuer.name).toBe('Ủy ban nhân dân tỉnh Quảng Ngãi')
  })
  it('a receipt stamp beside the title is kept out of the title, its number and date read', () => {
    const text = LETTER.replace('V/v đăng ký bổ sung', 'V/v đăng ký bổ sung\nSỞ TÀI CHÍNH\nĐẾN\nSố: 1234\nNgày: 07/02/2025')
    const { plan } = run(text)
    expect(plan.document.title).toBe('V/v đăng ký bổ sung nội dung trình HĐND tỉnh tại kỳ họp thứ 31')
    expect(plan.marks[0]).toMatchObject({ kind: 'receipt-stamp', number: '1234', date: '2025-02-07', signer: 'SỞ TÀI CHÍNH' })
  })
  it('"ĐẾN NĂM 2030" in a capitalised title is no stamp', () => {
    const text = LETTER.replace('V/v đăng ký bổ sung\nnội dung trình HĐND tỉnh\ntại kỳ họp thứ 31', 'KẾ HOẠCH\nPHÁT TRIỂN NGÀNH GIAI ĐOẠN 2021 - 2025\nĐẾN NĂM 2030')
    const { plan } = run(text)
    expect(plan.marks).toEqual([])
    expect(plan.document.title).toMatch(/đến năm 2030$/)
  })
  it('a signature text layer in the end block ("Ký bởi", "Thời gian ký") is a mark, not the signer', () => {
    const text = LETTER.replace('Nguyễn Hoàng Giang', 'Nguyễn Hoàng Giang\nKý bởi: Ủy ban nhân dân tỉnh Quảng Ngãi\nThời gian ký: 04/02/2025 16:42:36')
    const { plan } = run(text)
    expect(plan.document.signer?.name).toBe('Nguyễn Hoàng Giang')
    expect(plan.marks[0]).toMatchObject({ kind: 'digital-signature', signer: 'Ủy ban nhân dân tỉnh Quảng Ngãi', date: '2025-02-04' })
  })
})

describe('OCR-damaged names matched against the tables only where the evidence is strong', () => {
  it('a place that is a province up to its marks', () => {
    expect(provinceByFold('Lâm Đông')).toBe('Lâm Đồng')
    expect(provinceByFold('Tĩnh Gia')).toBeNull()
  })
  it('a province after its unit word in an organ name', () => {
    expect(respellProvinceAfterUnit('Tỉnh ủy Lâm Đông')).toBe('Tỉnh ủy Lâm Đồng')
    expect(respellProvinceAfterUnit('Ủy ban nhân dân huyện Lâm Đông')).toBe('Ủy ban nhân dân huyện Lâm Đông')
  })
  it('a position word of the signature table ("GIÁM ĐÓC" → Giám đốc)', () => {
    expect(positionCase('GIÁM ĐÓC')).toBe('Giám đốc')
    expect(positionCase('PHÓ GIÁM ĐÓC')).toBe('Phó Giám đốc')
  })
  it('the place in the date line through the extractor, with a note', () => {
    const { plan, report } = run(LETTER.replace('Quảng Ngãi, ngày', 'Lâm Đông, ngày'))
    expect(plan.document.place).toBe('Lâm Đồng')
    expect(codes(report)).toContain('extract:place-gazetteer')
  })
  it('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('kehoach', 'kehoch')).toBe(1)
    expect(editDistance('ab', 'ba')).toBe(1)
    expect(editDistance('abc', 'abc')).toBe(0)
  })
})

describe('garbled OCR dumps (English model, broken font mapping): the header found through the garbage', () => {
  it('a motto OCR garbled is cut off the issuer line', () => {
    expect(garbledMottoAt('TRUNG ƯƠNG HỘI GORG H‘;’;} Xã H(.T’I .((:,HU Pll‘ Gflﬂig’lET NAM')).toBe('TRUNG ƯƠNG HỘI '.length)
    expect(garbledMottoAt('CHỮ THẬP ĐỎ VIỆT NAM dc 1ap - Ty do - Hạnh phúc')).toBe('CHỮ THẬP ĐỎ VIỆT NAM '.length)
    expect(garbledMottoAt('SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI')).toBe(-1)
  })
  it('a type word one edit away ("KEHO~CH"); an issuer line is not taken for one', () => {
    expect(garbledTypeLine('KEHO~CH')?.name).toBe('Kế hoạch')
    expect(garbledTypeLine('VĂN PHÒNG')).toBeNull()
  })
  it('the whole header of an English-model dump: "$6" for "Số", the issuer\'s lines between the motto\'s garbage', () => {
    const text = `TRUNG UONG HOI GORG H‘;’;} XlA H(.T’I .((:,HU Pll‘ GflNig’lET NAM
CHU THAP PO VIET NAM dc 1ap - Ty do - Hanh phic

$6 154/KH-TUHCTD Ha Noi, ngay 25 thing 6 nim 2024

KE HOACH
THUC HIEN NGHI QUYET CUA BAN CHAP HANH TRUNG UONG HOI CHU THAP DO VIET NAM

Thuc hien Nghi quyet so 30/NQ-TUHCTD ngay 25/01/2024 cua Ban Chap hanh Trung uong Hoi.`
    const { plan } = run(text)
    expect(plan.document.number).toMatch(/^154\/KH-T/)
    expect(plan.document.type.name).toBe('Kế hoạch')
    expect(plan.document.issuer.name?.toLowerCase()).toMatch(/^trung uong hoi chu thap|^trung ương hội chữ thập/)
  })
  it('an issuer code\'s Đ and Ư are restored from the name; Ủ of "Ủy" is no Ư', () => {
    expect(restoreIssuerCode('TUHCTD', ['Trung ương Hội Chữ thập đỏ Việt Nam'])).toBe('TƯHCTĐ')
    expect(restoreIssuerCode('UBND', ['Ủy ban nhân dân tỉnh Lào Cai'])).toBe('UBND')
  })
  it('an issuer with unreadable words is given, with low confidence and a warning', () => {
    expect(readableName('Và xã Hoi•')).toBe(false)
    expect(readableName('Sở Lao động - Thương binh và Xã hội')).toBe(true)
    expect(readableName("Ủy ban nhân dân huyện Đắk R'Lấp")).toBe(true)
  })
})

describe('a cited date the OCR misread', () => {
  it('a citation after "và" with its number, issuer and a misread date ("08/9/2925") is still a legal basis, dated null', () => {
    const { plan } = run(`${LETTER.split('\n').slice(0, 7).join('\n')}
Thực hiện Nghị quyết số 50/NQ-CP ngày 13/3/2025 của Chính phủ ban hành Kế hoạch triển khai Nghị quyết 163/2024/QH15 và Quyết
định sô 7619/QĐ-BCA ngày 08/9/2925 của Bộ trưởng Bộ Công an phê duyệt Chương trình mục tiêu quốc gia.
1. Rà soát, đánh giá`)
    expect(plan.legalBases.map((b) => [b.number, b.date])).toEqual([['50/NQ-CP', '2025-03-13'], ['7619/QĐ-BCA', null]])
  })
})

describe('"Nơi nhận" lists as OCR dumps give them', () => {
  const head = LETTER.split('\n').slice(0, 8).join('\n')
  it('a list printed without dashes, a page marker and the signer\'s name after it: one entry per line, "Lưu" last', () => {
    const { plan } = run(`${head}\nNơi nhận:\n\nThường trực TW Hội;\n\nCác tỉnh, thành Hội;\n\nCác ban, đơn vị trực thuộc TW Hội;\n\nLưu VT, ĐNPT,, /\n\nPage 9\n\n- BÙI THỊ HÒA`)
    expect(plan.document.recipients).toEqual(['Thường trực TW Hội', 'Các tỉnh, thành Hội', 'Các ban, đơn vị trực thuộc TW Hội', 'Lưu VT, ĐNPT'])
  })
  it('a heading through a broken font mapping ("N()\'i nhtjn:") and a dash read as "_"', () => {
    const { plan } = run(`${head}\nN()'i nhtjn:\n- Sở Nội vụ;\n- BGĐ Sở;\n_ Phòng Lao động TBXH các huyện, thị xã;\n- Lưu VT, GN.`)
    expect(plan.document.recipients).toEqual(['Sở Nội vụ', 'BGĐ Sở', 'Phòng Lao động TBXH các huyện, thị xã', 'Lưu VT, GN'])
  })
})

describe('the signature block as OCR reads it', () => {
  it('an authority whose position lost a mark ("KT. BỘ TRƯƠNG") is written as the position table spells it', () => {
    const text = LETTER.replace(/Nơi nhận:[\s\S]*$/, 'Nơi nhận:                                   KT. BỘ TRƯƠNG\n- Như trên;                                 THỨ TRƯỞNG\n- Lưu: VT.\n                                           Nguyễn Văn Long')
    expect(run(text).plan.document.signer).toEqual({ name: 'Nguyễn Văn Long', position: 'Thứ trưởng', authority: 'KT. BỘ TRƯỞNG' })
  })
})
