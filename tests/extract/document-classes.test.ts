// Document classes whose layout differs from a plan's: Văn bản hợp nhất (issuer, number and date in the
// authentication block at its end), Phiếu trình (signed by a head in his own name, no "Nơi nhận"),
// Thông tư liên tịch (organs joined by a dash, one signature column each), a Party Thông báo (its body
// opens with the meeting's date right under the subject), a Quyết định (the issuing authority's line
// between its subject and its preamble), a Party letter (signed "K/T"), a Chỉ thị (its body opens
// right under its subject, with no preamble), a Giấy mời (its body's lead-in "… trân trọng kính mời:"),
// a police Báo cáo (signed by a "TRƯỞNG CÔNG AN HUYỆN" with his rank before his name).
import { describe, expect, it } from 'vitest'
import { extractPlan } from '../../src/extract/index.js'
import { Report } from '../../src/report.js'
import { docFromText } from './doc.js'

const run = (text: string) => {
  const report = new Report()
  return { plan: extractPlan(docFromText(text), report), report }
}
const codes = (r: Report) => r.warnings.map((w) => w.code)

// the consolidated Thông tư's header at the top, without number or date; the consolidation's at the end
const CONSOLIDATED = `BỘ TÀI CHÍNH                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                             Độc lập - Tự do - Hạnh phúc
THÔNG TƯ
Hướng dẫn chế độ quản lý, sử dụng kinh phí bảo đảm trật tự an toàn giao thông
Thông tư số 01/2022/TT-BTC ngày 07 tháng 01 năm 2022 của Bộ trưởng Bộ Tài chính hướng dẫn chế độ quản lý, sử dụng kinh phí bảo đảm trật tự an toàn giao thông, có hiệu lực kể từ ngày 25 tháng 02 năm 2022, được sửa đổi, bổ sung bởi:
Thông tư số 45/2024/TT-BTC ngày 20 tháng 6 năm 2024 của Bộ trưởng Bộ Tài chính sửa đổi, bổ sung một số điều của Thông tư số 01/2022/TT-BTC, có hiệu lực kể từ ngày 05 tháng 8 năm 2024.
Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;
Căn cứ Nghị định số 14/2023/NĐ-CP ngày 20 tháng 4 năm 2023 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tài chính;
Bộ trưởng Bộ Tài chính ban hành Thông tư hướng dẫn chế độ quản lý, sử dụng kinh phí bảo đảm trật tự an toàn giao thông.
Điều 1. Phạm vi điều chỉnh
Thông tư này hướng dẫn chế độ quản lý, sử dụng kinh phí bảo đảm trật tự an toàn giao thông.
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực kể từ ngày 25 tháng 02 năm 2022.
                                       XÁC THỰC VĂN BẢN HỢP NHẤT
BỘ TÀI CHÍNH                           KT. BỘ TRƯỞNG
Số: 12/VBHN-BTC                        THỨ TRƯỞNG
Hà Nội, ngày 15 tháng 8 năm 2024
                                       Bùi Văn Khắng`

// the other layout: the consolidation's number and date in the header, the block holding only the signature
const CONSOLIDATED_NUMBER_ON_TOP = `BỘ TÀI CHÍNH                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                             Độc lập - Tự do - Hạnh phúc
Số: 05/VBHN-BTC              Hà Nội, ngày 23 tháng 01 năm 2025
THÔNG TƯ
Quy định về quản lý, sử dụng tài sản công
Thông tư số 78/2021/TT-BTC ngày 17 tháng 9 năm 2021 của Bộ trưởng Bộ Tài chính quy định về quản lý, sử dụng tài sản công, có hiệu lực kể từ ngày 01 tháng 11 năm 2021, được sửa đổi, bổ sung bởi:
Thông tư số 12/2024/TT-BTC ngày 01 tháng 3 năm 2024 của Bộ trưởng Bộ Tài chính, có hiệu lực kể từ ngày 15 tháng 4 năm 2024.
Căn cứ Luật Quản lý, sử dụng tài sản công ngày 21 tháng 6 năm 2017;
Điều 1. Phạm vi điều chỉnh
Thông tư này quy định về quản lý, sử dụng tài sản công.
                                       XÁC THỰC VĂN BẢN HỢP NHẤT
                                       KT. BỘ TRƯỞNG
                                       THỨ TRƯỞNG
Nơi nhận:
- Văn phòng Chính phủ;
- Lưu: VT, QLCS.
                                       Cao Anh Tuấn`

