// Header fields: type, number, date, place, issuer (+ parent), title; end block: signer, recipients.
import type { FieldTrace, PlanDocument } from '../schema/plan.js'
import type { Report } from '../report.js'
import { TYPE_BY_CODE } from './data/doc-types.js'
import { ADMIN_LEVELS, LOCAL_BODIES, ORGAN_HEADS } from './data/organs.js'
import { findDate, findHeaderDate } from './date.js'
import { codesAfterSlash, findNumber } from './doc-number.js'
import { SUBJECT_LINE } from './data/header-patterns.js'
import { PROVINCES } from './data/provinces.js'
import { extractEndBlock } from './end-block.js'
import { headerColumns, matchTypeLine, PREAMBLE_LINE, splitHeaderLine, type HeaderColumns, type HeaderPart } from './header-columns.js'
import { foldKeep, joinLines, posOf, provOf, type XLine } from './lines.js'
import { printedBefore, type Structure } from './structure.js'
import { caseFromMention, organStack } from './issuer-block.js'
import { departmentFromCode } from './issuer-from-code.js'
import { capitalize, clean, expandAbbreviations, expandUpper, fixProperNames, foldForSearch, isUpper, organCase, respellOrganHead, sentenceCase, titleCaseWords } from './text.js'
import { CONFIDENCE } from './confidence.js'
import { CONSOLIDATION_CODE, findConsolidation, type Consolidation } from './consolidation.js'
import { hasVietnameseMarks, isVietnameseSyllable } from '../normalize/syllable.js'

const SUB_HEADS = ORGAN_HEADS.filter((h) => h.sub).map((h) => foldForSearch(h.words)).sort((a, b) => b.length - a.length)
const ALL_HEADS = ORGAN_HEADS.map((h) => foldForSearch(h.words))
const LEVELS = ADMIN_LEVELS.map(([u, n]) => [foldForSearch(u), n] as const).sort((a, b) => b[0].length - a[0].length)
const LOCAL = LOCAL_BODIES.map((b) => foldForSearch(b))

/** The level of the unit a local body names right after its head ("uy ban nhan dan xa tan lap" → 3), folded text. */
export function localBodyLevel(f: string): number | null {
  const t = f.replace(/\s+/g, ' ').trim()
  for (const b of LOCAL) {
    if (!t.startsWith(b + ' ')) continue
    const rest = t.slice(b.length + 1)
    const hit = LEVELS.find(([u]) => rest === u || rest.startsWith(u + ' '))
    return hit ? hit[1] : null
  }
  return null
}

/**
 * Offsets (in folded `f`) where a local body of a lower level starts after a complete local body of a
 * higher one ("ỦY BAN NHÂN DÂN HUYỆN ĐỒNG PHÚ ỦY BAN NHÂN DÂN XÃ TÂN LẬP": the xã under the huyện,
 * `data/organs.ts` ADMIN_LEVELS). A thành phố under a tỉnh is of level 2.
 */
export function lowerLocalBodyCuts(f: string): number[] {
  const starts: number[] = []
  for (const b of LOCAL) for (let k = f.indexOf(b + ' '); k >= 0; k = f.indexOf(b + ' ', k + 1)) {
    if (k === 0 || /\s$/.test(f.slice(0, k))) starts.push(k)
  }
  starts.sort((a, b) => a - b)
  const cuts: number[] = []
  let upper: number | null = null
  for (let n = 0; n < starts.length; n++) {
    const level = localBodyLevel(f.slice(starts[n], starts[n + 1] ?? f.length))
    if (level == null) continue
    if (upper != null) {
      const lower = level === 1 && /^\S+ \S+ \S+ \S+ thanh pho/.test(f.slice(starts[n]).replace(/\s+/g, ' ')) && upper === 1 ? 2 : level
      if (lower > upper && /\S/.test(f.slice(0, starts[n]))) cuts.push(starts[n])
    }
    upper = level
  }
  return cuts
}

/** "cục" inside "tổng cục", "chi cục": the head word is the tail of a longer organ word, not a new organ. */
function insideLongerHead(f: string, k: number, h: string): boolean {
  return ALL_HEADS.some((H) => H.length > h.length && H.endsWith(' ' + h) && f.slice(k - (H.length - h.length), k + h.length) === H)
}

/**
 * Cuts one organ group of the issuer block where OCR merged two printed rows into one line: a
 * subordinate unit (Sở, Phòng, Ban, Văn phòng…) after a complete body (an administrative unit with
 * its name, "UBND TỈNH X SỞ Y"), or a local body of a lower level after one of a higher level.
 */
