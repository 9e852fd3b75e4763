// Where the parts of a plan lie (Nghị định 30/2020/NĐ-CP, Phụ lục I): header block, type word,
// subject lines (trích yếu), preamble (căn cứ), body (numbered sections), end block
// ("Nơi nhận" and signature).
import { ATTACHMENT_NOTE, MOTTO_STARTS, PREAMBLE_VERBS, SEPARATOR_LINE } from './data/header-patterns.js'
import { ADDRESSEES_START } from '../layout/data/blocks.js'
import { RANKS, RECIPIENTS_HEADING, SIGNATURE_NOTE } from './data/signature.js'
import { AUTHORITY_RE, isPosition, looksLikeName, startsWithOrganWord } from './signer.js'
import { matchTypeLine } from './header-columns.js'
import { CONSOLIDATED_STATEMENT, isConsolidation } from './consolidation.js'
import { foldForSearch, isUpper } from './text.js'
import type { HeaderColumns } from './header-columns.js'
import type { XLine } from './lines.js'

export type Structure = {
  titleLines: XLine[]
  /** the subject's end is marked (a preamble, "Kính gửi", a heading, a blank line, the end of the page's run) */
  titleClosed: boolean
  /** [from, to) line indices of the preamble */
  preamble: [number, number]
  /** first line of the numbered body */
  bodyStart: number
  /** first line of the end block ("Nơi nhận" / signature); lines.length when none */
  endStart: number
  /** line after the end block: lines.length, or the first line of an attached document */
  endEnd: number
  /** [from, to) lines of the body of a document issued with this one (Quyết định + Kế hoạch), or null */
  attachment: [number, number] | null
  /** the printed row where that document starts: end-block lines printed from there on are not this document's */
  attachmentAt: { page: number; line: number } | null
}

/** The [from, to) line ranges of the body: the document's own, then an attached document's. */
export function bodyRanges(st: Structure): [number, number][] {
  return st.attachment ? [[st.bodyStart, st.endStart], st.attachment] : [[st.bodyStart, st.endStart]]
}

const RANK_RE = new RegExp(`^(?:${RANKS.join('|')})\\s+`, 'iu')

/**
 * One piece of a signature-block row: the authority ("KT. GIÁM ĐỐC"), a position ("PHÓ BÍ THƯ
 * THƯỜNG TRỰC"), an organ line of a collective's authority ("ỦY BAN MTTQ VIỆT NAM TỈNH"), the note
 * for a signature ("(Đã ký)"), a digital-signature label, or the signer's name (rank allowed).
 */
function signaturePiece(p: string): 'head' | 'other' | null {
  const t = p.trim()
  if (!t) return 'other'
  if (AUTHORITY_RE.test(t) && isUpper(t)) return 'head'
  if (isUpper(t) && /\p{L}{2}/u.test(t) && isPosition(t)) return 'head'
  if (SIGNATURE_NOTE.test(t)) return 'other'
  if (looksLikeName(t.replace(RANK_RE, ''))) return 'other'
  if (isUpper(t) && /\p{L}{2}/u.test(t) && !ROMAN_HEADING.test(t) && !ARABIC_HEADING.test(t) && !/[.;:]$/.test(t)) return 'other'
  return null
}

/**
 * The signature block may be printed before "Nơi nhận" (Party documents, Hướng dẫn 36-HD/VPTW;
 * joint documents with several signature columns; a position alone on the row above the list).
 * Walking up from "Nơi nhận" over blank rows and rows made only of signature pieces (columns cut
 * at runs of 4+ spaces), the end block starts at the first of them when one holds an authority
 * or a position.
 */
export function signatureAbove(lines: XLine[], at: number, floor: number): number {
  let start = at
  let heads = 0
  for (let k = at - 1; k >= Math.max(floor, at - 14); k--) {
    const raw = lines[k].src.text.normalize('NFC').replace(/\*\*/g, '')
    if (!raw.trim()) continue
    const pieces = raw.trim().split(/\s{4,}|\s*\|\s*/)
    const kinds = pieces.map(signaturePiece)
    if (kinds.some((x) => x === null)) break
    if (kinds.includes('head')) heads++
    start = k
  }
  return heads ? start : at
}

/**
 * The first line of a document attached after the signature (its repeated header), or -1, and the
 * printed row it starts on: the layout stage may give the end block's columns one after the other,
 * so the attached header's left column can come before the signature in line order.
 */
export function attachmentStart(lines: XLine[], from: number): { index: number; page: number; line: number } | null {
  for (let k = from; k < lines.length; k++) {
    if (!ATTACHMENT_NOTE.test(lines[k].fold)) continue
    // the attached document's header: the motto row or its type word, a few lines above the note
    let start = -1
    for (let j = k - 1; j >= Math.max(from, k - 12); j--) {
      const f = lines[j].fold
      // an appendix ("PHỤ LỤC", Nghị định 30/2020/NĐ-CP Phụ lục I mục II.8) heads its own caption
      if (MOTTO_STARTS.some((m) => f.includes(m)) || (lines[j].text && matchTypeLine(lines[j].text)) || /^phu luc\b/.test(f)) start = j
    }
    if (start < 0) continue
    // its issuer lines sit on the motto's rows or just above
    while (start > from && lines[start - 1].text && isUpper(lines[start - 1].text) && !AUTHORITY_RE.test(lines[start - 1].text) && !isPosition(lines[start - 1].text)) start--
    return { index: start, page: lines[start].page, line: lines[start].line }
  }
  return null
}

