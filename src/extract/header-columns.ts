// Separates the two columns of the header block (Nghị định 30/2020/NĐ-CP, Phụ lục I):
// left = issuer, "Số: …"; right = national motto, "Place, ngày … tháng … năm …".
// Uses the layout stage's `column` when present; for plain text splits a line where the motto
// starts, where the place-date follows the number, or at a wide run of spaces.
import { DOC_TYPES, type DocTypeEntry } from './data/doc-types.js'
import { MOTTO_STARTS, NUMBER_LABEL, SEPARATOR_LINE, SUBJECT_LINE } from './data/header-patterns.js'
import { ADDRESSEES_START } from '../layout/data/blocks.js'
import { findHeaderDate } from './date.js'
import { parseNumberField, type NumberHit } from './doc-number.js'
import { foldKeep, type XLine } from './lines.js'
import { clean } from './text.js'
import { editDistance } from './edit-distance.js'
import { isVietnameseSyllable } from '../normalize/syllable.js'

export type HeaderPart = { line: XLine; text: string; column: 'left' | 'right'; start: number }

export type HeaderColumns = {
  left: HeaderPart[]
  right: HeaderPart[]
  /** the line with the type word ("KẾ HOẠCH"), or -1 */
  typeLine: number
  type: DocTypeEntry | null
  /** text after the type word on the same line (rare: "KẾ HOẠCH Thực hiện …") */
  typeRest: string
  numberPart: { part: HeaderPart; hit: NumberHit | null } | null
  /** a letter's "V/v" subject line (no type word), or -1 */
  subjectLine: number
  /** the "Kính gửi" line on page 1 when there is no type word, or -1 */
  addresseeLine: number
}

const TYPES_BY_LENGTH = [...DOC_TYPES].sort((a, b) => b.name.length - a.name.length)
const FOLDED_TYPES = TYPES_BY_LENGTH.map((t) => ({ t, f: foldKeep(t.name) }))

