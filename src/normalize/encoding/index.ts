// Legacy-encoding layer: finds lines (or runs of tokens inside a line) written in a legacy
// Vietnamese encoding and converts them to Unicode. Conversion happens only where it turns
// invalid tokens into Vietnamese syllables and leaves the line reading as Vietnamese;
// text that is already good Unicode is returned byte for byte. Line k out = line k in.
import { hasVietnameseMarks, isVietnameseSyllable } from '../syllable.js'
import { decodeMojibake, encodeMojibake, mojibakeSignature } from './mojibake.js'
import { decodeTcvn3, encodeTcvn3, tcvn3Signature } from './tcvn3.js'
import { decodeViqr, encodeViqr, viqrSignature } from './viqr.js'
import { decodeVni, encodeVni, vniSignature } from './vni.js'

export { encodeMojibake, encodeTcvn3, encodeViqr, encodeVni, decodeMojibake, decodeTcvn3, decodeViqr, decodeVni }

export type LegacyEncoding = 'utf8-as-cp1252' | 'tcvn3' | 'vni' | 'viqr'

interface Codec {
  name: LegacyEncoding
  decode: (run: string, line: string) => string
  // Occurrences of what only this encoding produces (not ordinary Vietnamese letters), so a
  // line without any is never converted on its own, however lucky its tokens.
  signature: (line: string) => number
  // Tokens a line must improve before one codec is trusted on it alone. VIQR's marks are
  // ordinary punctuation (. ? ' ~), so a single lucky token is not evidence.
  minImproved: number
  minShareAfter: number // share of syllables the converted line must reach
  // What one token is: whitespace-separated, except where the encoding itself produces spaces
  chunk: RegExp
}

// Order breaks ties: mojibake is the most specific signature, VIQR the least.
// NBSP is part of a token: TCVN3, VNI and mojibake bytes can be 0xA0. In mojibake a lead
// byte whose 0xA0 continuation was flattened to a space ("Ã " for à) keeps its space.
const TOKEN = /(?:[^\s]|\u00A0)+/g
const MOJIBAKE_TOKEN = /(?:[^\s]|\u00A0|(?<=[\u00C3\u00C6]|\u00E1[\u00BA\u00BB]) (?=\S))+/g
export const CODECS: readonly Codec[] = [
  { name: 'utf8-as-cp1252', decode: decodeMojibake, signature: mojibakeSignature, minImproved: 1, minShareAfter: 0.5, chunk: MOJIBAKE_TOKEN },
  { name: 'tcvn3', decode: decodeTcvn3, signature: tcvn3Signature, minImproved: 1, minShareAfter: 0.75, chunk: TOKEN },
  { name: 'vni', decode: decodeVni, signature: vniSignature, minImproved: 1, minShareAfter: 0.75, chunk: TOKEN },
  { name: 'viqr', decode: decodeViqr, signature: viqrSignature, minImproved: 2, minShareAfter: 0.75, chunk: TOKEN },
]

const VIQR_ONLY = CODECS.filter((c) => c.name === 'viqr')

export interface EncodingChange {
  line: number // 0-based line index (same as Prov.lines)
  column: number // 0-based UTF-16 offset in the input line
  from: string
  to: string
  confidence: number
  layer: 'encoding'
}

// Letters no legacy 8-bit text can contain: a line holding them is (at least partly) Unicode.
const NATIVE_VIETNAMESE = /[ăĂđĐĩĨũŨơƠưƯ\u1EA0-\u1EF9]/
const WORD = /[\p{L}\p{M}]+/gu

interface ChunkTrial {
  start: number
  from: string
  to: string
  badBefore: number
  badAfter: number
  validAfter: boolean // every word of the decoded chunk is a syllable
}

interface LineTrial {
  codec: Codec
  chunks: ChunkTrial[] // chunks the codec changes
  improved: number
  worsened: number
  shareBefore: number
  shareAfter: number
  markedAfter: number // share of words with Vietnamese marks after conversion
  signature: number
  validChanged: number // changed tokens that read as Vietnamese afterwards
  native: boolean
}

// Symbols wedged between letters ("No^.i", "Ch¸nh"): clean text has none, legacy text many.
const WEDGED = /(?<=[\p{L}\p{M}])[^\p{L}\p{M}\d\s\-\/&_,;:]+(?=[\p{L}\p{M}])/gu
// Document codes ("QĐ-TTg", "LĐ-TB&XH") are not syllables before or after: not evidence.
const CODE_LIKE = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*\p{Lu}/u

