// Marks that sit on a page but are not the document's own text. Patterns match folded text
// (foldForSearch: no marks, lower case) unless they say otherwise.

/**
 * Digital signature (Nghị định 30/2020/NĐ-CP, Điều 14 and Phụ lục I mục IV: the signature of a person
 * or an organ on an electronic document shows the signer or organ, the organ's e-mail and the signing
 * time "dd/mm/yyyy hh:mm:ss +07:00"; signing software prints the labels "Ký bởi", "Người ký", "Cơ quan",
 * "Thời gian ký"). A line holding one of these labels belongs to a signature block.
 */
export const SIGNATURE_LABELS = /(?:^|\s|\W)(ky boi|nguoi ky|thoi gian ky|ngay ky|email|e-mail)\s*:/
/** A label that continues a signature block only next to one of the above ("Cơ quan: …", "Chức vụ: …"). */
export const SIGNATURE_SIDE_LABELS = /^\W*(co quan|chuc vu|to chuc)\s*:/
/** An e-mail address or a government domain (the organ's e-mail in a signature stamp). */
export const MAIL_OR_DOMAIN = /\S+@\S+\.\S+|\b[a-z0-9.-]+\.(?:gov|com|org|edu)\.vn\b|\b[a-z0-9-]+(?:phu|tinh)\.vn\b/
/** A signing time "05.02.2025 08:09:28", "2025-10-09T16:52:54+07:00", or a bare "+07:00" zone. */
export const STAMP_TIME = /\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?|\b\d{4}-\d{2}-\d{2}t\d{2}:\d{2}|(?:^|\s)[+]\d{2}:\d{2}\b/

/**
 * A copy block (Nghị định 30/2020/NĐ-CP, Điều 25–27 and Phụ lục I mục III: "SAO Y", "SAO LỤC",
 * "TRÍCH SAO"; an electronic copy carries the copying organ's digital signature under it).
 */
export const COPY_STAMP = /^\W*(sao y(?: ban chinh)?|sao luc|trich sao)\W*$/

/**
 * Receipt stamp "ĐẾN" (Nghị định 30/2020/NĐ-CP, Điều 22 and Phụ lục IV, Mẫu dấu "ĐẾN": the receiving
 * organ's name, "ĐẾN", "Số:", "Ngày:", "Chuyển:", "Số và ký hiệu hồ sơ:"; many offices print
 * "CÔNG VĂN ĐẾN"). Matched on the printed text, case kept: the stamp prints ĐẾN in capitals; "ĐẾN NĂM
 * 2030" in a capitalised title is no stamp.
 */
export const RECEIPT_WORD = /^\W{0,3}(?:CÔNG\s+VĂN\s+)?Đ[ẾÉÈE]N\b(?!\s+(?:NĂM|NAY|HẾT|NGÀY|THÁNG|KHI|CUỐI|TẬN|VỚI|CÁC|TỪNG|NĂM))/u
/** The fields of a receipt stamp (Phụ lục IV), folded. */
export const RECEIPT_FIELDS = /^\W*(so|ngay|gio|chuyen|so va ky hieu ho so|luu ho so so)\s*:/
/** Longest line a receipt stamp's "ĐẾN" row takes (it holds a handwritten number and date at most). */
export const RECEIPT_LINE_MAX = 40
/** How many lines above a "ĐẾN" row the receiving organ's name may be read (OCR interleaves the stamp with the text beside it). */
export const RECEIPT_ORGAN_REACH = 3
