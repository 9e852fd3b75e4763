// Names of organs (cơ quan, tổ chức), their printed abbreviations and how they are capitalised.
// Sources: Nghị định 30/2020/NĐ-CP, Phụ lục I (tên cơ quan ban hành: "UBND TỈNH …" / "SỞ …"),
// Phụ lục II mục II "Viết hoa tên cơ quan, tổ chức" (capitalise the first syllable of the organ
// word and of each word group naming its field: "Sở Lao động - Thương binh và Xã hội",
// "Hội Chữ thập đỏ Việt Nam"), and the abbreviations customary in the "Nơi nhận" and citations
// of state and Party documents.

/** Abbreviation → full name (lower case except proper nouns), longest first when matching. */
export const ORGAN_ABBREVIATIONS: readonly [string, string][] = [
  ['UBND', 'Ủy ban nhân dân'],
  ['HĐND', 'Hội đồng nhân dân'],
  ['UBMTTQVN', 'Ủy ban Mặt trận Tổ quốc Việt Nam'],
  ['UBMTTQ', 'Ủy ban Mặt trận Tổ quốc'],
  ['MTTQVN', 'Mặt trận Tổ quốc Việt Nam'],
  ['MTTQ', 'Mặt trận Tổ quốc'],
  ['BCH', 'Ban Chấp hành'],
  ['BTV', 'Ban Thường vụ'],
  ['UBKT', 'Ủy ban Kiểm tra'],
  ['LĐ-TB&XH', 'Lao động - Thương binh và Xã hội'],
  ['LĐTB&XH', 'Lao động - Thương binh và Xã hội'],
  ['LĐTBXH', 'Lao động - Thương binh và Xã hội'],
  ['GD&ĐT', 'Giáo dục và Đào tạo'],
  ['GDĐT', 'Giáo dục và Đào tạo'],
  ['TN&MT', 'Tài nguyên và Môi trường'],
  ['NN&PTNT', 'Nông nghiệp và Phát triển nông thôn'],
  ['KH&ĐT', 'Kế hoạch và Đầu tư'],
  ['VH-TT&DL', 'Văn hóa, Thể thao và Du lịch'],
  ['VHTTDL', 'Văn hóa, Thể thao và Du lịch'],
  ['TT&TT', 'Thông tin và Truyền thông'],
  ['TTTT', 'Thông tin và Truyền thông'],
  // mass organisations and the social-insurance system, as their provincial and district branches
  // print them in the header ("HỘI LHPN TỈNH AN GIANG", "BHXH HUYỆN X", "LĐLĐ TỈNH Y"; Điều lệ of
  // each organisation; Nghị định 30/2020/NĐ-CP Phụ lục I: the full name may be abbreviated)
  ['HLHPN', 'Hội Liên hiệp Phụ nữ'],
  ['LHPN', 'Liên hiệp Phụ nữ'],
  ['BHXH', 'Bảo hiểm xã hội'],
  ['LĐLĐ', 'Liên đoàn Lao động'],
  ['HND', 'Hội Nông dân'],
  ['HCCB', 'Hội Cựu chiến binh'],
  ['CCB', 'Cựu chiến binh'],
  // fields and organs abbreviated in headers and in the "Nơi nhận": the field of a Sở
  // ("SỞ NÔNG NGHIỆP VÀ PTNT", NĐ 24/2014/NĐ-CP), cooperatives (Luật Hợp tác xã 2023: Liên minh Hợp
  // tác xã Việt Nam and its provincial branches, "LIÊN MINH HTX"), the policy bank (Nghị định
  // 78/2002/NĐ-CP: Ngân hàng Chính sách xã hội, "NHCSXH", "NGÂN HÀNG CSXH")
  ['NNPTNT', 'Nông nghiệp và Phát triển nông thôn'],
  ['PTNT', 'Phát triển nông thôn'],
  ['NN&MT', 'Nông nghiệp và Môi trường'],
  ['TNMT', 'Tài nguyên và Môi trường'],
  ['KHĐT', 'Kế hoạch và Đầu tư'],
  ['KH&CN', 'Khoa học và Công nghệ'],
  ['KHCN', 'Khoa học và Công nghệ'],
  ['GTVT', 'Giao thông vận tải'],
  ['LMHTX', 'Liên minh Hợp tác xã'],
  ['HTX', 'Hợp tác xã'],
  ['NHCSXH', 'Ngân hàng Chính sách xã hội'],
  ['CSXH', 'Chính sách xã hội'],
  // abbreviations printed in the issuer lines of branches and units (Nghị định
  // 30/2020/NĐ-CP Phụ lục I: the name of the issuing organ may be abbreviated): the Red Cross
  // (Điều lệ Hội Chữ thập đỏ Việt Nam: "HỘI CTĐ TỈNH …"), district health centres (Thông tư
  // 37/2016/TT-BYT: Trung tâm Y tế huyện, "TTYT"), management boards ("BQL DỰ ÁN …", "BQL KHU KINH
  // TẾ …"), steering committees ("BCĐ …")
  ['CTĐ', 'Chữ thập đỏ'],
  ['TTYT', 'Trung tâm Y tế'],
  ['BQL', 'Ban Quản lý'],
  ['BCĐ', 'Ban Chỉ đạo'],
  // the legal form of an enterprise printed in a company's name (Luật Doanh nghiệp 2020,
  // Điều 38–39: "Công ty trách nhiệm hữu hạn một thành viên", written with its first syllables
  // capitalised in the name: "Công ty TNHH MTV Khai thác thủy lợi Sông Trà"); "CP" (cổ phần) only
  // after "Công ty" (`CONTEXT_ABBREVIATIONS`): alone it is the Chính phủ
  ['TNHH', 'Trách nhiệm hữu hạn'],
  ['MTV', 'Một thành viên'],
  // the trade union of an agency, school or enterprise (Điều lệ Công đoàn Việt Nam: công đoàn cơ sở),
  // printed under its Liên đoàn Lao động ("LĐLĐ HUYỆN X" / "CĐCS CÔNG TY Y")
  ['CĐCS', 'Công đoàn cơ sở'],
]

