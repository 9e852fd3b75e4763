// Conventions of Vietnamese administrative documents: local bodies by level, abbreviations as data,
// noise in the header, targets, legal bases joined by "và", the "Nơi nhận" heading — each on a short
// invented snippet.
import { describe, expect, it } from 'vitest'
import { extractPlan } from '../../src/extract/index.js'
import { isPlaceName, localBodyLevel, splitOrgans } from '../../src/extract/header.js'
import { matchTypeLine } from '../../src/extract/header-columns.js'
import { findDate } from '../../src/extract/date.js'
import { findQuantities } from '../../src/extract/quantities.js'
import { expandAbbreviations, expandUpper, organCase } from '../../src/extract/text.js'
import { RECIPIENTS_HEADING } from '../../src/extract/data/signature.js'
import { Report } from '../../src/report.js'
import { docFromText } from './doc.js'

const run = (text: string) => extractPlan(docFromText(text), new Report())
const organs = (rows: string[]) => splitOrgans(rows.map(expandUpper)).map(organCase)

describe('local bodies by level: tỉnh > huyện > xã, thành phố > phường (ADMIN_LEVELS)', () => {
  it.each([
    [['UBND HUYỆN CHƯ SÊ', 'ỦY BAN NHÂN DÂN', 'XÃ IA GLAI'], 'Ủy ban nhân dân huyện Chư Sê', 'Ủy ban nhân dân xã Ia Glai'],
    [['UBND THÀNH PHỐ HUẾ', 'UBND PHƯỜNG AN CỰU'], 'Ủy ban nhân dân thành phố Huế', 'Ủy ban nhân dân phường An Cựu'],
    [['UBND TỈNH PHÚ THỌ', 'UBND THỊ XÃ PHÚ THỌ'], 'Ủy ban nhân dân tỉnh Phú Thọ', 'Ủy ban nhân dân thị xã Phú Thọ'],
    [['HĐND HUYỆN LỤC NGẠN', 'HĐND XÃ NAM DƯƠNG'], 'Hội đồng nhân dân huyện Lục Ngạn', 'Hội đồng nhân dân xã Nam Dương'],
  ])('%j → parent %s, issuer %s', (rows, parent, issuer) => {
    const o = organs(rows)
    expect(o).toEqual([parent, issuer])
  })
  it.each([
    [['ỦY BAN NHÂN DÂN', 'TỈNH LÀO CAI'], ['Ủy ban nhân dân tỉnh Lào Cai']],
    [['UBND TỈNH NAM ĐỊNH', 'SỞ Y TẾ'], ['Ủy ban nhân dân tỉnh Nam Định', 'Sở Y tế']],
  ])('%j stays as before', (rows, want) => expect(organs(rows)).toEqual(want))
  it.each([
    ['uy ban nhan dan xa tan lap', 3],
    ['uy ban nhan dan huyen dong phu', 2],
    ['hoi dong nhan dan tinh bac giang', 1],
    ['uy ban nhan dan thi tran a', 3],
  ])('%s → level %i', (f, n) => expect(localBodyLevel(f)).toBe(n))
})

describe('abbreviations as data: CTĐ, TTYT, BQL, school levels after "Trường", Đ printed D', () => {
  it.each([
    ['HỘI CTĐ TỈNH BẮC NINH', 'Hội Chữ thập đỏ tỉnh Bắc Ninh'],
    ['TTYT HUYỆN THANH CHƯƠNG', 'Trung tâm Y tế huyện Thanh Chương'],
    ['TRƯỜNG THPT NGUYỄN DU', 'Trường Trung học phổ thông Nguyễn Du'],
    ['TRƯỜNG THCS LÊ LỢI', 'Trường Trung học cơ sở Lê Lợi'],
    ['TRƯỜNG TH KIM ĐỒNG', 'Trường Tiểu học Kim Đồng'],
    ['TRƯỜNG MN HOA MAI', 'Trường Mầm non Hoa Mai'],
    ['TRƯỜNG PTDTNT TỈNH ĐIỆN BIÊN', 'Trường Phổ thông dân tộc nội trú tỉnh Điện Biên'],
    ['SỞ GD&DT BẾN TRE', 'Sở Giáo dục và Đào tạo Bến Tre'],
    ['HỘI CTD TỈNH BẮC NINH', 'Hội Chữ thập đỏ tỉnh Bắc Ninh'],
  ])('%s → %s', (a, b) => expect(organCase(expandUpper(a))).toBe(b))
  it.each([
    ['Trường THCS Hòa Bình', 'Trường Trung học cơ sở Hòa Bình'],
    ['Hội CTĐ huyện', 'Hội Chữ thập đỏ huyện'],
    // "TH" and "MN" are expanded only after "trường"
    ['TH và MN', 'TH và MN'],
  ])('%s → %s', (a, b) => expect(expandAbbreviations(a)).toBe(b))
  it('a school under the Sở: issuer = school, parent = Sở', () => {
    expect(organs(['SỞ GD&ĐT AN GIANG', 'TRƯỜNG THPT THOẠI NGỌC HẦU'])).toEqual(['Sở Giáo dục và Đào tạo An Giang', 'Trường Trung học phổ thông Thoại Ngọc Hầu'])
  })
})

