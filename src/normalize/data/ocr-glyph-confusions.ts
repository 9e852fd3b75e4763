// Multi-character glyph confusions of broken OCR and broken font mappings: what was seen in
// place of which Vietnamese letters. A prior for the noisy channel (src/normalize/channel/),
// not a substitution list: each glyph sequence has several candidates and only the language
// model can choose. `letters` are NFC, lower case unless case is the point.
// Two sources, cited per entry:
//  - "003": seed 003 (Sở LĐTBXH Bình Phước 2018), legacy-font page through a broken OCR;
//    each entry quotes the token it was read from (token = reading).
//  - "002": dev/002_confusions.md, counts from the aligned English-model OCR of seed 002.

export interface GlyphConfusion {
  glyphs: string // the sequence as it appears in the text
  letters: readonly string[] // what it stood for, most frequent first
  source: string
}

export const OCR_GLYPH_CONFUSIONS: readonly GlyphConfusion[] = [
  // --- seed 003: legacy-font OCR ---
  { glyphs: "\\l'", letters: ['ự', 'ứ'], source: "003: th\\l'c = thực" },
  { glyphs: '\\l', letters: ['ụ', 'ư'], source: '003: nhi~m V\\l = nhiệm vụ, m\\lc = mục' },
  { glyphs: "l}.'", letters: ['ự'], source: "003: Tl}.' do = Tự do" },
  { glyphs: '1}', letters: ['ụ'], source: '003: 1.M1}c dich = 1. Mục đích' },
  { glyphs: 'l)', letters: ['ụ'], source: '003: Ml)C = MỤC' },
  { glyphs: '~', letters: ['ệ', 'ạ', 'ậ', 'ẫ', 'ề', 'ể', 'ằ', 'ắ', 'ấ', 'ầ', 'ặ'], source: '003: hi~n = hiện, ho~ch = hoạch, l~p = lập, d~ = để, b~n = bền, th~ng = thắng, ph~n = phấn' },
  { glyphs: '€', letters: ['ế', 'ể', 'ề'], source: '003: K€ = Kế, d€ = để' },
  { glyphs: 'Q', letters: ['ộ', 'ọ'], source: '003: dQng = động, hQi = hội, gQi = gọi' },
  { glyphs: "Q'", letters: ['ợ'], source: "003: lQ'i = lợi, IQ'i = lợi" },
  { glyphs: '(}', letters: ['ộ'], source: '003: d(}ng = động, h(}i = hội' },
  { glyphs: "6'", letters: ['ớ', 'ố'], source: "003: nu6'c = nước" },
  { glyphs: '6', letters: ['ố', 'ổ', 'ỗ', 'ộ', 'ồ'], source: '003: s6 = số, t6 = tổ, m6i = mỗi' },
  { glyphs: "U'(y", letters: ['ươ'], source: "003: ThU'(yng = Thương" },
  { glyphs: "O'", letters: ['ờ', 'ớ', 'ơ'], source: "003: ngrrO'i = người" },
  { glyphs: 'rr', letters: ['ư'], source: "003: ngrrO'i = người" },
  { glyphs: "c)'", letters: ['ờ'], source: "003: nguc)'i = người" },
  { glyphs: 'a', letters: ['ơ', 'ờ', 'ở', 'ợ'], source: '003: nguai = người, Chuang = Chương, Sa = Sở' },
  { glyphs: 'll', letters: ['ủ', 'ú'], source: '003: clla = của' },
  { glyphs: 'fm', letters: ['ần'], source: '003: tinh thfm = tinh thần' },
  { glyphs: 'ii', letters: ['ã', 'ư'], source: '003: Xii hQi = Xã hội' },
  { glyphs: 'il', letters: ['ã'], source: '003: Xil hQi = Xã hội' },
  { glyphs: 'iJ', letters: ['Ủ'], source: '003: cHiJ NGHIA = CHỦ NGHĨA' },
  { glyphs: 'r~', letters: ['IỆ'], source: '003: vr~T NAM = VIỆT NAM' },
  { glyphs: 'l', letters: ['Ì', 'Í', 'ì', 'í'], source: '003: BlNH = BÌNH' },

  // --- seed 002: English-model OCR (dev/002_confusions.md) ---
  { glyphs: 'é', letters: ['ệ', 'ê', 'ế', 'ể', 'ề', 'ớ', 'ố', 'á', 'ổ', 'ô', 'ở'], source: '002: é 1,362× — hién = hiện, véi = với, té = tổ' },
  { glyphs: 'ir', letters: ['ứ', 'ừ', 'ử', 'ư', 'ữ'], source: '002: chirc = chức (40×)' },
  { glyphs: 'ire', letters: ['ức'], source: '002: chire = chức' },
  { glyphs: 'it', letters: ['ữ', 'ứ'], source: '002: nhitng = những, vitng = vững' },
  { glyphs: 'ii', letters: ['ũ', 'ữ', 'ứ', 'ủ'], source: '002: ngii = ngũ, nhiing = những' },
  { glyphs: 'im', letters: ['ữn', 'ừn', 'ứn'], source: '002: nhimg = những, timg = từng' },
  { glyphs: 'tr', letters: ['ử', 'ữ', 'ứ'], source: '002: stra = sửa, gitra = giữa' },
  { glyphs: 'ti', letters: ['ủ'], source: '002: ctia = của' },
  { glyphs: 'w', letters: ['ư', 'ự', 'ứ'], source: '002: wong = ương, tw = tư' },
  { glyphs: 'wo', letters: ['ươ'], source: '002: lwong = lượng' },
  { glyphs: "u'", letters: ['ư'], source: "002: thu' = thư" },
  { glyphs: "o*", letters: ['ơ'], source: "002: thu'o*ng = thường" },
  { glyphs: '6', letters: ['ổ', 'ố', 'ó', 'ộ', 'ớ'], source: '002: t6 = tổ, s6 = số, c6 = có' },
  { glyphs: 'd', letters: ['ố', 'ộ', 'ô', 'ớ', 'ở', 'ờ', 'ồ', 'á'], source: '002: ddi = đối, bd = bộ, ngudi = người (d as a vowel ≈300×)' },
  { glyphs: 'b', letters: ['ố', 'ô'], source: '002: sb = số, cbng = công' },
  { glyphs: 'g', letters: ['ợ', 'ộ', 'ạ', 'ệ'], source: '002: dugc = được, bg = bộ' },
  { glyphs: '&', letters: ['ở', 'ã', 'ỡ'], source: '002: & = ở (28×), x& = xã' },
  { glyphs: '¢', letters: ['ở', 'ệ', 'có'], source: '002: ¢ dia ban = ở địa bàn, hi¢u = hiệu' },
  { glyphs: '¥', letters: ['ý'], source: '002: ¥ kién = ý kiến' },
  { glyphs: '@', letters: ['ê'], source: '002: tuy@n = tuyên' },
  { glyphs: '4', letters: ['ã', 'ấ', 'á', 'à'], source: '002: x4 = xã, C4p = Cấp' },
  { glyphs: '3', letters: ['à', 'ã'], source: '002: 13 = là, x3 = xã' },
  { glyphs: '8', letters: ['ệ', 'ề', 'ê'], source: '002: 18 = lệ, 18n = lên' },
  { glyphs: '9', letters: ['ộ'], source: '002: b9 = bộ' },
  { glyphs: '0', letters: ['ỡ', 'ò', 'ù', 'ở', 'ô'], source: '002: g0 = gỡ, 10ng = lòng' },
  { glyphs: '1', letters: ['l', 'I'], source: '002: 1a = là (26×), 1am = làm' },
  { glyphs: 'P', letters: ['Đ'], source: '002: Pang = Đảng (49×)' },
  { glyphs: 'B', letters: ['Đ'], source: '002: Bang = Đảng, Bong = Đồng' },
]
