// Vietnamese syllable phonotactics: onset + (medial) + nucleus + (coda) + tone.
// Used to tell Vietnamese text from garbage (PDF text layers, legacy encodings) and to
// place tone marks consistently. Tables follow the standard description of Vietnamese
// orthography (Đoàn Thiện Thuật, "Ngữ âm tiếng Việt", 1977; Nguyễn Đình Hoà, "Vietnamese",
// 1997) — rhymes are spelled as in Quy tắc chính tả (Quyết định 240/QĐ, 1984; 1705/QĐ-BGDĐT 2018).

import { memoised } from './memo.js'

export type Tone = 'ngang' | 'huyen' | 'sac' | 'hoi' | 'nga' | 'nang'

// Combining marks (NFD). Tone marks sit above/below the vowel; vowel marks change the vowel.
export const TONE_MARKS: Record<Exclude<Tone, 'ngang'>, string> = {
  huyen: '\u0300', // grave
  sac: '\u0301', // acute
  hoi: '\u0309', // hook above
  nga: '\u0303', // tilde
  nang: '\u0323', // dot below
}
const TONE_BY_MARK = new Map(Object.entries(TONE_MARKS).map(([t, m]) => [m, t as Tone]))

// Onsets, longest first so that "ngh" wins over "ng" over "n".
// "p" alone occurs only in loanwords (pin, pa-nô) but is kept: it is real Vietnamese text.
const ONSETS = [
  'ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'th', 'tr', 'qu',
  'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x',
] as const

// Rhymes (medial + nucleus + coda) without tone, grouped by nucleus.
// Loan rhymes seen in administrative text are included (oong, ooc: "xoong", "soóc").
const RHYMES_PLAIN = [
  // a ă â
  'a', 'ac', 'ach', 'ai', 'am', 'an', 'ang', 'anh', 'ao', 'ap', 'at', 'au', 'ay',
  'ăc', 'ăm', 'ăn', 'ăng', 'ăp', 'ăt',
  'âc', 'âm', 'ân', 'âng', 'âp', 'ât', 'âu', 'ây',
  // e ê
  'e', 'ec', 'em', 'en', 'eng', 'eo', 'ep', 'et',
  'ê', 'êch', 'êm', 'ên', 'ênh', 'êp', 'êt', 'êu',
  // i y
  'i', 'ich', 'im', 'in', 'inh', 'ip', 'it', 'iu', 'y',
  // o ô ơ
  'o', 'oc', 'oi', 'om', 'on', 'ong', 'op', 'ot', 'oong', 'ooc',
  'ô', 'ôc', 'ôi', 'ôm', 'ôn', 'ông', 'ôp', 'ôt',
  'ơ', 'ơi', 'ơm', 'ơn', 'ơp', 'ơt',
  // u ư
  'u', 'uc', 'ui', 'um', 'un', 'ung', 'up', 'ut',
  'ư', 'ưc', 'ưi', 'ưm', 'ưn', 'ưng', 'ưt', 'ưu',
] as const
// Diphthongs iê/yê, uô, ươ (ia, ua, ưa when open).
const RHYMES_IE = ['ia', 'iêc', 'iêm', 'iên', 'iêng', 'iêp', 'iêt', 'iêu'] as const // after an onset
const RHYMES_YE = ['yêm', 'yên', 'yêng', 'yêt', 'yêu'] as const // no onset: "yên", "yêu"
const RHYMES_UO = ['ua', 'uôc', 'uôi', 'uôm', 'uôn', 'uông', 'uôp', 'uôt'] as const
const RHYMES_UOW = ['ưa', 'ươc', 'ươi', 'ươm', 'ươn', 'ương', 'ươp', 'ươt', 'ươu'] as const
// Medial /w/: written o before a ă e, u before â ê y ơ (and iê → "uyê").
const RHYMES_MEDIAL = [
  'oa', 'oac', 'oach', 'oai', 'oam', 'oan', 'oang', 'oanh', 'oao', 'oap', 'oat', 'oay',
  'oăc', 'oăm', 'oăn', 'oăng', 'oăt',
  'oe', 'oem', 'oen', 'oeo', 'oet',
  'uân', 'uâng', 'uât', 'uây',
  'uê', 'uêch', 'uênh',
  'uy', 'uych', 'uyn', 'uynh', 'uyp', 'uyt', 'uyu',
  'uya', 'uyên', 'uyêt',
  'uơ',
] as const

