// Header block (Nghị định 30/2020/NĐ-CP, Điều 8 and Phụ lục I mục II; Party documents:
// Quy định 66-QĐ/TW): issuer top-left, national motto top-right ("Quốc hiệu và Tiêu ngữ";
// Party documents print "ĐẢNG CỘNG SẢN VIỆT NAM"), "Số: N/CODE" under the issuer,
// "Place, ngày D tháng M năm Y" under the motto, then the type word and the subject lines.
// All patterns match folded text (foldForSearch: no marks, lower case, single spaces).
import { PARTY_MOTTO } from '../../layout/data/blocks.js'

/**
 * The start of the right header column. Party documents (Hướng dẫn 36-HD/VPTW) print
 * "ĐẢNG CỘNG SẢN VIỆT NAM" there; documents of the Ho Chi Minh Communist Youth Union print the
 * organisation's name "ĐOÀN TNCS HỒ CHÍ MINH" in the same place (its own document-format
 * guidance follows the Party's), so both are mottos, never part of the issuer.
 */
export const MOTTO_STARTS: readonly string[] = [
  'cong hoa xa hoi chu nghia viet nam',
  PARTY_MOTTO,
  'doan tncs ho chi minh',
  'doan thanh nien cong san ho chi minh',
  'doc lap - tu do - hanh phuc',
  'doc lap tu do hanh phuc',
]

/** "Số:" label before the number (Phụ lục I mục II.3); Party documents often print "Số" without colon; OCR reads the colon as ";". */
// English-model OCR reads the S as "$" ("$6 154/KH-TUHCTD"). Restoring text that lost its marks may
// give "So:" the horn of "Sở" ("Sợ: 14/KHPH-STNMT-TĐ"): with a colon after it, no word but "Số" is meant.
export const NUMBER_LABEL = /(^|\s)([s$](?:[oốồổỗộôóò6]|[ơớờởỡợỏõọ](?=\s*:)))\s*[:.;]?\s*/iu

/**
 * The subject line of a letter (Công văn, Nghị định 30/2020/NĐ-CP Phụ lục I mục II.5a: "V/v …" under the
 * number; a Tờ trình may print one under its type word too). OCR reads the slash as "7", "l", "1", "|".
 * Matched on the cleaned line, case kept for the second "v".
 */
export const SUBJECT_LINE = /^\W{0,2}V\s?[/7l1|\\.]\s?[vV]\b\.?\s*/u

/** Separator lines under the issuer / motto ("-----", "___", "*"). */
export const SEPARATOR_LINE = /^[\s\-_*=~.–—]+$/u

/** Preamble verbs (Phụ lục I mục II.5b: căn cứ ban hành), folded, each with its relation. */
export const PREAMBLE_VERBS: readonly { folded: string; relation: 'can-cu' | 'thuc-hien' | 'xet-de-nghi' | 'theo-de-nghi' | 'other' }[] = [
  { folded: 'can cu', relation: 'can-cu' },
  { folded: 'thuc hien', relation: 'thuc-hien' },
  { folded: 'xet de nghi', relation: 'xet-de-nghi' },
  { folded: 'theo de nghi', relation: 'theo-de-nghi' },
  { folded: 'trien khai', relation: 'other' },
  { folded: 'theo', relation: 'other' },
]

/**
 * A document issued with a decision ("Quyết định ban hành Kế hoạch …") is printed after the
 * decision's signature with its own header and type word and the note "(Ban hành kèm theo
 * Quyết định số … ngày … của …)" under its title (Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.7
 * and mẫu 1.2). Matches that note, folded.
 */
export const ATTACHMENT_NOTE = /^\(?\s*(?:ban hanh\s+)?kem theo\s+(?:quyet dinh|nghi quyet|chi thi|thong tu|cong van|van ban)\b/
