// Conventions of Vietnamese administrative documents: a central body "… Việt Nam" above its branch and
// mass organisations in the issuer block, organ words re-spelled from the tables, citations, targets —
// each on a short invented snippet.
import { describe, expect, it } from 'vitest'
import { extractPlan } from '../../src/extract/index.js'
import { splitOrgans } from '../../src/extract/header.js'
import { findCitations } from '../../src/extract/cite.js'
import { findQuantities } from '../../src/extract/quantities.js'
import { leadInDeadline, pastYearClause, PRESENT_STATE } from '../../src/extract/targets.js'
import { findDeadlines } from '../../src/extract/quantities.js'
import { expandAbbreviations, fixProperNames, organCase, respellFields, respellOrganHead } from '../../src/extract/text.js'
import { Report } from '../../src/report.js'
import { docFromText } from './doc.js'

const run = (text: string) => extractPlan(docFromText(text), new Report())

const head = (left1: string, left2: string, year = 2025) => `${left1.padEnd(32)}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
${left2.padEnd(32)}Độc lập - Tự do - Hạnh phúc

Số: 15/KH-ABC                   Cần Thơ, ngày 10 tháng 3 năm ${year}

KẾ HOẠCH
Thực hiện công tác năm ${year}
`
const END = `
Nơi nhận:                                   KT. CHỦ TỊCH
- Như trên;                                 PHÓ CHỦ TỊCH
- Lưu: VT.
                                            Trần Văn Bình
`

