// The signature block (Nghị định 30/2020/NĐ-CP, Điều 8 and Phụ lục I mục II.9):
// authority line "TM." (thay mặt a collective), "KT." (ký thay the head), "TL." (thừa lệnh),
// "TUQ." (thừa ủy quyền), "Q." (quyền); Party documents write them with a slash: "T/M", "K/T",
// "T/L", "T/UQ" (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW).
// Then the position ("PHÓ CHỦ TỊCH"), the handwritten signature and seal, then the full name.

/**
 * Authority prefixes, as printed (dot optional after OCR). "Q." (quyền, acting) is not one:
 * an acting head signs in their own right, and "Q. GIÁM ĐỐC" is the position "Quyền Giám đốc".
 */
export const AUTHORITY_PREFIXES: readonly string[] = ['T/M', 'K/T', 'T/L', 'T/UQ', 'TM', 'KT', 'TL', 'TUQ']

/**
 * Position titles (chức vụ) heads, upper case as printed in the signature block; "PHÓ …",
 * "… THƯỜNG TRỰC" and "Q. …" variants are derived.
 */
export const POSITIONS: readonly string[] = [
  'CHỦ TỊCH', 'BÍ THƯ', 'GIÁM ĐỐC', 'TỔNG GIÁM ĐỐC', 'TRƯỞNG BAN', 'TRƯỞNG PHÒNG', 'CHÁNH VĂN PHÒNG',
  'THỦ TƯỚNG', 'BỘ TRƯỞNG', 'THỨ TRƯỞNG', 'CỤC TRƯỞNG', 'TỔNG CỤC TRƯỞNG', 'VỤ TRƯỞNG', 'VIỆN TRƯỞNG',
  'HIỆU TRƯỞNG', 'CHÁNH THANH TRA', 'CHI CỤC TRƯỞNG', 'TRƯỞNG ĐOÀN', 'ỦY VIÊN', 'TRƯỞNG TRẠM',
  'CHÁNH ÁN', 'VIỆN TRƯỞNG', 'TỔNG BIÊN TẬP', 'GIÁM ĐỐC SỞ', 'THƯỜNG TRỰC',
  // commanders of military organs (Luật Quốc phòng 2018, Luật Dân quân tự vệ 2019 Điều 21):
  // Tư lệnh (quân khu), Chỉ huy trưởng (Bộ/Ban Chỉ huy Quân sự), Chính ủy, Tham mưu trưởng
  'CHỈ HUY TRƯỞNG', 'TƯ LỆNH', 'CHÍNH ỦY', 'THAM MƯU TRƯỞNG',
  // heads of police units (Luật Công an nhân dân 2018, Điều 25: Trưởng Công an cấp huyện, cấp xã)
  'TRƯỞNG CÔNG AN',
]

/** Casing of a position in running text (Phụ lục II: chức vụ lower case except the first letter). */
export const POSITION_CASED: Readonly<Record<string, string>> = {
  'CHỦ TỊCH': 'Chủ tịch', 'BÍ THƯ': 'Bí thư', 'GIÁM ĐỐC': 'Giám đốc', 'TỔNG GIÁM ĐỐC': 'Tổng Giám đốc',
  'THỦ TƯỚNG': 'Thủ tướng', 'BỘ TRƯỞNG': 'Bộ trưởng', 'THỨ TRƯỞNG': 'Thứ trưởng',
}

/** The "Nơi nhận" heading (Phụ lục I mục II.10) and the archive entry that closes the list. */
// The heading as printed, or with its marks misrestored ("Nội nhân:" from "Noi nhan:") when it ends
// with its colon: any tone/vowel mark on the o and the a of "nơi nhận".
// OCR of a scan may read the N as "X" or put a speck before it ("Xơi nhận:", "XNơi nhận:") when the heading
// ends with its colon. Text through a broken font mapping writes the marked vowels as symbol runs
// ("N()'i nhtjn:" for "Nơi nhận:"): the heading alone on its line, n…i nh…n and the colon.
export const RECIPIENTS_HEADING = /^\W*(?:n[oơ]i\s+nh[aậ]n\s*:?|x?[nx][oơôóòỏõọồốổỗộờớởỡợ]i\s+nh[aâăậầấẩẫạàáảãằắẳẵặ]n\s*:|n[^\s\p{L}]{1,4}i\s+nh\S{1,3}n\s*:(?=\s*$))/iu
export const ARCHIVE_ENTRY = /^(lưu|luu)\b/i

/**
 * Purpose notes printed beside a brace that groups recipients ("(để báo cáo)", "(b/c)",
 * "(t/h)"): they belong to the recipients column.
 */
export const RECIPIENT_NOTES = /\((?:để\s+)?(?:báo cáo|b\/c|biết|thực hiện|t\/h|phối hợp|chỉ đạo|theo dõi|p\/h)\)/giu

/**
 * A digital-signature stamp (Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.9 and Điều 13: the
 * organ's signature shows its name and the signing time "dd/mm/yyyy hh:mm:ss").
 */
export const SIGNING_TIME = /\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{2}:?\d{2})?/g

/**
 * Vietnamese family names (họ), the common ones and those of ethnic groups' naming ("Y" of Ê Đê
 * men's names). Used to repair a signer's first syllable after diacritic restoration.
 */