const PHIEU_TRINH = `UBND TỈNH QUẢNG NAM          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
VĂN PHÒNG                    Độc lập - Tự do - Hạnh phúc
Số: 125/PTr-VP               Quảng Nam, ngày 12 tháng 3 năm 2024
PHIẾU TRÌNH
Về việc bố trí kinh phí tổ chức Hội nghị tổng kết năm 2023
Kính gửi: Chủ tịch UBND tỉnh
Nội dung trình: Sở Tài chính đề nghị bố trí kinh phí tổ chức Hội nghị tổng kết.
Ý kiến của Văn phòng: Thống nhất đề xuất của Sở Tài chính.
                                         CHÁNH VĂN PHÒNG
                                         Nguyễn Văn An`

describe('Văn bản hợp nhất: typed by its authentication block, numbered and dated from it', () => {
  it('takes type, number, date, place and issuer from the block at the end, not the consolidated Thông tư', () => {
    const { plan, report } = run(CONSOLIDATED)
    expect(plan.document).toMatchObject({
      type: { name: 'Văn bản hợp nhất', code: 'VBHN' },
      number: '12/VBHN-BTC',
      date: '2024-08-15',
      year: 2024,
      place: 'Hà Nội',
      issuer: { name: 'Bộ Tài chính' },
      signer: { name: 'Bùi Văn Khắng', position: 'Thứ trưởng', authority: 'KT. BỘ TRƯỞNG' },
    })
    expect(codes(report)).not.toContain('extract:number-missing')
    expect(codes(report)).not.toContain('extract:date-missing')
  })
  it('never dates it from a body sentence near the block ("có hiệu lực kể từ ngày 25 tháng 02 năm 2022")', () => {
    const { plan } = run(CONSOLIDATED.replace('Hà Nội, ngày 15 tháng 8 năm 2024', ''))
    expect(plan.document.date).toBeNull()
  })
  it('ends its title before the statement naming the consolidated document', () => {
    const { plan } = run(CONSOLIDATED)
    expect(plan.document.title).toBe('Hướng dẫn chế độ quản lý, sử dụng kinh phí bảo đảm trật tự an toàn giao thông')
  })
  it('keeps a number and date printed in the header when the block holds only the signature', () => {
    const { plan } = run(CONSOLIDATED_NUMBER_ON_TOP)
    expect(plan.document).toMatchObject({ type: { name: 'Văn bản hợp nhất' }, number: '05/VBHN-BTC', date: '2025-01-23', issuer: { name: 'Bộ Tài chính' } })
    expect(plan.document.title).toBe('Quy định về quản lý, sử dụng tài sản công')
  })
  it('a Thông tư without the block stays a Thông tư', () => {
    const { plan } = run(CONSOLIDATED_NUMBER_ON_TOP.replace('XÁC THỰC VĂN BẢN HỢP NHẤT', '').replace('05/VBHN-BTC', '05/2025/TT-BTC'))
    expect(plan.document.type).toEqual({ name: 'Thông tư', code: 'TT' })
  })
})

describe('Phiếu trình', () => {
  it('is typed by its type word, numbered "125/PTr-VP", and signed by the head who signs it in his own name', () => {
    const { plan } = run(PHIEU_TRINH)
    expect(plan.document).toMatchObject({
      type: { name: 'Phiếu trình', code: 'PTr' },
      number: '125/PTr-VP',
      date: '2024-03-12',
      issuer: { name: 'Văn phòng', parent: 'Ủy ban nhân dân tỉnh Quảng Nam' },
      title: 'Về việc bố trí kinh phí tổ chức Hội nghị tổng kết năm 2023',
      signer: { name: 'Nguyễn Văn An', authority: null },
    })
  })
})

const JOINT_CIRCULAR = `BỘ TÀI CHÍNH - BỘ NỘI VỤ     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
-------                      Độc lập - Tự do - Hạnh phúc
Số: 15/2015/TTLT-BTC-BNV     Hà Nội, ngày 05 tháng 02 năm 2015
THÔNG TƯ LIÊN TỊCH
Hướng dẫn chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Tài chính
Căn cứ Nghị định số 215/2013/NĐ-CP ngày 23 tháng 12 năm 2013 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tài chính;
Bộ trưởng Bộ Tài chính và Bộ trưởng Bộ Nội vụ ban hành Thông tư liên tịch hướng dẫn.
Điều 1. Vị trí và chức năng
KT. BỘ TRƯỞNG BỘ NỘI VỤ              KT. BỘ TRƯỞNG BỘ TÀI CHÍNH
THỨ TRƯỞNG                           THỨ TRƯỞNG
Trần Anh Tuấn                        Huỳnh Quang Hải
Nơi nhận:
- Văn phòng Chính phủ;
- Lưu: VT BTC, VT BNV.`