export function splitOrganLine(text: string): string[] {
  const joined = clean(text)
  const f = foldKeep(joined)
  const cuts: number[] = []
  for (const h of SUB_HEADS) {
    let from = 1
    for (;;) {
      const k = f.indexOf(h + ' ', from)
      if (k < 0) break
      const before = f.slice(0, k)
      if (/(^|\s)$/.test(before) && /\S/.test(before)) {
        // a complete body before it: an administrative unit with its name
        const complete = /(tinh|huyen|thanh pho|quan|thi xa|phuong|xa|trung uong|chinh phu|ubnd|uy ban nhan dan|bo \S+)\s+\S+/.test(before)
        const insideHead = /(uy|chap hanh|thuong vu|bi thu|kiem tra|chi bo|dang bo)\s*$/.test(before.trim()) || /(uy ban|ban chap hanh)\s*$/.test(before)
        if (complete && !insideHead && !/\b(va|-)\s*$/.test(before) && !insideLongerHead(f, k, h)) cuts.push(k)
      }
      from = k + 1
    }
  }
  // a local body of a lower level under one of a higher level (UBND xã under UBND huyện)
  cuts.push(...lowerLocalBodyCuts(f))
  const sorted = [...new Set(cuts)].sort((a, b) => a - b)
  const parts: string[] = []
  let last = 0
  for (const c of sorted) { parts.push(joined.slice(last, c)); last = c }
  parts.push(joined.slice(last))
  return parts.map((p) => p.trim()).filter(Boolean)
}

/**
 * Splits the issuer block into organs, top to bottom (`issuer-block.ts` `organStack`): a line
 * opening with an organ head word starts a new organ, a lone place or wrapped line continues the one
 * above; issuer = the last organ, parent = the one above it.
 */
export function splitOrgans(texts: string[]): string[] {
  return organStack(texts, splitOrganLine)
}

/**
 * An issuer code is made of the initials of the issuer's name ("BVĐK" = Bệnh viện Đa khoa,
 * "TĐTN" = Tỉnh đoàn Thanh niên). Text that lost its marks prints "D" for "Đ"; the restored name
 * tells which: each "D" of the code aligned with a word of the name takes that word's initial;
 * a "D" that aligns with none becomes "Đ" when every d-word of the name is an Đ-word.
 */
export function restoreIssuerCode(code: string, names: string[]): string {
  if (!/[DU]/.test(code)) return code
  const words = names.join(' ').split(/[\s,–-]+/).filter((w) => /^\p{L}/u.test(w))
  const initials = words.map((w) => w[0].toUpperCase())
  const dWords = initials.filter((c) => c === 'D' || c === 'Đ')
  const allD = dWords.length > 0 && dWords.every((c) => c === 'Đ')
  return code.split(/([-/])/).map((seg) => {
    if (!/[DU]/.test(seg) || /[-/]/.test(seg)) return seg
    // greedy alignment of the segment's letters with the initials, in order
    const out = [...seg]
    let k = 0
    let aligned = true
    for (let n = 0; n < out.length; n++) {
      const c = out[n]
      while (k < initials.length && foldForSearch(initials[k]).toUpperCase() !== foldForSearch(c).toUpperCase()) k++
      if (k >= initials.length) { aligned = false; break }
      // Đ and Ư are letters of their own (not tone marks): "TUHCTD" of "Trung ương Hội Chữ thập đỏ" is "TƯHCTĐ"
      if (c === 'D' || (c === 'U' && initials[k] === 'Ư')) out[n] = initials[k]
      k++
    }
    if (aligned) return out.join('')
    return allD ? seg.replace(/D/g, 'Đ') : seg
  }).join('')
}

/**
 * A code segment with a "D" that no initial of the issuer's names spells, on a number line printed
 * without any marks (text that lost them): the letter may be an "Đ" ("TD" for the Tỉnh đoàn of a
 * joint plan's partner), and nothing on the page says which.
 */
function codeLetterUnsure(code: string, line: XLine, names: string[]): boolean {
  const raw = line.src.raw
  if (hasVietnameseMarks(raw) || !/\p{L}{2}/u.test(raw)) return false
  return code.split(/[-/]/).some((seg) => seg.includes('D') && !initialsOf(seg, names))
}

/** Each letter segment of `code` is made of initials of words of `names`, in order ("CB" ↔ "Chi bộ …"). */
export function initialsOf(code: string, names: string[]): boolean {
  const up = (c: string) => foldForSearch(c).toUpperCase()
  const initials = names.join(' ').split(/[\s,–-]+/).filter((w) => /^\p{L}/u.test(w)).map((w) => up(w[0]))
  return code.split(/[-/]/).filter(Boolean).every((seg) => {
    let k = 0
    for (const c of up(seg)) {
      while (k < initials.length && initials[k] !== c) k++
      if (k >= initials.length) return false
      k++
    }
    return true
  })
}

/**
 * Joint documents (văn bản liên tịch; Nghị định 30/2020/NĐ-CP Điều 13 and Phụ lục I mục II.2)
 * print the names of all issuing organs in the issuer block, the lead organ first (left-most when
 * side by side); the number shows it with a joint type code ("KHLT", "TTLT", "NQLT") or an issuer
 * code joining the organs' codes ("CAT-MTTQ"). `rows` are the raw left parts of the issuer rows
 * (spaces kept). When the first row holds two or more organ names apart (≥ 2 spaces, each
 * starting with an organ word), the rows are cut into columns by position (a piece goes to the
 * column whose centre is nearest) and the columns are returned in order; else null.
 */
