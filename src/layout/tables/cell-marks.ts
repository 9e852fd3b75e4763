/**
 * Punctuation that a cell's own OCR read put where Vietnamese writing has none: dust and specks on a
 * poor scan next to a word read as a dot, a colon or a quote ("kỹ. năng", "Vận.động,nguồn",
 * "'chức", "cứu trợ."). The cell's words come with their OCR confidences; marks that orthography
 * rules out go whatever the confidence, marks that may be written (a period, colon or comma ending
 * the cell, a mark standing alone) go only where the OCR was unsure of the word (and a speck next to a
 * word drags its confidence down).
 */

export type ReadWord = { text: string; conf: number }

/**
 * Under this word confidence a cell's final period, colon or comma, or a lone mark, is taken for a speck.
 * Tesseract's confidences on the crops of cells whose text ends without a mark: ≥ 0.93 for a clean
 * word, 0.5–0.9 for a word with a speck glued to it ("trợ.", "năm.", "vụ.").
 */
export const UNSURE_MARK_CONF = 0.93

// Punctuation in Vietnamese as in other Latin-script writing: a period closes a sentence and the next
// one starts with a capital; a mark follows its word and a space follows the mark. No Vietnamese
// syllable holds an apostrophe, and a quotation stands between double quotes (“…” or "…"), in pairs.
/**
 * A dot, comma or hyphen, or a run of them, glued between two words of ≥ 2 letters, the second
 * lower-case ("Vận.động", "từng-hộ", "phòng,.chống": syllables are written apart, and no mark follows
 * a comma; "TP.HCM" stays).
 */
const GLUED_MARK = /(?<=\p{L}{2})[.,-]+(?=\p{Ll}{2})/gu
/** A period after a word of ≥ 2 letters ("v." of "v.v." stays) … */
const PERIOD_AFTER_WORD = /(?<=\p{L}{2})\.$/u
/** … when the next word starts lower-case: no sentence ended there. */
const STARTS_LOWER = /^\p{Ll}/u
/** Bars at a word's edges: rule stubs ("sinh |hoạt"); no text writes them. */
const EDGE_BARS = /^[|¦]+|[|¦]+$/gu
/** Apostrophes (single quotes) at a word's edges. */
const EDGE_APOSTROPHES = /^['‘’`]+|['‘’`]+$/gu
/** Double quotes at a word's edges. */
const EDGE_QUOTES = /^["“”]+|["“”]+$/gu
const QUOTE = /["“”]/gu
/** A cell's closing period, colon, semicolon or comma after a word. */
const CLOSING_MARK = /(?<=[\p{L}\p{N})])[.:;,]$/u
/** A token with no letter or digit; a dash standing alone is a range or a list mark ("2025 - 2027"). */
export const NO_WORD = /^[^\p{L}\p{N}]+$/u
const DASH = /^[-–—]$/u

/** The cell's text from its read words, marks no Vietnamese text would carry dropped. */
export function dropStrayMarks(words: readonly ReadWord[]): string {
  const split = words.flatMap((w) => w.text.replace(GLUED_MARK, ' ').split(/\s+/).filter(Boolean).map((text) => ({ text, conf: w.conf })))
  const quotes = split.reduce((n, w) => n + (w.text.match(QUOTE)?.length ?? 0), 0)
  const kept: ReadWord[] = []
  split.forEach((w, i) => {
    let text = w.text.replace(EDGE_BARS, '')
    if (NO_WORD.test(text) && !DASH.test(text) && w.conf < UNSURE_MARK_CONF) return
    // an apostrophe, or an unpaired double quote: a speck (a pair of quotes stays, “…” around a name)
    text = text.replace(EDGE_APOSTROPHES, '')
    if (quotes < 2) text = text.replace(EDGE_QUOTES, '')
    const next = split[i + 1]
    if (next && STARTS_LOWER.test(next.text)) text = text.replace(PERIOD_AFTER_WORD, '')
    if (!next && w.conf < UNSURE_MARK_CONF) text = text.replace(CLOSING_MARK, '')
    if (text) kept.push({ text, conf: w.conf })
  })
  return kept.map((w) => w.text).join(' ')
}