describe('issuer block: central body "… Việt Nam" above its branch; mass organisations', () => {
  it.each([
    [['HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM', 'HỘI LHPN TỈNH CÀ MAU'], 'Hội Liên hiệp Phụ nữ Việt Nam', 'Hội Liên hiệp Phụ nữ tỉnh Cà Mau'],
    [['BẢO HIỂM XÃ HỘI VIỆT NAM', 'BẢO HIỂM XÃ HỘI TỈNH LONG AN'], 'Bảo hiểm xã hội Việt Nam', 'Bảo hiểm xã hội tỉnh Long An'],
    [['BẢO HIỂM XÃ HỘI VIỆT NAM', 'BHXH TỈNH LONG AN'], 'Bảo hiểm xã hội Việt Nam', 'Bảo hiểm xã hội tỉnh Long An'],
    [['TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM', 'LĐLĐ TỈNH NAM ĐỊNH'], 'Tổng Liên đoàn Lao động Việt Nam', 'Liên đoàn Lao động tỉnh Nam Định'],
  ])('%j → parent %s, issuer %s', (rows, parent, issuer) => {
    const organs = splitOrgans(rows).map(organCase)
    expect(organs[organs.length - 1]).toBe(issuer)
    expect(organs[organs.length - 2]).toBe(parent)
  })
  it('a single line naming a Sở of Lao động - Thương binh và Xã hội is not cut at "hội"', () => {
    expect(splitOrgans(['UBND TỈNH CÀ MAU', 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI']).map(organCase))
      .toEqual(['Ủy ban nhân dân tỉnh Cà Mau', 'Sở Lao động - Thương binh và Xã hội'])
  })
  it.each([
    ['HỘI LHPN', 'HỘI Liên hiệp Phụ nữ'],
    ['BHXH huyện', 'Bảo hiểm xã hội huyện'],
    ['HND tỉnh', 'Hội Nông dân tỉnh'],
    ['HỘI CCB', 'HỘI Cựu chiến binh'],
  ])('abbreviation %s → %s', (a, b) => expect(expandAbbreviations(a)).toBe(b))
  it.each([
    // the bank is an organ named after its field ("ngân hàng" is an organ word)
    ['PHÒNG GIAO DỊCH NGÂN HÀNG CHÍNH SÁCH XÃ HỘI', 'Phòng Giao dịch Ngân hàng Chính sách xã hội'],
    ['BẢO HIỂM XÃ HỘI HUYỆN MỸ XUYÊN', 'Bảo hiểm xã hội huyện Mỹ Xuyên'],
  ])('"xã hội" is a common noun, not the unit "xã": %s', (a, b) => expect(organCase(a)).toBe(b))
  it('through the pipeline', () => {
    const p = run(head('HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM', ' HỘI LHPN TỈNH CÀ MAU') + '\nI. MỤC TIÊU\n- Phát triển 500 hội viên.\n' + END)
    expect(p.document.issuer).toEqual({ name: 'Hội Liên hiệp Phụ nữ tỉnh Cà Mau', parent: 'Hội Liên hiệp Phụ nữ Việt Nam' })
  })
})

describe('organ words and fields re-spelled from the tables (text that lost its marks)', () => {
  it.each([
    ['SỐ TÀI NGUYÊN VÀ MÔI TRƯỜNG', 'Sở Tài nguyên và Môi trường'],
    ['SO Y TE', 'Sở Y tế'],
    ['SỞ Y TẾ', 'Sở Y tế'],
  ])('issuer line %s → %s', (line, want) => expect(organCase(respellOrganHead(line))).toBe(want))
  it.each([
    ['Bộ Kế hoạch và Đầu tu', 'Bộ Kế hoạch và Đầu tư'],
    ['Sở tài nguyên và môi Trường', 'Sở Tài nguyên và Môi trường'],
    ['Phòng Giao duc va Dao tao huyện', 'Phòng Giáo dục và Đào tạo huyện'],
    ['Kế hoạch và đầu tư công', 'Kế hoạch và đầu tư công'], // no organ word before: untouched
  ])('field %s → %s', (a, b) => expect(respellFields(a)).toBe(b))
  it.each([
    ['Đảng bộ thành phố Da Năng', 'Đảng bộ thành phố Đà Nẵng'],
    ['Ủy ban nhân dân tỉnh Bac Ninh', 'Ủy ban nhân dân tỉnh Bắc Ninh'],
  ])('a province after its unit word, spelled any way that folds to it: %s', (a, b) => expect(fixProperNames(a)).toBe(b))
})

describe('citations', () => {
  it.each([
    ['Thực hiện Văn bản số 210/UBND-KT ngày 14/01/2025 của UBND tỉnh về tăng cường', 'Văn bản', '210/UBND-KT', '2025-01-14'],
    ['Thực hiện Chương trình công tác năm 2024 số 05/CTr-ĐCT ngày 10/01/2024 của Đoàn Chủ tịch', 'Chương trình', '05/CTr-ĐCT', '2024-01-10'],
    ['Căn cứ Luật Khám bệnh, chữa bệnh số 15/2023/QH15 ngày 09 tháng 01 năm 2023;', 'Luật', '15/2023/QH15', '2023-01-09'],
    ['Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế số 46/2014/QH13 ngày 13/6/2014;', 'Luật', '46/2014/QH13', '2014-06-13'],
  ])('%s', (text, type, number, date) => {
    const h = findCitations(text)
    expect(h).toHaveLength(1)
    expect(h[0]).toMatchObject({ type, number, date })
  })
  it('a name before "số" whose code is another type is not taken', () => {
    expect(findCitations('Chương trình công tác năm 2024 số 05/KH-UBND')).toHaveLength(0)
  })
  it('"văn bản quy phạm pháp luật" in running text is no citation', () => {
    expect(findCitations('rà soát văn bản quy phạm pháp luật về đất đai')).toHaveLength(0)
  })
  const basesOf = (pre: string) => run(head('ỦY BAN NHÂN DÂN', 'HUYỆN PHONG ĐIỀN') + '\n' + pre + '\n\nI. MỤC TIÊU\n- Đạt 90% hộ dân.\n' + END).legalBases
  it('an unnumbered Nghị quyết with its date after the name; a Quy chế with neither', () => {
    const b = basesOf(`Căn cứ Nghị quyết Đại hội đại biểu Đảng bộ xã Phong Hòa lần thứ I, nhiệm kỳ
2025 - 2030 thông qua ngày 12/8/2025; Quy chế làm việc của Ban Chấp hành Đảng bộ xã;`)
    expect(b.map((x) => [x.type, x.number, x.date])).toEqual([['Nghị quyết', null, '2025-08-12'], ['Quy chế', null, null]])
  })
  it('a wrapped line beginning "thực hiện" in lower case continues the subject (no new basis)', () => {
    const b = basesOf(`Căn cứ Kết luận số 91-KL/TW ngày 12/8/2024 của Bộ Chính trị về tiếp tục
thực hiện Nghị quyết Hội nghị Trung ương 8 khóa XI về đổi mới giáo dục;`)
    expect(b.map((x) => x.number)).toEqual(['91-KL/TW'])
  })
})

describe('targets: lead-ins, background, qualifiers, units', () => {
  it.each([
    ['Năm 2025, phấn đấu:', '2025'],
    ['Mục tiêu cụ thể Đến năm 2030 phấn đấu đạt:', '2030'],
    ['Năm 2024 tỉnh đạt 5%. Chỉ tiêu năm 2025 được giao:', '2025'],
    ['Năm 2025, phấn đấu đạt các chỉ tiêu sau.', null],
  ])('lead-in %s → %s', (t, y) => expect(leadInDeadline(t)?.text ?? null).toBe(y))
  it.each([
    ['Năm 2023, toàn tỉnh có 33.214 người tham gia', 2024, true],
    ['Năm học 2023 - 2024, có 612 giáo viên', 2025, true],
    ['Năm 2025, đạt 72%', 2025, false],
    ['tăng 10% so với năm 2020', 2025, false],
  ])('past-year clause %s (plan of %i) → %s', (t, y, want) => {
    const f = t.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').toLowerCase()
    expect(pastYearClause(findDeadlines(t), y, f)).toBe(want)
  })
  it.each(['hien nay, toan huyen co 9 xa', 'toan tinh hien co 412.530 hoi vien', 'tinh den 31/12/2024'])('present state: %s', (t) => expect(PRESENT_STATE.test(t)).toBe(true))
  it('"toàn tỉnh có thêm" is an objective, not a census', () => expect(PRESENT_STATE.test('toan tinh co them 20 xa')).toBe(false))
  it.each([
    ['mức độ 2 trước ngày 31/12/2025', []],
    ['người từ 30 đến 70 tuổi', []],
    ['sản phẩm đạt từ 3 sao trở lên', []],
    ['học sinh lớp 12', []],
    ['đạt 950 triệu USD', ['triệu USD']],
    ['thu hút 2 tỷ USD', ['tỷ USD']],
  ])('qualifiers and units: %s', (t, units) => expect(findQuantities(t, { countUnits: true, anyNoun: true }).map((q) => q.unit)).toEqual(units))
  it('through the pipeline: background first, then a lead-in and its list (dash and lettered)', () => {
    const p = run(head('ỦY BAN NHÂN DÂN', 'HUYỆN PHONG ĐIỀN', 2025) + `
I. MỤC TIÊU
Năm 2024, huyện đã thu hút 11 dự án; tỷ lệ lấp đầy đạt 66,3%. Hiện nay, toàn huyện có
9 xã; 78% thôn có sóng 4G.
Năm 2025, phấn đấu:
- Thu hút từ 15 đến 18 dự án đầu tư mới.
- Giải quyết việc làm cho 3.500 lao động.
II. CHỈ TIÊU ĐẾN NĂM 2030
Đến năm 2030 phấn đấu đạt:
a) 95% trạm y tế xã thực hiện dự phòng;
b) Giảm 10% tỷ lệ tử vong sớm ở người từ 30 đến 70 tuổi so với năm 2020.
III. NHIỆM VỤ
1. Tổ chức hội nghị xúc tiến đầu tư.
` + END)
    expect(p.targets.map((t) => [t.value, t.unit, t.deadline])).toEqual([
      [15, 'dự án', '2025'], [3500, 'lao động', '2025'], [95, '%', '2030'], [10, '%', '2030'],
    ])
  })
})