export function jointIssuerColumns(rows: string[], jointCode: boolean): string[][] | null {
  const pieces = (r: string) => [...r.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ text: m[0], x: m.index!, c: m.index! + m[0].length / 2 }))
  const organ = (t: string) => { const f = foldForSearch(expandAbbreviations(t)); return ORGAN_HEADS.some((h) => f.startsWith(foldForSearch(h.words) + ' ')) }
  const first = rows.length ? pieces(rows[0]) : []
  // the organs on one line joined by a dash ("BỘ TÀI CHÍNH - BỘ NỘI VỤ"): a dash inside one name
  // ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") has no organ word after it
  if (jointCode && first.length === 1) {
    const names = first[0].text.split(/\s+[-–]\s+/u)
    if (names.length > 1 && names.every(organ)) return names.map((n) => [n])
  }
  if (first.length < 2) return null
  if (!first.every((p) => organ(p.text))) return null
  const wide = first.slice(1).every((p, k) => p.x - (first[k].x + first[k].text.length) >= 3)
  if (!jointCode && !wide) return null
  const cols = first.map((p) => [p.text])
  for (const r of rows.slice(1)) {
    for (const p of pieces(r)) {
      let best = 0
      first.forEach((q, k) => { if (Math.abs(q.c - p.c) < Math.abs(first[best].c - p.c)) best = k })
      cols[best].push(p.text)
    }
  }
  return cols
}

/**
 * A place of issue is a short proper name (Phụ lục I mục II.4: the name of the administrative unit
 * where the organ sits, "Hớn Quản", "TP. Hồ Chí Minh", "Bắc Giang"): at most six words, no digits or
 * "/", no preamble verb or document type word (a "Căn cứ Quyết định số 90/QĐ-TTg" is none).
 */
export function isPlaceName(s: string): boolean {
  const t = s.trim()
  if (!t || /[\d/;:]/.test(t) || t.split(/\s+/).length > 6) return false
  const f = foldKeep(t).trim()
  if (PREAMBLE_LINE.test(f + ' ')) return false
  if (matchTypeLine(t)) return false
  return /^[\p{Lu}]/u.test(t)
}

export type HeaderResult = Omit<PlanDocument, 'signer' | 'recipients' | 'fields'> & {
  signer: PlanDocument['signer']
  recipients: string[]
  fields: Record<string, FieldTrace>
}

function trace(fields: Fields, key: string, l: XLine, confidence: number, rule: string, to?: XLine) {
  fields[key] = { prov: provOf(l, to), confidence, rule }
}

/** "Ủy ban nhân dân tỉnh Lào Cai ban hành Kế hoạch …": the enacting clause names the issuer. */
export function issuerFromEnactingClause(preamble: string): string | null {
  const m = /(?:^|[.;:,”"]\s*)([^.;:,”"]{4,90}?)\s+(?:xây dựng và\s+)?ban hành\s+(?:kế hoạch|chương trình|quyết định|đề án|hướng dẫn|nghị quyết|chỉ thị|phương án)/iu.exec(preamble)
  if (!m) return null
  const cand = m[1].trim()
  const f = foldForSearch(cand)
  if (!ORGAN_HEADS.some((h) => f.startsWith(foldForSearch(h.words))) && !/^(ubnd|hdnd)/.test(f)) return null
  return organCase(cand)
}

type Fields = Record<string, FieldTrace>
type Parts = { type: PlanDocument['type']; number: string | null; numberParts: PlanDocument['numberParts'] }

export function extractHeader(lines: XLine[], cols: HeaderColumns, st: Structure, report: Report): HeaderResult {
  const fields: Fields = {}
  const first = lines.find((l) => l.text) ?? lines[0]
  // a Văn bản hợp nhất prints its number and date at its end, not in its header
  const vbhn = findConsolidation(lines)
  const parts = headerTypeAndNumber(lines, cols, fields, report, !!vbhn?.number)
  const { date, dateParts, year, place } = headerDate(lines, cols, fields, report, first, !!vbhn?.date)
  const { issuerName, parent } = headerIssuer(lines, cols, st, parts.numberParts, place, fields, report, first)
  const { number, numberParts } = repairNumberCodes(parts, cols, issuerName, parent, report)
  if (number && numberParts?.issuerCode && cols.numberPart && codeLetterUnsure(numberParts.issuerCode, cols.numberPart.part.line, [issuerName ?? '', parent ?? ''])) {
    trace(fields, 'number', cols.numberPart.part.line, CONFIDENCE.numberCodeUnsure, 'extract:number-code-unsure')
    report.info(`number: the "D" of ${numberParts.issuerCode} may be an "Đ" (the line lost its marks and the issuer's name does not spell it)`, posOf(cols.numberPart.part.line), 'extract:number-code-unsure', { actual: number })
  }
  const title = headerTitle(lines, cols, st, fields, report, first)
  const end = extractEndBlock(lines.slice(st.endStart, st.endEnd).filter((l) => printedBefore(l, st.attachmentAt)), 0, report, issuerName)
  Object.assign(fields, end.traces)
  if (!end.signer) report.needsReview('signer missing')
  const head = { type: parts.type, number, numberParts, date, dateParts, year, place, issuer: { name: issuerName, parent } }
  if (vbhn) Object.assign(head, fromConsolidation(vbhn, head, lines, fields, report))
  return { ...head, title, signer: end.signer, recipients: end.recipients, fields }
}

