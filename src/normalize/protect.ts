// Spans of a line the diacritic decoder must leave alone (or take as given): document
// numbers and codes, dates, money and numbers, section numerals, abbreviations, URLs,
// e-mails, foreign words. `replacement` is the span with its Vietnamese letters repaired
// from the code tables (data/document-codes.ts), or the span itself.
import { ALL_CODES, CODE_OCR_CONFUSIONS } from './data/document-codes.js'
import { isVietnameseSyllable, stripDiacritics } from './syllable.js'

export type ProtectedKind = 'symbol' | 'date' | 'number' | 'money' | 'abbreviation' | 'url' | 'email' | 'foreign'

export interface ProtectedSpan {
  start: number // 0-based UTF-16 offsets in the line, end exclusive
  end: number
  replacement: string
  kind: ProtectedKind
}

// Diacritic-less code → every code it can stand for ("HD" → HD Hướng dẫn, HĐ Hợp đồng).
const BY_KEY = new Map<string, Set<string>>()
for (const { code } of ALL_CODES) {
  const key = stripDiacritics(code)
  if (!BY_KEY.has(key)) BY_KEY.set(key, new Set())
  BY_KEY.get(key)!.add(code)
}
const KNOWN = new Set(ALL_CODES.map((c) => c.code))

function uniqueCode(segment: string): string | null {
  if (KNOWN.has(segment)) return segment
  const forms = BY_KEY.get(stripDiacritics(segment))
  return forms && forms.size === 1 ? [...forms][0] : null
}

// Variants of a segment with one OCR confusion applied at each position (a code is short).
function confusionVariants(segment: string): string[] {
  const out: string[] = []
  const chars = [...segment]
  chars.forEach((ch, i) => {
    for (const alt of CODE_OCR_CONFUSIONS[ch] ?? []) out.push([...chars.slice(0, i), alt, ...chars.slice(i + 1)].join(''))
  })
  return out
}

/**
 * The code as it should be printed: itself when known; the one code its diacritic-less form
 * names ("QD" → "QĐ"); else the one code a single OCR confusion leads to ("UBN0" → "UBND").
 * Ambiguous or unknown codes ("HD": HD or HĐ; "TUHCTD") are returned as printed.
 */
export function repairCode(segment: string): string {
  if (KNOWN.has(segment)) return segment
  const direct = uniqueCode(segment)
  if (direct) return direct
  if (BY_KEY.has(stripDiacritics(segment))) return segment // ambiguous: leave it
  const found = new Set<string>()
  for (const v of confusionVariants(segment)) {
    const c = uniqueCode(v)
    if (c) found.add(c)
  }
  return found.size === 1 ? [...found][0] : segment
}

// Repairs each letter segment of a document symbol ("90/QD-TTg" → "90/QĐ-TTg").
function repairSymbol(symbol: string): string {
  return symbol.replace(/[\p{L}\d|]*\p{L}[\p{L}\d|]*/gu, (seg) => (/^\d+$/.test(seg) ? seg : repairCode(seg)))
}

const L = '\\p{L}'
const CODE_SEG = `[${L}&][${L}\\d&]*`
const PATTERNS: { kind: ProtectedKind; re: RegExp }[] = [
  { kind: 'url', re: /\b(?:https?:\/\/|www\.)[^\s<>"“”]+[^\s<>"“”.,;:)]/giu },
  { kind: 'email', re: /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)+/gu },
  // 25/6/2024, 25-6-2024, 25.6.2024 (day ≤ 31, month ≤ 12); also 6/2024 (month/year); not the number and
  // year of a symbol (10/2019/NĐ-CP: the symbol pattern takes it whole)
  { kind: 'date', re: /(?<![\p{L}\d/.-])(?:(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:1[89]|20)\d\d|(?:0?[1-9]|1[0-2])\/(?:1[89]|20)\d\d)(?![\p{L}\d]|[/.-][\d\p{Lu}])/gu },
  // 90/QĐ-TTg, 27/2022/NĐ-CP, 21-NQ/TW, 18-CTr/TU, 17/2022//TT-BLĐTBXH, "21- NQ/TW" (OCR
  // space), and a blank number "/KH-UBND" (the number is written in by hand after signing)
  {
    kind: 'symbol',
    re: new RegExp(
      `(?<![${L}\\d])(?:\\d+[a-z]?(?:/\\d{4})?(?:/{1,2}|- ?)|/)(?=\\p{Lu})${CODE_SEG}(?:(?:[-/]|/{2})${CODE_SEG})*`,
      'gu',
    ),
  },
  // 1.250.000 đồng, 1,5 tỷ, 2.000 USD — a number written with thousand separators or
  // followed by a currency or a money unit
  {
    kind: 'money',
    re: /(?<![\p{L}\d])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?:\s?(?:đồng|đ|VNĐ|VND|USD|triệu|tỷ|nghìn|ngàn)(?![\p{L}]))?|(?<![\p{L}\d])\d+(?:,\d+)?\s?(?:đồng|đ|VNĐ|VND|USD|triệu đồng|tỷ đồng)(?![\p{L}])/gu,
  },
  // 216, 2,5%, 04, 2021-2025 — digits not glued to letters (OCR writes "s6", "1a" for words)
  { kind: 'number', re: /(?<![\p{L}\d])\d+(?:[.,]\d+)*%?(?:-\d+(?:[.,]\d+)*%?)?(?![\p{L}\d])/gu },
]

