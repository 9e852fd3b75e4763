/**
 * Does a page start with a document's header, or mid-text? A document given as page images may
 * arrive one image at a time, and the second page of a letter read alone must not get a header made
 * from its body lines: such a page is flagged (`continuation`) for the extractor, which then leaves
 * the header fields empty. A page whose top was cut off keeps the lower header blocks (number, date,
 * type word) without the motto and issuer above them: `headerCut`.
 * Matched on folded text (OCR may have lost the marks), with the block words of src/layout/data/blocks.ts.
 */
import { foldForSearch } from '../normalize/syllable.js'
import { ADDRESSEES_START, DATE_LINE, MOTTO_STARTS, NUMBER_LINE, PARTY_MOTTO, TYPE_WORDS } from './data/blocks.js'

/** The header stands in the first lines of a page (issuer, motto, number, date, type, subject: ≤ 10 lines, plus signature-stamp text above). */
export const HEAD_LINES = 14
/** Fewer text lines than this say nothing about the page (a stamp, a page number). */
const MIN_TEXT_LINES = 3

export type PageStart = { continuation: boolean; headerCut: boolean }

/** "Hà Nội, ngày 05 tháng 01 năm 2020" ends the line (a body sentence citing a date goes on). */
const isDateLine = (folded: string) => DATE_LINE.test(folded) && /thang\W.*nam\W*\d{0,4}\W*$/.test(folded)
/** The type word as the centred title: the whole line, in capitals ("KẾ HOẠCH"), not a body sentence. */
const isTypeTitle = (line: string, folded: string) =>
  line === line.toUpperCase() && TYPE_WORDS.some((t) => folded === t || folded.startsWith(`${t} `))

const hasLetters = (s: string) => (s.match(/\p{L}/gu)?.length ?? 0) >= 3

export function pageStart(lines: string[]): PageStart {
  const text = lines.filter(hasLetters)
  if (text.length < MIN_TEXT_LINES) return { continuation: false, headerCut: false }
  const first = text.slice(0, HEAD_LINES)
  const head = first.map(foldForSearch)
  const motto = head.some((l) => l.includes(PARTY_MOTTO) || MOTTO_STARTS.some((m) => l.includes(m)))
  const lower = head.some((l, i) => NUMBER_LINE.test(l) || isDateLine(l) || ADDRESSEES_START.test(l) || isTypeTitle(first[i]!, l))
  if (motto) return { continuation: false, headerCut: false }
  return lower ? { continuation: false, headerCut: true } : { continuation: true, headerCut: false }
}