/**
 * Abbreviations that mean an organ word only after a given word (upper case in an issuer line, any
 * case otherwise): [preceding word (lower case), abbreviation, full form].
 */
export const CONTEXT_ABBREVIATIONS: readonly [string, string, string][] = [
  ['công ty', 'CP', 'Cổ phần'],
  ['công ty', 'CPĐT', 'Cổ phần Đầu tư'],
]

/**
 * Abbreviations that mean an organ word only before the organ they belong to: [abbreviation, the
 * words that may follow (lower case), full form]. "CĐ" opens the name of a unit's trade union ("CĐ
 * TRƯỜNG THCS BÍCH HÒA": Công đoàn Trường …, Điều lệ Công đoàn Việt Nam); after "Trường" it is a
 * school level (Cao đẳng, SCHOOL_LEVELS).
 */
export const PRECEDING_ABBREVIATIONS: readonly [string, readonly string[], string][] = [
  ['CĐ', ['trường', 'công ty', 'bệnh viện', 'cơ quan', 'trung tâm', 'viện', 'ban', 'sở', 'phòng', 'văn phòng'], 'Công đoàn'],
]

/**
 * Administrative units abbreviated before a place name in issuer lines and the place of issue
 * ("UBND TP. THỦ DẦU MỘT", "UBND TX. BẾN CÁT", "UBND Q. 1", "UBND H. CỦ CHI"; Luật Tổ chức chính
 * quyền địa phương 2015 Điều 2). Expanded only when a place name (a capital letter or a number)
 * follows; `dot: false` forms are expanded without their full stop too ("TP HỒ CHÍ MINH").
 */
