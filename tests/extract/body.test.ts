import { describe, expect, it } from 'vitest'
import { findCitations } from '../../src/extract/cite.js'
import { extractPlan } from '../../src/extract/index.js'
import { findQuantities } from '../../src/extract/quantities.js'
import { Report } from '../../src/report.js'
import { docFromText } from './doc.js'

const head = `ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN A     Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND      A, ngày 02 tháng 3 năm 2024

KẾ HOẠCH
Thực hiện chương trình năm 2024
`
const tail = `
Nơi nhận:
- Lưu: VT.

CHỦ TỊCH

Lê Văn B
`
const plan = (text: string) => extractPlan(docFromText(head + text + tail), new Report())

describe('citations', () => {
  it.each([
    ['Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ về phê duyệt', 'Quyết định', '90/QĐ-TTg', '2022-01-18', 'Thủ tướng Chính phủ'],
    ['Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015', 'Luật', null, '2015-06-19', null],
    ['Kế hoạch số 47/KH-UBND ngày 24/02/2023  UBND huyện Hớn Quản về thực hiện', 'Kế hoạch', '47/KH-UBND', '2023-02-24', 'Ủy ban nhân dân huyện Hớn Quản'],
    ['Thông tư số 17/2022//TT-BLĐTBXH ngày 06/9/2022 của Bộ LĐ-TB&XH hướng dẫn', 'Thông tư', '17/2022/TT-BLĐTBXH', '2022-09-06', 'Bộ Lao động - Thương binh và Xã hội'],
    ['Xét đề nghị của Phòng Tài chính - Kế hoạch tại Tờ trình số 5/TTr-TCKH ngày 1/3/2024.', 'Tờ trình', '5/TTr-TCKH', '2024-03-01', 'Phòng Tài chính - Kế hoạch'],
    ['Quyết định 1481 ngày 29/11/2022 của Thủ tướng Chính phủ', 'Quyết định', '1481', '2022-11-29', 'Thủ tướng Chính phủ'],
  ])('%s', (text, type, number, date, issuer) => {
    expect(findCitations(text)[0]).toMatchObject({ type, number, date, issuer })
  })
  it('ignores type words that cite nothing', () => {
    expect(findCitations('UBND huyện ban hành Kế hoạch thực hiện năm 2023')).toEqual([])
  })
})

describe('legal bases', () => {
  it('several per clause; a document named inside a subject is not a basis', () => {
    const p = plan(`
Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ quy định cơ chế; Nghị định số
38/2023/NĐ-CP sửa đổi một số điều nghị định 27/NĐ-CP ngày 19/4/2022 của Chính phủ; Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;
Theo đề nghị của Phòng Nội vụ.

I. MỤC TIÊU
`)
    expect(p.legalBases.map((b) => [b.relation, b.type, b.number, b.date])).toEqual([
      ['can-cu', 'Nghị định', '27/2022/NĐ-CP', '2022-04-19'],
      ['can-cu', 'Nghị định', '38/2023/NĐ-CP', null],
      ['can-cu', 'Luật', null, '2015-06-25'],
    ])
    expect(p.legalBases[0].prov.lines[0]).toBe(7)
    expect(p.citations.every((c) => c.inPreamble)).toBe(true)
  })
})

describe('quantities', () => {
  it.each([
    ['đạt 08 - 10 chương trình', 8, 10, 'chương trình'],
    ['tỷ lệ 2,5%', 2.5, null, '%'],
    ['kinh phí 1.250 triệu đồng', 1250, null, 'triệu đồng'],
    ['216 triệu đồng', 216, null, 'triệu đồng'],
    ['3 tỷ đồng', 3, null, 'tỷ đồng'],
  ])('%s', (text, value, valueMax, unit) => {
    expect(findQuantities(text, { countUnits: true })[0]).toMatchObject({ value, valueMax, unit })
  })
  it('skips years and dates', () => {
    expect(findQuantities('đến năm 2030, ngày 25/6/2024', { countUnits: true })).toEqual([])
  })
})

describe('body sections', () => {
  const p = plan(`
I. MỤC TIÊU
- Đến năm 2025, 60% xã đạt chuẩn; phấn đấu đến năm 2030 đạt tỷ lệ 80%.
- Hằng năm tổ chức 08 - 10 lớp tập huấn.

II. NHIỆM VỤ, GIẢI PHÁP
1. Tuyên truyền, phổ biến
- Thời gian: Quý I/2024.
2. Đào tạo cán bộ
2.1. Mở lớp bồi dưỡng
2.2. Tổng kinh phí thực hiện là: 500 triệu đồng.

III. KINH PHÍ
- Ngân sách huyện: 216 triệu đồng.

IV. TỔ CHỨC THỰC HIỆN
1. Phòng Nội vụ: Chủ trì tổ chức thực hiện Kế hoạch.
2. Ủy ban nhân dân các xã
- Triển khai kế hoạch tại địa phương.
`)
  it('targets with deadlines, ranges and money', () => {
    expect(p.targets.map((t) => [t.value, t.valueMax, t.unit, t.deadline])).toEqual([
      [60, null, '%', '2025'],
      [80, null, '%', '2030'],
      [8, 10, 'lớp', 'hằng năm'],
      [500, null, 'triệu đồng', null],
      [216, null, 'triệu đồng', null],
    ])
    expect(p.targets[0].section).toBe('MỤC TIÊU')
  })
  it('tasks are the numbered items of the task section, budget items left out', () => {
    expect(p.tasks.map((t) => [t.id, t.content, t.group, t.timeline])).toEqual([
      ['1', 'Tuyên truyền, phổ biến', 'NHIỆM VỤ, GIẢI PHÁP', 'Quý I/2024'],
      ['2', 'Đào tạo cán bộ', 'NHIỆM VỤ, GIẢI PHÁP', null],
      ['2.1', 'Mở lớp bồi dưỡng', 'Đào tạo cán bộ', null],
    ])
    expect(p.tasks.every((t) => t.origin === 'list')).toBe(true)
  })
  it('a listed task carries its timeline as an ISO period, as a table task does', () => {
    expect(p.tasks.map((t) => t.period ?? null)).toEqual([{ start: '2024-01-01', end: '2024-03-31', recurrence: null }, null, null])
  })
  it('outline levels and spans', () => {
    const top = p.outline.filter((n) => n.level === 1).map((n) => n.id)
    expect(top).toEqual(['I', 'II', 'III', 'IV'])
    expect(p.outline.find((n) => n.id === '2.1')!.level).toBe(3)
  })
  it('budget in VND and responsibilities', () => {
    expect(p.budget.find((b) => b.amount === 216)).toMatchObject({ amountVnd: 216000000, unit: 'triệu đồng', source: 'Ngân sách huyện' })
    expect(p.responsibilities.map((r) => [r.agency, r.duties])).toEqual([
      ['Phòng Nội vụ', ['Chủ trì tổ chức thực hiện Kế hoạch.']],
      ['Ủy ban nhân dân các xã', ['Triển khai kế hoạch tại địa phương.']],
    ])
  })
  it('skips lines flagged as table rows', () => {
    const doc = docFromText(head + '\nII. NHIỆM VỤ\n1. Việc một\n2. Việc hai\n' + tail)
    for (const l of doc.lines) if (l.text.startsWith('2. Việc')) l.inTable = true
    expect(extractPlan(doc, new Report()).tasks.map((t) => t.id)).toEqual(['1'])
  })
})
