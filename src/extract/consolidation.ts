/**
 * Văn bản hợp nhất (Pháp lệnh hợp nhất văn bản quy phạm pháp luật số 01/2012/UBTVQH13): the text of a
 * legal document with its amendments merged in. Its top repeats the consolidated document's header,
 * type word and title without their number and date; the consolidation's own issuer, number
 * ("Số: 12/VBHN-BTC") and date stand at the end, in the authentication block headed "XÁC THỰC VĂN BẢN
 * HỢP NHẤT", beside the authenticating official's position, signature and name.
 */
import { findHeaderDate, type DateHit } from './date.js'
import { parseNumberField, type NumberHit } from './doc-number.js'
import { splitHeaderLine } from './header-columns.js'
import type { XLine } from './lines.js'
import { AUTHORITY_RE, isPosition } from './signer.js'
import { foldForSearch, isUpper } from './text.js'
import { DOC_TYPES } from './data/doc-types.js'
import { NUMBER_LABEL } from './data/header-patterns.js'

/** The authentication heading, folded. */
const AUTHENTICATION = /xac thuc van ban hop nhat/
/** The consolidation's type code in its number. */
export const CONSOLIDATION_CODE = 'VBHN'
/**
 * Lines around the heading the block's number and date are looked for in: the organ and its number
 * stand in the left column beside the heading, so the OCR may give them just above it or below it.
 */
const BLOCK_ABOVE = 2
const BLOCK_BELOW = 10
/** Most words a place before ", ngày" takes: a longer run is a sentence ("… có hiệu lực kể từ ngày …"). */
const PLACE_WORDS_MAX = 5

/** Whether the text holds an authentication block. */
export function isConsolidation(lines: XLine[]): boolean {
  return lines.some((l) => AUTHENTICATION.test(l.fold))
}

/**
 * The sentence under a consolidation's title that names the consolidated document and its amendments
 * ("Thông tư số 01/2022/TT-BTC ngày … của …, có hiệu lực kể từ ngày …, được sửa đổi, bổ sung bởi:"), folded:
 * it opens with the cited type and its number.
 */
export const CONSOLIDATED_STATEMENT = new RegExp(`^(?:${[...new Set(DOC_TYPES.map((t) => foldForSearch(t.name)))].sort((a, b) => b.length - a.length).join('|')})\\s+so\\s+\\d`)

export type Consolidation = {
  /** the "XÁC THỰC VĂN BẢN HỢP NHẤT" line */
  heading: XLine
  number: { hit: NumberHit; line: XLine } | null
  date: { hit: DateHit; line: XLine; place: string | null } | null
  /** the consolidating organ printed above the number, as printed */
  organ: { text: string; line: XLine } | null
}

/** The authentication block of a Văn bản hợp nhất: the last "XÁC THỰC VĂN BẢN HỢP NHẤT" line and what stands around it. */
export function findConsolidation(lines: XLine[]): Consolidation | null {
  let at = -1
  for (let k = lines.length - 1; k >= 0 && at < 0; k--) if (AUTHENTICATION.test(lines[k].fold)) at = k
  if (at < 0) return null
  const from = Math.max(0, at - BLOCK_ABOVE)
  const block = lines.slice(from, at + BLOCK_BELOW + 1).filter((l) => l.text)
  const number = blockNumber(block)
  const date = blockDate(block)
  const organ = number ? blockOrgan(lines.slice(Math.max(0, from - 2), at + BLOCK_BELOW + 1), number.line) : null
  return { heading: lines[at], number, date, organ }
}

function blockNumber(block: XLine[]): Consolidation['number'] {
  for (const line of block) {
    const label = NUMBER_LABEL.exec(line.text)
    if (!label) continue
    const hit = parseNumberField(line.text.slice(label.index + label[0].length))
    if (hit?.typeCode === CONSOLIDATION_CODE) return { hit, line }
  }
  return null
}

/** The block's date line "Place, ngày D tháng M năm Y" (Phụ lục I mục II.4): a capitalised place before it, never a sentence. */
function blockDate(block: XLine[]): Consolidation['date'] {
  for (const line of block) {
    const hit = findHeaderDate(line.text)
    if (!hit?.year) continue
    const printed = line.src.text.normalize('NFC')
    const before = printed.slice(0, Math.max(0, printed.indexOf(hit.text))).replace(/[,\s]+$/, '')
    // the date's own column: what stands left of it on the row belongs to the other column
    const place = (splitHeaderLine(before).right || before).trim()
    if (place && (!/^\p{Lu}/u.test(place) || place.split(/\s+/).length > PLACE_WORDS_MAX)) continue
    return { hit, line, place: place || null }
  }
  return null
}

/** The organ: the capitalised left-column line right above the number line. */
function blockOrgan(block: XLine[], numberLine: XLine): Consolidation['organ'] {
  const k = block.indexOf(numberLine)
  for (let j = k - 1; j >= Math.max(0, k - 2); j--) {
    const left = splitHeaderLine(block[j].src.text.normalize('NFC')).left.replace(/[\s.,;:]+$/u, '')
    if (left && isUpper(left) && !AUTHENTICATION.test(block[j].fold) && !AUTHORITY_RE.test(left) && !isPosition(left) && /\p{L}{2}/u.test(left)) return { text: left, line: block[j] }
  }
  return null
}