export const SURNAMES: readonly string[] = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô',
  'Dương', 'Lý', 'Đào', 'Đoàn', 'Vương', 'Trịnh', 'Trương', 'Đinh', 'Lâm', 'Phùng', 'Mai', 'Tô', 'Hà', 'Tạ',
  'Lương', 'Cao', 'Quách', 'Lưu', 'Châu', 'Thái', 'La', 'Kiều', 'Từ', 'Tăng', 'Giang', 'Giảng', 'Triệu',
  'Khổng', 'Thân', 'Lục', 'Nông', 'Chu', 'Hứa', 'Mạc', 'Tôn', 'Lã', 'Diệp', 'Âu', 'Khúc', 'Kim', 'Quan',
  'Bạch', 'Cù', 'Doãn', 'Hàn', 'Lạc', 'Lò', 'Ninh', 'Thạch', 'Tống', 'Vi', 'Viên', 'Y', 'H', 'Ksor', 'Rmah',
  'Nay', 'Siu', 'Rơ', 'Đàm', 'Lại', 'Mẫn', 'Nghiêm', 'Ông', 'Phí', 'Quản', 'Sầm', 'Thiều', 'Trình', 'Vưu',
]

/**
 * Lines printed inside the signature block between the position and the name: the note that
 * stands for a handwritten signature in a copy ("(Đã ký)", "(Ký, ghi rõ họ tên, đóng dấu)") and
 * the labels of a digital-signature stamp ("Ký bởi", "Người ký", "Thời gian ký", "Ngày ký";
 * Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.9 and Điều 13).
 */
export const SIGNATURE_NOTE = /^\(?\s*(đã ký|ký(?: tên)?,? (?:ghi rõ|đóng dấu)[^)]*|ký và ghi rõ[^)]*|đã ký và đóng dấu)\s*\)?$|^(ký bởi|người ký|thời gian ký|ngày ký|cơ quan|email)\s*:/iu

/**
 * Ranks printed before the name of a signer from the armed forces or the police (Luật Công an
 * nhân dân 2018, Điều 22; Luật Sĩ quan Quân đội nhân dân, Điều 10): not part of the name.
 */
export const RANKS: readonly string[] = [
  'Đại tướng', 'Thượng tướng', 'Trung tướng', 'Thiếu tướng', 'Đại tá', 'Thượng tá', 'Trung tá', 'Thiếu tá',
  'Đại úy', 'Thượng úy', 'Trung úy', 'Thiếu úy',
]

/**
 * Who signs for an organ (Nghị định 30/2020/NĐ-CP Điều 13 and Phụ lục I mục II.8: the head signs,
 * or a deputy "KT."; a collective body "TM."; Luật Tổ chức chính quyền địa phương 2015, Điều lệ Đảng,
 * Điều lệ Đoàn, Điều lệ Công đoàn, Luật Doanh nghiệp 2020): organ head words → the titles and
 * collective bodies its authority / position lines name. A joint document's signature columns are
 * told apart by these, not by their side.
 */
export const SIGNING_BODIES: readonly { heads: readonly string[]; signs: readonly string[] }[] = [
  { heads: ['ủy ban nhân dân'], signs: ['ủy ban nhân dân', 'chủ tịch'] },
  { heads: ['hội đồng nhân dân'], signs: ['hội đồng nhân dân', 'thường trực hội đồng nhân dân', 'chủ tịch'] },
  { heads: ['sở', 'trung tâm', 'bệnh viện', 'công ty', 'tổng công ty', 'công an', 'viện'], signs: ['giám đốc', 'tổng giám đốc', 'viện trưởng'] },
  { heads: ['phòng'], signs: ['trưởng phòng'] },
  { heads: ['chi cục'], signs: ['chi cục trưởng'] },
  { heads: ['cục'], signs: ['cục trưởng'] },
  { heads: ['tổng cục'], signs: ['tổng cục trưởng'] },
  { heads: ['ban'], signs: ['trưởng ban'] },
  { heads: ['văn phòng'], signs: ['chánh văn phòng'] },
  { heads: ['trường'], signs: ['hiệu trưởng'] },
  { heads: ['bộ'], signs: ['bộ trưởng'] },
  { heads: ['bộ chỉ huy', 'ban chỉ huy'], signs: ['chỉ huy trưởng', 'chính ủy'] },
  { heads: ['tỉnh ủy', 'thành ủy', 'huyện ủy', 'thị ủy', 'quận ủy', 'đảng ủy', 'chi bộ', 'chi ủy', 'đảng bộ'],
    signs: ['ban thường vụ', 'ban chấp hành', 'đảng ủy', 'chi bộ', 'chi ủy', 'bí thư'] },
  { heads: ['tỉnh đoàn', 'ban chấp hành', 'ban thường vụ'], signs: ['ban thường vụ', 'ban chấp hành', 'bí thư'] },
  { heads: ['hội', 'hội liên hiệp phụ nữ', 'hội nông dân', 'hội cựu chiến binh', 'liên đoàn lao động', 'tổng liên đoàn lao động',
    'công đoàn', 'công đoàn ngành', 'liên minh hợp tác xã', 'ủy ban mặt trận tổ quốc'], signs: ['ban thường vụ', 'ban chấp hành', 'ban thường trực', 'chủ tịch'] },
]
