// Recognises document citations in running text (Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.5:
// a citation gives the type, "số" + number, "ngày" + date, "của" + issuing body, then the
// subject "về …"): "Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ về …".
// Laws are cited by name and date ("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015").
import { DOC_TYPES, NAMED_LAW_TYPES } from './data/doc-types.js'
import { ORGAN_ABBREVIATIONS, ORGAN_HEADS, STANDALONE_ABBREVIATIONS } from './data/organs.js'
import { findDate } from './date.js'
import { NUMBER_RE } from './doc-number.js'
import { foldKeep } from './lines.js'
import { foldForSearch, organCase } from './text.js'
import { restoreIssuerCode } from './header.js'

export type CiteHit = {
  type: string
  number: string | null
  date: string | null
  year: number | null
  issuer: string | null
  subject: string | null
  /** offsets in the searched text: the whole citation head, and where its issuer part ends */
  start: number
  headEnd: number
  end: number
}

const TYPES = [...DOC_TYPES].sort((a, b) => b.name.length - a.name.length).map((t) => ({ t, f: foldKeep(t.name) }))
const NAMED = new Set(NAMED_LAW_TYPES)
/** Words that end the issuer and start the subject of a citation. */
const SUBJECT_START = /\s(về|quy định|hướng dẫn|ban hành|phê duyệt|sửa đổi|bổ sung|thực hiện|triển khai|tại|trong|đối với|giao|phân bổ|v\/v|sau đây|cụ thể|nhằm|với|khóa|khoá|kèm theo)(?![\p{L}])|[,;:(“"”]|\.(?:\s|$)/iu
const HEAD_FOLDS = [
  ...ORGAN_HEADS.map((h) => foldForSearch(h.words)),
  ...ORGAN_ABBREVIATIONS.map((a) => foldForSearch(a[0])),
  ...STANDALONE_ABBREVIATIONS.map((a) => foldForSearch(a[0])),
]

function startsWithOrgan(s: string): boolean {
  const f = foldForSearch(s)
  return HEAD_FOLDS.some((h) => f === h || f.startsWith(h + ' '))
}

function wordBoundary(f: string, k: number, len: number): boolean {
  const b = k === 0 ? ' ' : f[k - 1]
  const a = f[k + len] ?? ' '
  return !/[\p{L}\d]/u.test(b) && !/[\p{L}\d]/u.test(a)
}

const CODE_OF = new Map(DOC_TYPES.filter((t) => t.code).map((t) => [t.name, t.code as string]))

/** Every Phụ lục III type code: a code that is one of them is read as printed, never repaired to another. */
const TYPE_CODES = new Set(DOC_TYPES.flatMap((t) => (t.code ? [t.code] : [])))

/**
 * What OCR reads for the capitals of a type code on a scan: "77-BCT" for TT-BCT, "0Đ" for QĐ is not
 * here (a different letter), "1" for I. Compared after case folding ("TTY" for TTr: one letter off).
 */
const CODE_GLYPHS: Readonly<Record<string, string>> = { '7': 'T', '1': 'I', '|': 'I', '0': 'O', '5': 'S', '8': 'B' }
const glyphFold = (code: string) => foldForSearch([...code].map((c) => CODE_GLYPHS[c] ?? c).join(''))

/**
 * Whether `first`, where the cited number has its type code, is that code misread: the code of the
 * type word before it after glyph and diacritic folding, or, for a code of three letters or more, one
 * letter off it; never a code that is itself a Phụ lục III type code ("TB" stays a Thông báo's).
 */
function misreadCode(first: string, code: string): boolean {
  if (first === code || TYPE_CODES.has(first) || first.length !== code.length) return false
  const a = glyphFold(first)
  const b = glyphFold(code)
  let off = 0
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) off++
  return off === 0 || (code.length >= 3 && off === 1)
}

/**
 * A cited number's codes after diacritic loss or an OCR misread ("12/2025/NQ-HDND", "03/2023/QD-TTg",
 * "37/2025/77-BCT" after "Thông tư"): the type code is the Phụ lục III code of the cited type word
 * ("Quyết định" → QĐ, "Thông tư" → TT), and a "D" of the issuer code is restored from the cited
 * issuer's name as in the header (restoreIssuerCode: "Hội đồng nhân dân" → HĐND, "Ban Chỉ đạo 389" → BCĐ389).
 */
export function restoreCitedCode(number: string, type: string, issuer: string | null): string {
  const m = /^(\d[^/-]*(?:\/\d{4})?[/-])([^/-]+)(?:([/-])(.*))?$/u.exec(number)
  if (!m) return number
  let [, head, first, sep, rest] = m
  const code = CODE_OF.get(type)
  const typed = !!code && (first === code || misreadCode(first, code))
  if (typed) first = code!
  if (issuer && /D/.test(number)) {
    if (rest) rest = restoreIssuerCode(rest, [issuer])
    else if (!typed) first = restoreIssuerCode(first, [issuer])
  }
  return `${head}${first}${rest != null ? `${sep}${rest}` : ''}`
}

/**
 * "<type> <name, up to 10 words, no punctuation> số <number>": the number belongs to the type
 * word when its type code is that type's code ("Chương trình công tác năm 2024 số 05/CTr-ĐCT").
 */
function named(after: string, type: string): { number: string; length: number } | null {
  const code = CODE_OF.get(type)
  if (!code) return null
  const m = /^(\s*[\p{L}\d]+(?:\s+[\p{L}\d]+){0,9}?)\s+(?:s[oôơóòỏõọốồổỗộớờởỡợ])\s*[:.]?\s*/iu.exec(after)
  if (!m) return null
  const nm = NUMBER_RE.exec(after.slice(m[0].length))
  if (!nm || nm.index !== 0) return null
  const codes = nm[4].replace(/\s+/g, '').replace(/[.,;:]+$/, '')
  if (foldForSearch(codes.split(/[-/]/)[0]).toLowerCase() !== foldForSearch(code).toLowerCase()) return null
  return { number: `${nm[1]}${nm[2] ? `/${nm[2]}` : ''}${nm[3].trim() === '-' ? '-' : '/'}${codes}`, length: m[0].length + nm[0].length }
}

/** Where a type word ("Quyết định", "Công văn") starts in `text`, longest type first, each offset once. */
function typeStarts(text: string): { k: number; name: string }[] {
  const f = foldKeep(text)
  const taken: [number, number][] = []
  const starts: { k: number; name: string }[] = []
  for (const { t, f: tf } of TYPES) {
    let from = 0
    for (;;) {
      const k = f.indexOf(tf, from)
      if (k < 0) break
      from = k + 1
      if (!wordBoundary(f, k, tf.length)) continue
      if (taken.some(([a, b]) => k >= a && k < b)) continue
      taken.push([k, k + tf.length])
      starts.push({ k, name: t.name })
    }
  }
  return starts.sort((a, b) => a.k - b.k)
}

const numberOf = (nm: RegExpExecArray) =>
  `${nm[1]}${nm[2] ? `/${nm[2]}` : ''}${nm[3].trim() === '-' ? '-' : '/'}${nm[4].replace(/\s+/g, '').replace(/[.,;:]+$/, '')}`

/** The number after a type word at `p` ("số 12/KH-UBND", a name before the number, a bare "số 12"). */
/**
 * A number whose type code OCR read as digits, so that it reads as no number ("Thông tư 37/2025/77-BCT"):
 * matched with the cited type's code in place of the misread one (misreadCode), same length, same offsets.
 */
function withTypeCode(s: string, name: string): RegExpExecArray | null {
  const code = CODE_OF.get(name)
  const m = /^(\d{1,6}\/(?:\d{4}\/)?)([\p{L}\d|]{2,5})(?=[-/]\p{Lu})/u.exec(s)
  if (!code || !m || !misreadCode(m[2], code)) return null
  return NUMBER_RE.exec(m[1] + code + s.slice(m[0].length))
}

function citedNumber(text: string, p: number, name: string): { number: string | null; p: number } {
  const afterType = text.slice(p)
  // "số" in any o-spelling: restoring marks on de-accented text may write "sở", "sổ"
  const so = /^\s*(?:(?:s[oôơóòỏõọốồổỗộớờởỡợ])\s*[:.]?\s*)*/iu.exec(afterType)!
  p += so[0].length
  const nm = NUMBER_RE.exec(text.slice(p)) ?? withTypeCode(text.slice(p), name)
  if (nm && nm.index === 0) return { number: numberOf(nm), p: p + nm[0].length }
  if (!so[0].trim() && CODE_OF.get(name) && named(text.slice(p), name)) {
    // a document cited by its name before its number ("Chương trình công tác năm 2024 số
    // 05/CTr-ĐCT ngày …"): the number's type code is the cited type's Phụ lục III code
    const nmd = named(text.slice(p), name)!
    return { number: nmd.number, p: p + nmd.length }
  }
  if (so[0].trim() || /^\s*\d{1,5}\s+(?:ngày|,)/iu.test(afterType)) {
    const bare = /^\s*(\d{1,5})(?![\d/])/.exec(text.slice(p))
    if (bare) return { number: bare[1], p: p + bare[0].length }
  }
  return { number: null, p }
}

/**
 * A law cited by its name: "Luật Thanh niên năm 2020", "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6
 * năm 2015". A law's name may hold commas ("Luật Phòng, chống thiên tai") and ends at its date or number;
 * without either it ends at the first punctuation. An amending law is named after the law it amends ("Luật
 * sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế số 46/2014/QH13 …"): the number and date that follow
 * are its own, and the amended law named inside is no citation of its own (`inside`). A law passed since
 * 2016 is cited with its number too (Luật Ban hành VBQPPL 2015, Điều 10: số/năm/QHxx). Null when no name.
 */
function namedLaw(text: string, p: number, inside: [number, number][]): { subject: string; number: string | null; p: number } | null {
  const amend = /^\s*((?:sửa đổi|bổ sung)[^;.]{0,160}?)(?=\s*,?\s*(?:số\s+\d|ngày\s+\d))/u.exec(text.slice(p))
  const m = amend ?? /^\s*((?:[\p{Lu}][\p{L}]*)(?:(?:,?\s+)(?!Luật\b|Bộ luật\b|Pháp lệnh\b)[\p{L}]+){0,15}?)(?=\s*(?:,\s*)?ngày\s+\d{1,2}\s+tháng|\s*(?:,\s*)?ngày\s+\d{1,2}\/|\s*,?\s*số\s+\d{1,4}\/\d{4}\/)/u.exec(text.slice(p))
    ?? /^\s*((?:[\p{Lu}][\p{L}]*)(?:\s+[\p{L}]+){0,12}?)(?=\s*(?:,\s*)?(?:ngày|năm)\s+\d|\s*(?:số|[;,.(]|$))/u.exec(text.slice(p))
  if (!m) return null
  if (amend) inside.push([p, p + m[0].length])
  p += m[0].length
  let number: string | null = null
  const ln = /^\s*,?\s*(?:s[oôơóòỏõọốồổỗộớờởỡợ])\s*[:.]?\s*/iu.exec(text.slice(p))
  const lm = ln ? NUMBER_RE.exec(text.slice(p + ln[0].length)) : null
  if (ln && lm && lm.index === 0) {
    number = numberOf(lm)
    p += ln[0].length + lm[0].length
  }
  return { subject: m[1], number, p }
}

/** The date right after the number (a comma may stand between), or a year alone ("năm 2020"). */
function citedDate(text: string, p: number): { date: string | null; year: number | null; p: number } {
  const dm = /^\s*,?\s*(?=ngày|năm\s+\d{4})/iu.exec(text.slice(p))
  if (!dm) return { date: null, year: null, p }
  const rest = text.slice(p + dm[0].length)
  const d = findDate(rest)
  if (d && d.index === 0) return { date: d.iso, year: d.year, p: p + dm[0].length + d.length }
  const y = /^năm\s+(\d{4})/iu.exec(rest)
  return y ? { date: null, year: Number(y[1]), p: p + dm[0].length + y[0].length } : { date: null, year: null, p }
}

/**
 * The issuer: "của X", or an organ named right after ("ngày 24/02/2023 UBND huyện …"); else, for "Xét đề
 * nghị của Phòng X tại Tờ trình số …", the proposer before the type word (`k`) is the issuer of the Tờ trình.
 */
function citedIssuer(text: string, p: number, k: number): { issuer: string | null; p: number } {
  const im = /^\s*,?\s*(của\s+)?/iu.exec(text.slice(p))!
  const rest = text.slice(p + im[0].length)
  // the next document cited after "và" or a comma ends the issuer ("của Chính phủ và Nghị quyết số …"),
  // while "và" inside a name stays ("Bộ Lao động - Thương binh và Xã hội")
  const next = typeStarts(rest).find((t) => t.k > 0 && /(?:\svà|,)\s*$/u.test(rest.slice(0, t.k)))
  const head = next ? rest.slice(0, rest.slice(0, next.k).search(/\s*(?:\svà|,)\s*$/u)) : rest
  const stop = SUBJECT_START.exec(head)
  const cand = (stop ? head.slice(0, stop.index) : head).trim()
  if (cand && cand.length <= 90 && (im[1] || startsWithOrgan(cand))) return { issuer: organCase(cand), p: p + im[0].length + (stop ? stop.index : head.length) }
  const before = /của\s+([^;,.]{3,90}?)\s+tại\s*$/iu.exec(text.slice(Math.max(0, k - 120), k))
  return { issuer: before && startsWithOrgan(before[1]) ? organCase(before[1]) : null, p }
}

/** What the cited document is about ("về …", "quy định …"), "về"/"v/v" and "việc" dropped. */
function citedSubject(rest: string): string | null {
  const subj = /^\s*,?\s*(về|v\/v|quy định|hướng dẫn|ban hành|phê duyệt|sửa đổi)?\s*(.*)$/iu.exec(rest)
  if (!subj || !subj[2]) return null
  return (subj[1] && !/^về$|^v\/v$/i.test(subj[1]) ? `${subj[1]} ` : '') + subj[2].replace(/^việc\s+/i, '').trim()
}

/** Every citation in `text`, in order: type word, number, date, issuer, subject. */
export function findCitations(text: string): CiteHit[] {
  const hits: CiteHit[] = []
  const inside: [number, number][] = []
  for (const { k, name } of typeStarts(text)) {
    if (inside.some(([a, b]) => k >= a && k < b)) continue
    let { number, p } = citedNumber(text, k + name.length, name)
    let subject: string | null = null
    if (!number && NAMED.has(name)) {
      const law = namedLaw(text, p, inside)
      if (!law) continue
      ;({ subject, number, p } = law)
    }
    const d = citedDate(text, p)
    p = d.p
    if (!number && !(NAMED.has(name) ? d.date || d.year : d.date)) continue
    const headEnd = p
    const iss = citedIssuer(text, p, k)
    p = iss.p
    subject ??= citedSubject(text.slice(p))
    if (number) number = restoreCitedCode(number, name, iss.issuer)
    hits.push({ type: name, number, date: d.date, year: d.year, issuer: iss.issuer, subject: subject ? subject.replace(/[;.,\s]+$/, '') || null : null, start: k, headEnd, end: p })
  }
  return hits
}
