import { describe, expect, it } from 'vitest'
import { protectedSpans, repairCode } from '../../src/normalize/protect.js'
import { protectedSpans as adapterSpans } from '../../src/normalize/protect-adapter.js'

const spans = (line: string) => protectedSpans(line).map((s) => [s.kind, line.slice(s.start, s.end), s.replacement])

describe('protectedSpans', () => {
  it.each([
    ['số 90/QĐ-TTg ngày', [['symbol', '90/QĐ-TTg', '90/QĐ-TTg']]],
    ['s6 21-NQ/TW, ngay', [['symbol', '21-NQ/TW', '21-NQ/TW']]],
    ['Nghi dinh 27/2022/ND-CP quy dinh', [['symbol', '27/2022/ND-CP', '27/2022/NĐ-CP']]],
    // a month/year in front of a symbol is the symbol's number and year, not a date
    ['10/2019/ND-CP ngay 30', [['symbol', '10/2019/ND-CP', '10/2019/NĐ-CP'], ['number', '30', '30']]],
    ['tháng 6/2024 và', [['date', '6/2024', '6/2024']]],
    ['S6 154/KH-TUHCTD Ha Noi', [['symbol', '154/KH-TUHCTD', '154/KH-TUHCTD']]], // unknown code: as printed
    ['S6 18-CTr/TU Ha Tinh', [['symbol', '18-CTr/TU', '18-CTr/TU']]],
    ['Quyet dinh 842/QD-UBND', [['symbol', '842/QD-UBND', '842/QĐ-UBND']]],
    ['Thong tu 17/2022//TT-BLDTBXH', [['symbol', '17/2022//TT-BLDTBXH', '17/2022//TT-BLĐTBXH']]],
    [' Số:         /KH-UBND', [['symbol', '/KH-UBND', '/KH-UBND']]],
    ['Thực hiện 21- NQ/TW ngày', [['symbol', '21- NQ/TW', '21-NQ/TW']]],
    ['1859/UBND-KGVX ngay 02/7/2018', [['symbol', '1859/UBND-KGVX', '1859/UBND-KGVX'], ['date', '02/7/2018', '02/7/2018']]],
    ['ngày 25/6/2024 và 25-6-2024', [['date', '25/6/2024', '25/6/2024'], ['date', '25-6-2024', '25-6-2024']]],
    ['kinh phí 1.250.000 đồng cho 216 hộ, đạt 2,5%', [['money', '1.250.000 đồng', '1.250.000 đồng'], ['number', '216', '216'], ['number', '2,5%', '2,5%']]],
    ['giai đoạn 2021-2025', [['number', '2021-2025', '2021-2025']]],
    ['I. MỤC ĐÍCH', [['number', 'I.', 'I.']]],
    ['IV. TỔ CHỨC THỰC HIỆN', [['number', 'IV.', 'IV.']]],
    ['|. MUC PICH, YEU CAU', [['number', '|.', 'I.']]],
    ['Il. Yéu ciu:', [['number', 'Il.', 'II.']]],
    ['Quý I, II và III năm 2024', [['number', 'I', 'I'], ['number', 'II', 'II'], ['number', 'III', 'III'], ['number', '2024', '2024']]],
    ['HDND tinh va UBND huyen', [['abbreviation', 'HDND', 'HĐND'], ['abbreviation', 'UBND', 'UBND']]],
    ['phat trien KT-XH vung DTTS thuoc MTQG', [['abbreviation', 'KT-XH', 'KT-XH'], ['abbreviation', 'DTTS', 'DTTS'], ['abbreviation', 'MTQG', 'MTQG']]],
    ['So LĐTBXH va TW Hoi', [['abbreviation', 'LĐTBXH', 'LĐTBXH'], ['abbreviation', 'TW', 'TW']]],
    ['xem https://example.gov.vn/a.pdf, hoặc vp@ubnd.gov.vn.', [['url', 'https://example.gov.vn/a.pdf', 'https://example.gov.vn/a.pdf'], ['email', 'vp@ubnd.gov.vn', 'vp@ubnd.gov.vn']]],
    ['phòng chống COVID-19 qua Zalo', [['foreign', 'COVID-19', 'COVID-19'], ['foreign', 'Zalo', 'Zalo']]],
  ] as const)('%s', (line, expected) => expect(spans(line)).toEqual(expected))

  it.each([
    'nhat 1a nguoi dung dau', // digits glued to letters are OCR'd words, not numbers
    's6 t6 chirc',
    'VI PHẠM HÀNH CHÍNH', // capitals heading: words, not abbreviations
    'Thực hiện tốt công tác',
  ])('protects nothing in %s', (line) => expect(protectedSpans(line)).toEqual([]))

  it('takes no capitals glued to a glyph of garbled text for a code (KEHO~CH = KẾ HOẠCH, HQ\'P = HỢP)', () => {
    // the encoding layer's rule (capitals that are no syllable inside ordinary text) and the adapter's fallback
    expect(protectedSpans('xay dung KEHO~CH cua tinh va thuc hien')).toEqual([])
    expect(adapterSpans('KEHO~CH')).toEqual([])
    expect(adapterSpans("PHU HQ'P")).toEqual([])
    expect(spans('(UBND) va TW')).toEqual([['abbreviation', 'UBND', 'UBND'], ['abbreviation', 'TW', 'TW']])
    expect(adapterSpans('(UBND)').map((s) => s.replacement)).toEqual(['UBND'])
  })

  it('returns sorted, non-overlapping spans', () => {
    const s = protectedSpans('Căn cứ 90/QĐ-TTg ngày 18/01/2022, 27/2022/NĐ-CP, UBND, 1.000 đồng')
    for (let i = 1; i < s.length; i++) expect(s[i].start).toBeGreaterThanOrEqual(s[i - 1].end)
  })
})

describe('repairCode', () => {
  it.each([
    ['QD', 'QĐ'], ['ND', 'NĐ'], ['HDND', 'HĐND'], ['BLDTBXH', 'BLĐTBXH'], ['QyD', 'QyĐ'], ['CTr', 'CTr'],
    ['UBN0', 'UBND'], ['TTG', 'TTg'], ['PU', 'ĐU'],
    ['HD', 'HD'], // Hướng dẫn or Hợp đồng: ambiguous, left as printed
    ['DA', 'DA'], // Dự án or Đề án
    ['TU', 'TU'], // Tỉnh ủy, a known code
    ['TUHCTD', 'TUHCTD'], // not in the tables: as printed (labels keep it)
  ])('%s → %s', (a, b) => expect(repairCode(a)).toBe(b))

  it('a syllable that is a code only through an OCR confusion is a word in a capitals heading that lost its marks', () => {
    // "HO" → HĐ and "CO" → CĐ would read Đ as O; Hồ and Cơ are what the heading says
    expect(protectedSpans('UY BAN NHAN DAN THANH PHO HO CHI MINH')).toEqual([])
    expect(protectedSpans('DANG UY KHOI CAC CO QUAN TINH')).toEqual([])
    expect(protectedSpans('HDND TINH').map((s) => s.replacement)).toEqual(['HĐND']) // a code by its letters stays one
  })
})