describe('Thông tư liên tịch: organs on one line joined by a dash', () => {
  it('the lead organ (first in the number\'s code) is the issuer, and its column\'s signature the signer', () => {
    const { plan } = run(JOINT_CIRCULAR)
    expect(plan.document.issuer).toEqual({ name: 'Bộ Tài chính', parent: null })
    expect(plan.document.signer).toEqual({ name: 'Huỳnh Quang Hải', position: 'Thứ trưởng', authority: 'KT. BỘ TRƯỞNG BỘ TÀI CHÍNH' })
  })
  it('a dash inside one organ\'s name ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") does not split it', () => {
    const { plan } = run(JOINT_CIRCULAR.replace('BỘ TÀI CHÍNH - BỘ NỘI VỤ    ', 'BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'))
    expect(plan.document.issuer.name).toBe('Bộ Lao động - Thương binh và Xã hội')
  })
})

const PARTY_NOTICE = `TỈNH ỦY QUẢNG TRỊ            ĐẢNG CỘNG SẢN VIỆT NAM
*                            Quảng Trị, ngày 12 tháng 5 năm 2025
Số 245-TB/TU
THÔNG BÁO
KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY
về công tác phòng, chống tham nhũng
Ngày 08/5/2025, Ban Thường vụ Tỉnh ủy họp nghe báo cáo của Ban Nội chính Tỉnh ủy.
Nơi nhận:                                     T/M BAN THƯỜNG VỤ
- Các đồng chí Tỉnh ủy viên,                  PHÓ BÍ THƯ THƯỜNG TRỰC
- Lưu Văn phòng Tỉnh ủy.
                                              Nguyễn Chí Dũng`

describe('Party Thông báo kết luận', () => {
  it('its subject ends where the body opens with the meeting\'s date', () => {
    const { plan } = run(PARTY_NOTICE)
    expect(plan.document).toMatchObject({ type: { name: 'Thông báo' }, number: '245-TB/TU', issuer: { name: 'Tỉnh ủy Quảng Trị' } })
    expect(plan.document.title).toBe('KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY về công tác phòng, chống tham nhũng')
  })
})

const DECISION = `ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN ĐỨC TRỌNG              Độc lập - Tự do - Hạnh phúc
Số: 1520/QĐ-UBND             Đức Trọng, ngày 03 tháng 8 năm 2023
QUYẾT ĐỊNH
Về việc thành lập Ban Chỉ đạo phòng, chống dịch bệnh
CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Xét đề nghị của Trưởng phòng Y tế huyện tại Tờ trình số 45/TTr-PYT ngày 28/7/2023.
QUYẾT ĐỊNH:
Điều 1. Thành lập Ban Chỉ đạo.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:                                 KT. CHỦ TỊCH
- Như Điều 2;                             PHÓ CHỦ TỊCH
- Lưu: VT.
                                          Nguyễn Văn Hùng`

describe('Quyết định: the issuing authority line under the subject', () => {
  it('"CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN …" (a position and an organ) is not part of the title', () => {
    expect(run(DECISION).plan.document.title).toBe('Về việc thành lập Ban Chỉ đạo phòng, chống dịch bệnh')
  })
  it('nor is the collective organ\'s name as the header prints it', () => {
    const text = DECISION.replace('CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG', 'ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG')
    expect(run(text).plan.document.title).toBe('Về việc thành lập Ban Chỉ đạo phòng, chống dịch bệnh')
  })
  it('a title in capitals that only starts like an organ ("HỘI THI …") stays whole', () => {
    const text = DECISION.replace('Về việc thành lập Ban Chỉ đạo phòng, chống dịch bệnh', 'Về việc tổ chức\nHỘI THI GIÁO VIÊN DẠY GIỎI CẤP HUYỆN')
    expect(run(text).plan.document.title).toBe('Về việc tổ chức HỘI THI GIÁO VIÊN DẠY GIỎI CẤP HUYỆN')
  })
})

