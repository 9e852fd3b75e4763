// Units of quantified objectives and amounts of money in plans.
// Money: đồng (Luật Ngân hàng Nhà nước 2010, Điều 17: the unit of currency is the đồng);
// plans write amounts in nghìn/triệu/tỷ đồng. Decimal comma and dot-grouped thousands follow
// TCVN 6398-1:1998 / Vietnamese usage ("2,5%", "1.000 người").

export const MONEY_UNITS: readonly { re: RegExp; unit: string; factor: number }[] = [
  { re: /^(tỷ|tỉ)\s+đồng/iu, unit: 'tỷ đồng', factor: 1e9 },
  { re: /^triệu\s+đồng/iu, unit: 'triệu đồng', factor: 1e6 },
  { re: /^(nghìn|ngàn)\s+đồng/iu, unit: 'nghìn đồng', factor: 1e3 },
  // foreign-currency amounts (export turnover, FDI) are stated in US dollars: "950 triệu USD";
  // factor in USD (the unit says which currency)
  { re: /^(tỷ|tỉ)\s+(usd|đô la mỹ)(?![\p{L}])/iu, unit: 'tỷ USD', factor: 1e9 },
  { re: /^triệu\s+(usd|đô la mỹ)(?![\p{L}])/iu, unit: 'triệu USD', factor: 1e6 },
  { re: /^(usd|đô la mỹ)(?![\p{L}])/iu, unit: 'USD', factor: 1 },
  // "đồng" alone is the currency, but not in the nouns it starts: "36.850 đồng chí dân quân" (comrades),
  // "đồng bào", "đồng đội", "đồng nghiệp", "đồng hương", nor "đồng thời", "đồng bộ"
  { re: /^(đồng(?!\s+(?:chí|bào|đội|nghiệp|hương|thời|bộ|ruộng)(?![\p{L}]))|vnđ|vnd)(?![\p{L}])/iu, unit: 'đồng', factor: 1 },
]

export const PERCENT = /^(%|phần trăm)/iu

/**
 * Count nouns used as units of objectives (người, xã, chương trình…). A number followed by
 * another word in an objectives section still counts: the unit is then that word.
 */
export const COUNT_UNITS: readonly string[] = [
  'lượt người', 'người', 'hộ', 'xã', 'thôn', 'huyện', 'chương trình', 'thỏa thuận', 'dự án', 'mô hình',
  'lớp', 'cuộc', 'lượt', 'đơn vị', 'doanh nghiệp', 'hợp tác xã', 'tổ chức', 'cơ sở', 'sản phẩm',
  'km', 'ha', 'tấn', 'm2', 'công trình', 'trường', 'điểm', 'tin bài', 'buổi', 'hội nghị',
  // measures of supplies and counted outputs (lít, thùng, bộ tài liệu, lần diễn tập)
  'lít', 'thùng', 'chiếc', 'bộ', 'lần', 'đợt', 'cuốn', 'tài liệu', 'video', 'phóng sự', 'chuyên mục',
  // counted people: objectives of youth, education and health plans count them by group
  'thanh niên', 'thiếu nhi', 'học sinh', 'sinh viên', 'lao động', 'cán bộ', 'đảng viên', 'đoàn viên',
  'hội viên', 'nhân viên', 'giáo viên', 'bệnh nhân', 'trẻ em', 'phụ nữ', 'gia đình', 'câu lạc bộ', 'đội',
  'trạm', 'tổ', 'nhóm', 'ấp', 'bản', 'khu dân cư', 'tuyến', 'phòng', 'giường',
]

/** Words before a number that make it a date, a year or an ordinal, not a quantity. */
// "cả 3 tiêu chí" (all three of a known set) names the set, it sets no quantity
// a level or grade before its number qualifies ("mức độ 2", "bậc 5", "lớp 12", "hạng 3")
// "số 45" is a document's number, but "tổng số 3,2 tỷ đồng" is a total
export const NOT_QUANTITY_BEFORE = /(mức độ|bậc|cấp độ|hạng|lớp|cả|năm|tháng|ngày|quý|giai đoạn|khóa|khoá|(?<!tổng\s)số|điều|khoản|lần thứ|thứ|kỳ|mục|phần|chương|đợt|tiểu dự án|dự án|nghị quyết|quyết định|kế hoạch)\s*$/iu

