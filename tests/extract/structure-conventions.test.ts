// Conventions of the structure of Vietnamese administrative documents,
// tested on short invented snippets (plain text, as the layout stage passes it on).
import { describe, expect, it } from 'vitest'
import { extractPlan } from '../../src/extract/index.js'
import { jointIssuerColumns, splitOrgans } from '../../src/extract/header.js'
import { findCitations, restoreCitedCode } from '../../src/extract/cite.js'
import { findDeadlines, findQuantities } from '../../src/extract/quantities.js'
import { roleOf } from '../../src/extract/outline.js'
import { Report } from '../../src/report.js'
import { docFromText } from './doc.js'

const run = (text: string) => extractPlan(docFromText(text), new Report())

const HEAD = `ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  TỈNH AN GIANG                    Độc lập - Tự do - Hạnh phúc

Số: 12/KH-UBND                   An Giang, ngày 02 tháng 3 năm 2024

KẾ HOẠCH
Thực hiện công tác năm 2024

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
`
const END = `
Nơi nhận:                                   KT. CHỦ TỊCH
- Như trên;                                 PHÓ CHỦ TỊCH
- Lưu: VT.
                                            Trần Văn Bình
`
const plan = (body: string, head = HEAD, end = END) => run(head + '\n' + body + '\n' + end)
const targetsOf = (body: string, head?: string) => plan(body, head).targets.map((t) => [t.value, t.unit, t.deadline])

describe('signature block printed before "Nơi nhận" (Party documents, a position alone)', () => {
  it.each([
    ['T/M THÀNH ỦY\nPHÓ BÍ THƯ THƯỜNG TRỰC\n\n(Đã ký)\n\nLê Văn An', { name: 'Lê Văn An', position: 'Phó Bí thư Thường trực', authority: 'T/M THÀNH ỦY' }],
    ['                         CHỦ TỊCH', { position: 'Chủ tịch', authority: null }],
    ['KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Thị Hoa', { name: 'Nguyễn Thị Hoa', position: 'Phó Giám đốc', authority: 'KT. GIÁM ĐỐC' }],
  ])('%s', (sig, want) => {
    const p = plan('I. NHIỆM VỤ\n1. Tổ chức hội nghị./.\n\n' + sig, HEAD, '\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n')
    expect(p.document.signer).toMatchObject(want)
    expect(p.document.recipients).toEqual(['Như trên', 'Lưu: VT'])
  })
  it('a numbered paragraph above the list is no signature', () => {
    const p = plan('I. NHIỆM VỤ\n1. Tổ chức hội nghị./.', HEAD, '\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n')
    expect(p.document.signer).toBeNull()
  })
})

describe('Quyết định with the plan it issues attached after its signature', () => {
  const qd = `ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  TỈNH AN GIANG                    Độc lập - Tự do - Hạnh phúc

Số: 15/QĐ-UBND                   An Giang, ngày 02 tháng 3 năm 2024

QUYẾT ĐỊNH
Ban hành Kế hoạch trồng cây năm 2024

ỦY BAN NHÂN DÂN TỈNH AN GIANG

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch trồng cây năm 2024.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.
                                         KT. CHỦ TỊCH
                                         PHÓ CHỦ TỊCH

                                         Trần Văn Bình

ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  TỈNH AN GIANG                    Độc lập - Tự do - Hạnh phúc

KẾ HOẠCH
Trồng cây năm 2024
(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 02/3/2024
của Ủy ban nhân dân tỉnh An Giang)

I. MỤC TIÊU
Đến năm 2025, trồng mới 500 cây xanh; 90% xã có vườn ươm.

II. NHIỆM VỤ
1. Rà soát quỹ đất trồng cây.
2. Tổ chức Tết trồng cây.
`
  it('signer, recipients are the decision\'s; targets and tasks come from the attached plan', () => {
    const p = run(qd)
    expect(p.document.type.name).toBe('Quyết định')
    expect(p.document.signer).toMatchObject({ name: 'Trần Văn Bình', position: 'Phó Chủ tịch', authority: 'KT. CHỦ TỊCH' })
    expect(p.document.recipients).toEqual(['Như Điều 2', 'Lưu: VT'])
    expect(p.targets.map((t) => [t.value, t.unit, t.deadline])).toEqual([[500, 'cây xanh', '2025'], [90, '%', '2025']])
    expect(p.tasks.map((t) => t.id)).toEqual(['1', '2'])
  })
})