type HeadFields = Pick<HeaderResult, 'type' | 'number' | 'numberParts' | 'date' | 'dateParts' | 'year' | 'place' | 'issuer'>

/**
 * A Văn bản hợp nhất (src/extract/consolidation.ts) is typed as such, not as the document it
 * consolidates (whose type word heads its text); its number, date, place and issuer are the ones of its
 * authentication block, where printed, the top's otherwise.
 */
function fromConsolidation(c: Consolidation, head: HeadFields, lines: XLine[], fields: Fields, report: Report): Partial<HeadFields> {
  const out: Partial<HeadFields> = { type: { name: TYPE_BY_CODE.get(CONSOLIDATION_CODE)!, code: CONSOLIDATION_CODE } }
  trace(fields, 'type.name', c.heading, CONFIDENCE.typeWord, 'extract:consolidation-heading')
  if (c.number) {
    const h = c.number.hit
    Object.assign(out, { number: h.number, numberParts: { serial: h.serial, year: h.year, typeCode: h.typeCode, issuerCode: h.issuerCode } })
    trace(fields, 'number', c.number.line, h.serial ? CONFIDENCE.number : CONFIDENCE.numberBlank, 'extract:consolidation-number')
  }
  if (c.date) {
    const d = c.date.hit
    Object.assign(out, { date: d.iso, year: d.year, dateParts: { day: d.day, month: d.month, year: d.year } })
    if (c.date.place && isPlaceName(c.date.place)) out.place = provinceByFold(c.date.place) ?? c.date.place
    trace(fields, 'date', c.date.line, d.iso ? CONFIDENCE.date : CONFIDENCE.datePartial, 'extract:consolidation-date')
    trace(fields, 'year', c.date.line, CONFIDENCE.year, 'extract:consolidation-date')
    if (out.place) trace(fields, 'place', c.date.line, CONFIDENCE.place, 'extract:consolidation-date')
  }
  if (c.organ) {
    const docText = lines.slice(0, 200).map((l) => l.text).join(' ')
    out.issuer = { name: respellProvinceAfterUnit(caseFromMention(organCase(respellOrganHead(expandUpper(c.organ.text))), docText)), parent: null }
    trace(fields, 'issuer.name', c.organ.line, CONFIDENCE.issuer, 'extract:consolidation-organ')
    delete fields['issuer.parent']
  }
  const taken = (['number', 'date', 'issuer'] as const).filter((k) => k in out)
  report.info(`Văn bản hợp nhất: ${taken.length ? taken.join(', ') + ' from' : 'typed by'} its authentication block`, posOf(c.heading), 'extract:consolidation')
  if (!out.number && !head.number) report.warn('Văn bản hợp nhất without a "Số: …/VBHN-…" line in its authentication block', posOf(c.heading), 'extract:consolidation-number-missing')
  return out
}

/**
 * Type and number. The type is the type word under the header; else the number's type code
 * ("QĐ" in "3/2025/QĐ-UBND", "CV" in the Party's "210-CV/BTGDVTU"); else a letter's "V/v" subject
 * line makes it a Công văn (Phụ lục I mục II.5a: a công văn has no type word); else, with low
 * confidence, its "Kính gửi" line does. A serial written by hand and read as noise leaves the number
 * null, its printed code kept in `numberParts`.
 */