const PARTY_LETTER = `HUYỆN ỦY BẢO LÂM              ĐẢNG CỘNG SẢN VIỆT NAM
BAN TUYÊN GIÁO
*                             Bảo Lâm, ngày 20 tháng 3 năm 2024
Số: 45-CV/BTGHU
V/v tuyên truyền kỷ niệm 94 năm
Ngày thành lập Đoàn TNCS Hồ Chí Minh
Kính gửi: Các chi, đảng bộ cơ sở.
Thực hiện Hướng dẫn số 120-HD/BTGTU ngày 05/3/2024 của Ban Tuyên giáo Tỉnh ủy về tuyên truyền kỷ niệm các ngày lễ lớn, Ban Tuyên giáo Huyện ủy đề nghị:
1. Tổ chức tuyên truyền.
Nơi nhận:                                  K/T TRƯỞNG BAN
- Như trên,                                PHÓ TRƯỞNG BAN
- Lưu BTG.
                                           Lê Thị Hoa`

describe('Party letter signed "K/T" (Hướng dẫn 36-HD/VPTW)', () => {
  it('keeps the authority "K/T TRƯỞNG BAN" as printed', () => {
    expect(run(PARTY_LETTER).plan.document.signer).toEqual({ name: 'Lê Thị Hoa', position: 'Phó Trưởng ban', authority: 'K/T TRƯỞNG BAN' })
  })
})

const DIRECTIVE = `ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHỐ HỒ CHÍ MINH        Độc lập - Tự do - Hạnh phúc
Số: 05/CT-UBND               Thành phố Hồ Chí Minh, ngày 12 tháng 4 năm 2024
CHỈ THỊ
Về tăng cường công tác phòng cháy, chữa cháy trên địa bàn Thành phố
Thời gian qua, công tác phòng cháy, chữa cháy trên địa bàn Thành phố đã đạt được nhiều kết quả.
Để khắc phục những hạn chế, Chủ tịch Ủy ban nhân dân Thành phố chỉ thị:
1. Thủ trưởng các sở, ban, ngành tăng cường kiểm tra.
Nơi nhận:                                 CHỦ TỊCH
- Thủ tướng Chính phủ;
- Lưu: VT.
                                          Phan Văn Mãi`

describe('Chỉ thị: the body opens under the subject with no preamble', () => {
  it('the first full sentence of the body is not part of the title', () => {
    expect(run(DIRECTIVE).plan.document).toMatchObject({ type: { name: 'Chỉ thị' }, number: '05/CT-UBND', title: 'Về tăng cường công tác phòng cháy, chữa cháy trên địa bàn Thành phố' })
  })
})

const INVITATION = `UBND HUYỆN LÂM HÀ            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG NỘI VỤ                 Độc lập - Tự do - Hạnh phúc
Số: 88/GM-PNV                Lâm Hà, ngày 07 tháng 5 năm 2025
GIẤY MỜI
Họp triển khai công tác thi đua, khen thưởng năm 2025
Phòng Nội vụ huyện trân trọng kính mời:
- Đại diện lãnh đạo các cơ quan, đơn vị.
Thời gian: 08 giờ 00 phút, ngày 12/5/2025.
Địa điểm: Hội trường UBND huyện.
Nơi nhận:                                 TRƯỞNG PHÒNG
- Như trên;
- Lưu: VT.
                                          Đặng Văn Hải`

describe('Giấy mời', () => {
  it('its subject ends before the body\'s lead-in "… trân trọng kính mời:"', () => {
    expect(run(INVITATION).plan.document).toMatchObject({ type: { name: 'Giấy mời', code: 'GM' }, number: '88/GM-PNV', title: 'Họp triển khai công tác thi đua, khen thưởng năm 2025' })
  })
})

const POLICE_REPORT = `CÔNG AN TỈNH LÂM ĐỒNG         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
CÔNG AN HUYỆN ĐỨC TRỌNG       Độc lập - Tự do - Hạnh phúc
Số: 156/BC-CAH                Đức Trọng, ngày 20 tháng 6 năm 2025
BÁO CÁO
Kết quả công tác bảo đảm an ninh trật tự 6 tháng đầu năm 2025
Thực hiện Kế hoạch số 45/KH-CAT ngày 10/01/2025 của Công an tỉnh Lâm Đồng, Công an huyện báo cáo kết quả như sau:
I. TÌNH HÌNH
Nơi nhận:                                 TRƯỞNG CÔNG AN HUYỆN
- Công an tỉnh (PV01);
- Lưu: VT, TH.
                                          Đại tá Nguyễn Văn Bình`

describe('a police Báo cáo', () => {
  it('is signed by the head of the district police, his rank not part of his name', () => {
    expect(run(POLICE_REPORT).plan.document.signer).toMatchObject({ name: 'Nguyễn Văn Bình', position: 'Trưởng công an huyện' })
  })
})
