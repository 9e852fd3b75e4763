// Conventions of Vietnamese administrative documents: abbreviations in the issuer block, joint plans
// (Nghị định 30/2020/NĐ-CP Điều 13), military documents, legal bases named alone, targets, task tables
// printed as text, a Quyết định with its plan attached — each on a short invented snippet.
import { describe, expect, it } from 'vitest'
import { extractPlan } from '../../src/extract/index.js'
import { splitOrgans } from '../../src/extract/header.js'
import { findCitations } from '../../src/extract/cite.js'
import { bareCitation } from '../../src/extract/legal-bases.js'
import { findDeadlines, findQuantities } from '../../src/extract/quantities.js'
import { statedAsOf } from '../../src/extract/targets.js'
import { textTaskTable } from '../../src/extract/text-table-tasks.js'
import { roleOf } from '../../src/extract/outline.js'
import { toXLines } from '../../src/extract/lines.js'
import { expandUpper, organCase } from '../../src/extract/text.js'
import { positionCase, isPosition } from '../../src/extract/signer.js'
import { Report } from '../../src/report.js'
import { docFromText } from './doc.js'

const run = (text: string) => extractPlan(docFromText(text), new Report())
const organs = (rows: string[]) => splitOrgans(rows.map(expandUpper)).map(organCase)