/** Every rhyme (no tone), spelled with vowel marks. */
export const RHYMES: ReadonlySet<string> = new Set<string>([
  ...RHYMES_PLAIN, ...RHYMES_IE, ...RHYMES_YE, ...RHYMES_UO, ...RHYMES_UOW, ...RHYMES_MEDIAL,
])
const ONSETLESS_ONLY = new Set<string>(RHYMES_YE)
const NEEDS_ONSET = new Set<string>(RHYMES_IE)
const STOP_CODA = /(p|t|c|ch)$/
const FRONT_VOWEL = /^[eêiy]/ // k, gh, ngh go before these; c, g, ng before the others

function stripMarksOnly(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
}
const RHYMES_STRIPPED: ReadonlySet<string> = new Set([...RHYMES].map(stripMarksOnly))

/** Removes tone and vowel marks; đ→d, Đ→D. Other characters are kept. Output is NFC. */
export function stripDiacritics(s: string): string {
  // short strings (letters, syllables) come back again and again: the restorer strips every token and
  // every aligned letter of a document several times
  return s.length > STRIP_MEMO_LENGTH ? strip(s) : memoised(stripMemo, s, strip)
}
const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC')
const STRIP_MEMO_LENGTH = 12
const stripMemo = new Map<string, string>()

/** Diacritic-less, lower-case, single-spaced: the key for search "with or without diacritics". */
export function foldForSearch(s: string): string {
  return stripDiacritics(s).toLowerCase().replace(/\s+/g, ' ').trim()
}

/** The tone of one syllable, read from its combining marks (first tone mark wins). */
export function toneOf(syllable: string): Tone {
  for (const ch of syllable.normalize('NFD')) {
    const t = TONE_BY_MARK.get(ch)
    if (t) return t
  }
  return 'ngang'
}

/** The syllable without its tone mark, vowel marks and case kept (NFC): "Việt" → "Viêt". */
export function baseOf(syllable: string): string {
  return syllable.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC')
}

/** True when the text carries any Vietnamese mark: a tone, a vowel mark or đ. */
export function hasVietnameseMarks(s: string): boolean {
  return /[\u0300-\u036f]|[đĐ]/.test(s.normalize('NFD'))
}

export interface Syllable {
  onset: string // lower case, '' when none; "qu" and "gi" count as onsets
  rhyme: string // lower case, vowel marks kept, no tone
  tone: Tone
}

function toneMarkCount(s: string): number {
  let n = 0
  for (const ch of s.normalize('NFD')) if (TONE_BY_MARK.has(ch)) n++
  return n
}

/**
 * Splits one syllable into onset, rhyme and tone, or returns null when it is not a possible
 * Vietnamese syllable. A token without any mark is matched against the rhymes with their
 * marks stripped ("viet" is valid: it may be "việt"); a token with marks must be spelled
 * exactly ("viét" is not Vietnamese: iê needs its circumflex).
 */
export function parseSyllable(token: string): Syllable | null {
  const nfc = token.normalize('NFC')
  if (nfc.length === 0 || nfc.length > 8) return null // longest: "nghiêng", "khuyếch"
  if (toneMarkCount(nfc) > 1) return null
  const tone = toneOf(nfc)
  const base = baseOf(nfc).toLowerCase()
  if (!/^[a-zăâđêôơư]+$/.test(base)) return null
  const marked = hasVietnameseMarks(nfc)
  const rhymes = marked ? RHYMES : RHYMES_STRIPPED

  // Try every onset that prefixes the base, plus the empty onset; "gi" before a rhyme
  // starting with i is written with one i ("gì", "giếng"), so "g" + "i…" is also tried.
  const candidates: string[] = ['', ...ONSETS.filter((o) => base.startsWith(o))]
  for (const onset of candidates) {
    const rhyme = base.slice(onset.length)
    if (!rhymes.has(rhyme)) continue
    if (!spellingAllows(onset, rhyme, marked)) continue
    if (tone !== 'ngang' && tone !== 'sac' && tone !== 'nang' && STOP_CODA.test(rhyme)) continue
    return { onset, rhyme, tone }
  }
  return null
}

// Vietnamese spelling rules: c/k/q, g/gh, ng/ngh distributions; qu takes no second medial;
// yê opens a syllable, iê/ia follow an onset.
function spellingAllows(onset: string, rhyme: string, marked: boolean): boolean {
  const front = FRONT_VOWEL.test(rhyme)
  switch (onset) {
    case 'k': case 'gh': case 'ngh':
      if (!front) return false
      break
    case 'c': case 'ng':
      if (front) return false
      break
    case 'g':
      if (front && !rhyme.startsWith('i')) return false // "gì", "giếng" = gi + ì, iêng
      break
    case 'qu':
      // qu already holds the medial: no u/ư after it, and no o unless it stands for ô ("quoc")
      if (/^[uư]/.test(rhyme) || (marked && rhyme.startsWith('o'))) return false
      break
    case 'gi':
      if (/^[iy]/.test(rhyme)) return false // written with one i: "gìn", not "giìn"
      break
  }
  // yê opens a syllable (or follows qu: "quyết"); iê/ie needs an onset ("ia" alone: "ỉa")
  const opensOnly = marked ? ONSETLESS_ONLY.has(rhyme) : /^ye/.test(rhyme)
  const needsOnset = marked ? NEEDS_ONSET.has(rhyme) && rhyme !== 'ia' : /^ie/.test(rhyme)
  if (opensOnly && onset !== '' && onset !== 'qu') return false
  if (needsOnset && onset === '') return false
  return true
}