describe('joint documents (liên tịch): the lead organ, printed first, is the issuer and signs first', () => {
  it.each([
    [['CÔNG AN TỈNH ĐỒNG THÁP   ỦY BAN MTTQ VIỆT NAM   ', '                              TỈNH ĐỒNG THÁP          '], false, [['CÔNG AN TỈNH ĐỒNG THÁP'], ['ỦY BAN MTTQ VIỆT NAM', 'TỈNH ĐỒNG THÁP']]],
    [['SỞ Y TẾ  HỘI CHỮ THẬP ĐỎ'], true, [['SỞ Y TẾ'], ['HỘI CHỮ THẬP ĐỎ']]],
    [['SỞ Y TẾ  HỘI CHỮ THẬP ĐỎ'], false, null],
    [['ỦY BAN NHÂN DÂN', '  TỈNH AN GIANG'], true, null],
  ])('%j joint code %s', (rows, code, want) => expect(jointIssuerColumns(rows, code)).toEqual(want))

  it('header and signature', () => {
    const p = run(`CÔNG AN TỈNH AN GIANG   HỘI NÔNG DÂN TỈNH AN GIANG   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                                        Độc lập - Tự do - Hạnh phúc
Số: 07/KHLT-CAT-HND                         An Giang, ngày 15 tháng 5 năm 2024

KẾ HOẠCH
Phối hợp tuyên truyền năm 2024

I. NHIỆM VỤ
1. Tuyên truyền pháp luật./.

 KT. GIÁM ĐỐC                             TM. BAN THƯỜNG VỤ
       PHÓ GIÁM ĐỐC                          CHỦ TỊCH

 Thượng tá Lê Hoàng Nam                     Đặng Thị Kim Yến

Nơi nhận:
- Như trên;
- Lưu: VT.
`)
    expect(p.document.issuer).toEqual({ name: 'Công an tỉnh An Giang', parent: null })
    expect(p.document.signer).toEqual({ name: 'Lê Hoàng Nam', position: 'Phó Giám đốc', authority: 'KT. GIÁM ĐỐC' })
  })
})

describe('organ words inside longer organ words', () => {
  it.each([
    [['BỘ KẾ HOẠCH VÀ ĐẦU TƯ', 'TỔNG CỤC THỐNG KÊ'], ['BỘ KẾ HOẠCH VÀ ĐẦU TƯ', 'TỔNG CỤC THỐNG KÊ']],
    [['SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG', 'CHI CỤC KIỂM LÂM'], ['SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG', 'CHI CỤC KIỂM LÂM']],
    [['BỘ TÀI CHÍNH', 'CỤC THUẾ'], ['BỘ TÀI CHÍNH', 'CỤC THUẾ']],
  ])('%j', (rows, want) => expect(splitOrgans(rows)).toEqual(want))
})