export const PLACE_ABBREVIATIONS: readonly { abbr: string; full: string; dot: boolean }[] = [
  { abbr: 'TP', full: 'thành phố', dot: false },
  { abbr: 'TX', full: 'thị xã', dot: false },
  { abbr: 'TT', full: 'thị trấn', dot: true },
  { abbr: 'Q', full: 'quận', dot: true },
  { abbr: 'H', full: 'huyện', dot: true },
]

/**
 * Legal forms of enterprises (Luật Doanh nghiệp 2020) as written in a company's name after "Công ty":
 * the first syllable of each form is capitalised; the trade name that follows opens with a capital.
 */
export const COMPANY_FORMS: readonly string[] = [
  'Trách nhiệm hữu hạn Một thành viên', 'Trách nhiệm hữu hạn Hai thành viên trở lên', 'Trách nhiệm hữu hạn',
  'Cổ phần Đầu tư', 'Cổ phần', 'Hợp danh',
]

/**
 * Levels of schools (Luật Giáo dục 2019, Điều 6 and 28–29; the names of public schools are "Trường
 * <level> <proper name>": "Trường Trung học phổ thông Cần Giuộc"), as abbreviated after "Trường" in
 * issuer lines ("TRƯỜNG THPT CẦN GIUỘC", "TRƯỜNG MN HOA SEN"). Expanded only right after "trường":
 * "TH" or "MN" alone mean nothing else there. The words after a level are the school's proper name.
 */
export const SCHOOL_LEVELS: readonly [string, string][] = [
  ['PTDTNT', 'Phổ thông dân tộc nội trú'],
  ['PTDTBT', 'Phổ thông dân tộc bán trú'],
  ['TH&THCS', 'Tiểu học và Trung học cơ sở'],
  ['THCS&THPT', 'Trung học cơ sở và Trung học phổ thông'],
  ['THPT', 'Trung học phổ thông'],
  ['THCS', 'Trung học cơ sở'],
  ['TH', 'Tiểu học'],
  ['MN', 'Mầm non'],
  ['MG', 'Mẫu giáo'],
  ['GDTX', 'Giáo dục thường xuyên'],
  ['TC', 'Trung cấp'],
  ['CĐ', 'Cao đẳng'],
  ['ĐH', 'Đại học'],
]

/**
 * Organ abbreviations that stand alone only as a whole issuer (header left column, "của TU"),
 * never inside ordinary words: Party committees (TU = Tỉnh ủy, HU = Huyện ủy, TW = Trung ương).
 */
export const STANDALONE_ABBREVIATIONS: readonly [string, string][] = [
  ['TU', 'Tỉnh ủy'],
  ['HU', 'Huyện ủy'],
  ['TW', 'Trung ương'],
  ['CP', 'Chính phủ'],
  ['TTg', 'Thủ tướng Chính phủ'],
]

/**
 * Organ head words: an organ name starts with one of these (lower case, longest first).
 * `field: true` — the next word group names a field and is capitalised ("Sở Tài chính",
 * "Bộ Lao động - Thương binh và Xã hội"); `sub: true` — a unit that sits under a higher body
 * in a two-line header ("UBND TỈNH X / SỞ Y"): issuer = the sub unit, parent = the line above.
 */
