/**
 * Words that mark the blocks of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP,
 * Phụ lục I: thể thức văn bản hành chính). Folded (no diacritics, lower case): they are matched
 * against `foldForSearch` of OCR text, which may have lost its marks.
 */

/** Ô số 2: Quốc hiệu và Tiêu ngữ — always the top-right column. */
export const MOTTO_STARTS = ['cong hoa xa hoi chu nghia', 'cong hoa xa hoi', 'doc lap - tu do', 'doc lap tu do', 'doc lap'] as const

/** Ô số 4: "Địa danh, ngày … tháng … năm …" — under the motto. */
export const DATE_LINE = /(^|\s)[^\s,]+(?: [^\s,]+){0,3}, ngay\b/

/** Ô số 3: "Số: …/…" — under the issuer, left column. */
export const NUMBER_LINE = /^so\s*[:.]?\s*\S*\//

/** Ô số 9a: "Nơi nhận:" opens the end block (left column). */
export const RECIPIENTS_START = /^noi nhan\b/

/**
 * Ô số 5a: the type word centred under the header ends the header block
 * (Phụ lục III names; the list a header can end on, not every type).
 */
export const TYPE_WORDS = [
  'ke hoach', 'chuong trinh', 'quyet dinh', 'chi thi', 'thong bao', 'bao cao', 'to trinh', 'cong van',
  'nghi quyet', 'huong dan', 'de an', 'phuong an', 'quy che', 'quy dinh', 'ket luan', 'thong tri',
] as const

/** Hướng dẫn 36-HD/VPTW: a Party document's top-right line stands where the state motto stands. */
export const PARTY_MOTTO = 'dang cong san viet nam'

/** Ô số 9b: "Kính gửi:" — a letter's addressees, under its subject line (Công văn); OCR specks may precede it. */
export const ADDRESSEES_START = /^\W*kinh gui\b/