/** Phonotactic validity of one syllable, with or without marks. Case- and NFC/NFD-tolerant. */
export function isVietnameseSyllable(token: string): boolean {
  // (encoding detection asks this of every word of every line, for each codec it tries)
  return memoised(syllableMemo, token, parses)
}
const parses = (token: string) => parseSyllable(token) !== null
const syllableMemo = new Map<string, boolean>()

// ---------------------------------------------------------------------------------------
// Tone placement. Policy: the traditional placement used by the gold labels and by most
// government documents ("hòa", "thủy", "Ủy ban", "khỏe"): in an open two-vowel rhyme
// (oa, oe, uy, ai, ao, ia, ua…) the tone goes on the first vowel. A vowel with a mark
// (ă â ê ô ơ ư; ơ in ươ) always takes it; with a coda it goes on the last vowel
// ("hoàn", "khuỳnh"); in an open three-vowel rhyme on the middle one ("khoái", "khuỷu").
// The brief calls this the "new" style; Vietnamese sources call hòa/thủy "kiểu cũ".
// ---------------------------------------------------------------------------------------

const VOWELS = 'aăâeêioôơuưy'

/** Index (in the NFC string) of the letter that carries the tone, or -1 when none. */
export function toneCarrierIndex(base: string): number {
  const lower = base.normalize('NFC').toLowerCase()
  let start = 0
  if (lower.startsWith('qu') && lower.length > 2 && VOWELS.includes(lower[2])) start = 2
  else if (lower.startsWith('gi') && lower.length > 2 && VOWELS.includes(lower[2])) start = 2
  let i = start
  while (i < lower.length && !VOWELS.includes(lower[i])) i++
  const from = i
  while (i < lower.length && VOWELS.includes(lower[i])) i++
  const to = i // vowels are [from, to)
  if (from === to) return -1
  for (let k = to - 1; k >= from; k--) if (lower[k] === 'ơ') return k
  for (let k = from; k < to; k++) if ('ăâêôơư'.includes(lower[k])) return k
  const n = to - from
  if (n === 1) return from
  if (to < lower.length) return to - 1 // closed rhyme: last vowel
  if (n === 2) return from // open two-vowel rhyme: first vowel (hòa, thủy, mía, tài)
  return from + 1 // open three-vowel rhyme: middle (khoái, khuỷu, ngoẹo)
}

/** Puts `tone` on a toneless syllable following the placement policy above. */
export function placeTone(base: string, tone: Tone): string {
  const nfc = baseOf(base)
  if (tone === 'ngang') return nfc
  const k = toneCarrierIndex(nfc)
  if (k < 0) return nfc
  return (nfc.slice(0, k + 1) + TONE_MARKS[tone] + nfc.slice(k + 1)).normalize('NFC')
}

/** The same syllable with its tone moved to the policy position ("hoà" → "hòa"). */
export function canonicalTonePlacement(syllable: string): string {
  const tone = toneOf(syllable)
  if (tone === 'ngang' || toneMarkCount(syllable) !== 1) return syllable.normalize('NFC')
  return placeTone(baseOf(syllable), tone)
}

// ---------------------------------------------------------------------------------------

const WORD = /[\p{L}\p{M}]+/gu

export interface VietnameseTextScore {
  tokens: number // alphabetic tokens (runs of letters and marks)
  validShare: number // share that are possible Vietnamese syllables
  markedShare: number // share that carry a tone, a vowel mark or đ
}

/**
 * How Vietnamese a text looks. Good born-digital Vietnamese scores validShare ≈ 0.9+ and
 * markedShare ≈ 0.6–0.8; English-model OCR keeps validShare high but markedShare near 0;
 * legacy-font garbage drops validShare.
 */
export function vietnameseTextScore(text: string): VietnameseTextScore {
  let tokens = 0
  let valid = 0
  let marked = 0
  for (const m of text.normalize('NFC').matchAll(WORD)) {
    tokens++
    if (isVietnameseSyllable(m[0])) valid++
    if (hasVietnameseMarks(m[0])) marked++
  }
  return tokens === 0
    ? { tokens: 0, validShare: 0, markedShare: 0 }
    : { tokens, validShare: valid / tokens, markedShare: marked / tokens }
}