function headerTypeAndNumber(lines: XLine[], cols: HeaderColumns, fields: Fields, report: Report, numberElsewhere: boolean): Parts {
  const first = lines.find((l) => l.text) ?? lines[0]
  let type: PlanDocument['type'] = { name: null, code: null }
  if (cols.type && cols.typeLine >= 0) {
    type = { name: cols.type.name, code: cols.type.code }
    trace(fields, 'type.name', lines[cols.typeLine], CONFIDENCE.typeWord, 'extract:type-word')
  }
  let number: string | null = null
  let numberParts: PlanDocument['numberParts'] = null
  if (cols.numberPart) {
    const hit = cols.numberPart.hit
    if (hit) {
      number = hit.number
      numberParts = { serial: hit.serial, year: hit.year, typeCode: hit.typeCode, issuerCode: hit.issuerCode }
    }
    trace(fields, 'number', cols.numberPart.part.line, hit?.serial ? CONFIDENCE.number : CONFIDENCE.numberBlank, hit?.serial ? 'extract:number-line' : 'extract:number-blank')
    if (hit?.unreadable) {
      report.warn(`number: the serial is handwritten and could not be read ("${hit.unreadable}"); left null, the printed code ${hit.code} kept`, posOf(cols.numberPart.part.line), 'extract:number-unreadable', { actual: hit.unreadable })
      report.needsReview('number: handwritten serial not read')
    } else if (!hit?.serial) report.info('number left blank (filled by hand after signing)', posOf(cols.numberPart.part.line), 'extract:number-blank')
  } else if (!numberElsewhere) report.warn('no "Số:" line in the header', posOf(first), 'extract:number-missing')
  if (!type.name && numberParts?.typeCode) {
    const name = TYPE_BY_CODE.get(numberParts.typeCode)
    if (name) {
      type = { name, code: name === 'Công văn' ? null : numberParts.typeCode }
      // a Party letter's "CV" is its type as printed, as sure as a subject line
      const sure = name === 'Công văn' && cols.subjectLine >= 0
      trace(fields, 'type.name', cols.numberPart!.part.line, sure ? CONFIDENCE.typeFromSubject : CONFIDENCE.typeFromCode, 'extract:type-from-code')
    }
  }
  if (!type.name && cols.subjectLine >= 0) {
    type = { name: 'Công văn', code: null }
    trace(fields, 'type.name', lines[cols.subjectLine], CONFIDENCE.typeFromSubject, 'extract:type-from-subject-line')
  }
  // no type word, code or subject line read, but addressees: a letter, most likely a Công văn (the
  // only class without a type word that prints "Kính gửi", Phụ lục I mục II.5a, ô số 9b); a Tờ trình
  // whose type word the OCR lost would look the same, so the guess stays low and is flagged
  if (!type.name && cols.addresseeLine >= 0) {
    type = { name: 'Công văn', code: null }
    trace(fields, 'type.name', lines[cols.addresseeLine], CONFIDENCE.typeFromAddressees, 'extract:type-from-addressees')
    report.warn('document type not printed or not read; taken as a Công văn from its "Kính gửi" line: check it against the page', posOf(lines[cols.addresseeLine]), 'extract:type-from-addressees')
    report.needsReview('document type guessed')
  }
  if (!type.name) {
    report.warn('document type not found (no type word under the header)', posOf(first), 'extract:type-missing')
    report.needsReview('document type missing')
  }
  return { type, number, numberParts }
}

/**
 * The header's date line "Place, ngày D tháng M năm Y" under the motto (Phụ lục I mục II.4): never a
 * preamble line, and a date in words wins over a date in digits (a cited document's "ngày 18/01/2022",
 * which is never taken from a line that cites a document by its number). A day or month written by
 * hand and read as noise leaves the date null; the printed month and year are kept.
 */
function headerDate(lines: XLine[], cols: HeaderColumns, fields: Fields, report: Report, first: XLine, dateElsewhere: boolean) {
  let date: string | null = null
  let year: number | null = null
  let place: string | null = null
  let dateParts: PlanDocument['dateParts'] = null
  const candidates: HeaderPart[] = cols.right.filter((p) => /ngay/.test(foldKeep(p.text)) && !PREAMBLE_LINE.test(foldKeep(p.text).trim()))
  const dp = candidates.find((p) => findHeaderDate(p.text))
    ?? candidates.find((p) => findDate(p.text) && !findNumber(p.text.slice(0, findDate(p.text)!.index + 1))) ?? null
  if (!dp) {
    if (!dateElsewhere) {
      report.warn('no "Place, ngày … tháng … năm …" line under the motto', posOf(first), 'extract:date-missing')
      report.needsReview('date of issue missing')
    }
    return { date, dateParts, year, place }
  }
  const d = findHeaderDate(dp.text) ?? findDate(dp.text)!
  year = d.year
  // a part no calendar has (a handwritten "16" read as "40") is not kept as a part
  dateParts = { day: d.day != null && d.day >= 1 && d.day <= 31 ? d.day : null, month: d.month != null && d.month >= 1 && d.month <= 12 ? d.month : null, year: d.year }
  if (d.iso) date = d.iso
  else if (!d.valid) report.warn(`"${d.text}" is not a calendar date`, posOf(dp.line, dp.start + d.index), 'extract:date-invalid', { actual: d.text, expected: ['ngày 01–31 tháng 1–12 năm YYYY'] })
  else if (d.unreadable?.length) {
    report.warn(`date: the ${d.unreadable.join(' and ')} is handwritten and could not be read ("${d.text}"); date left null, the printed parts kept`, posOf(dp.line, dp.start + d.index), 'extract:date-unreadable', { actual: d.text })
    report.needsReview('date: handwritten day not read')
  } else report.info('day or month left blank (filled by hand after signing)', posOf(dp.line, dp.start + d.index), 'extract:date-blank')
  trace(fields, 'date', dp.line, d.iso ? CONFIDENCE.date : CONFIDENCE.datePartial, 'extract:date-line')
  trace(fields, 'year', dp.line, d.year ? CONFIDENCE.year : CONFIDENCE.yearMissing, 'extract:date-line')
  place = placeBefore(dp, d.index, fields, report)
  if (place && d.wordsMisread && !placeConfirmed(place, lines, dp.line)) {
    report.warn(`place "${place}" stands on a date line the OCR misread and is named nowhere else in the document: left null`, posOf(dp.line), 'extract:place-unconfirmed', { actual: place })
    delete fields.place
    place = null
  }
  return { date, dateParts, year, place }
}

