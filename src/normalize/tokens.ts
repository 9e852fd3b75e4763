// A line cut into the pieces the decoder reasons about: words (possibly garbled), numbers, protected
// spans (codes, dates, abbreviations) and phrase breaks. Offsets are UTF-16 columns in the line.
import { protectedSpans } from './protect-adapter.js'

export type Piece =
  | { kind: 'word'; start: number; end: number; text: string }
  | { kind: 'num'; start: number; end: number; text: string }
  | { kind: 'fixed'; start: number; end: number; text: string; replacement: string }
  | { kind: 'break' }

// Punctuation around a word (not glyphs that garbled text uses for letters: ' ~ \ € } ( & ¢).
// A trailing dash is punctuation too (nghèo- Không: the OCR lost the space before the dash).
const EDGE = /^[.,;:!?"“”«»…()\][*_#]+|[.,;:!?"“”«»…()\][*_#]+$|(?<=\p{L})[-–—]+$/gu
const PHRASE_END = /[.,;:!?"“”«»…()[\]|•]/u
const HAS_LETTER = /\p{L}/u
// a free-standing dash (Độc lập - Tự do): the model's phrases run through it, as in training
const DASH = /^[-–—]+$/u
// A word may carry glyphs that stand for letters in broken text: digits, ~ \ ' ’ € ¢ & ¥ @ } (
const WORDLIKE = /^[\p{L}\p{N}~\\'’`€¢&¥@}({*:,]+$/u
// A bare symbol that English-model OCR writes for a whole marked vowel: `¢` / `&` alone are ở (or có),
// as in "quỹ & cip co so" = quỹ ở cấp cơ sở (shared/dev/002_confusions.md, "the bare ¢ / & tokens")
const VOWEL_GLYPH = /^[¢&¥@]$/u

export function piecesOf(line: string): Piece[] {
  const fixed = protectedSpans(line).sort((a, b) => a.start - b.start)
  const out: Piece[] = []
  const re = /\S+/gu
  let f = 0
  for (const m of line.matchAll(re)) {
    const tokStart = m.index, tokEnd = tokStart + m[0].length
    while (f < fixed.length && fixed[f].end <= tokStart) f++
    if (f < fixed.length && fixed[f].start < tokEnd) {
      // protected spans overlap this token: emit each one that starts in it, whole (once): a token may hold
      // two (10/2019 then NĐ-CP when the symbol pattern did not take it whole)
      while (f < fixed.length && fixed[f].start < tokEnd) {
        const sp = fixed[f]
        if (sp.start >= tokStart) out.push({ kind: 'fixed', start: sp.start, end: sp.end, text: line.slice(sp.start, sp.end), replacement: sp.replacement })
        if (sp.end > tokEnd) break // runs on into the next token
        f++
      }
      continue
    }
    let core = m[0]
    const lead = core.length - core.replace(/^[.,;:!?"“”«»…()\][*_#]+/u, '').length
    core = core.replace(EDGE, '')
    if (lead > 0 || PHRASE_END.test(m[0][0])) out.push({ kind: 'break' })
    const start = tokStart + lead, end = start + core.length
    if (!core) continue
    if (/^\p{N}+$/u.test(core)) out.push({ kind: 'num', start, end, text: core })
    else if ((HAS_LETTER.test(core) || VOWEL_GLYPH.test(core)) && WORDLIKE.test(core)) {
      // split on internal hyphens/slashes the LM treats as separate words (kinh-te, a/b)
      out.push({ kind: 'word', start, end, text: core })
    } else if (/^[\p{L}\p{N}]+([-/][\p{L}\p{N}]+)+$/u.test(core)) {
      let pos = start
      for (const part of core.split(/([-/])/)) {
        if (part === '-' || part === '/') {
          // the model's training reads kinh-te, a/b as words in one phrase (tokenize.ts): no break
        } else if (part) out.push(/^\p{N}+$/u.test(part) ? { kind: 'num', start: pos, end: pos + part.length, text: part } : { kind: 'word', start: pos, end: pos + part.length, text: part })
        pos += part.length
      }
    } else if (!DASH.test(core)) out.push({ kind: 'break' })
    if (PHRASE_END.test(m[0][m[0].length - 1])) out.push({ kind: 'break' })
  }
  return out
}
