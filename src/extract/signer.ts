// Signature block pieces: authority line, position, signer's name (Nghị định 30/2020/NĐ-CP, Điều 8).
import { AUTHORITY_PREFIXES, POSITIONS, POSITION_CASED } from './data/signature.js'
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
  const m = new RegExp(String.raw`(?:^|\s)(${UPWORD}(?:\s+${UPWORD}){0,5})\s*$`, 'u').exec(s)
  if (!m) return null
  const words = m[1].split(/\s+/)
  // the longest suffix that is a position
  for (let k = 0; k < words.length; k++) {
    const cand = words.slice(k).join(' ')
    if (isPosition(cand)) return { position: cand, rest: s.slice(0, s.length - (m[0].length - m[0].indexOf(m[1]))).concat(words.slice(0, k).length ? ' ' + words.slice(0, k).join(' ') : '').trim() }
  }
  return null
}

/** Position in normal case: "PHÓ CHỦ TỊCH" → "Phó Chủ tịch" (Phụ lục II: chức vụ). */
export function positionCase(s: string): string {
  const up = s.trim().replace(/\s+/g, ' ')
  const m = /^(PHÓ|Q\.|QUYỀN)\s+(.*)$/u.exec(up)
  const head = m ? m[2] : up
  const cased = POSITION_CASED[head] ?? capitalize(head.toLowerCase())
  return m ? `${m[1] === 'PHÓ' ? 'Phó' : m[1] === 'Q.' ? 'Q.' : 'Quyền'} ${cased}` : cased
}

const HEAD_FOLDS = ORGAN_HEADS.map((h) => foldForSearch(h.words))

/** A person's full name: 2–5 capitalised syllables, letters only, not an organ. */
export function looksLikeName(s: string): boolean {
  const t = s.trim()
  const words = t.split(/\s+/)
  if (words.length < 2 || words.length > 5) return false
  if (!words.every((w) => /^[\p{Lu}][\p{Ll}]*$/u.test(w) || /^[\p{Lu}]+$/u.test(w))) return false
  const f = foldForSearch(t)
  if (HEAD_FOLDS.some((h) => f === h || f.startsWith(h + ' '))) return false
  if (isPosition(t)) return false
  return true
}

export function nameCase(s: string): string {
  return s.trim().split(/\s+/).map((w) => capitalize(w.toLowerCase())).join(' ')
}
