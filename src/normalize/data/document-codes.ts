// Codes inside document numbers ("số, ký hiệu"): N/TYPE-ORGAN or N-TYPE/ORGAN (Party).
// Used to put back the Đ/Ư that OCR drops inside codes ("QD-TTg" → "QĐ-TTg") without
// guessing: a code is repaired only when its diacritic-less form names exactly one entry.

export interface CodeEntry {
  code: string
  name: string
}

// Nghị định 30/2020/NĐ-CP, Phụ lục III ("Chữ viết tắt tên loại văn bản và bản sao").
// Case matters: CT (Chỉ thị) ≠ CTr (Chương trình); QC (Quy chế) ≠ QyĐ (Quy định).
export const STATE_TYPE_CODES: readonly CodeEntry[] = [
  { code: 'NQ', name: 'Nghị quyết' },
  { code: 'QĐ', name: 'Quyết định' },
  { code: 'CT', name: 'Chỉ thị' },
  { code: 'QC', name: 'Quy chế' },
  { code: 'QyĐ', name: 'Quy định' },
  { code: 'TC', name: 'Thông cáo' },
  { code: 'TB', name: 'Thông báo' },
  { code: 'HD', name: 'Hướng dẫn' },
  { code: 'CTr', name: 'Chương trình' },
  { code: 'KH', name: 'Kế hoạch' },
  { code: 'PA', name: 'Phương án' },
  { code: 'ĐA', name: 'Đề án' },
  { code: 'DA', name: 'Dự án' },
  { code: 'BC', name: 'Báo cáo' },
  { code: 'BB', name: 'Biên bản' },
  { code: 'TTr', name: 'Tờ trình' },
  { code: 'HĐ', name: 'Hợp đồng' },
  { code: 'CĐ', name: 'Công điện' },
  { code: 'BGN', name: 'Bản ghi nhớ' },
  { code: 'BTT', name: 'Bản thỏa thuận' },
  { code: 'GUQ', name: 'Giấy ủy quyền' },
  { code: 'GM', name: 'Giấy mời' },
  { code: 'GGT', name: 'Giấy giới thiệu' },
  { code: 'GNP', name: 'Giấy nghỉ phép' },
  { code: 'PG', name: 'Phiếu gửi' },
  { code: 'PC', name: 'Phiếu chuyển' },
  { code: 'PB', name: 'Phiếu báo' },
]

// The same Phụ lục III, copy forms ("bản sao"): they mark copies, not document types.
export const COPY_CODES: readonly CodeEntry[] = [
  { code: 'SY', name: 'Bản sao y' },
  { code: 'TS', name: 'Bản trích sao' },
  { code: 'SL', name: 'Bản sao lục' },
]

// Legal normative documents (Luật Ban hành văn bản quy phạm pháp luật 2015, Điều 4; numbers
// as in Nghị định 34/2016/NĐ-CP, Phụ lục I): "27/2022/NĐ-CP", "10/2022/TT-BLĐTBXH".
export const NORMATIVE_TYPE_CODES: readonly CodeEntry[] = [
  { code: 'NĐ', name: 'Nghị định' },
  { code: 'TT', name: 'Thông tư' },
  { code: 'TTLT', name: 'Thông tư liên tịch' },
  { code: 'PL', name: 'Pháp lệnh' },
]

// Communist Party documents (Hướng dẫn 36-HD/VPTW, 03/4/2018, Văn phòng Trung ương Đảng,
// on the format of Party documents): "21-NQ/TW", "18-CTr/TU", "123-CV/TU".
export const PARTY_TYPE_CODES: readonly CodeEntry[] = [
  { code: 'KL', name: 'Kết luận' },
  { code: 'TT', name: 'Thông tri' },
  { code: 'CV', name: 'Công văn' },
]

