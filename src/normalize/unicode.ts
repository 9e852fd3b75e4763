// Unicode layer: one line in, the same line in NFC with one tone placement, invisible
// characters removed, and every change recorded with its column in the input line.
// Run it after encoding/ (detectAndConvert): TCVN3 writes ư as U+00AD and mojibake keeps
// bytes 0x80–0x9F as C1 controls, both of which this layer deletes as invisible.
import { memoised } from './memo.js'
import {
  TONE_MARKS,
  canonicalTonePlacement,
  parseSyllable,
  placeTone,
  type Tone,
} from './syllable.js'

export interface UnicodeChange {
  column: number // 0-based UTF-16 index in the input line
  from: string
  to: string
}

// Characters that carry no text: zero-width space/joiners, word joiner, BOM, soft hyphen,
// bidi marks, C0/C1 controls. Tab, CR and LF are layout and stay. (Unicode 15, ch. 23.)
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u206A-\u206F\uFEFF]/

// Latin look-alikes that legacy converters put in place of Vietnamese letters:
// Icelandic eth (U+00D0/U+00F0) for Đ/đ is the usual one (VNI and TCVN3 → Unicode tools).
const LOOKALIKES: Record<string, string> = { '\u00D0': 'Đ', '\u00F0': 'đ' }

const TONE_MARK_SET = new Map(Object.entries(TONE_MARKS).map(([t, m]) => [m, t as Tone]))
// Which base vowels accept which vowel mark (â ê ô / ă / ơ ư).
const VOWEL_MARK_HOSTS: Record<string, string> = { '\u0302': 'aeo', '\u0306': 'a', '\u031B': 'ou' }
const WORD = /[\p{L}\p{M}]+/gu

function hasLooseMark(nfc: string): boolean {
  return /\p{M}/u.test(nfc) // after NFC a mark is left only where it could not compose
}

/**
 * Rebuilds a syllable whose marks were typed in the wrong place ("Viêt" + dot below after t,
 * a mark after the consonant, two copies of one tone). Returns null when the marks do not
 * make one Vietnamese syllable: the token is then left as NFC.
 */
function reattachMarks(token: string): string | null {
  const letters: string[] = []
  const vowelMarks: { mark: string; after: number }[] = []
  const tones = new Set<Tone>()
  for (const ch of token.normalize('NFD')) {
    const tone = TONE_MARK_SET.get(ch)
    if (tone) tones.add(tone)
    else if (VOWEL_MARK_HOSTS[ch]) vowelMarks.push({ mark: ch, after: letters.length - 1 })
    else if (/\p{M}/u.test(ch)) return null // a mark Vietnamese does not use
    else letters.push(ch)
  }
  if (tones.size > 1) return null
  const marked = new Map<number, string>()
  for (const { mark, after } of vowelMarks) {
    const hosts = VOWEL_MARK_HOSTS[mark]
    const fits = (i: number) => i >= 0 && i < letters.length && !marked.has(i) && hosts.includes(letters[i].toLowerCase())
    // the letter it was typed after, else the nearest vowel before it, else after it
    let at = -1
    for (let d = 0; d < letters.length && at < 0; d++) {
      if (fits(after - d)) at = after - d
      else if (d > 0 && fits(after + d)) at = after + d
    }
    if (at < 0) return null
    marked.set(at, mark)
  }
  const base = letters.map((l, i) => l + (marked.get(i) ?? '')).join('').normalize('NFC')
  const [tone] = tones.size ? [...tones] : ['ngang' as Tone]
  const out = placeTone(base, tone)
  return parseSyllable(out) && !hasLooseMark(out) ? out : null
}

function replaceLookalikes(token: string): string {
  if (!/[\u00D0\u00F0]/.test(token)) return token
  const out = token.replace(/[\u00D0\u00F0]/g, (c) => LOOKALIKES[c])
  return parseSyllable(out) ? out : token
}

/** One word token → NFC, marks reattached, tone at the policy position. */
function normalizeToken(token: string): string {
  // (a document repeats its words: each distinct one is worked out once)
  return memoised(tokenMemo, token, normalizeTokenOnce)
}
const tokenMemo = new Map<string, string>()

function normalizeTokenOnce(token: string): string {
  let nfc = replaceLookalikes(token.normalize('NFC'))
  if (hasLooseMark(nfc) || countTones(nfc) > 1) nfc = reattachMarks(nfc) ?? nfc
  return parseSyllable(nfc) ? canonicalTonePlacement(nfc) : nfc
}

function countTones(s: string): number {
  let n = 0
  for (const ch of s.normalize('NFD')) if (TONE_MARK_SET.has(ch)) n++
  return n
}

/**
 * NFC, invisible characters removed, combining marks reattached, one tone placement
 * (traditional: "hòa", "thủy", "Ủy" — see syllable.ts). Typographic quotes and dashes,
 * leading spaces and tabs are kept: the line's layout is evidence for later stages.
 */
export function normalizeUnicode(line: string): { text: string; changes: UnicodeChange[] } {
  const changes: UnicodeChange[] = []
  // Pass 1: drop invisible characters, remembering where each kept character came from.
  let visible = ''
  const origin: number[] = []
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (INVISIBLE.test(ch)) {
      changes.push({ column: i, from: ch, to: '' })
      continue
    }
    visible += ch
    origin.push(i)
  }
  // Pass 2: word by word (a word may hold stray marks, so marks are part of the match).
  let text = ''
  let last = 0
  for (const m of visible.matchAll(WORD)) {
    const start = m.index
    const end = start + m[0].length
    text += visible.slice(last, start)
    const out = normalizeToken(m[0])
    if (out !== m[0]) {
      const from = line.slice(origin[start], origin[end - 1] + 1)
      changes.push({ column: origin[start], from: stripInvisible(from), to: out })
    }
    text += out
    last = end
  }
  text += visible.slice(last)
  changes.sort((a, b) => a.column - b.column)
  return { text: text.normalize('NFC'), changes }
}

function stripInvisible(s: string): string {
  return [...s].filter((c) => !INVISIBLE.test(c)).join('')
}

/**
 * Maps every tone placement of a Vietnamese syllable to the policy one, in NFC, so that
 * "hoà"/"hòa" and "thuỷ"/"thủy" compare equal. Everything else is only NFC-normalised.
 */
export function toneFold(s: string): string {
  return s.normalize('NFC').replace(WORD, (w) => (parseSyllable(w) ? canonicalTonePlacement(w) : w))
}