// Section numerals at the start of a line ("I.", "IV.", OCR "|." "Il." "I11.") and Roman
// numerals after a word that takes one ("Quý I, II và III", "giai đoạn II", "khóa XIII").
const ROMAN = /^(?=[IVXLC])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/
const ROMAN_OCR: Readonly<Record<string, string>> = { '|': 'I', l: 'I', '1': 'I', '!': 'I' } // dev/002_confusions.md: "|." = I., "Il." = II., "I11." = III.
// words after which a capital Roman numeral is a number (stripped, lower case)
const ROMAN_CUES = new Set(['quy', 'giai doan', 'khoa', 'phan', 'chuong', 'muc', 'ky', 'dot', 'lan', 'nhom', 'tap', 'cap', 'loai', 'hang', 'vung', 'phu luc', 'so'])

function romanSpans(line: string): ProtectedSpan[] {
  const out: ProtectedSpan[] = []
  const head = /^(\s*)([IVXLC|l1!]{1,6})\.(?=\s|$)/.exec(line)
  if (head) {
    const fixed = [...head[2]].map((c) => ROMAN_OCR[c] ?? c).join('')
    const looksRoman = /[IVXLC|]/.test(head[2]) && !/^\d+$/.test(head[2])
    if (looksRoman && ROMAN.test(fixed)) {
      out.push({ start: head[1].length, end: head[1].length + head[2].length + 1, replacement: fixed + '.', kind: 'number' })
    }
  }
  if (!/[IVX]/.test(line)) return out // no Roman-looking word after the head
  let previousWasRoman = false
  for (const m of line.matchAll(/[\p{L}\d|]+/gu)) {
    const w = m[0]
    if (/^(và|hoặc|va|hoac|đến|den)$/i.test(w)) continue // "I, II và III": keep the chain
    // the cue (text before the word) is read only for a Roman-looking word: reading it for every word
    // made this quadratic in the line length
    const cue = () => {
      const plain = stripDiacritics(line.slice(0, m.index)).toLowerCase()
      const before = plain.replace(/[\s,]+$/, '')
      return [...ROMAN_CUES].some((c) => before.endsWith(' ' + c) || before === c) || (previousWasRoman && /(,|\bva|-)\s*$/.test(plain))
    }
    if (/^[IVX]+$/.test(w) && ROMAN.test(w) && cue() && !out.some((s) => s.start === m.index)) {
      out.push({ start: m.index, end: m.index + w.length, replacement: w, kind: 'number' })
      previousWasRoman = true
    } else previousWasRoman = /^[IVX]+$/.test(w) && previousWasRoman
  }
  return out
}

// Words that are not Vietnamese and appear in plans; protected so they are not "restored".
// Source: loanwords and names seen in Vietnamese administrative plans (digital
// transformation and health programmes, Quyết định 749/QĐ-TTg 2020 on digital transformation).
const FOREIGN_WORDS = new Set([
  'internet', 'online', 'website', 'web', 'email', 'e-mail', 'video', 'virus', 'covid', 'covid-19',
  'zalo', 'facebook', 'youtube', 'tiktok', 'wifi', 'smartphone', 'app', 'qr', 'iso', 'gdp', 'grdp',
  'oda', 'ngo', 'pci', 'par', 'index', 'sipas', 'ict', 'it', 'startup', 'logo', 'show', 'festival',
])

function foreignSpans(line: string): ProtectedSpan[] {
  const out: ProtectedSpan[] = []
  for (const m of line.matchAll(/[\p{L}\d]+(?:[-.][\p{L}\d]+)*/gu)) {
    const w = m[0]
    // listed loanwords, and letter+digit codes with capitals: COVID-19, H5N1, ISO 9001
    if (FOREIGN_WORDS.has(w.toLowerCase()) || (/\p{L}/u.test(w) && /\d/.test(w) && /^[A-Z\d-]+$/.test(w) && /[A-Z]{2}|\d[A-Z]/.test(w))) {
      out.push({ start: m.index, end: m.index + w.length, replacement: w, kind: 'foreign' })
    }
  }
  return out
}