// Latin-1 symbols and other symbols stuck to a letter ("®ã", "So+", "Ná»™i"): never in clean words.
const STUCK_SYMBOL = /(?<=[\p{L}\p{M}])[\p{S}\u00A1-\u00BF\u00AD]|[\p{S}\u00A1-\u00BF\u00AD](?=[\p{L}\p{M}])/gu
// Abbreviations in plain capitals (UBND, LĐ, TB&XH) and list markers ("c)") are not
// syllables in any encoding: they count neither for nor against a conversion.
const ABBREVIATION = /^[A-ZĐ]{2,}$/
const LIST_MARKER = /^[a-zđ]$/

function invalidWords(s: string): { bad: number; words: number } {
  const nfc = s.normalize('NFC')
  let bad = (nfc.match(WEDGED)?.length ?? 0) + (nfc.match(STUCK_SYMBOL)?.length ?? 0)
  let words = 0
  for (const m of nfc.matchAll(WORD)) {
    const w = m[0]
    if (isVietnameseSyllable(w)) words++
    else if (ABBREVIATION.test(w) || (LIST_MARKER.test(w) && nfc[m.index + 1] === ')')) continue
    else {
      words++
      bad++
    }
  }
  return { bad, words }
}

function markedWords(s: string): number {
  let n = 0
  for (const m of s.normalize('NFC').matchAll(WORD)) if (hasVietnameseMarks(m[0])) n++
  return n
}

export function tryLine(line: string, codec: Codec): LineTrial {
  const chunks: ChunkTrial[] = []
  let improved = 0
  let worsened = 0
  for (const m of line.matchAll(codec.chunk)) {
    const to = codec.decode(m[0], line).normalize('NFC')
    if (to === m[0] || to === m[0].normalize('NFC')) continue
    const before = invalidWords(m[0])
    const after = invalidWords(to)
    if (after.bad < before.bad) improved++
    else if (after.bad > before.bad) worsened++
    chunks.push({ start: m.index, from: m[0], to, badBefore: before.bad, badAfter: after.bad, validAfter: after.bad === 0 })
  }
  const whole = invalidWords(line)
  let badAfter = whole.bad
  let wordsAfter = whole.words
  let marked = markedWords(line)
  let validChanged = 0
  for (const c of chunks) {
    const b = invalidWords(c.from)
    const a = invalidWords(c.to)
    badAfter += a.bad - b.bad
    wordsAfter += a.words - b.words
    marked += markedWords(c.to) - markedWords(c.from)
    if (c.validAfter || (c.badAfter <= c.badBefore && CODE_LIKE.test(c.to))) validChanged++
  }
  const share = (bad: number, words: number) => (words === 0 ? 0 : 1 - bad / words)
  return {
    codec, chunks, improved, worsened,
    shareBefore: share(whole.bad, whole.words),
    shareAfter: share(badAfter, wordsAfter),
    markedAfter: wordsAfter === 0 ? 0 : marked / wordsAfter,
    validChanged,
    signature: codec.signature(line),
    native: NATIVE_VIETNAMESE.test(line),
  }
}

// Clear evidence on its own: enough tokens repaired, few broken, nearly every changed token
// reads as Vietnamese, and the line reads as marked Vietnamese afterwards (written Vietnamese
// marks most syllables; a stray symbol in English-model OCR, "é" or "~", does not do that).
// A line that already holds Unicode Vietnamese letters needs more.
function convincing(t: LineTrial): boolean {
  const need = t.native ? Math.max(2, t.codec.minImproved) : t.codec.minImproved
  return (
    t.signature > 0 &&
    t.improved >= need &&
    t.improved >= 0.5 * t.chunks.length &&
    t.worsened * 4 <= t.improved &&
    t.validChanged >= 0.8 * t.chunks.length &&
    t.shareAfter >= t.codec.minShareAfter &&
    t.shareAfter > t.shareBefore &&
    t.markedAfter >= 0.35
  )
}

// Weaker evidence, accepted once the same encoding has been shown on other lines: nothing
// gets worse, changed tokens read as Vietnamese, and either a token is repaired or the
// encoding's own signature is on the line ("Hoàng" is VNI "Hồng" only in a VNI document).
function consistent(t: LineTrial): boolean {
  return (
    t.chunks.length > 0 &&
    t.worsened === 0 &&
    !t.native &&
    t.validChanged >= 0.7 * t.chunks.length &&
    ((t.improved >= 1 && t.improved >= 0.3 * t.chunks.length) || t.signature > 0)
  )
}