/**
 * The place before ", ngày". Decoration printed under the motto ("*", "-----") or OCR noise from it
 * ("lạ.") may share the row: short lower-case tokens before the capitalised name are dropped. A place
 * that is a province up to its marks ("Lâm Đông") is written as the gazetteer has it.
 */
function placeBefore(dp: HeaderPart, at: number, fields: Fields, report: Report): string | null {
  const raw = dp.text.slice(0, at).replace(/[,\s]+$/, '').replace(/^[\s*\-_=~–—•]+/u, '').trim()
  const before = raw.replace(/^(?:[^\s\p{Lu}]{1,4}\s+)+(?=\p{Lu})/u, '')
  if (before && !isPlaceName(before)) report.warn(`"${before.slice(0, 60)}" before the date is not a place name`, posOf(dp.line), 'extract:place-invalid')
  if (!before || !isPlaceName(before)) return null
  let place = isUpper(before) ? titleCaseWords(before) : before
  // a province printed without its marks (text that lost its diacritics) is written as listed
  if (/^[\x00-\x7f]+$/.test(place)) place = fixProperNames(place)
  const province = provinceByFold(place)
  if (province && province !== place) {
    report.info(`place "${place}" written as the province "${province}"`, posOf(dp.line), 'extract:place-gazetteer')
    place = province
    trace(fields, 'place', dp.line, CONFIDENCE.placeFromGazetteer, 'extract:place-gazetteer')
  } else trace(fields, 'place', dp.line, before === raw ? CONFIDENCE.place : CONFIDENCE.placeFromGazetteer, 'extract:place-before-date')
  return place
}

/** A place the province list has, or one the document names again on another line (its issuer, its body). */
function placeConfirmed(place: string, lines: XLine[], dateLine: XLine): boolean {
  if (provinceByFold(place)) return true
  const f = foldForSearch(place)
  return lines.some((l) => l !== dateLine && l.text && ` ${foldForSearch(l.text)} `.includes(` ${f} `))
}

/** Issuer lines are printed in capitals (Phụ lục I mục II.2) or start with an organ word. */
function isIssuerLine(t: string): boolean {
  const f = foldForSearch(expandAbbreviations(t))
  return isUpper(t) || ORGAN_HEADS.some((h) => f.startsWith(foldForSearch(h.words) + ' '))
}

