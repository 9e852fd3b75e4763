// A line cut into the pieces the decoder reasons about: words (possibly garbled), numbers, protected
// spans (codes, dates, abbreviations) and phrase breaks. Offsets are UTF-16 columns in the line.
import { protectedSpans } from './protect-adapter.js'

export type Piece =
  | { kind: 'word'; start: number; end: number; text: string }
  | { kind: 'num'; start: number; end: number; text: string }
  | { kind: 'fixed'; start: number; end: number; text: string; replacement: string }
  | { kind: 'break' }

// Punctuation around a word (not glyphs that garbled text uses for letters: ' ~ \ € } ( & ¢), and list
// bullets glued to it (HOI• = HỘI then a bullet). A trailing dash is punctuation too (nghèo- Không: the OCR
// lost the space before the dash).
const EDGE_MARKS = '.,;:!?"“”«»…()\\][*_#/•●▪■□◦○►➢✓'
const LEADING = new RegExp(`^[${EDGE_MARKS}]+`, 'u')
const TRAILING = new RegExp(`[${EDGE_MARKS}]+$|(?<=\\p{L})[-–—]+$`, 'u')
const PHRASE_END = /[.,;:!?"“”«»…()[\]|/•●▪■□◦○►➢✓]/u
// a list number glued to its heading's first word (1.Mục đích, II.NHIỆM VỤ, a)Thực hiện: the OCR lost the
// space): the number is left as it is, the word is read
const LIST_MARK = /^(?:(?:\p{N}{1,2}|[IVX]{1,4})[.)]|[a-zđ]\))(?=\p{L})/u
const HAS_LETTER = /\p{L}/u
// a free-standing dash (Độc lập - Tự do): the model's phrases run through it, as in training
const DASH = /^[-–—]+$/u
// A word may carry glyphs that stand for letters in broken text: digits, ~ \ ' ’ € ¢ & ¥ @ } ( ) < and
// punctuation inside it (a legacy font's `l)` for ụ: Ml)C = MỤC, `e;t` for ạ: hoe;tch = hoạch, `,!` for ự:
// th,!c = thực; punctuation at a word's edges is stripped first)
const WORDLIKE = /^[\p{L}\p{N}~\\'’`€¢&¥@}(){*:,;!?<]+$/u
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
      let end = tokStart
      while (f < fixed.length && fixed[f].start < tokEnd) {
        const sp = fixed[f]
        if (sp.start >= tokStart) out.push({ kind: 'fixed', start: sp.start, end: sp.end, text: line.slice(sp.start, sp.end), replacement: sp.replacement })
        end = sp.end
        if (sp.end > tokEnd) break // runs on into the next token
        f++
      }
      // a word glued after a number or code (1.Mục đích, II.NHIỆM VỤ) is read on its own
      if (end < tokEnd && HAS_LETTER.test(line.slice(end, tokEnd))) tokenPieces(line.slice(end, tokEnd), end, out)
      continue
    }
    if (m[0].includes('|')) borderedPieces(m[0], tokStart, out)
    else tokenPieces(m[0], tokStart, out)
  }
  return out
}

/**
 * A token holding a table's column border (`thanh|thuc`, `|Nhiém`: the OCR read the rule between cells as
 * `|` and lost the spaces): the parts on either side are read apart, with a phrase break at each border.
 */
function borderedPieces(token: string, at: number, out: Piece[]): void {
  let pos = 0
  for (const part of token.split('|')) {
    if (pos > 0) out.push({ kind: 'break' })
    if (part) tokenPieces(part, at + pos, out)
    pos += part.length + 1
  }
}

/** The pieces of one whitespace-delimited token (no protected span in it) that starts at column `at`. */
function tokenPieces(token: string, at: number, out: Piece[]): void {
  const unmarked = token.replace(LEADING, '')
  const lead = token.length - unmarked.replace(LIST_MARK, '').length
  const core = token.slice(lead).replace(TRAILING, '')
  if (lead > 0 || PHRASE_END.test(token[0])) out.push({ kind: 'break' })
  const start = at + lead, end = start + core.length
  if (!core) return
  if (/^\p{N}+$/u.test(core)) out.push({ kind: 'num', start, end, text: core })
  else if ((HAS_LETTER.test(core) || VOWEL_GLYPH.test(core)) && WORDLIKE.test(core)) {
    out.push({ kind: 'word', start, end, text: core })
  } else if (/^[\p{L}\p{N}]+([-/][\p{L}\p{N}]+)+$/u.test(core)) {
    // split on internal hyphens/slashes the LM treats as separate words (kinh-te, a/b)
    let pos = start
    for (const part of core.split(/([-/])/)) {
      if (part === '-' || part === '/') {
        // the model's training reads kinh-te, a/b as words in one phrase (tokenize.ts): no break
      } else if (part) out.push(/^\p{N}+$/u.test(part) ? { kind: 'num', start: pos, end: pos + part.length, text: part } : { kind: 'word', start: pos, end: pos + part.length, text: part })
      pos += part.length
    }
  } else if (!DASH.test(core)) out.push({ kind: 'break' })
  if (PHRASE_END.test(token[token.length - 1])) out.push({ kind: 'break' })
}
