// Vietnamese letter facts the model and the decoder share: marks, tone placement, syllable shape.
import { stripDiacritics } from '../syllable.js'

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u


/** Tone mark of a syllable as a small number (0 none, 1 grave, 2 acute, 3 hook, 4 tilde, 5 dot). */
export function toneOf(s: string): number {
  const d = s.normalize('NFD')
  if (d.includes('\u0300')) return 1
  if (d.includes('\u0301')) return 2
  if (d.includes('\u0309')) return 3
  if (d.includes('\u0303')) return 4
  if (d.includes('\u0323')) return 5
  return 0
}

export function hasMarks(s: string): boolean {
  return /[đĐ]/.test(s) || /[\u0300-\u036f]/u.test(s.normalize('NFD'))
}

const VOWEL_BASES = 'aăâeêioôơuưy'
/** Lower-case Vietnamese letters (base + marks) as one class. */
export const VI_LETTER = /^[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$/u

// Onsets and rhymes of Vietnamese orthography, to tell real syllables from foreign words and garbage.
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?'
const RHYME =
  '(?:[aăâeêioôơuưy]|oa|oă|oe|uâ|uê|uy|uơ|ươ|ưa|ưu|ươu|ua|uô|ia|iê|yê|iu|ai|ao|au|ay|âu|ây|eo|êu|oi|ôi|ơi|ui|ưi|uôi|ươi|oai|oay|uây|uya|uyê|yêu|iêu|oeo|uyu|uơi|oao)' +
  '(?:c|ch|m|n|ng|nh|p|t)?'
const SHAPE = new RegExp(`^${ONSET}${RHYME}$`, 'u')
// the same with every mark removed: the shape a de-accented syllable keeps
const PLAIN_SHAPE = new RegExp(`^${stripDiacritics(ONSET)}${stripDiacritics(RHYME)}$`, 'u')

/** True for a lower-case token spelled like a syllable with its marks removed (chuong, duoc). */
export function isPlainSyllableShape(lower: string): boolean {
  return lower.length <= 7 && PLAIN_SHAPE.test(lower)
}

/**
 * True for a lower-case token spelled like a Vietnamese syllable (onset + rhyme, at most one tone).
 * Loose on purpose (it accepts some impossible rhyme/coda pairs); the corpus frequency does the rest.
 */
export function isSyllableShape(lower: string): boolean {
  if (lower.length > 7 || !VI_LETTER.test(lower)) return false
  const d = lower.normalize('NFD')
  const tones = d.match(/[\u0300\u0301\u0303\u0309\u0323]/gu)
  if (tones && tones.length > 1) return false
  // base with hats/horns/breve kept, tone removed
  const base = d.replace(/[\u0300\u0301\u0303\u0309\u0323]/gu, '').normalize('NFC')
  return SHAPE.test(base)
}

// Old ("hòa, thủy") versus new ("hoà, thuỷ") tone placement on open oa/oe/uy rhymes. The project's
// gold and labels use the old placement, so the model counts and emits that one.
const NEW_PLACEMENT = [/(^|[^q])(o)([àáảãạ])$/u, /(^|[^q])(o)([èéẻẽẹ])$/u, /(^|[^q])(u)([ỳýỷỹỵ])$/u]
export function oldTonePlacement(syl: string): string {
  for (const re of NEW_PLACEMENT) {
    const m = re.exec(syl)
    if (!m) continue
    const tone = m[3].normalize('NFD').match(TONE_MARKS)?.[0] ?? ''
    const plain = m[3].normalize('NFD').replace(TONE_MARKS, '').normalize('NFC')
    const moved = (m[2] + tone).normalize('NFC') + plain
    return syl.slice(0, m.index) + m[1] + moved
  }
  return syl
}

export function isVowelBase(ch: string): boolean {
  return VOWEL_BASES.includes(ch)
}
