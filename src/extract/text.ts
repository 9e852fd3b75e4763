// Small text helpers shared by the extractors: markup removal, folding, casing of names.
import { foldForSearch } from '../normalize/syllable.js'
import { ADMIN_UNITS, COMPANY_FORMS, CONTEXT_ABBREVIATIONS, ORGAN_ABBREVIATIONS, ORGAN_FIELDS, ORGAN_HEADS, ORGAN_NAME_TERMS, PLACE_ABBREVIATIONS, PRECEDING_ABBREVIATIONS, PROPER_NAMES, SCHOOL_LEVELS, STANDALONE_ABBREVIATIONS } from './data/organs.js'
import { PROVINCES } from './data/provinces.js'

export { foldForSearch }

/** Removes Markdown emphasis and heading marks some converters leave ("## **2. Mục tiêu**"). */
export function stripMarkup(s: string): string {
  return s.replace(/^\s*#{1,6}\s+/, '').replace(/\*\*|__/g, '').replace(/^\s*\*(?=\S)|(?<=\S)\*\s*$/g, '')
}

/** NFC, markup removed, spaces collapsed. */
export function clean(s: string): string {
  return stripMarkup(s.normalize('NFC')).replace(/[ \t\u00a0]+/g, ' ').trim()
}

/** True when most letters are upper case (header lines, signature block). */
export function isUpper(s: string): boolean {
  const letters = s.match(/\p{L}/gu) ?? []
  if (letters.length < 2) return false
  const upper = letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length
  return upper / letters.length >= 0.8
}

export function capitalize(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s
}

export function titleCaseWords(s: string): string {
  return s.split(/(\s+|-)/).map((w) => (/\s|-/.test(w) ? w : capitalize(w.toLowerCase()))).join('')
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// Text that lost its marks prints "Đ" as "D" ("GD&DT", "HDND", "CTD"): each abbreviation is also
// matched in that spelling, unless it is itself another listed abbreviation
const ABBR_ENTRIES: [string, string][] = [...ORGAN_ABBREVIATIONS]
for (const [a, full] of ORGAN_ABBREVIATIONS) {
  const d = a.replace(/Đ/g, 'D')
  if (d !== a && !ORGAN_ABBREVIATIONS.some(([b]) => b === d)) ABBR_ENTRIES.push([d, full])
}
const ABBR_RE = new RegExp(
  `(?<![\\p{L}\\d])(${ABBR_ENTRIES.sort((a, b) => b[0].length - a[0].length).map((a) => escapeRe(a[0])).join('|')})(?![\\p{L}\\d])`,
  'gu',
)
const ABBR = new Map(ABBR_ENTRIES)
const STANDALONE = new Map(STANDALONE_ABBREVIATIONS)
/** A school level abbreviated right after "trường" ("TRƯỜNG THPT …", `data/organs.ts` SCHOOL_LEVELS). */
const SCHOOL_RE = new RegExp(`(?<![\\p{L}])(trường|Trường|TRƯỜNG|truong|Truong|TRUONG)(\\s+)(${[...SCHOOL_LEVELS].sort((a, b) => b[0].length - a[0].length).map((a) => escapeRe(a[0])).join('|')})(?![\\p{L}\\d])`, 'gu')
const SCHOOL = new Map(SCHOOL_LEVELS)
function expandSchool(s: string, upper: boolean): string {
  return s.replace(SCHOOL_RE, (m, w: string, sp: string, lv: string) => {
    const full = SCHOOL.get(lv)
    return full ? `${w}${sp}${upper ? full.toUpperCase() : full}` : m
  })
}

/** An abbreviation that is an organ word only after a given word ("CÔNG TY CP …" → Cổ phần; `CONTEXT_ABBREVIATIONS`). */
const CONTEXT_RES = CONTEXT_ABBREVIATIONS.map(([before, abbr, full]) => [new RegExp(`(?<![\\p{L}])(${escapeRe(before)})(\\s+)${escapeRe(abbr)}(?![\\p{L}\\d])`, 'giu'), full] as const)
/** …and one that is an organ word only before its organ ("CĐ TRƯỜNG …" → Công đoàn; `PRECEDING_ABBREVIATIONS`), also as "CD" (marks lost). */
const PRECEDING_RES = PRECEDING_ABBREVIATIONS.map(([abbr, next, full]) => {
  const spellings = [...new Set([abbr, abbr.replace(/Đ/g, 'D')])].map(escapeRe).join('|')
  return [new RegExp(`(?<![\\p{L}\\d])(?:${spellings})(\\s+)(?=(?:${next.map(escapeRe).join('|')})(?![\\p{L}]))`, 'giu'), full] as const
})
function expandContext(s: string, upper: boolean): string {
  let t = s
  for (const [re, full] of CONTEXT_RES) t = t.replace(re, (_m, w: string, sp: string) => `${w}${sp}${upper ? full.toUpperCase() : full}`)
  for (const [re, full] of PRECEDING_RES) t = t.replace(re, (_m, sp: string) => `${upper ? full.toUpperCase() : full}${sp}`)
  return t
}

/** Expands organ abbreviations ("UBND tỉnh" → "Ủy ban nhân dân tỉnh"); a whole-string "TU" too. */
export function expandAbbreviations(s: string): string {
  const whole = STANDALONE.get(s.trim())
  if (whole) return whole
  return expandContext(expandSchool(s, false), false).replace(ABBR_RE, (m) => ABBR.get(m) ?? m)
}

const PLACE_ABBR_RE = new RegExp(`(?<![\\p{L}\\d.])(${PLACE_ABBREVIATIONS.map((a) => a.abbr).join('|')})(\\.\\s*|\\s+)(?=[\\p{Lu}\\d])`, 'gu')
const PLACE_ABBR = new Map(PLACE_ABBREVIATIONS.map((a) => [a.abbr, a]))

/**
 * A unit word abbreviated before a place name ("UBND TP. THỦ DẦU MỘT" → "UBND THÀNH PHỐ THỦ DẦU
 * MỘT", `data/organs.ts` PLACE_ABBREVIATIONS), in the case of the line; an abbreviation followed by
 * an organ abbreviation ("TT. HĐND": thường trực) is left alone. Issuer lines only.
 */
export function expandPlaceAbbreviations(s: string): string {
  const upper = isUpper(s)
  return s.replace(PLACE_ABBR_RE, (m, abbr: string, sep: string, off: number) => {
    const a = PLACE_ABBR.get(abbr)!
    if (a.dot && !sep.startsWith('.')) return m
    const next = /^[\p{L}\d&.-]+/u.exec(s.slice(off + m.length))?.[0] ?? ''
    if (ABBR.has(next) || STANDALONE.has(next)) return m
    return `${upper ? a.full.toUpperCase() : a.full} `
  })
}

/**
 * An issuer line printed in capitals with its abbreviations written out in capitals too ("BCH HỘI
 * NÔNG DÂN" → "BAN CHẤP HÀNH HỘI NÔNG DÂN", "SỞ NÔNG NGHIỆP VÀ PTNT" → "… PHÁT TRIỂN NÔNG THÔN"), so
 * that the organ words inside are seen and the line is re-cased as one (Phụ lục I: the issuer's
 * name may be abbreviated in the header). Mixed-case lines are returned as they are.
 */
export function expandUpper(s: string): string {
  if (!isUpper(s)) return s
  return expandContext(expandSchool(s, true), true).replace(ABBR_RE, (m) => (ABBR.get(m) ?? m).toUpperCase())
}

const HEADS = [...ORGAN_HEADS].sort((a, b) => b.words.length - a.words.length)
const UNITS = [...ADMIN_UNITS].sort((a, b) => b.length - a.length)
const PLACE_AFTER = ['tỉnh ủy', 'thành ủy', 'huyện ủy', 'thị ủy', 'quận ủy', 'tỉnh đoàn']
const PROVINCE_BY_FOLD = new Map(PROVINCES.map((p) => [foldForSearch(p), p]))

/**
 * One organ name in normal case (Nghị định 30/2020/NĐ-CP, Phụ lục II: "Ủy ban nhân dân huyện
 * Hớn Quản", "Sở Lao động - Thương binh và Xã hội", "Trung ương Hội Chữ thập đỏ Việt Nam").
 * Mixed-case input is kept as printed (abbreviations expanded); upper-case input is re-cased.
 */
export function organCase(input: string): string {
  const c = clean(input)
  const expanded = expandAbbreviations(c)
  if (!isUpper(c.replace(ABBR_RE, ' '))) return capitalize(expanded)
  const words = expanded.toLowerCase().split(' ')
  const out = [...words]
  let i = 0
  let placeMode = false
  let fieldMode = false
  while (i < words.length) {
    if (fieldMode && (words[i - 1] === 'và' || words[i - 1] === '-' || words[i - 1]?.endsWith(','))) {
      if (words[i] !== 'và' && words[i] !== '-') out[i] = capitalize(words[i])
      i++
      continue
    }
    const rest = words.slice(i).join(' ')
    // inside a field name ("Sở Lao động - Thương binh và Xã hội") one-word heads are ordinary words
    const head = HEADS.find((h) => (rest === h.words || rest.startsWith(h.words + ' ')) && !(fieldMode && !h.words.includes(' '))
      && !(words[i - 1] === 'xã' && h.words.startsWith('hội')))
    // "xã hội" (society) is a common noun, not the unit "xã" ("Ngân hàng Chính sách xã hội")
    const unit = UNITS.find((u) => (rest === u || rest.startsWith(u + ' ')) && !(u === 'xã' && words[i + 1] === 'hội'))
    if (head && !(unit && !head.cased && unit.length >= head.words.length)) {
      const n = head.words.split(' ').length
      const cased = (head.cased ?? capitalize(head.words)).split(' ')
      for (let k = 0; k < n; k++) out[i + k] = cased[k] ?? words[i + k]
      i += n
      placeMode = PLACE_AFTER.includes(head.words) || !!head.name
      fieldMode = !!head.field && !head.name
      if (fieldMode && i < words.length) { out[i] = capitalize(words[i]); i++ }
      if (head.company) {
        // "Công ty Trách nhiệm hữu hạn Một thành viên Khai thác …": the legal form as listed, then
        // the trade name opening with a capital (Luật Doanh nghiệp 2020 Điều 37–38)
        const after = words.slice(i).join(' ')
        const form = COMPANY_FORMS.find((fm) => after === fm.toLowerCase() || after.startsWith(fm.toLowerCase() + ' '))
        if (form) { const fw = form.split(' '); for (let k = 0; k < fw.length; k++) out[i + k] = fw[k]; i += fw.length }
        if (i < words.length) { out[i] = capitalize(words[i]); i++ }
        placeMode = false
        fieldMode = false
      }
      continue
    }
    if (unit) {
      i += unit.split(' ').length
      placeMode = true
      fieldMode = false
      continue
    }
    const w = words[i]
    if (placeMode && w !== 'và' && w !== '-') out[i] = capitalize(w)
    i++
  }
  return respellFields(fixProperNames(capitalize(out.join(' '))))
}

/** A pattern for any spelling of `words` that folds like them (on NFD text: letters, then marks). */
function marklessPattern(words: string): string {
  return [...foldForSearch(words)].map((c) => (c === 'd' ? '[dđ]\\p{M}*' : c === ' ' ? '\\s+' : /\p{L}/u.test(c) ? `${c}\\p{M}*` : `[${c}]`)).join('')
}
const FIELD_HEADS = ['sở', 'bộ', 'phòng', 'ban', 'chi cục', 'cục', 'vụ', 'văn phòng'].map(marklessPattern).join('|')
const FIELD_RES: [RegExp, string, string][] = [...ORGAN_FIELDS].sort((a, b) => b.length - a.length)
  .map((f) => [new RegExp(`(?<=(?:^|\\s)(?:${FIELD_HEADS})\\s+)${marklessPattern(f)}(?![\\p{L}\\p{M}])`, 'giu'), f, foldForSearch(f)])

/**
 * A field name after its organ word, in any spelling that folds to a listed field, as listed. A field
 * whose folded form is not in the folded text cannot match and is not tried (a respelling keeps the
 * fold, so the text's fold is computed once).
 */
export function respellFields(s: string): string {
  const folded = foldForSearch(s)
  let t = s.normalize('NFD')
  for (const [re, f, fold] of FIELD_RES) if (folded.includes(fold)) t = t.replace(re, f.normalize('NFD'))
  return t.normalize('NFC')
}

/**
 * The organ word that opens an issuer line, in any spelling that folds to it, as listed
 * ("SỐ TÀI NGUYÊN …" restored from "SO TAI NGUYEN …" → "SỞ TÀI NGUYÊN …"): the header's left
 * column names organs, so a first word that folds to an organ word is that word.
 */
export function respellOrganHead(line: string): string {
  const c = clean(line)
  const f = foldForSearch(c)
  const head = HEADS.find((h) => f.startsWith(foldForSearch(h.words) + ' '))
  if (!head) return c
  const n = head.words.split(' ').length
  const words = c.split(' ')
  const printed = words.slice(0, n).join(' ')
  if (printed.toLowerCase() === head.words) return c
  const up = isUpper(printed)
  const spelled = up ? head.words.toUpperCase() : capitalize(head.words)
  return [spelled, ...words.slice(n)].join(' ')
}

const ORGAN_TERMS: [RegExp, string][] = ORGAN_NAME_TERMS.map((term) => [new RegExp(`(?<![\\p{L}])${[...foldForSearch(term)].map((c) => (c === 'd' ? '[dđ]' : c === ' ' ? '\\s+' : `${c}\\p{M}*`)).join('')}(?![\\p{L}])`, 'giu'), term])

/** Each proper name as a whole-word pattern, made once (fixProperNames runs on many lines of a document). */
const PROPER_NAME_RES: [RegExp, string][] = PROPER_NAMES.map((name) => [new RegExp(`(?<![\\p{L}])${escapeRe(name)}(?![\\p{L}])`, 'giu'), name])

/** Restores the capitals of proper names and province names inside a lower-cased string. */
export function fixProperNames(s: string): string {
  let t = s
  // fixed words of organ names whose marks a restorer may get wrong ("Bệnh viện Da khoa" → "Đa khoa")
  for (const [re, term] of ORGAN_TERMS) t = t.replace(re, (m) => (m[0] === m[0].toUpperCase() ? capitalize(term) : term))
  for (const [re, name] of PROPER_NAME_RES) t = t.replace(re, (m, off: number) => (off === 0 ? capitalize(name) : name))
  const folded = foldForSearch(t)
  if (folded.length === t.length) {
    for (const [f, p] of PROVINCE_BY_FOLD) {
      let from = 0
      for (;;) {
        const k = folded.indexOf(f, from)
        if (k < 0) break
        const before = k === 0 ? ' ' : folded[k - 1]
        const after = folded[k + f.length] ?? ' '
        const printed = t.slice(k, k + f.length)
        // as printed, or printed without marks (text that lost its diacritics: "dak lak" → "Đắk Lắk")
        // or misrestored right after its unit word ("thành phố Da Năng" → "Đà Nẵng")
        const unitBefore = /(?:tỉnh|thành phố|tp\.?)\s+$/iu.test(t.slice(Math.max(0, k - 12), k))
        if (/[^a-z0-9]/.test(before) && /[^a-z0-9]/.test(after) && (printed.toLowerCase() === p.toLowerCase() || /^[\x00-\x7f]+$/.test(printed) || unitBefore)) {
          t = t.slice(0, k) + p + t.slice(k + f.length)
        }
        from = k + f.length
      }
    }
  }
  return t
}

/** Upper-case subject lines to sentence case, proper names kept ("THỰC HIỆN NGHỊ QUYẾT…"). */
export function sentenceCase(s: string): string {
  if (!isUpper(s)) return s
  return fixProperNames(capitalize(s.toLowerCase()))
}