describe('header noise: stray punctuation in the date line and after the type word', () => {
  it.each([
    ['Hớn Quản, ngày 15:tháng 9 năm 2023', '2023-09-15'],
    ['ngày 3,. tháng 4 năm 2024', '2024-04-03'],
    ['ngày 07 tháng 02; năm 2025', '2025-02-07'],
  ])('%s → %s', (s, iso) => expect(findDate(s)?.iso).toBe(iso))
  it.each([['KẾ HOẠCH..', 'Kế hoạch'], ['KẾ HOẠCH :', 'Kế hoạch'], ['CHƯƠNG TRÌNH HÀNH ĐỘNG.', 'Chương trình hành động']])('%s → %s', (t, name) => expect(matchTypeLine(t)?.type.name).toBe(name))
  it.each([
    ['Hớn Quản', true], ['TP. Hồ Chí Minh', true], ['Bắc Giang', true],
    ['Căn cứ Quyết định số 90/QĐ-TTg', false], ['Kế hoạch', false], ['thực hiện', false],
  ])('place %s → %s', (s, ok) => expect(isPlaceName(s)).toBe(ok))
  it('OCR noise: no place or date taken from the preamble, title kept', () => {
    const p = run([
      'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'HUYỆN AN LÃO Độc lập - Tự do - Hạnh phúc',
      'Số: 88/KH-UBND An Lão, ngày 12:tháng 5 năm 2024',
      'KẾ HOẠCH..',
      'Phòng chống thiên tai năm 2024',
      'Căn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ;',
      'I. MỤC ĐÍCH',
      '1. Chủ động ứng phó.',
    ].join('\n'))
    expect(p.document.place).toBe('An Lão')
    expect(p.document.date).toBe('2024-05-12')
    expect(p.document.title).toBe('Phòng chống thiên tai năm 2024')
  })
  it('no type word: a "Căn cứ" line is not the header date line', () => {
    const p = run([
      'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'HUYỆN AN LÃO Độc lập - Tự do - Hạnh phúc',
      'Số: 88/KH-UBND',
      'Căn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ;',
    ].join('\n'))
    expect(p.document.place).toBeNull()
    expect(p.document.date).toBeNull()
  })
})

describe('targets: a remark in brackets is its own sentence; a bounded duration in an objectives list', () => {
  it('"(Năm 2023 …)" after a target does not make it background', () => {
    const p = run([
      'HUYỆN ỦY AN LÃO        ĐẢNG CỘNG SẢN VIỆT NAM',
      'Số 12-KH/HU        An Lão, ngày 02 tháng 3 năm 2024',
      'KẾ HOẠCH', 'Phát triển đảng viên năm 2024', '',
      'I. CHỈ TIÊU',
      '- Trên 80% chi bộ đạt chất lượng khá trở lên.',
      '(Năm 2023 kết nạp 150 đảng viên, đạt 97% chỉ tiêu.)',
      'II. NHIỆM VỤ', '1. Lãnh đạo.',
    ].join('\n'))
    expect(p.targets.map((t) => `${t.value} ${t.unit}`)).toEqual(['80 %'])
  })
  it.each([
    ['giảm thời gian chờ xuống dưới 45 phút', ['45 phút']],
    ['giải quyết hồ sơ không quá 3 ngày làm việc', ['3 ngày làm việc']],
    ['tối đa 2 giờ', ['2 giờ']],
    ['họp 2 ngày', []],
  ])('%s → %j', (s, want) => expect(findQuantities(s, { countUnits: true, anyNoun: true, durations: true }).map((q) => `${q.value} ${q.unit}`)).toEqual(want))
  it('durations count only in an objectives list', () => expect(findQuantities('xuống dưới 45 phút', { countUnits: true, anyNoun: true })).toEqual([]))
})

describe('legal bases: "và" + a citation complete with number, date and issuer is a new basis', () => {
  it('after a subject that names another document', () => {
    const p = run([
      'KẾ HOẠCH', 'Thực hiện chuyển đổi số', '',
      'Thực hiện Nghị quyết số 12/NQ-CP ngày 05/02/2024 của Chính phủ ban hành Chương trình hành động thực hiện Nghị quyết số 52-NQ/TW và Chương trình hành động số 15-CTr/TU ngày 10/3/2024 của Tỉnh ủy Long An,',
      'Ban Thường vụ Huyện ủy xây dựng Kế hoạch như sau:',
      'I. MỤC ĐÍCH',
    ].join('\n'))
    expect(p.legalBases.map((b) => b.number)).toEqual(['12/NQ-CP', '15-CTr/TU'])
  })
  it('a document named inside a subject with no date stays a mention', () => {
    const p = run([
      'KẾ HOẠCH', 'Thực hiện', '',
      'Căn cứ Nghị định số 10/2024/NĐ-CP ngày 01/02/2024 của Chính phủ sửa đổi Nghị định số 27/2019/NĐ-CP và Nghị định số 28/2020/NĐ-CP;',
      'I. MỤC ĐÍCH',
    ].join('\n'))
    expect(p.legalBases.map((b) => b.number)).toEqual(['10/2024/NĐ-CP'])
  })
})

describe('end block: "Nơi nhận:" with its marks misrestored', () => {
  it.each([['Nơi nhận:', true], ['Nội nhân:', true], ['Nơi nhận', true], ['Nội nhân dân', false]])('%s → %s', (s, ok) => expect(RECIPIENTS_HEADING.test(s)).toBe(ok))
})