/** The issuer (the left column above "Số:", the lead organ's column of a joint document) and its parent. */
function headerIssuer(lines: XLine[], cols: HeaderColumns, st: Structure, numberParts: PlanDocument['numberParts'], place: string | null, fields: Fields, report: Report, first: XLine) {
  const numberLine = cols.numberPart?.part.line.i ?? Infinity
  const issuerParts = cols.left.filter((p) => p.line.i < numberLine && /\p{L}{2}/u.test(p.text) && !/^(sao y|bản sao)/i.test(p.text)
    && isIssuerLine(p.text) && !/ngày\s*\d|\d{1,2}\/\d{1,2}\/\d{4}/iu.test(p.text))
  if (!issuerParts.length) return { issuerName: issuerFromPreamble(lines, st, fields, report, first), parent: null }
  // a joint document: the lead organ's column only
  const rawLeft = issuerParts.map((p) => {
    const raw = p.line.src.text.normalize('NFC').replace(/\*\*/g, '')
    const sp = splitHeaderLine(raw)
    return p.line.src.span || sp.reason === 'none' ? raw : raw.slice(0, sp.rightStart)
  })
  const codes = numberParts ? `${numberParts.typeCode ?? ''}|${numberParts.issuerCode ?? ''}` : ''
  const joint = jointIssuerColumns(rawLeft, /LT\|/.test(codes) || /\|.*[^-]-[^-]/.test(codes))
  // an organ word the restorer misspelled ("SỐ TÀI NGUYÊN" for SỞ) is re-spelled from the table
  // OCR reads specks after a printed line as punctuation ("ỦY BAN NHÂN DÂN.")
  const organs = splitOrgans((joint ? joint[0] : issuerParts.map((p) => p.text)).map((t) => respellOrganHead(expandUpper(t.replace(/[\s.,;:·'’`]+$/u, '')))))
  if (joint) report.info(`joint document: issuer = the lead organ (${joint.length} organs in the header)`, posOf(issuerParts[0].line), 'extract:issuer-joint')
  // a name printed in capitals takes the capitals of its proper names from the document's own
  // mixed-case mention of it ("… Khai thác thủy lợi Sông Trà" in the title); a province in it is
  // written as the gazetteer has it ("TỈNH ỦY LÂM ĐÔNG" → "Tỉnh ủy Lâm Đồng")
  const docText = lines.slice(0, 200).map((l) => l.text).join(' ')
  const cased = (o: string) => respellProvinceAfterUnit(isUpper(o) ? caseFromMention(organCase(o), docText) : organCase(o))
  const issuerName = cased(organs[organs.length - 1])
  const parent = organs.length > 1 ? cased(organs[organs.length - 2]) : null
  const sound = readableName(issuerName)
  const headParts = cols.left.filter((p) => p.line.i < numberLine)
  const header = headParts.map((p) => p.text).join(' ')
  // the number's issuer code, or the code printed after "/" when the serial could not be read
  const code = numberParts?.issuerCode ?? codesAfterSlash(cols.numberPart?.part.text ?? '')?.issuerCode ?? null
  const rebuilt = sound ? null : departmentFromCode(code, header, place)
  if (rebuilt) {
    report.warn(`issuer "${issuerName}" is unreadable; rebuilt as "${rebuilt.issuer}" from the number's code ${code}, the header's words and the place: check it against the page`, posOf(issuerParts[0].line), 'extract:issuer-from-number-code', { actual: issuerName })
    trace(fields, 'issuer.name', headParts[0].line, CONFIDENCE.issuerFromNumberCode, 'extract:issuer-from-number-code', headParts[headParts.length - 1].line)
    trace(fields, 'issuer.parent', headParts[0].line, CONFIDENCE.issuerFromNumberCode, 'extract:issuer-from-number-code')
    return { issuerName: rebuilt.issuer, parent: rebuilt.parent }
  }
  if (!sound) report.warn(`issuer "${issuerName}" is partly unreadable (OCR garbage or a broken line): check it against the page`, posOf(issuerParts[0].line), 'extract:issuer-garbled', { actual: issuerName })
  trace(fields, 'issuer.name', issuerParts[0].line, sound ? CONFIDENCE.issuer : CONFIDENCE.issuerGarbled, 'extract:issuer-left-column', issuerParts[issuerParts.length - 1].line)
  if (parent) trace(fields, 'issuer.parent', issuerParts[0].line, readableName(parent) ? CONFIDENCE.issuerParent : CONFIDENCE.issuerGarbled, 'extract:issuer-parent')
  return { issuerName, parent }
}

/**
 * An organ's name as read is sound when every word is a Vietnamese syllable, an abbreviation or a
 * number, and it does not open with a word that continues a line ("và", "-"): what OCR garbage or a
 * lost first line leaves ("Và xã Hoi•") is given, but not with confidence.
 */
export function readableName(name: string): boolean {
  const words = name.split(/\s+/).map((w) => w.replace(/^[(“"]+|[)”",.;:]+$/gu, '')).filter(Boolean)
  if (!words.length || /^(và|-|–|của)$/iu.test(words[0]!)) return false
  return words.every((w) => /^[-–&]$/.test(w) || /^\d+$/.test(w) || isVietnameseSyllable(w.toLowerCase()) || /^[\p{Lu}Đ&]{2,8}$/u.test(w)
    // proper names of minority languages ("Krông", "R'Lấp"): capitalised, letters only
    || /^\p{Lu}\p{Ll}*(?:'\p{L}\p{Ll}*)?$/u.test(w))
}

/** No issuer block: the enacting clause may name the issuer ("Ủy ban nhân dân tỉnh … ban hành …"). */
function issuerFromPreamble(lines: XLine[], st: Structure, fields: Fields, report: Report, first: XLine): string | null {
  const pre = lines.slice(st.preamble[0], st.preamble[1]).filter((l) => l.text)
  const enact = pre.length ? issuerFromEnactingClause(joinLines(pre).text) : null
  if (enact) {
    trace(fields, 'issuer.name', pre[0], CONFIDENCE.issuerFromEnactingClause, 'extract:issuer-enacting-clause', pre[pre.length - 1])
    report.info('issuer taken from the enacting clause (no issuer block in the header)', posOf(pre[0]), 'extract:issuer-from-preamble')
    return enact
  }
  report.warn('issuer not found in the header', posOf(first), 'extract:issuer-missing')
  report.needsReview('issuer missing')
  return null
}

/**
 * The number's codes as printed: the type code is the Phụ lục III code of the type word (text that
 * lost its marks prints "DA" for Đề án's "ĐA"); an issuer code the restorer re-spelled is kept as
 * printed when the printed one is the issuer's initials; a "D" of the code is restored from the name.
 */
function repairNumberCodes(parts: Parts, cols: HeaderColumns, issuerName: string | null, parent: string | null, report: Report) {
  let { number, numberParts } = parts
  const { type } = parts
  if (number && numberParts && type.code) {
    const printed = numberParts.typeCode ?? numberParts.issuerCode?.split('-')[0] ?? null
    if (printed && printed !== type.code && foldForSearch(printed) === foldForSearch(type.code) && printed.length === type.code.length) {
      const k = number.lastIndexOf(printed + '-')
      if (k >= 0) {
        number = number.slice(0, k) + type.code + number.slice(k + printed.length)
        numberParts = numberParts.typeCode ? { ...numberParts, typeCode: type.code } : { ...numberParts, typeCode: type.code, issuerCode: numberParts.issuerCode!.slice(printed.length + 1) }
        report.info(`type code restored from the type word: ${type.code}`, posOf(cols.numberPart?.part.line), 'extract:number-type-code-restored')
      }
    }
  }
  // the restorer may re-spell a code's letters ("CB" → "CĐ"): a code is no word. When the code as
  // printed before restoration is made of the issuer's initials ("CB" = Chi bộ) and the restored one
  // is not, the printed one is kept (letters only compared; a "D" is then restored below)
  if (number && numberParts?.issuerCode && issuerName) {
    const raw = (cols.numberPart?.part.line.src.raw ?? '').normalize('NFC')
    const shape = new RegExp(number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\p{L}/gu, '\\p{L}'), 'u')
    const printed = shape.exec(raw)?.[0]
    const printedCode = printed?.slice(printed.length - numberParts.issuerCode.length)
    const names = [issuerName]
    if (printed && printedCode && printedCode !== numberParts.issuerCode && initialsOf(printedCode, names) && !initialsOf(numberParts.issuerCode, names)) {
      number = printed
      numberParts = { ...numberParts, issuerCode: printedCode }
      report.info(`issuer code kept as printed (initials of the issuer): ${printedCode}`, posOf(cols.numberPart?.part.line), 'extract:number-code-printed')
    }
  }
  if (number && numberParts?.issuerCode && issuerName) {
    const code = restoreIssuerCode(numberParts.issuerCode, [issuerName, parent ?? ''])
    if (code !== numberParts.issuerCode) {
      number = number.slice(0, number.length - numberParts.issuerCode.length) + code
      numberParts = { ...numberParts, issuerCode: code }
      report.info(`issuer code restored from the issuer's name: ${code}`, posOf(cols.numberPart?.part.line), 'extract:number-code-restored')
    }
  }
  return { number, numberParts }
}

/**
 * The subject (trích yếu): the lines under the type word, or a letter's "V/v" line(s) kept with their
 * "V/v" as printed (Phụ lục I mục II.5a). A subject whose end was not marked by "Kính gửi", a preamble
 * or a section heading may have run into the body: it is given with a low confidence.
 */
function headerTitle(lines: XLine[], cols: HeaderColumns, st: Structure, fields: Fields, report: Report, first: XLine): string | null {
  const tl = st.titleLines
  let title: string | null = null
  if (cols.typeRest || tl.length) {
    const text = [cols.typeRest, ...tl.map((l) => l.text)].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim()
    const subject = SUBJECT_LINE.exec(text)
    const body = subject ? text.slice(subject[0].length) : text
    const cased = capitalize(sentenceCase(body.replace(/^[“"]|[”"]$/g, '')))
    title = (subject ? `V/v ${body && isUpper(body) ? cased.charAt(0).toLowerCase() + cased.slice(1) : body}` : cased) || null
    if (tl.length) trace(fields, 'title', tl[0], st.titleClosed ? CONFIDENCE.title : CONFIDENCE.titleOpenEnd, 'extract:title-lines', tl[tl.length - 1])
  }
  if (!title) {
    report.warn('no subject line (trích yếu) under the type word', posOf(lines[cols.typeLine] ?? first), 'extract:title-missing')
    report.needsReview('title missing')
  }
  return title
}

const PROVINCE_FOLDS = new Map(PROVINCES.map((p) => [foldForSearch(p), p]))

/** The province a place names up to its marks ("Lâm Đông" → "Lâm Đồng"), or null. */
export function provinceByFold(place: string): string | null {
  return PROVINCE_FOLDS.get(foldForSearch(place).replace(/\s+/g, ' ').trim()) ?? null
}

/** A province after its unit word in an organ name, written as the gazetteer has it ("Tỉnh ủy Lâm Đông"). */
export function respellProvinceAfterUnit(name: string): string {
  return name.replace(/((?:^|\s)(?:tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|tỉnh đoàn|thành phố|tỉnh)\s+)(\p{L}+(?:\s\p{L}+){0,3})$/iu, (m, unit: string, rest: string) => {
    const p = provinceByFold(rest)
    return p ? unit + p : m
  })
}

export { headerColumns }