function confidenceOf(t: LineTrial, chunk: ChunkTrial, byDocument: boolean): number {
  const evidence = 1 - 0.5 ** (t.improved + 1) // 1 token: .75, 2: .875, 3+: ≥ .94
  const own = chunk.badAfter < chunk.badBefore ? 1 : 0.8 // carried along by the line
  return Math.round(evidence * t.shareAfter * own * (byDocument ? 0.9 : 1) * 1000) / 1000
}

function apply(line: string, lineNo: number, t: LineTrial, byDocument: boolean, changes: EncodingChange[]): string {
  let out = ''
  let last = 0
  for (const c of t.chunks) {
    // in a converted line every token the encoding touches is converted, unless it gets worse
    // or was already Unicode Vietnamese (a span pasted into a legacy line)
    const take = c.badAfter < c.badBefore || (c.badAfter === c.badBefore && !NATIVE_VIETNAMESE.test(c.from))
    if (!take) continue
    out += line.slice(last, c.start) + c.to
    last = c.start + c.from.length
    changes.push({ line: lineNo, column: c.start, from: c.from, to: c.to, confidence: confidenceOf(t, c, byDocument), layer: 'encoding' })
  }
  return out + line.slice(last)
}

function best(trials: LineTrial[], accept: (t: LineTrial) => boolean): LineTrial | null {
  let winner: LineTrial | null = null
  for (const t of trials) {
    if (!accept(t)) continue
    if (!winner || t.improved - 2 * t.worsened > winner.improved - 2 * winner.worsened) winner = t
  }
  return winner
}

/**
 * Detects legacy encodings per line and converts the tokens they repair. `encoding` is the
 * encoding converted on most lines (null when nothing was converted).
 */
/** Only VIQR writes Vietnamese in plain ASCII: the byte-level codecs need non-ASCII characters. */
function codecsFor(line: string): readonly Codec[] {
  return /[^\x00-\x7F]/.test(line) ? CODECS : VIQR_ONLY
}

// A trial whose codec's signature is absent from the line is never convincing and is not counted for
// refuting: only lines carrying a signature are tried (most clean and de-accented lines carry none).
export function detectAndConvert(text: string): { text: string; encoding: string | null; changes: EncodingChange[] } {
  const lines = text.split('\n')
  const candidates = lines.map((line) =>
    /[^\x00-\x7F]|[\^(+*'`?~.]|dd/i.test(line) ? codecsFor(line).filter((c) => c.signature(line) > 0).map((c) => tryLine(line, c)) : null,
  )
  // An encoding is refuted for the document when its own signature shows up on many lines
  // but few of them convert convincingly (English-model OCR writes "é" and "¢" in otherwise
  // unmarked text; TCVN3 reads them as letters). Mixed documents keep the legacy spans.
  const refuted = new Set<LegacyEncoding>()
  for (const codec of CODECS) {
    let signed = 0
    let convinced = 0
    for (const trials of candidates) {
      const t = trials?.find((x) => x.codec === codec)
      if (!t || t.signature === 0) continue
      signed++
      if (convincing(t)) convinced++
    }
    if (signed >= 5 && convinced < 0.3 * signed) refuted.add(codec.name)
  }
  const chosen = candidates.map((trials) =>
    trials ? best(trials.filter((t) => !refuted.has(t.codec.name)), convincing) : null,
  )
  // Document evidence: an encoding shown on two lines or more is tried again, with a lower
  // bar, on the lines where it was not convincing alone (short lines, headings).
  const votes = new Map<LegacyEncoding, number>()
  for (const t of chosen) if (t) votes.set(t.codec.name, (votes.get(t.codec.name) ?? 0) + 1)
  const [top] = [...votes.entries()].sort((a, b) => b[1] - a[1])
  const documentCodec = top && top[1] >= 2 ? CODECS.find((c) => c.name === top[0]) : undefined

  const changes: EncodingChange[] = []
  const out = lines.map((line, i) => {
    const own = chosen[i]
    if (own) return apply(line, i, own, false, changes)
    if (!documentCodec) return line
    const t = tryLine(line, documentCodec)
    return consistent(t) ? apply(line, i, t, true, changes) : line
  })
  const counts = new Map<LegacyEncoding, number>()
  out.forEach((l, i) => {
    if (l !== lines[i]) {
      const name = (chosen[i] ?? { codec: documentCodec! }).codec.name
      counts.set(name, (counts.get(name) ?? 0) + 1)
    }
  })
  const [dominant] = [...counts.entries()].sort((a, b) => b[1] - a[1])
  return { text: out.join('\n'), encoding: dominant ? dominant[0] : null, changes }
}