describe('codes of numbers after diacritic loss', () => {
  it('the header type code is the Phụ lục III code of the type word (ĐA for Đề án)', () => {
    const head = HEAD.replace('Số: 12/KH-UBND', 'Số: 15/DA-UBND').replace('KẾ HOẠCH', 'ĐỀ ÁN')
    expect(plan('I. MỤC TIÊU\n- Nội dung.', head).document.number).toBe('15/ĐA-UBND')
  })
  it.each([
    ['03/2023/QD-TTg', 'Quyết định', 'Thủ tướng Chính phủ', '03/2023/QĐ-TTg'],
    ['12/2025/NQ-HDND', 'Nghị quyết', 'Hội đồng nhân dân tỉnh', '12/2025/NQ-HĐND'],
    ['07/KH-BCD389', 'Kế hoạch', 'Ban Chỉ đạo 389 tỉnh Đồng Tháp', '07/KH-BCĐ389'],
    ['25/KH-UBND', 'Kế hoạch', 'Ủy ban nhân dân tỉnh', '25/KH-UBND'],
    ['15/DA-UBND', 'Dự án', null, '15/DA-UBND'],
    // an OCR misread of the type code, told by the type word cited before the number
    ['37/2025/77-BCT', 'Thông tư', 'Bộ trưởng Bộ Công Thương', '37/2025/TT-BCT'],
    ['01/TTY-SCT', 'Tờ trình', null, '01/TTr-SCT'],
    // a code that is another type's code is kept as printed; a two-letter code one letter off is kept
    ['12/TB-VPCP', 'Thông tư', null, '12/TB-VPCP'],
    ['12/TX-BCT', 'Thông tư', null, '12/TX-BCT'],
  ])('%s (%s of %s)', (n, type, issuer, want) => expect(restoreCitedCode(n, type, issuer)).toBe(want))
})

describe('citations', () => {
  it.each([
    ['Luật Hợp tác xã số 17/2023/QH15 ngày 20 tháng 6 năm 2023;', 'Luật', '17/2023/QH15', '2023-06-20'],
    ['Chương trình phối hợp số 1530/CTPH-BCA-MTTW ngày 26/4/2023 giữa Bộ Công an và …', 'Chương trình phối hợp', '1530/CTPH-BCA-MTTW', '2023-04-26'],
    ['Kế hoạch sở 07/KH-UBND ngày 20/02/2024 của UBND tỉnh', 'Kế hoạch', '07/KH-UBND', '2024-02-20'],
    ['Căn cứ Thông tư 37/2025/77-BCT ngày 14 tháng 6 năm 2025 của Bộ trưởng Bộ Công Thương', 'Thông tư', '37/2025/TT-BCT', '2025-06-14'],
  ])('%s', (text, type, number, date) => expect(findCitations(text)[0]).toMatchObject({ type, number, date }))
})

describe('quantities: counted nouns, ranges, sets, periods', () => {
  it.each([
    ['Tổ chức 09 hội thi, hội diễn', 9, null, 'hội thi'],
    ['biểu dương từ 120 đến 150 tập thể, cá nhân', 120, 150, 'tập thể'],
    ['lắp đặt 35 camera giám sát', 35, null, 'camera giám'], // two syllables at most: the scorer and readers need the head noun
    ['kéo giảm từ 5% đến 10% so với năm 2023', 5, 10, '%'],
  ])('%s', (text, value, valueMax, unit) => expect(findQuantities(text, { countUnits: true, anyNoun: true })[0]).toMatchObject({ value, valueMax, unit }))
  it.each([
    ['trên cả 3 tiêu chí: số vụ, số người chết'],
    ['trong 05 ngày làm việc'],
    ['trực 24 giờ'],
  ])('no target quantity in %s', (text) => expect(findQuantities(text, { countUnits: true, anyNoun: true })).toEqual([]))
  it.each([
    ['trong Quý I/2025', ['2025']],
    ['hoàn thành trong tháng 10/2025', ['2025']],
    ['mùa khô năm 2023 - 2024', []],
  ])('deadline of %s', (text, want) => expect(findDeadlines(text).map((d) => d.text)).toEqual(want))
})

