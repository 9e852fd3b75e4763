// Types of documents and their abbreviations.
// Source: Nghị định 30/2020/NĐ-CP về công tác văn thư, Phụ lục III "Bảng chữ viết tắt tên loại
// văn bản và bản sao" (administrative documents), and Luật Ban hành văn bản quy phạm pháp luật
// 2015, Điều 4 (legal documents: Luật, Nghị định, Thông tư…; no Phụ lục III code for Luật).
// Party documents (Quy định 66-QĐ/TW 2022 of the Ban Bí thư on Party document form) use the
// same names with "-" between serial and code: "18-CTr/TU", "21-NQ/TW".
// Case matters in codes: CT (Chỉ thị) ≠ CTr (Chương trình).
// Longer names first, so that "Chương trình hành động" wins over "Chương trình".
import { PARTY_TYPE_CODES, STATE_TYPE_CODES } from '../../normalize/data/document-codes.js'

export type DocTypeEntry = { name: string; code: string | null }

export const DOC_TYPES: readonly DocTypeEntry[] = [
  { name: 'Chương trình hành động', code: 'CTr' }, // Phụ lục III: code of "Chương trình"
  { name: 'Thông tư liên tịch', code: 'TTLT' },
  { name: 'Nghị quyết liên tịch', code: 'NQLT' },
  // joint and coordination documents (văn bản liên tịch / phối hợp, Nghị định 30/2020/NĐ-CP Điều 13):
  // the type name with "liên tịch" / "phối hợp", the code with "LT" / "PH" ("07/KHLT-CAT-MTTQ",
  // "1530/CTPH-BCA-MTTW")
  { name: 'Chương trình phối hợp', code: 'CTPH' },
  { name: 'Quy chế phối hợp', code: 'QCPH' },
  { name: 'Kế hoạch liên tịch', code: 'KHLT' },
  { name: 'Kế hoạch phối hợp', code: 'KHPH' },
  // every type of Phụ lục III (the table the normalizer repairs codes with: one source)
  ...STATE_TYPE_CODES.map(({ name, code }) => ({ name, code })),
  { name: 'Thư công', code: null },
  { name: 'Công văn', code: null }, // Phụ lục III: a công văn carries no type code ("1859/UBND-KGVX")
  // a công văn is cited as "Văn bản số 210/UBND-KT ngày …" as often as "Công văn số …" (it is the
  // văn bản hành chính with no type name, Nghị định 30/2020/NĐ-CP Điều 7); cited only with a number
  // or a date, so "văn bản quy phạm pháp luật" in running text is no citation
  { name: 'Văn bản', code: null },
  { name: 'Kết luận', code: 'KL' }, // Party documents (Quy định 66-QĐ/TW)
  // a joint document of organs of different systems (Nghị định 30/2020/NĐ-CP Điều 13: văn bản liên
  // tịch), cited as "Văn bản liên tịch số 2881/VBLT-NHCS-HND ngày …"
  { name: 'Văn bản liên tịch', code: 'VBLT' },
  // a legal document with its amendments merged in (Pháp lệnh hợp nhất văn bản quy phạm pháp luật số
  // 01/2012/UBTVQH13), numbered "12/VBHN-BTC" in its authentication block (src/extract/consolidation.ts)
  { name: 'Văn bản hợp nhất', code: 'VBHN' },
  // an office's internal submission of a matter to its head for decision (the "phiếu trình giải quyết
  // công việc" of the ministries' and provinces' working rules), numbered like a Tờ trình: "15/PTr-VP"
  { name: 'Phiếu trình', code: 'PTr' },
  // military orders (the army's văn thư rules under Luật Quốc phòng 2018: mệnh lệnh, chỉ lệnh of a
  // commander), cited as "Chỉ lệnh số 35/CL-BTL ngày …" or by name alone ("Mệnh lệnh huấn luyện
  // năm 2025 của Tư lệnh Quân khu"); codes as printed in their numbers
  { name: 'Mệnh lệnh', code: 'ML' },
  { name: 'Chỉ lệnh', code: 'CL' },
  // the charter of an organisation (Điều lệ, adopted by its congress and approved by a Quyết định):
  // cited by name alone ("Căn cứ Điều lệ Liên minh Hợp tác xã tỉnh … nhiệm kỳ 2021 - 2026")
  { name: 'Điều lệ', code: null },
  // Legal documents (Luật Ban hành văn bản quy phạm pháp luật 2015, Điều 4)
  { name: 'Hiến pháp', code: null },
  { name: 'Bộ luật', code: null },
  { name: 'Luật', code: null },
  { name: 'Pháp lệnh', code: null },
  { name: 'Nghị định', code: 'NĐ' },
  { name: 'Thông tư', code: 'TT' },
]

/** Types that are cited by name and date rather than by number ("Luật Thanh niên năm 2020"). */
export const NAMED_LAW_TYPES: readonly string[] = ['Hiến pháp', 'Bộ luật', 'Luật', 'Pháp lệnh']

/**
 * Party type codes the state table lacks (Hướng dẫn 36-HD/VPTW: a Party letter is numbered
 * "210-CV/BTGDVTU"); a code both tables hold keeps its state meaning (TT = Thông tư).
 */
export const PARTY_ONLY_CODES = PARTY_TYPE_CODES.filter((p) => !DOC_TYPES.some((t) => t.code === p.code))

/** Type of a document code ("QĐ" in "55/2007/QĐ-UBND"), for numbers printed without the type word. */
export const TYPE_BY_CODE: ReadonlyMap<string, string> = new Map([
  ...DOC_TYPES.filter((t) => t.code && t.name !== 'Chương trình hành động').map((t) => [t.code as string, t.name] as const),
  ...PARTY_ONLY_CODES.map((t) => [t.code, t.name] as const),
])