describe('issuer block: abbreviations written out, military commands, cooperatives, the policy bank', () => {
  it.each([
    [['SỞ NÔNG NGHIỆP VÀ PTNT TỈNH GIA LAI', 'CHI CỤC THỦY LỢI'], 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Gia Lai', 'Chi cục Thủy lợi'],
    [['UBND HUYỆN ĐÔNG ANH', 'PHÒNG NN&PTNT'], 'Ủy ban nhân dân huyện Đông Anh', 'Phòng Nông nghiệp và Phát triển nông thôn'],
    [['UBND TỈNH BẮC KẠN', 'SỞ GTVT'], 'Ủy ban nhân dân tỉnh Bắc Kạn', 'Sở Giao thông vận tải'],
    [['BỘ TƯ LỆNH QUÂN KHU 7', 'BỘ CHỈ HUY QUÂN SỰ TỈNH LONG AN'], 'Bộ Tư lệnh Quân khu 7', 'Bộ Chỉ huy Quân sự tỉnh Long An'],
    [['BỘ CHỈ HUY QUÂN SỰ TỈNH HÀ TĨNH', 'BAN CHỈ HUY QUÂN SỰ HUYỆN KỲ ANH'], 'Bộ Chỉ huy Quân sự tỉnh Hà Tĩnh', 'Ban Chỉ huy Quân sự huyện Kỳ Anh'],
    [['LIÊN MINH HTX VIỆT NAM', 'LIÊN MINH HỢP TÁC XÃ', 'TỈNH GIA LAI'], 'Liên minh Hợp tác xã Việt Nam', 'Liên minh Hợp tác xã tỉnh Gia Lai'],
    [['HỘI NÔNG DÂN TỈNH BẾN TRE', 'BCH HỘI NÔNG DÂN', 'HUYỆN CHỢ LÁCH'], 'Hội Nông dân tỉnh Bến Tre', 'Ban Chấp hành Hội Nông dân huyện Chợ Lách'],
  ])('%j → parent %s, issuer %s', (rows, parent, issuer) => {
    const o = organs(rows)
    expect(o[o.length - 1]).toBe(issuer)
    expect(o[o.length - 2]).toBe(parent)
  })
  it.each([
    ['NGÂN HÀNG CSXH VIỆT NAM', 'Ngân hàng Chính sách xã hội Việt Nam'],
    ['PHÒNG GIAO DỊCH NHCSXH HUYỆN CÁI BÈ', 'Phòng Giao dịch Ngân hàng Chính sách xã hội huyện Cái Bè'],
  ])('%s → %s', (a, b) => expect(organCase(expandUpper(a))).toBe(b))
  it('mixed-case text is left as printed by expandUpper', () => expect(expandUpper('Sở Nông nghiệp và PTNT')).toBe('Sở Nông nghiệp và PTNT'))
})

const HEAD3 = `HỘI NÔNG DÂN TỈNH BẾN TRE      NGÂN HÀNG CSXH VIỆT NAM      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BCH HỘI NÔNG DÂN                PHÒNG GIAO DỊCH NHCSXH          Độc lập - Tự do - Hạnh phúc
HUYỆN CHỢ LÁCH                  HUYỆN CHỢ LÁCH
Số: 05/KHLT-HND-NHCSXH                               Chợ Lách, ngày 10 tháng 4 năm 2024

KẾ HOẠCH LIÊN TỊCH
Phối hợp cho vay vốn tín dụng chính sách
qua Hội Nông dân huyện năm 2024

Căn cứ Văn bản liên tịch số 2881/VBLT-NHCS-HND ngày 04/9/2020 giữa Ngân hàng Chính sách xã hội và Trung ương Hội Nông dân Việt Nam;

I. MỤC ĐÍCH
- Nâng cao chất lượng tín dụng.

T/M BAN THƯỜNG VỤ HỘI NÔNG DÂN HUYỆN          PHÒNG GIAO DỊCH NHCSXH HUYỆN
            CHỦ TỊCH                                    GIÁM ĐỐC

        Trần Thị Lan                                Lê Văn Minh

Nơi nhận:
- Hội Nông dân tỉnh;
- Lưu: VT.
`

describe('joint plan with three header columns and two signature columns (NĐ 30/2020 Điều 13)', () => {
  const p = run(HEAD3)
  it('issuer and parent are the lead (left) organ\'s', () => expect(p.document.issuer).toEqual({ name: 'Ban Chấp hành Hội Nông dân huyện Chợ Lách', parent: 'Hội Nông dân tỉnh Bến Tre' }))
  it('an authority line beside an organ name in capitals: two signature columns, the left one signs', () =>
    expect(p.document.signer).toEqual({ name: 'Trần Thị Lan', position: 'Chủ tịch', authority: 'T/M BAN THƯỜNG VỤ HỘI NÔNG DÂN HUYỆN' }))
  it('a subject line wrapped before a lower-case "qua …" continues the title', () =>
    expect(p.document.title).toBe('Phối hợp cho vay vốn tín dụng chính sách qua Hội Nông dân huyện năm 2024'))
  it('"Văn bản liên tịch" is a cited type (VBLT)', () => expect(p.legalBases.map((b) => [b.type, b.number])).toEqual([['Văn bản liên tịch', '2881/VBLT-NHCS-HND']]))
})

describe('military documents: organ heads, commanders, orders', () => {
  it.each([['CHỈ HUY TRƯỞNG', 'Chỉ huy trưởng'], ['PHÓ CHỈ HUY TRƯỞNG', 'Phó Chỉ huy trưởng'], ['TƯ LỆNH', 'Tư lệnh'], ['CHÍNH ỦY', 'Chính ủy']])('position %s', (a, b) => {
    expect(isPosition(a)).toBe(true)
    expect(positionCase(a)).toBe(b)
  })
  it('"Chỉ lệnh số 35/CL-BTL" is a citation', () => expect(findCitations('Chỉ lệnh số 35/CL-BTL ngày 20/12/2024 của Bộ Tư lệnh Quân khu 7 về công tác quốc phòng')[0]).toMatchObject({ type: 'Chỉ lệnh', number: '35/CL-BTL', date: '2024-12-20' }))
  it('an unnumbered Mệnh lệnh of a commander, then "và" a numbered Chỉ lệnh: two bases', () => {
    const p = run(`BỘ TƯ LỆNH QUÂN KHU 7              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BỘ CHỈ HUY QUÂN SỰ TỈNH LONG AN              Độc lập - Tự do - Hạnh phúc

Số: 12/KH-BCH                       Long An, ngày 05 tháng 01 năm 2025

KẾ HOẠCH
Huấn luyện dân quân năm 2025

Thực hiện Mệnh lệnh huấn luyện năm 2025 của Tư lệnh Quân khu 7 và Chỉ lệnh số 20/CL-BTL ngày 10/12/2024 của Bộ Tư lệnh Quân khu 7 về công tác quốc phòng,
Bộ Chỉ huy Quân sự tỉnh xây dựng Kế hoạch như sau:

I. CHỈ TIÊU
- 100% đơn vị hoàn thành kế hoạch.

IV. BẢO ĐẢM
Kinh phí do ngân sách địa phương bảo đảm, tổng số 2,5 tỷ đồng.

Nơi nhận:                                   CHỈ HUY TRƯỞNG
- Bộ Tư lệnh Quân khu 7;
- Lưu: VT.                                  Đại tá Nguyễn Văn An
`)
    expect(p.document.issuer).toEqual({ name: 'Bộ Chỉ huy Quân sự tỉnh Long An', parent: 'Bộ Tư lệnh Quân khu 7' })
    expect(p.document.signer?.position).toBe('Chỉ huy trưởng')
    expect(p.legalBases.map((b) => [b.type, b.number, b.issuer])).toEqual([['Mệnh lệnh', null, 'Tư lệnh Quân khu 7'], ['Chỉ lệnh', '20/CL-BTL', 'Bộ Tư lệnh Quân khu 7']])
    expect(p.targets.map((t) => [t.value, t.unit])).toContainEqual([2.5, 'tỷ đồng'])
  })
})

describe('legal bases named alone: Điều lệ; a list item after a comma with its issuer', () => {
  it('"Căn cứ Điều lệ Hội … nhiệm kỳ …" is a basis with no number', () => expect(bareCitation('Căn cứ Điều lệ Liên minh Hợp tác xã tỉnh Gia Lai nhiệm kỳ 2021 - 2026')).toMatchObject({ type: 'Điều lệ', number: null }))
  it('a Chương trình named alone after a comma in the verb\'s list is a basis', () => {
    const p = run(`UBND TỈNH GIA LAI                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ CÔNG THƯƠNG                   Độc lập - Tự do - Hạnh phúc

Số: 15/KH-SCT                    Gia Lai, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Phát triển thương mại năm 2025

Thực hiện Kế hoạch số 125/KH-UBND ngày 15/11/2024 của UBND tỉnh về phát triển thương mại năm 2025, Chương trình công tác năm 2025 của Bộ Công Thương,
Sở Công Thương xây dựng Kế hoạch như sau:

I. MỤC TIÊU
- 100% chợ được kiểm tra.
`)
    expect(p.legalBases.map((b) => [b.type, b.number, b.issuer])).toEqual([['Kế hoạch', '125/KH-UBND', 'Ủy ban nhân dân tỉnh'], ['Chương trình', null, 'Bộ Công Thương']])
  })
  it('a document named inside a subject (after a word, not a comma) stays a mention', () => {
    const hits = findCitations('Kế hoạch số 125/KH-UBND ngày 15/11/2024 của UBND tỉnh về thực hiện Chương trình công tác năm 2025 của Bộ Công Thương')
    expect(hits).toHaveLength(1)
  })
})

describe('targets: combined sections, background, comparison periods, money words', () => {
  it.each([
    ['TÌNH HÌNH VÀ CHỈ TIÊU', 'targets'], ['THỰC TRẠNG VÀ MỤC TIÊU', 'targets'], ['Tình hình chung', 'background'],
    ['Thực trạng', 'background'], ['ĐẶC ĐIỂM TÌNH HÌNH', 'background'], ['Kết quả năm 2024', 'background'],
  ])('section %s → %s', (h, r) => expect(roleOf(h)).toBe(r))
  it.each([
    ['giảm 10% so với trung bình giai đoạn 2019 - 2023', []],
    ['tăng 8% so với năm 2023', []],
    ['tăng 8% so với năm 2023 vào năm 2025', ['2025']],
    ['giảm 10% tỷ lệ mắc/100.000 dân số với trung bình giai đoạn 2019 - 2023', []],
  ])('deadlines in %s', (s, want) => expect(findDeadlines(s).map((d) => d.text)).toEqual(want))
  it.each([
    ['Đến ngày 29/02/2024, dư nợ đạt 312,6 tỷ đồng', '2024-03-14', true],
    ['Đến ngày 31/12/2025, 100% hộ được hỗ trợ', '2025-01-10', false],
    ['Tính đến hết ngày 31/12/2024, toàn tỉnh có 468 hợp tác xã', '2025-01-03', true],
  ])('"%s" (plan of %s) states the present: %s', (s, d, want) => expect(statedAsOf(s, d)).toBe(want))
  it.each([
    ['toàn tỉnh có 36.850 đồng chí dân quân', 'đồng chí', false],
    ['hỗ trợ 500.000 đồng/người', 'đồng', true],
    ['tổng số 3,2 tỷ đồng', 'tỷ đồng', true],
  ])('%s → %s', (s, unit, money) => expect(findQuantities(s, { countUnits: true, anyNoun: true })[0]).toMatchObject({ unit, money }))
  it('figures under "1. Tình hình" of a "TÌNH HÌNH VÀ CHỈ TIÊU" section are background; its "Chỉ tiêu năm 2024:" items are targets', () => {
    const p = run(`UBND TỈNH GIA LAI                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ CÔNG THƯƠNG                   Độc lập - Tự do - Hạnh phúc

Số: 15/KH-SCT                    Gia Lai, ngày 14 tháng 3 năm 2024

KẾ HOẠCH
Phát triển thương mại năm 2024

II. TÌNH HÌNH VÀ CHỈ TIÊU
Đến ngày 29/02/2024, doanh thu đạt 312,6 tỷ đồng với 5.874 hộ kinh doanh.
Chỉ tiêu năm 2024:
- Doanh thu tăng 8% so với năm 2023.
- Kiện toàn 12 tổ quản lý chợ.
`)
    expect(p.targets.map((t) => [t.value, t.unit, t.deadline])).toEqual([[8, '%', '2024'], [12, 'tổ', '2024']])
  })
})

describe('a task table printed as plain text', () => {
  const table = `III. NHIỆM VỤ CỤ THỂ
TT  Nội dung công việc                Đơn vị chủ trì     Thời gian thực hiện
1   Kiện toàn tổ đội chữa cháy tại    Hạt Kiểm lâm       Trước ngày
    các xã trọng điểm                                    15/12/2023
2   Diễn tập chữa cháy rừng           Phòng Quản lý      Tháng 01/2024
                                      bảo vệ rừng
`
  it('rows open with their number; wrapped cells join by column', () => {
    const tasks = textTaskTable(toXLines(docFromText(table)))!.tasks
    expect(tasks.map((t) => [t.id, t.content, t.lead, t.timeline])).toEqual([
      ['1', 'Kiện toàn tổ đội chữa cháy tại các xã trọng điểm', 'Hạt Kiểm lâm', 'Trước ngày 15/12/2023'],
      ['2', 'Diễn tập chữa cháy rừng', 'Phòng Quản lý bảo vệ rừng', 'Tháng 01/2024'],
    ])
  })
  it('no header with an id and a content column: no table', () => expect(textTaskTable(toXLines(docFromText('1   Kiện toàn    Hạt Kiểm lâm    Tháng 1\n')))).toBeNull())
})

describe('a Quyết định with the plan attached: the end block run is read in printed order', () => {
  it('the attached plan\'s "-" objectives are its targets', () => {
    const lines = [
      { page: 1, line: 0, text: 'Nơi nhận:', raw: 'Nơi nhận:', block: 'end' as const },
      { page: 1, line: 1, text: '- Như Điều 3;', raw: '', block: 'end' as const },
      { page: 1, line: 5, text: '- Thu gom 100% rác thải.', raw: '', block: 'end' as const },
      { page: 1, line: 1, text: 'CHỦ TỊCH', raw: '', block: 'end' as const, span: [20, 28] as [number, number] },
      { page: 1, line: 4, text: '(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày 22/7/2025)', raw: '', block: 'end' as const },
    ]
    const x = toXLines({ lines, pages: [{ page: 1, origin: 'plain-text' }], tables: [] })
    expect(x.map((l) => l.line)).toEqual([0, 1, 1, 4, 5])
  })
})
