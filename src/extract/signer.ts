// Signature block pieces: authority line, position, signer's name (Nghị định 30/2020/NĐ-CP, Điều 8).
import { AUTHORITY_PREFIXES, POSITIONS, POSITION_CASED, SURNAMES } from './data/signature.js'
import { ORGAN_HEADS } from './data/organs.js'
import { capitalize, foldForSearch } from './text.js'

const UP = String.raw`[\p{Lu}Đ]`
const UPWORD = String.raw`${UP}+(?![\p{L}])`
/** "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "T/M TỈNH ỦY" — prefix then upper-case words. */
export const AUTHORITY_RE = new RegExp(
  String.raw`(?:^|[\s|])((?:${AUTHORITY_PREFIXES.map((p) => p.replace('/', '\\/')).join('|')})\s*[.:]?\s+${UPWORD}(?:[ \t]+${UPWORD})*)`,
  'u',
)

const POSITION_FOLDS = POSITIONS.map((p) => foldForSearch(p))

/** An upper-case run that is a position title: "PHÓ CHỦ TỊCH", "BÍ THƯ", "Q. GIÁM ĐỐC". */
export function isPosition(s: string): boolean {
  const f = foldForSearch(s).replace(/^(pho|q\.?|quyen)\s+/, '').replace(/\s+thuong truc$/, '')
  return POSITION_FOLDS.includes(f) || POSITION_FOLDS.some((p) => f === p || (f.startsWith(p + ' ') && f.split(' ').length <= p.split(' ').length + 3))
}

/** The trailing upper-case run of a line if it is a position ("- Bộ Chính trị, Ban Bí thư, PHÓ BÍ THƯ"). */
export function trailingPosition(s: string): { position: string; rest: string } | null {
  const m = new RegExp(String.raw`(?:^|\s)((?:Q\.\s*)?${UPWORD}(?:\s+${UPWORD}){0,5})\s*$`, 'u').exec(s)
  if (!m) return null
  const words = m[1].replace(/^Q\.\s*/, 'Q. ').split(/\s+/)
  // the longest suffix that is a position
  for (let k = 0; k < words.length; k++) {
    const cand = words.slice(k).join(' ')
    if (isPosition(cand)) return { position: cand, rest: s.slice(0, s.length - (m[0].length - m[0].indexOf(m[1]))).concat(words.slice(0, k).length ? ' ' + words.slice(0, k).join(' ') : '').trim() }
  }
  return null
}

/** Position in normal case: "PHÓ CHỦ TỊCH" → "Phó Chủ tịch" (Phụ lục II: chức vụ). */
/** The position of the table (data/signature.ts POSITIONS) that `head` spells up to its marks, else `head`. */
export function knownPosition(head: string): string {
  if (POSITIONS.includes(head)) return head
  const f = foldForSearch(head)
  const hits = POSITIONS.filter((p) => foldForSearch(p) === f)
  return hits.length === 1 ? hits[0]! : head
}

export function positionCase(s: string): string {
  let up = s.trim().replace(/\s+/g, ' ')
  // "… THƯỜNG TRỰC" (standing, of a deputy secretary or a committee) is written as part of the title:
  // "Phó Bí thư Thường trực"
  const standing = /\s+THƯỜNG TRỰC$/u.test(up) && up !== 'THƯỜNG TRỰC'
  if (standing) up = up.replace(/\s+THƯỜNG TRỰC$/u, '')
  const m = /^(PHÓ|Q\.|QUYỀN)\s+(.*)$/u.exec(up)
  // a title OCR damaged in its marks ("GIÁM ĐÓC") is written as the table has it
  const head = knownPosition(m ? m[2] : up)
  const cased = (POSITION_CASED[head] ?? capitalize(head.toLowerCase())) + (standing ? ' Thường trực' : '')
  // "Q." (quyền, acting) is part of the title, written out in running text: "Quyền Giám đốc"
  return m ? `${m[1] === 'PHÓ' ? 'Phó' : 'Quyền'} ${cased}` : cased
}

const HEAD_FOLDS = ORGAN_HEADS.map((h) => foldForSearch(h.words))
const HEAD_WORDS = ORGAN_HEADS.map((h) => h.words.normalize('NFC'))

/**
 * A text that starts with an organ word ("Sở Y tế", "Trường …"). Compared with its diacritics
 * when it has any: folding would make the surname "Trương" the organ word "Trường".
 */
export function startsWithOrganWord(s: string): boolean {
  const t = s.trim().normalize('NFC')
  if (/[^\x00-\x7f]/.test(t)) {
    const low = t.toLowerCase().replace(/\s+/g, ' ')
    return HEAD_WORDS.some((h) => low === h || low.startsWith(h + ' '))
  }
  const f = foldForSearch(t)
  return HEAD_FOLDS.some((h) => f === h || f.startsWith(h + ' '))
}

/** A person's full name: 2–5 capitalised syllables, letters only, not an organ. */
export function looksLikeName(s: string): boolean {
  const t = s.trim()
  const words = t.split(/\s+/)
  if (words.length < 2 || words.length > 5) return false
  if (!words.every((w) => /^[\p{Lu}][\p{Ll}]*$/u.test(w) || /^[\p{Lu}]+$/u.test(w))) return false
  if (startsWithOrganWord(t)) return false
  if (isPosition(t)) return false
  return true
}

export function nameCase(s: string): string {
  const words = s.trim().split(/\s+/).map((w) => capitalize(w.toLowerCase()))
  words[0] = surnameOf(words[0])
  return words.join(' ')
}

const SURNAME_BY_FOLD = new Map<string, string[]>()
for (const n of SURNAMES) SURNAME_BY_FOLD.set(foldForSearch(n), [...(SURNAME_BY_FOLD.get(foldForSearch(n)) ?? []), n])

/**
 * Vietnamese family names are a small closed set: a first syllable that is not one of them but
 * folds to exactly one of them lost or gained a mark in diacritic restoration ("Phân" → "Phan").
 */
export function surnameOf(w: string): string {
  if (SURNAMES.includes(w)) return w
  const c = SURNAME_BY_FOLD.get(foldForSearch(w))
  return c && c.length === 1 ? c[0] : w
}