// Issuing-body codes. They are chosen by each body, not by the decree; these are the ones
// printed on national documents (Nghị định 30/2020/NĐ-CP, Phụ lục I examples: "/NĐ-CP",
// "/QĐ-TTg") and the usual codes of ministries, local bodies and Party committees.
export const ORGAN_CODES: readonly CodeEntry[] = [
  { code: 'CP', name: 'Chính phủ' },
  { code: 'TTg', name: 'Thủ tướng Chính phủ' },
  { code: 'VPCP', name: 'Văn phòng Chính phủ' },
  { code: 'QH', name: 'Quốc hội' },
  { code: 'UBTVQH', name: 'Ủy ban Thường vụ Quốc hội' },
  { code: 'CTN', name: 'Chủ tịch nước' },
  { code: 'UBND', name: 'Ủy ban nhân dân' },
  { code: 'HĐND', name: 'Hội đồng nhân dân' },
  { code: 'BLĐTBXH', name: 'Bộ Lao động - Thương binh và Xã hội' },
  { code: 'LĐTBXH', name: 'Sở/Phòng Lao động - Thương binh và Xã hội' },
  { code: 'BGDĐT', name: 'Bộ Giáo dục và Đào tạo' },
  { code: 'SGDĐT', name: 'Sở Giáo dục và Đào tạo' },
  { code: 'GDĐT', name: 'Giáo dục và Đào tạo' },
  { code: 'BKHĐT', name: 'Bộ Kế hoạch và Đầu tư' },
  { code: 'KHĐT', name: 'Kế hoạch và Đầu tư' },
  { code: 'BTC', name: 'Bộ Tài chính' },
  { code: 'BNV', name: 'Bộ Nội vụ' },
  { code: 'BYT', name: 'Bộ Y tế' },
  { code: 'BTNMT', name: 'Bộ Tài nguyên và Môi trường' },
  { code: 'BNNPTNT', name: 'Bộ Nông nghiệp và Phát triển nông thôn' },
  { code: 'BVHTTDL', name: 'Bộ Văn hóa, Thể thao và Du lịch' },
  { code: 'BTTTT', name: 'Bộ Thông tin và Truyền thông' },
  { code: 'BCA', name: 'Bộ Công an' },
  { code: 'BQP', name: 'Bộ Quốc phòng' },
  { code: 'BTP', name: 'Bộ Tư pháp' },
  { code: 'BXD', name: 'Bộ Xây dựng' },
  { code: 'BGTVT', name: 'Bộ Giao thông vận tải' },
  { code: 'BCT', name: 'Bộ Công Thương' },
  { code: 'BKHCN', name: 'Bộ Khoa học và Công nghệ' },
  { code: 'NHNN', name: 'Ngân hàng Nhà nước' },
  { code: 'UBDT', name: 'Ủy ban Dân tộc' },
  { code: 'TW', name: 'Trung ương (Đảng)' },
  { code: 'TƯ', name: 'Trung ương' },
  { code: 'VPTW', name: 'Văn phòng Trung ương Đảng' },
  { code: 'TU', name: 'Tỉnh ủy / Thành ủy' },
  { code: 'HU', name: 'Huyện ủy' },
  { code: 'ĐU', name: 'Đảng ủy' },
  { code: 'ĐĐ', name: 'Đảng đoàn' },
  { code: 'BCS', name: 'Ban cán sự đảng' },
  { code: 'MTTQ', name: 'Mặt trận Tổ quốc' },
  { code: 'BCĐ', name: 'Ban Chỉ đạo' },
  { code: 'ĐTN', name: 'Đoàn Thanh niên' },
  { code: 'TWĐTN', name: 'Trung ương Đoàn Thanh niên' },
  { code: 'KGVX', name: 'Khối Khoa giáo - Văn xã (văn phòng UBND)' },
]

// Abbreviations common in plan text (not document codes): protected from the decoder and
// repaired the same way. Expansions as used in the seeds' plans and national programmes.
export const TEXT_ABBREVIATIONS: readonly CodeEntry[] = [
  { code: 'MTQG', name: 'mục tiêu quốc gia' },
  { code: 'DTTS', name: 'dân tộc thiểu số' },
  { code: 'KT-XH', name: 'kinh tế - xã hội' },
  { code: 'LĐ-TB&XH', name: 'Lao động - Thương binh và Xã hội' },
  { code: 'LĐ', name: 'lao động' },
  { code: 'ĐBKK', name: 'đặc biệt khó khăn' },
  { code: 'CNTT', name: 'công nghệ thông tin' },
  { code: 'BHXH', name: 'bảo hiểm xã hội' },
  { code: 'BHYT', name: 'bảo hiểm y tế' },
  { code: 'THCS', name: 'trung học cơ sở' },
  { code: 'THPT', name: 'trung học phổ thông' },
  { code: 'CBCCVC', name: 'cán bộ, công chức, viên chức' },
  { code: 'ĐVHC', name: 'đơn vị hành chính' },
  { code: 'NTM', name: 'nông thôn mới' },
  { code: 'GDNN', name: 'giáo dục nghề nghiệp' },
  { code: 'TP', name: 'thành phố' },
  { code: 'TX', name: 'thị xã' },
]

// Characters English-model OCR puts in codes, with what they stand for. Tried only when the
// printed code is unknown and the corrected one is known.
// Sources: dev/002_confusions.md ("P" for Đ 49 times, "1"/"I"/"l" for l/I), seed 000
// header ("PANG" for ĐẢNG), and the usual digit/letter look-alikes of OCR (0/O, 1/I/l).
export const CODE_OCR_CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
  '0': ['O', 'D'], // round capitals: O and D read as zero
  O: ['Đ'], // a closed round Đ read as O
  '1': ['I', 'l'],
  l: ['I'],
  '|': ['I'],
  I: ['l'],
  P: ['Đ'], // seed 002: "PANG" = ĐẢNG, "PU" = ĐU
  B: ['Đ'], // seed 002: "Bang" = Đảng
  D: ['Đ'],
  U: ['Ư'],
  G: ['g'], // "TTG" for TTg: case lost in capitals
  '5': ['S'],
  '8': ['B'],
}

export const ALL_CODES: readonly CodeEntry[] = [
  ...STATE_TYPE_CODES, ...COPY_CODES, ...NORMATIVE_TYPE_CODES, ...PARTY_TYPE_CODES, ...ORGAN_CODES, ...TEXT_ABBREVIATIONS,
]