export type OrganHead = { words: string; field?: boolean; sub?: boolean; cased?: string; name?: boolean; company?: boolean }
export const ORGAN_HEADS: readonly OrganHead[] = [
  // a school named by its level: the words after the level are its proper name (`name`), capitalised
  // ("Trường Trung học phổ thông Cần Giuộc"); a unit under the Sở / Phòng Giáo dục và Đào tạo above it
  ...SCHOOL_LEVELS.map(([, full]): OrganHead => ({ words: `trường ${full.toLowerCase()}`, cased: `Trường ${full}`, sub: true, name: true })),
  { words: 'ủy ban nhân dân', cased: 'Ủy ban nhân dân' },
  { words: 'hội đồng nhân dân', cased: 'Hội đồng nhân dân' },
  { words: 'ủy ban mặt trận tổ quốc', cased: 'Ủy ban Mặt trận Tổ quốc' },
  { words: 'ủy ban kiểm tra', cased: 'Ủy ban Kiểm tra', sub: true },
  // the organisation a Ban Chấp hành / Ban Thường vụ leads is capitalised as a name
  // ("Ban Chấp hành Đoàn tỉnh Đồng Tháp", "Ban Chấp hành Đảng bộ huyện"): treated like a field word
  { words: 'ban chấp hành', cased: 'Ban Chấp hành', field: true },
  { words: 'ban thường vụ', cased: 'Ban Thường vụ', field: true },
  // a steering committee is named after the programme it steers, whose first word is capitalised
  // ("Ban Chỉ đạo Chương trình giảm nghèo bền vững"); it sits under the body that set it up
  { words: 'ban chỉ đạo', cased: 'Ban Chỉ đạo', field: true, sub: true },
  { words: 'thủ tướng chính phủ', cased: 'Thủ tướng Chính phủ' },
  { words: 'chính phủ', cased: 'Chính phủ' },
  { words: 'quốc hội', cased: 'Quốc hội' },
  { words: 'bộ chính trị', cased: 'Bộ Chính trị' },
  { words: 'ban bí thư', cased: 'Ban Bí thư' },
  { words: 'tỉnh ủy', cased: 'Tỉnh ủy' },
  // Party headers (Hướng dẫn 36-HD/VPTW): a committee below the provincial level prints the Đảng bộ
  // it belongs to above its own name ("ĐẢNG BỘ TỈNH BẮC GIANG" / "HUYỆN ỦY LỤC NAM"): the
  // committee is the issuer, the Đảng bộ line its parent. A Tỉnh ủy prints no such line.
  { words: 'đảng bộ', cased: 'Đảng bộ' },
  { words: 'thành ủy', cased: 'Thành ủy', sub: true },
  { words: 'huyện ủy', cased: 'Huyện ủy', sub: true },
  { words: 'thị ủy', cased: 'Thị ủy', sub: true },
  { words: 'quận ủy', cased: 'Quận ủy', sub: true },
  { words: 'đảng ủy', cased: 'Đảng ủy', sub: true },
  { words: 'tỉnh đoàn', cased: 'Tỉnh đoàn' },
  // mass organisations and Bảo hiểm xã hội: the central body prints "… VIỆT NAM" above its branch
  // ("HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM" / "HỘI LHPN TỈNH AN GIANG"; "BẢO HIỂM XÃ HỘI VIỆT NAM" /
  // "BẢO HIỂM XÃ HỘI TỈNH HÀ GIANG"): issuer = the branch, parent = the central body.
  // "xã hội" is a common noun here (Phụ lục II: only the organ word is capitalised)
  { words: 'bảo hiểm xã hội', cased: 'Bảo hiểm xã hội', sub: true },
  { words: 'hội liên hiệp phụ nữ', cased: 'Hội Liên hiệp Phụ nữ' },
  { words: 'hội nông dân', cased: 'Hội Nông dân' },
  { words: 'hội cựu chiến binh', cased: 'Hội Cựu chiến binh' },
  { words: 'liên đoàn lao động', cased: 'Liên đoàn Lao động' },
  // cooperatives (Luật Hợp tác xã 2023, Điều 105–107): "LIÊN MINH HTX VIỆT NAM" / "LIÊN MINH HỢP TÁC
  // XÃ TỈNH ĐẮK LẮK" — central body above its provincial branch, like the mass organisations
  { words: 'liên minh hợp tác xã', cased: 'Liên minh Hợp tác xã' },
  // the policy bank and its branches ("NGÂN HÀNG CSXH VIỆT NAM" / "PHÒNG GIAO DỊCH NHCSXH HUYỆN …")
  { words: 'ngân hàng', cased: 'Ngân hàng', field: true },
  // military organs (Luật Quốc phòng 2018 Điều 24–25, Luật Dân quân tự vệ 2019 Điều 4): the command
  // of a military region, of a province's military (Bộ Chỉ huy Quân sự tỉnh), of a district's (Ban
  // Chỉ huy Quân sự huyện); the lower command prints the higher one above it ("BỘ TƯ LỆNH QUÂN KHU
  // 4" / "BỘ CHỈ HUY QUÂN SỰ TỈNH NGHỆ AN"): issuer = the lower command, parent = the line above
  { words: 'bộ tư lệnh', cased: 'Bộ Tư lệnh', field: true, sub: true },
  { words: 'bộ chỉ huy', cased: 'Bộ Chỉ huy', field: true, sub: true },
  { words: 'ban chỉ huy', cased: 'Ban Chỉ huy', field: true, sub: true },
  { words: 'văn phòng', field: true, sub: true },
  { words: 'trung tâm', field: true, sub: true },
  { words: 'tổng cục', field: true, sub: true },
  { words: 'chi cục', field: true, sub: true },
  { words: 'thanh tra', sub: true },
  { words: 'bộ', field: true },
  { words: 'sở', field: true, sub: true },
  { words: 'phòng', field: true, sub: true },
  { words: 'cục', field: true, sub: true },
  { words: 'vụ', field: true, sub: true },
  { words: 'ban', field: true, sub: true },
  { words: 'hội', field: true },
  { words: 'trường', field: true, sub: true },
  { words: 'bệnh viện', field: true, sub: true },
  { words: 'công an', sub: true },
  // heads of organs seen in issuer blocks (Điều lệ Đảng: chi bộ, chi ủy under a đảng
  // bộ; Điều lệ Công đoàn Việt Nam: công đoàn ngành under a Liên đoàn Lao động tỉnh; Luật Doanh nghiệp
  // 2020: công ty, tổng công ty; Luật Tổ chức Tòa án / Viện kiểm sát nhân dân 2024; viện nghiên cứu).
  // A Chi bộ is named after the unit it sits in ("Chi bộ Trường THCS Tân Phú"): that unit's own head
  // word inside it is part of its name, not a new organ.
  { words: 'chi bộ', cased: 'Chi bộ', sub: true },
  { words: 'chi ủy', cased: 'Chi ủy', sub: true },
  { words: 'tổng liên đoàn lao động', cased: 'Tổng Liên đoàn Lao động' },
  { words: 'công đoàn ngành', cased: 'Công đoàn ngành', field: true, sub: true },
  { words: 'công đoàn', cased: 'Công đoàn', field: true, sub: true },
  { words: 'tổng công ty', cased: 'Tổng công ty', sub: true, company: true },
  { words: 'công ty', cased: 'Công ty', sub: true, company: true },
  { words: 'tòa án nhân dân', cased: 'Tòa án nhân dân', sub: true },
  { words: 'viện kiểm sát nhân dân', cased: 'Viện kiểm sát nhân dân', sub: true },
  { words: 'viện', field: true, sub: true },
]

