// Spans the decoder must not re-spell (document symbols, dates, abbreviations, URLs), with their repaired
// text. The encoding layer's protect.ts owns the rules; this adapter adds a small conservative fallback
// (codes, all-capital non-syllables, URLs) for spans it does not cover.
import { isPlainSyllableShape } from './lm/vietnamese.js'
import { stripDiacritics } from './syllable.js'
import { GLYPH_CLASS, protectedSpans as encodingLayerSpans } from './protect.js'

export type ProtectedSpan = { start: number; end: number; replacement: string }

const URL = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\w+/gu
// 90/QĐ-TTg, 21-NQ/TW, 2021/NĐ-CP, 18-CTr/TU: digits joined to capitals by / or -
const CODE = /\b\d+[\p{L}\d]*(?:\s?[-/]\s?[\p{Lu}\d][\p{L}\d&]*)+/gu
// (capitals glued to a glyph of garbled text are part of a word: KEHO~CH)
const CAPS = new RegExp(`(?<![\\p{L}\\d${GLYPH_CLASS}])\\p{Lu}[\\p{Lu}&]+(?:[-/][\\p{Lu}&]+)*(?![\\p{L}\\d${GLYPH_CLASS}])`, 'gu')

const DIGIT = /\d/
const UPPER = /\p{Lu}/u
function add(spans: ProtectedSpan[], m: RegExpMatchArray): void {
  spans.push({ start: m.index!, end: m.index! + m[0].length, replacement: m[0] })
}

function fallbackSpans(line: string): ProtectedSpan[] {
  const spans: ProtectedSpan[] = []
  // (each pattern is scanned only where a cheap test says it may match)
  if (line.includes('@') || line.includes('www.') || line.includes('://')) for (const m of line.matchAll(URL)) add(spans, m)
  if (DIGIT.test(line)) for (const m of line.matchAll(CODE)) add(spans, m)
  // all-capital tokens that cannot be a syllable (UBND, HĐND, TW) — in upper-case headings the
  // words are syllables and stay restorable
  if (UPPER.test(line))
    for (const m of line.matchAll(CAPS)) {
      const parts = m[0].split(/[-/&]/)
      if (parts.every((p) => p && !isPlainSyllableShape(stripDiacritics(p).toLowerCase()))) add(spans, m)
    }
  if (spans.length < 2) return spans
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  const out: ProtectedSpan[] = []
  for (const s of spans) if (!out.length || s.start >= out[out.length - 1].end) out.push(s)
  return out
}

export function protectedSpans(line: string): ProtectedSpan[] {
  // protect.ts (the encoding layer's rules, which also repair QD→QĐ) wins; the fallback fills gaps
  const own = encodingLayerSpans(line)
  const fallback = fallbackSpans(line)
  if (!fallback.length) return own
  const extra = fallback.filter((f) => own.every((o) => f.end <= o.start || f.start >= o.end))
  return [...own, ...extra].sort((a, b) => a.start - b.start)
}