/** Whether a line is printed before a position (page, line). */
export function printedBefore(l: XLine, at: { page: number; line: number } | null): boolean {
  return !at || l.page < at.page || (l.page === at.page && l.line < at.line)
}

const ROMAN_HEADING = /^(phần\s+)?[IVX]{1,5}\s*[.:)\-–]\s*\S/u
const ARABIC_HEADING = /^\d{1,2}\s*[.)]\s*\p{L}/u
const PREAMBLE_START = new RegExp(`^(${PREAMBLE_VERBS.filter((v) => v.folded !== 'theo').map((v) => v.folded).join('|')}|nham|de |tren co so|qua |theo quy dinh)`)

export function isPreambleStart(fold: string): boolean {
  return PREAMBLE_START.test(fold)
}

/**
 * The issuing authority line between a Quyết định's subject and its preamble (Nghị định 30/2020/NĐ-CP,
 * Phụ lục I mục II.5b: "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN …", "BỘ TRƯỞNG BỘ …", or the collective organ's
 * name, "ỦY BAN NHÂN DÂN TỈNH …"): in capitals, a position followed by an organ, or the issuer's name as
 * the header prints it.
 */
function isEnactingAuthority(text: string, issuerFold: string): boolean {
  if (!isUpper(text)) return false
  const words = text.trim().split(/\s+/)
  for (let k = 1; k <= 4 && k < words.length; k++) {
    if (isPosition(words.slice(0, k).join(' ')) && startsWithOrganWord(words.slice(k).join(' '))) return true
  }
  return !!issuerFold && foldForSearch(text) === issuerFold && startsWithOrganWord(text)
}

/** Fewest words of a full sentence of the body (a subject line is shorter or runs on without a full stop). */
const SENTENCE_WORDS = 8

/**
 * A full sentence of the body right under the subject (a Chỉ thị opens on the situation, "Thời gian
 * qua, … đã đạt được nhiều kết quả."): capitalised, ending with a full stop, as long as a sentence.
 */
function isBodySentence(text: string): boolean {
  return /^\p{Lu}/u.test(text) && /[.!]\s*$/u.test(text) && !/\.\.\s*$/.test(text) && text.trim().split(/\s+/).length >= SENTENCE_WORDS
}

/** Fewest words of a body line that opens a list ("Phòng Nội vụ huyện trân trọng kính mời:"). */
const LEAD_IN_WORDS = 5

/** A capitalised line ending with ":" that leads into a list: a Giấy mời's "… trân trọng kính mời:", never part of a subject. */
function isLeadIn(text: string): boolean {
  return /^\p{Lu}/u.test(text) && /:\s*$/.test(text) && text.trim().split(/\s+/).length >= LEAD_IN_WORDS
}

/** A sentence that opens with its date ("Ngày 08/5/2025, Ban Thường vụ họp …"): a Thông báo's body, never its subject. */
const DATED_SENTENCE = /^ngay\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}\b/

/** How many last lines a signature without "Nơi nhận" or an authority line is looked for in. */
const SIGNATURE_REACH = 6

/** Longest line a letter's "V/v" subject takes in its narrow left column (wider is the body's full width). */
const SUBJECT_LINE_MAX = 75

/**
 * The subject lines (trích yếu): under the type word, or from a letter's "V/v" line (no type word).
 * They end at a preamble opening, "Kính gửi", a section heading, a line ending in ":", a blank line
 * after two lines, or after six lines (then the end is not marked: `titleClosed` false).
 */
