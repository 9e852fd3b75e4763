// Units of quantified objectives and amounts of money in plans.
// Money: đồng (Luật Ngân hàng Nhà nước 2010, Điều 17: the unit of currency is the đồng);
// plans write amounts in nghìn/triệu/tỷ đồng. Decimal comma and dot-grouped thousands follow
// TCVN 6398-1:1998 / Vietnamese usage ("2,5%", "1.000 người").

export const MONEY_UNITS: readonly { re: RegExp; unit: string; factor: number }[] = [
  { re: /^(tỷ|tỉ)\s+đồng/iu, unit: 'tỷ đồng', factor: 1e9 },
  { re: /^triệu\s+đồng/iu, unit: 'triệu đồng', factor: 1e6 },
  { re: /^(nghìn|ngàn)\s+đồng/iu, unit: 'nghìn đồng', factor: 1e3 },
  { re: /^(đồng|vnđ|vnd)\b/iu, unit: 'đồng', factor: 1 },
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
export const NOT_QUANTITY_BEFORE = /(năm|tháng|ngày|quý|giai đoạn|khóa|khoá|số|điều|khoản|lần thứ|thứ|kỳ|mục|phần|chương|đợt|tiểu dự án|dự án|nghị quyết|quyết định|kế hoạch)\s*$/iu