/**
 * In an objectives list a number followed by any counted noun is a target ("09 hội thi", "500 cây",
 * "120 tập thể"): the unit is that noun (one or two words, up to a function word). Not units:
 * words of time and duration ("05 ngày làm việc", "24 giờ" are procedure, not objectives),
 * and words that are not nouns.
 */
export const NOT_UNIT_WORDS: readonly string[] = [
  'năm', 'tháng', 'ngày', 'giờ', 'tuần', 'quý', 'phút', 'giây', 'lần thứ', 'kỳ',
  // an age qualifies the people counted ("ở người từ 30 đến 70 tuổi"), it is no objective
  'tuổi',
  // a star rating qualifies a product ("sản phẩm đạt từ 3 sao trở lên", OCOP), it counts nothing
  'sao',
  'và', 'hoặc', 'của', 'cho', 'về', 'tại', 'trong', 'với', 'từ', 'đến', 'được', 'có', 'là', 'đạt', 'trở',
  'trên', 'dưới', 'so', 'theo', 'các', 'những', 'mỗi', 'này', 'đó', 'thì', 'để', 'khi', 'nhưng',
]

/**
 * A duration bounded by a comparative is a service-time objective in an objectives list ("rút ngắn
 * thời gian chờ khám xuống dưới 60 phút", "giải quyết hồ sơ không quá 3 ngày", "tối đa 15 phút"):
 * the time word is then the unit (Quyết định 6858/QĐ-BYT, hospital quality criteria A1.4: waiting
 * times in minutes). Words of time stay no unit elsewhere. Matched on folded text before the number.
 */
export const DURATION_BOUND_BEFORE = /(?<![\p{L}])(xuong duoi|xuong con|xuong|duoi|khong qua|khong vuot qua|toi da)\s*$/u
export const DURATION_UNITS: readonly string[] = ['phút', 'giờ', 'ngày làm việc', 'ngày']

/**
 * Commitment words: in a Mục đích / Yêu cầu section, in the preamble of a Chỉ thị or in a task
 * item, a quantity after one of these is an objective, not a description
 * ("Phấn đấu 100% chi bộ…", "kiểm tra ít nhất 12 cơ quan", "không quá 20 ha"). Matched on folded
 * text (foldKeep: same offsets), so that a mark lost or misrestored ("phần đầu") does not hide it.
 */
/** A rate of a recurring procedure ("ít nhất 02 lần/năm", "01 lần mỗi quý"): a frequency, not a target. */
export const FREQUENCY_AFTER = /^\s*(?:\/\s*|mỗi\s+|một\s+|trong\s+một\s+)(năm|tháng|quý|tuần|ngày|kỳ)\b/iu

export const COMMITMENT = /(?<![\p{L}])(phan dau|it nhat|toi thieu|khong qua|khong vuot qua|khong duoi)(?![\p{L}])/u

/**
 * Verbs that deliver a counted output in a task item ("tổ chức 04 lớp", "thực hiện 01 phim tài
 * liệu", "xây dựng mới 25 mô hình"): the count is a target, and so are the counts that qualify it
 * in the same clause ("với khoảng 300 lượt người tham dự"). Folded, like COMMITMENT.
 */
export const DELIVERY_VERB = /(?<![\p{L}])(to chuc|thuc hien|xay dung(?: moi)?|bien soan|phat hanh|san xuat|mo|in|trong moi|lap dat|cai tao|tap huan|boi duong|dao tao|van dong|thu hut|ho tro|cap phat|xuat ban)\s+(?:(?:it nhat|toi thieu|khoang|tren|tu|them|moi)\s+)?$/u