const HAS_UPPER = /\p{Lu}/u
function lowerShareOf(line: string): number {
  let letters = 0, lower = 0
  for (const m of line.matchAll(/\p{L}/gu)) {
    letters++
    if (m[0] !== m[0].toUpperCase()) lower++
  }
  return letters ? lower / letters : 0
}

/**
 * A syllable that is a code only through an OCR confusion ("HO" → HĐ, "CO" → CĐ with Đ read as O):
 * in a capitals heading that lost its marks it is a word (THÀNH PHỐ HỒ CHÍ MINH, CƠ QUAN), so it is
 * left to the decoder, which weighs both readings in context.
 */
function syllableReadAsCode(segment: string): boolean {
  return !KNOWN.has(segment) && !uniqueCode(segment) && isVietnameseSyllable(segment)
}

// A glyph that garbled text writes for a marked letter (KEHO~CH = KẾ HOẠCH, HQ'P = HỢP): capitals glued to
// one are pieces of a garbled word, not a code (codes stand between spaces, brackets, dashes and slashes)
export const GLYPH_CLASS = "~\\\\'’`€¢¥@}{"
const GLYPH = new RegExp(`[${GLYPH_CLASS}]`, 'u')

function abbreviationSpans(line: string): ProtectedSpan[] {
  const out: ProtectedSpan[] = []
  if (!HAS_UPPER.test(line)) return out // every span here holds a capital
  let lowerShare = -1 // share of lower-case letters in the line, counted when first needed
  for (const m of line.matchAll(/\p{L}+(?:[-&]\p{L}+)*/gu)) {
    const w = m[0]
    if (!/\p{Lu}/u.test(w) || /\p{Ll}{2}/u.test(w.replace(/CTr|TTr|QyĐ|TTg/g, ''))) continue
    if (GLYPH.test(line[m.index - 1] ?? '') || GLYPH.test(line[m.index + w.length] ?? '')) continue
    const whole = repairCode(w)
    const parts = w.split(/[-&]/)
    const isCode = (x: string, repaired: string) => KNOWN.has(repaired) && !syllableReadAsCode(x)
    const known = isCode(w, whole) || parts.every((p) => isCode(p, repairCode(p)))
    // capitals that are no syllable, inside ordinary text (in a capitals heading such as
    // "VI PHẠM" they are words: there only known codes count)
    const notWords = w.length >= 2 && /^[\p{Lu}&-]+$/u.test(w) && parts.every((p) => !isVietnameseSyllable(p)) && (lowerShare < 0 ? (lowerShare = lowerShareOf(line)) : lowerShare) > 0.3
    if (!known && !notWords) continue
    const replacement = KNOWN.has(whole) ? whole : w.replace(/\p{L}+/gu, (p) => repairCode(p))
    out.push({ start: m.index, end: m.index + w.length, replacement, kind: 'abbreviation' })
  }
  return out
}

// Cheap tests that rule a pattern out before its regular expression scans the line (most lines of a
// plan hold no URL, no e-mail, and many no digit).
const MAY_MATCH: Record<ProtectedKind, RegExp | null> = {
  url: /https?:\/\/|www\./i,
  email: /@/,
  date: /\d/,
  symbol: /[\d/]/,
  money: /\d/,
  number: /\d/,
  abbreviation: null,
  foreign: null,
}
const EARLY = PATTERNS.filter((p) => ['url', 'email', 'date', 'symbol'].includes(p.kind))
const LATE = PATTERNS.filter((p) => ['money', 'number'].includes(p.kind))

function patternSpans(line: string, patterns: typeof PATTERNS, found: ProtectedSpan[]): void {
  for (const { kind, re } of patterns) {
    if (MAY_MATCH[kind] && !MAY_MATCH[kind]!.test(line)) continue
    for (const m of line.matchAll(re)) {
      const text = m[0]
      // a symbol is printed without spaces: "21- NQ/TW" (OCR) is 21-NQ/TW
      const replacement = kind === 'symbol' ? repairSymbol(text.replace(/\s+/g, '')) : text
      found.push({ start: m.index, end: m.index + text.length, replacement, kind })
    }
  }
}

/** Spans the decoder must not rewrite, sorted, not overlapping (earlier kinds win). */
export function protectedSpans(line: string): ProtectedSpan[] {
  const found: ProtectedSpan[] = []
  // earlier entries win overlaps: a symbol holds its codes, "COVID-19" holds its digits
  patternSpans(line, EARLY, found)
  found.push(...romanSpans(line), ...foreignSpans(line))
  patternSpans(line, LATE, found)
  found.push(...abbreviationSpans(line))
  if (found.length < 2) return found
  const kept: ProtectedSpan[] = []
  for (const s of found) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s)
  return kept.sort((a, b) => a.start - b.start)
}