describe('targets stated as commitments; background figures are none', () => {
  it.each([
    ['commitment in Yêu cầu', 'I. MỤC ĐÍCH, YÊU CẦU\n2. Yêu cầu\n- Trong năm 2024, kiểm tra ít nhất 12 cơ quan; 100% kiến nghị được theo dõi.', [[12, 'cơ quan', '2024'], [100, '%', '2024']]],
    ['Yêu cầu without commitment', 'I. MỤC ĐÍCH, YÊU CẦU\n- Bảo đảm 100% an toàn cho người tham gia.', []],
    ['phấn đấu in Mục đích', 'I. MỤC ĐÍCH, YÊU CẦU\n- Phấn đấu 100% chi bộ sinh hoạt chuyên đề trong Quý I/2025.', [[100, '%', '2025']]],
    ['task delivers counted outputs', 'I. NHIỆM VỤ\n1. Tập huấn nghiệp vụ\nTổ chức 04 lớp với khoảng 300 lượt người tham dự.', [[4, 'lớp', null], [300, 'lượt người', null]]],
    ['a frequency is a working rule', 'I. NHIỆM VỤ\n1. Kiểm tra\nKiểm tra ít nhất 02 lần/năm.', []],
    ['background section', 'I. SỰ CẦN THIẾT\nHiện nay mới có khoảng 35% học phần có bài giảng điện tử.', []],
  ])('%s', (_, body, want) => expect(targetsOf(body)).toEqual(want))

  it('a Chỉ thị states its targets after "phấn đấu" in its opening; figures before are background', () => {
    const head = HEAD.replace('Số: 12/KH-UBND', 'Số: 02/CT-UBND').replace('KẾ HOẠCH\nThực hiện công tác năm 2024', 'CHỈ THỊ\nVề phòng cháy rừng mùa khô').replace(/Căn cứ.*\n/, '')
    const body = `Diện tích rừng của tỉnh khoảng 607.000 ha, tỷ lệ che phủ đạt 62%.

Thực hiện Chỉ thị số 13-CT/TW ngày 12/01/2017 của Ban Bí thư, phấn đấu giảm ít nhất 30% số vụ cháy
rừng, diện tích bị cháy không quá 20 ha và giữ tỷ lệ che phủ 63,5% trong năm 2024, Chủ tịch
Ủy ban nhân dân tỉnh yêu cầu:

1. Các sở, ngành xác định phòng cháy rừng là nhiệm vụ trọng tâm.
2. Rà soát phương án phòng cháy rừng.
Thời gian hoàn thành: trước ngày 31/01/2024.`
    const p = plan(body, head)
    expect(p.targets.map((t) => [t.value, t.unit])).toEqual([[30, '%'], [20, 'ha'], [63.5, '%']])
    expect(p.targets[2].deadline).toBe('2024')
    expect(p.tasks.map((t) => [t.id, t.timeline])).toEqual([['1', null], ['2', 'trước ngày 31/01/2024']])
  })
})

describe('task sections', () => {
  it.each([
    ['HÌNH THỨC VÀ CÁC HOẠT ĐỘNG TRỌNG TÂM', 'tasks'],
    ['CÁC NHIỆM VỤ TRỌNG TÂM', 'tasks'],
    ['Hằng năm, 100% chi bộ gắn với nhiệm vụ chính trị', null],
    ['TỔ CHỨC THỰC HIỆN NHIỆM VỤ', 'responsibilities'],
  ])('%s → %s', (heading, role) => expect(roleOf(heading)).toBe(role))

  it('a "-" list of topics is not the tasks when another section numbers them', () => {
    const p = plan('I. NỘI DUNG TUYÊN TRUYỀN\n- Ý nghĩa lịch sử.\n- Truyền thống cách mạng.\n\nII. HÌNH THỨC VÀ CÁC HOẠT ĐỘNG\n1. Tuyên truyền trên báo chí.\n2. Tổ chức hội thảo.')
    expect(p.tasks.map((t) => [t.id, t.content])).toEqual([['1', 'Tuyên truyền trên báo chí.'], ['2', 'Tổ chức hội thảo.']])
  })
})