/** The document type printed alone on a line, upper case ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG"). */
export function matchTypeLine(text: string): { type: DocTypeEntry; rest: string } | null {
  // OCR noise after the type word ("KẾ HOẠCH..", "KẾ HOẠCH :") is no part of it
  const t = clean(text).replace(/[\s.,:;·…'’`_]+$/u, '')
  const f = foldKeep(t)
  for (const { t: type, f: tf } of FOLDED_TYPES) {
    if (f === tf || f.startsWith(tf + ' ')) {
      const head = t.slice(0, tf.length)
      const rest = t.slice(tf.length).trim()
      // the type word stands out: upper case, or alone on its line
      if (head === head.toUpperCase() || rest === '') {
        if (rest && /^[\p{Ll}]/u.test(rest)) continue
        return { type, rest }
      }
    }
  }
  return null
}

/** A line of the preamble (Phụ lục I mục II.5b: "Căn cứ …", "Thực hiện …", "Xét đề nghị …"), folded. */
export const PREAMBLE_LINE = /^(can cu|thuc hien|xet de nghi|theo de nghi)\s/

const DATE_LINE = /(,|\s)\s*ngay\b.*\bnam\b|ngay\s*\d{1,2}\s*[/.-]/

/** An organ word right before the motto words makes them part of a name ("TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH"). */
const NAME_BEFORE_MOTTO = /(trung uong|ban chap hanh|bch|thuong vu|btv|ban|hoi dong|uy ban)\s$/

/** The motto's words with stray marks OCR puts between them ("CHỦ 'NGHĨA", "XÃ. HỘI") still one motto. */
const MOTTO_RES = MOTTO_STARTS.map((m) => new RegExp(m.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join(`[\\s'’‘\`".,:;]+`)))

function mottoAt(f: string): number {
  let best = -1
  for (const re of MOTTO_RES) {
    const k = f.search(re)
    if (k < 0) continue
    if (NAME_BEFORE_MOTTO.test(f.slice(Math.max(0, k - 20), k).replace(/\s+/g, ' ')) && !/\S\s{2,}$/.test(f.slice(0, k))) continue
    if (best < 0 || k < best) best = k
  }
  return best
}

/** A word of an issuer line as printed: an upper-case Vietnamese syllable, an abbreviation ("UBND", "HĐND") or a dash. */
function issuerWord(t: string): boolean {
  if (t === '-' || t === '–') return true
  if (t !== t.toUpperCase() || !/^\p{Lu}+$/u.test(t)) return false
  return isVietnameseSyllable(t.toLowerCase()) || (t.length <= 7 && !/[AEIOUYĂÂÊÔƠƯ]/u.test(foldKeep(t).toUpperCase()))
}

/** Characters OCR makes of a motto it cannot read ("H‘;’;}", "Pll\\‘"): anything but letters, digits and plain punctuation. */
const GARBAGE_TOKEN = /[^\p{L}\d.,:;\-–/()]/u

/**
 * Where the motto starts on a line whose motto OCR garbled ("TRUNG ƯƠNG HỘI GORG H‘;’;} Xã H(.T’I …
 * lET NAM", "CHỮ THẬP ĐỎ VIỆT NAM dc 1ap - Ty do - Hạnh phúc"): after a run of two or more issuer
 * words, the rest ends like the motto ("… việt nam", "… hạnh phúc") or is mostly OCR garbage. -1 when not.
 */
export function garbledMottoAt(text: string): number {
  const tokens = [...text.matchAll(/\S+/g)]
  let k = 0
  while (k < tokens.length && issuerWord(tokens[k]![0])) k++
  const rest = tokens.slice(k)
  if (k < 2 || rest.length < 2) return -1
  const restText = text.slice(rest[0]!.index)
  // the motto's last words, their vowels possibly misread ("Hanh phic")
  const mottoEnd = /(viet nam|hanh ph[a-z]{1,3}|tu do)\W*$/.test(foldKeep(restText))
  const garbage = rest.filter((t) => GARBAGE_TOKEN.test(t[0])).length
  return mottoEnd || garbage * 2 >= rest.length ? rest[0]!.index! : -1
}

/** Why a header line was split where it was: a signal in the text, or none (then the layout's column decides). */
export type SplitReason = 'motto' | 'number' | 'gap' | 'date' | 'none'

/** Splits one plain-text header line into its left and right parts. */
export function splitHeaderLine(text: string): { left: string; right: string; rightStart: number; reason: SplitReason } {
  const f = foldKeep(text)
  const motto = mottoAt(f)
  if (motto >= 0) return { left: text.slice(0, motto).trim(), right: text.slice(motto).trim(), rightStart: motto, reason: 'motto' }
  const label = NUMBER_LABEL.exec(text)
  if (label && label.index <= 2 && /\d|\//.test(text)) {
    const after = label.index + label[0].length
    const hit = parseNumberField(text.slice(after))
    if (hit) {
      const end = after + hit.index + hit.length
      return { left: text.slice(0, end).trim(), right: text.slice(end).trim(), rightStart: end, reason: 'number' }
    }
  }
  // a wide gap is a column boundary, except the blanks left for the handwritten day and month
  // ("ngày     tháng     năm 2024") and after the number label ("Số:      /KH-UBND")
  const gap = [...text.matchAll(/\S(\s{4,})\S/g)].find((g) => {
    const before = f.slice(0, g.index! + 1)
    const after = f.slice(g.index! + 1 + g[1].length)
    return !/(ngay|thang|so\s*:?)$/.test(before) && !/^(thang|nam)\b/.test(after)
  })
  if (gap) {
    const k = gap.index! + 1 + gap[1].length
    return { left: text.slice(0, gap.index! + 1).trim(), right: text.slice(k).trim(), rightStart: k, reason: 'gap' }
  }
  const garbled = garbledMottoAt(text)
  if (garbled > 0) return { left: text.slice(0, garbled).trim(), right: text.slice(garbled).trim(), rightStart: garbled, reason: 'motto' }
  if (DATE_LINE.test(f) || /^(doc lap|cong hoa)/.test(f.trim()) || (/(,|\s)\s*ngay\b/.test(f) && findHeaderDate(text))) return { left: '', right: text.trim(), rightStart: 0, reason: 'date' }
  return { left: text.trim(), right: '', rightStart: text.length, reason: 'none' }
}

/** Lines of page 1 within which the type word or a letter's subject line is looked for. */
const HEADER_SEARCH = 40

/** The type word under the header block, within the first lines of page 1. */
function findTypeLine(lines: XLine[]): { typeLine: number; type: DocTypeEntry | null; typeRest: string } {
  const firstPage = lines[0]?.page
  for (const l of lines.slice(0, HEADER_SEARCH)) {
    if (l.page !== firstPage && l.i > 25) break
    const m = l.text && matchTypeLine(l.text)
    if (m) return { typeLine: l.i, type: m.type, typeRest: m.rest }
  }
  // a type word OCR garbled ("KEHO~CH" through a broken font mapping): a short capitalised line
  // one edit from a type name, its letters compared folded; only below the date line, where the type
  // word stands (an issuer line such as "HỘI ĐỒNG" is one edit from "Hợp đồng")
  const dateLine = lines.slice(0, HEADER_SEARCH / 2).findIndex((l) => /ngay.*nam\s*\d{4}/.test(l.fold))
  for (const l of lines.slice(dateLine + 1, HEADER_SEARCH / 2)) {
    if (dateLine < 0 || l.page !== firstPage) break
    const type = l.text ? garbledTypeLine(l.text) : null
    if (type) return { typeLine: l.i, type, typeRest: '' }
  }
  return { typeLine: -1, type: null, typeRest: '' }
}

/** Longest line a garbled type word is looked for in, and the shortest type name (letters) matched with one edit. */
const GARBLED_TYPE_LINE_MAX = 30
const GARBLED_TYPE_NAME_MIN = 6

export function garbledTypeLine(text: string): DocTypeEntry | null {
  const t = clean(text)
  if (t.length > GARBLED_TYPE_LINE_MAX || !/^\p{Lu}/u.test(t) || (t.match(/\p{Ll}/gu) ?? []).length > 1) return null
  const letters = (x: string) => foldKeep(x).replace(/[^a-z]/g, '')
  const f = letters(t)
  const hits = FOLDED_TYPES.filter(({ f: tf }) => { const n = tf.replace(/[^a-z]/g, ''); return n.length >= GARBLED_TYPE_NAME_MIN && editDistance(f, n) <= 1 })
  const names = new Set(hits.map((h) => h.t.name))
  return names.size === 1 ? hits[0]!.t : null
}

/**
 * Where the header block ends: at the type word; with none, at a letter's "V/v" subject line, at
 * "Kính gửi" or at the preamble (a "Căn cứ …" line is never header), else after 12 lines. A date in a
 * sentence below it ("Triển khai Công văn số …, ngày 29/8/2025") is then never read as the header's.
 */
function headerZone(lines: XLine[], typeLine: number): { zoneEnd: number; subjectLine: number; addresseeLine: number } {
  if (typeLine >= 0) return { zoneEnd: typeLine, subjectLine: -1, addresseeLine: -1 }
  const firstPage = lines[0]?.page
  const top = lines.slice(0, HEADER_SEARCH).filter((l) => l.page === firstPage && l.text)
  const addresseeLine = top.find((l) => ADDRESSEES_START.test(l.fold))?.i ?? -1
  const subject = top.find((l) => SUBJECT_LINE.test(l.text))
  if (subject) return { zoneEnd: subject.i, subjectLine: subject.i, addresseeLine }
  let zoneEnd = Math.min(lines.length, 12)
  const stop = lines.slice(0, zoneEnd).findIndex((l) => l.text && (PREAMBLE_LINE.test(foldKeep(clean(l.text)).trim()) || ADDRESSEES_START.test(l.fold)))
  if (stop >= 0) zoneEnd = stop
  return { zoneEnd, subjectLine: -1, addresseeLine }
}

export function headerColumns(lines: XLine[]): HeaderColumns {
  const { typeLine, type, typeRest } = findTypeLine(lines)
  const { zoneEnd, subjectLine, addresseeLine } = headerZone(lines, typeLine)
  const left: HeaderPart[] = []
  const right: HeaderPart[] = []
  // One printed row may reach us as one line or, after the layout stage, as two DocLines (left and
  // right part, `span` set). The layout's cut is a hint, not the last word: the text's own signals
  // (motto start, the number after "Số", the place-date, a wide gap) decide where a part belongs, so
  // a motto the layout left on the issuer's side ("TỈNH ỦY X   ĐẢNG CỘNG SẢN VIỆT NAM") or a place
  // word cut off before the gap ("GIẢM NGHÈO BỀN VỮNG      TP." | "Hồ Chí Minh, ngày …") is
  // moved to the right column. Only a line without any such signal keeps the layout's column.
  const rows = new Map<string, XLine[]>()
  // the zone as listed, and the parts printed above its end that the layout listed after it (the right
  // column of a letter's header comes after the left column's subject line)
  const end = lines[zoneEnd]
  const inZone = (l: XLine) => l.i < zoneEnd || (!!end && l.page === end.page && l.line < end.line)
  for (const l of lines.filter(inZone)) {
    if (!l.text || SEPARATOR_LINE.test(l.text)) continue
    const key = `${l.page}:${l.line}`
    rows.set(key, [...(rows.get(key) ?? []), l])
  }
  const ordered = [...rows.values()].sort((a, b) => a[0].i - b[0].i)
  for (const row of ordered) {
    row.sort((a, b) => (a.src.span?.[0] ?? 0) - (b.src.span?.[0] ?? 0))
    const L: { l: XLine; text: string }[] = []
    const R: { l: XLine; text: string; start: number }[] = []
    for (const l of row) {
      const raw = l.src.text.normalize('NFC').replace(/\*\*/g, '').replace(/^\s*#+\s/, '')
      const s = splitHeaderLine(raw)
      const offset = l.src.span?.[0] ?? 0
      if (s.reason === 'none' && l.src.column) {
        const t = clean(raw)
        if (l.src.column === 'left') L.push({ l, text: t })
        else R.push({ l, text: t, start: offset })
        continue
      }
      if (s.left.trim()) L.push({ l, text: clean(s.left) })
      if (s.right.trim()) R.push({ l, text: clean(s.right), start: offset + s.rightStart })
    }
    const lt = L.map((x) => x.text).filter((t) => t && !SEPARATOR_LINE.test(t)).join(' ')
    const rt = R.map((x) => x.text).filter((t) => t && !SEPARATOR_LINE.test(t)).join(' ')
    if (lt) left.push({ line: L[0].l, text: lt, column: 'left', start: 0 })
    // the right text is read from the date line's part (provenance), its pieces joined in order
    if (rt) right.push({ line: (R.find((x) => /ngay/.test(foldKeep(x.text))) ?? R[0]).l, text: rt, column: 'right', start: R[0].start })
  }
  let numberPart: HeaderColumns['numberPart'] = null
  for (const p of [...left, ...right]) {
    const label = NUMBER_LABEL.exec(p.text)
    if (!label || label.index > 2) continue
    const hit = parseNumberField(p.text.slice(label.index + label[0].length))
    if (hit || /^\W*[s$][oốồổỗộôóò6]\s*:/iu.test(p.text)) {
      numberPart = { part: p, hit }
      break
    }
  }
  return { left, right, typeLine, type, typeRest, numberPart, subjectLine, addresseeLine }
}