/**
 * Administrative units (Luật Tổ chức chính quyền địa phương 2015, Điều 2): the words after one
 * of these are a place name and keep capitals ("huyện Hớn Quản", "tỉnh Bình Phước").
 */
export const ADMIN_UNITS: readonly string[] = [
  'thành phố', 'thị xã', 'thị trấn', 'tỉnh', 'huyện', 'quận', 'xã', 'phường', 'đặc khu',
]

/**
 * Levels of the administrative units (Luật Tổ chức chính quyền địa phương 2015, Điều 2; Hiến pháp
 * 2013 Điều 110): tỉnh / thành phố trực thuộc trung ương (1) > huyện, quận, thị xã, thành phố thuộc
 * tỉnh (2) > xã, phường, thị trấn (3); đặc khu sits at the level of a xã since 2025. A local body
 * (Ủy ban nhân dân, Hội đồng nhân dân) printed under another of a higher level ("UBND HUYỆN ĐỒNG PHÚ"
 * / "ỦY BAN NHÂN DÂN XÃ TÂN LẬP") is a lower-level body under it: issuer = the lower, parent = the higher.
 * "thành phố" is ranked 1 here (its level is told by the body above: a thành phố under a tỉnh is 2).
 */
export const ADMIN_LEVELS: readonly [string, number][] = [
  ['tỉnh', 1], ['thành phố', 1], ['huyện', 2], ['quận', 2], ['thị xã', 2],
  ['xã', 3], ['phường', 3], ['thị trấn', 3], ['đặc khu', 3],
]
/** Local bodies that exist at each level of administrative unit (Luật Tổ chức chính quyền địa phương 2015). */
export const LOCAL_BODIES: readonly string[] = ['ủy ban nhân dân', 'hội đồng nhân dân']