function subjectLines(lines: XLine[], cols: HeaderColumns, endStart: number): { titleLines: XLine[]; titleClosed: boolean; next: number } {
  const titleLines: XLine[] = []
  // a Văn bản hợp nhất: the statement naming the consolidated document follows its title
  const consolidated = isConsolidation(lines)
  const numberLine = cols.numberPart?.part.line.i ?? Infinity
  const issuerFold = foldForSearch(cols.left.filter((p) => p.line.i < numberLine).map((p) => p.text).join(' '))
  const letter = cols.typeLine < 0 && cols.subjectLine >= 0
  let k = cols.typeLine >= 0 ? cols.typeLine + 1 : letter ? cols.subjectLine : -1
  if (k < 0) {
    // no type word: start after the header block
    const lastHeader = [...cols.left, ...cols.right].reduce((m, p) => Math.max(m, p.line.i), -1)
    k = lastHeader + 1
  }
  let blankAfter = false
  const from = lines[k]
  for (; k < Math.min(lines.length, endStart); k++) {
    const l = lines[k]
    // a header part printed above the subject that the layout listed after it (the right column)
    if (from && l.page === from.page && l.line < from.line) continue
    if (!l.text) { if (titleLines.length) blankAfter = true; continue }
    if (SEPARATOR_LINE.test(l.text)) { if (titleLines.length) return { titleLines, titleClosed: true, next: k }; continue }
    if (ADDRESSEES_START.test(l.fold)) return { titleLines, titleClosed: true, next: k }
    if (consolidated && titleLines.length && CONSOLIDATED_STATEMENT.test(l.fold)) return { titleLines, titleClosed: true, next: k }
    if (titleLines.length && isEnactingAuthority(l.text, issuerFold)) return { titleLines, titleClosed: true, next: k }
    if (titleLines.length && (isBodySentence(l.text) || isLeadIn(l.text))) return { titleLines, titleClosed: true, next: k }
    if (titleLines.length === 0 && (cols.typeLine >= 0 || letter)) { titleLines.push(l); continue }
    // a preamble opens with a capital ("Qua …", "Thực hiện …"); a subject line wrapped before a
    // lower-case "qua Hội Nông dân huyện …" / "thực hiện …" continues the subject
    if (ROMAN_HEADING.test(l.text) || ((isPreambleStart(l.fold) || DATED_SENTENCE.test(l.fold)) && /^\P{Ll}*\p{Lu}/u.test(l.text)) || /:\s*$/.test(titleLines[titleLines.length - 1]?.text ?? '')) return { titleLines, titleClosed: true, next: k }
    if (cols.typeLine < 0 && titleLines.length === 0) return { titleLines, titleClosed: true, next: k }
    if (blankAfter && titleLines.length >= 2) return { titleLines, titleClosed: true, next: k }
    // a letter's subject stands in the narrow left column: a full-width line is the body
    if (letter && l.text.length > SUBJECT_LINE_MAX) return { titleLines, titleClosed: true, next: k }
    if (titleLines.length >= (letter ? 4 : 6)) return { titleLines, titleClosed: false, next: k }
    titleLines.push(l)
    blankAfter = false
  }
  return { titleLines, titleClosed: true, next: k }
}

export function findStructure(lines: XLine[], cols: HeaderColumns): Structure {
  // a document issued with this one (Quyết định ban hành Kế hoạch): this document ends before it
  const firstEnd = lines.findIndex((l, k) => k > 8 && (RECIPIENTS_HEADING.test(l.text) || AUTHORITY_RE.test(l.text)))
  const attAt = firstEnd >= 0 ? attachmentStart(lines, firstEnd + 1) : null
  const att = attAt ? attAt.index : -1
  const limit = att >= 0 ? att : lines.length
  // end block: the last "Nơi nhận", else the last authority line near the end
  let endStart = limit
  for (let k = limit - 1; k >= Math.max(0, limit - 60); k--) {
    if (RECIPIENTS_HEADING.test(lines[k].text)) { endStart = signatureAbove(lines, k, 0); break }
  }
  if (endStart === limit) {
    for (let k = limit - 1; k >= Math.max(0, limit - 20); k--) {
      if (AUTHORITY_RE.test(lines[k].text)) endStart = k
    }
  }
  // no "Nơi nhận" and no authority line (a Phiếu trình, a head signing in his own name): a position
  // line in capitals with a name under it, among the last lines
  if (endStart === limit) {
    for (let k = limit - 2; k >= Math.max(0, limit - SIGNATURE_REACH); k--) {
      const t = lines[k].text
      if (t && isUpper(t) && isPosition(t) && lines.slice(k + 1, limit).some((l) => l.text && looksLikeName(l.text))) { endStart = k; break }
    }
  }
  // the layout stage marks the end block (`block: 'end'`) and may give its columns one after the
  // other, so the "Nơi nhận" heading can come after the list it heads: start at the first marked line
  const lastPage = lines[limit - 1]?.page
  for (let k = Math.max(0, limit - 80); k < endStart; k++) {
    if (lines[k].src.block === 'end' && lines[k].page === lastPage && lines[k].text) { endStart = k; break }
  }
  const { titleLines, titleClosed, next: k } = subjectLines(lines, cols, endStart)
  const afterTitle = titleLines.length ? titleLines[titleLines.length - 1].i + 1 : Math.max(k, 0)
  let bodyStart = endStart
  for (let j = afterTitle; j < endStart; j++) {
    if (ROMAN_HEADING.test(lines[j].text)) { bodyStart = j; break }
  }
  if (bodyStart === endStart) {
    for (let j = afterTitle; j < endStart; j++) if (ARABIC_HEADING.test(lines[j].text)) { bodyStart = j; break }
  }
  // the attached document's body: from its first section heading to the end
  let attachment: [number, number] | null = null
  if (att >= 0) {
    let from = lines.length
    for (let j = att; j < lines.length; j++) if (ROMAN_HEADING.test(lines[j].text)) { from = j; break }
    if (from === lines.length) for (let j = att; j < lines.length; j++) if (ARABIC_HEADING.test(lines[j].text)) { from = j; break }
    attachment = [from, lines.length]
  }
  return { titleLines, titleClosed, preamble: [afterTitle, bodyStart], bodyStart, endStart, endEnd: limit, attachment, attachmentAt: attAt ? { page: attAt.page, line: attAt.line } : null }
}