/**
 * Proper nouns and fixed names that keep their capitals inside an otherwise lower-cased name
 * (Phụ lục II, Nghị định 30/2020/NĐ-CP: "Việt Nam", "Trung ương", "Đảng" for the Party…).
 */
export const PROPER_NAMES: readonly string[] = [
  'Cộng hòa xã hội chủ nghĩa Việt Nam', 'Đảng Cộng sản Việt Nam', 'Việt Nam', 'Hồ Chí Minh',
  'Chữ thập đỏ', 'Mặt trận Tổ quốc', 'Trung ương Đảng', 'Trung ương', 'Chính phủ', 'Nhà nước',
  'Quốc hội', 'Thủ tướng', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh', 'Hội Liên hiệp Phụ nữ',
  'Hội Liên hiệp Thanh niên', 'Hội Nông dân', 'Hội Cựu chiến binh', 'Liên đoàn Lao động',
]

/**
 * Fixed terms inside organ names. Within an organ name any spelling that folds to one of these
 * (marks lost or misrestored) is written as here. Hospital classes of Luật Khám bệnh, chữa bệnh
 * 2023 (Bệnh viện Đa khoa / Chuyên khoa / Y học cổ truyền / Phục hồi chức năng); school kinds of
 * Luật Giáo dục 2019 (Trường Phổ thông dân tộc nội trú / bán trú, Giáo dục thường xuyên).
 */
export const ORGAN_NAME_TERMS: readonly string[] = [
  'đa khoa', 'chuyên khoa', 'y học cổ truyền', 'phục hồi chức năng',
  'dân tộc nội trú', 'dân tộc bán trú', 'giáo dục thường xuyên',
]

/**
 * Fields named after a Sở / Bộ / Phòng (the specialised agencies of Nghị định 24/2014/NĐ-CP and
 * 107/2020/NĐ-CP, the ministries of Nghị định 123/2016/NĐ-CP), written as here inside an organ
 * name: a spelling that folds to one of these (marks lost or misrestored, "Đầu tu", "môi Trường")
 * is re-spelled from the table, with its capitals (Phụ lục II).
 */
export const ORGAN_FIELDS: readonly string[] = [
  'Tài nguyên và Môi trường', 'Kế hoạch và Đầu tư', 'Giáo dục và Đào tạo', 'Nông nghiệp và Phát triển nông thôn',
  'Nông nghiệp và Môi trường', 'Lao động - Thương binh và Xã hội', 'Văn hóa, Thể thao và Du lịch',
  'Văn hóa - Thể thao và Du lịch', 'Thông tin và Truyền thông', 'Khoa học và Công nghệ', 'Giao thông vận tải',
  'Dân tộc và Tôn giáo', 'Tài chính', 'Tư pháp', 'Nội vụ', 'Công Thương', 'Xây dựng', 'Y tế', 'Ngoại vụ',
]
