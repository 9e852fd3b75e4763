/**
 * Is a PDF's own text layer good Vietnamese, or must the page be OCRed?
 * Scans have no (or a near-empty) layer; English-model OCR left in a PDF keeps letters but drops the
 * marks (Vietnamese prose carries marks on > 50% of syllables); legacy-font mappings produce tokens
 * that are no Vietnamese syllable at all.
 */
import { vietnameseTextScore } from '../normalize/syllable.js'
import type { SourcePage } from '../schema/page.js'

/** Fewer alphabetic tokens than this is no text layer worth reading (a scan, a stamp, a page number). */
export const MIN_TOKENS = 20
/** Born-digital Vietnamese: 60–80% of syllables marked; English-model OCR: < 15%. */
export const MIN_MARKED_SHARE = 0.35
/** Born-digital Vietnamese: ≥ 90% of tokens are valid syllables (names, codes and English words aside). */
export const MIN_VALID_SHARE = 0.75

export type TextLayerVerdict = { usable: boolean; score: number; reason: string }

/** Verdicts by the page's `lines` array: `readTextLayer` judges a page for its confidence and `readPage` asks again. */
const judged = new WeakMap<SourcePage['lines'], TextLayerVerdict>()

export function judgeTextLayer(page: SourcePage): TextLayerVerdict {
  const cached = judged.get(page.lines)
  if (cached) return cached
  const verdict = judge(page)
  judged.set(page.lines, verdict)
  return verdict
}

function judge(page: SourcePage): TextLayerVerdict {
  const text = page.lines.map((l) => l.text).join('\n')
  const { tokens, validShare, markedShare } = vietnameseTextScore(text)
  const pct = (x: number) => `${Math.round(100 * x)}%`
  // score: 0..1, 1 when both shares reach their "good Vietnamese" level
  const score =
    tokens === 0 ? 0 : Math.min(1, validShare / 0.9) * Math.min(1, markedShare / 0.6) * Math.min(1, tokens / MIN_TOKENS)
  const s = Math.round(score * 1000) / 1000
  if (tokens < MIN_TOKENS) {
    return { usable: false, score: s, reason: tokens === 0 ? 'no text layer: OCRed' : `text layer has only ${tokens} words (< ${MIN_TOKENS}): OCRed` }
  }
  if (validShare < MIN_VALID_SHARE) {
    return {
      usable: false,
      score: s,
      reason: `text layer: ${pct(validShare)} of ${tokens} words are Vietnamese syllables (< ${pct(MIN_VALID_SHARE)}; legacy-font or garbled text): re-OCRed`,
    }
  }
  if (markedShare < MIN_MARKED_SHARE) {
    return {
      usable: false,
      score: s,
      reason: `text layer: ${pct(markedShare)} of ${tokens} syllables carry marks (< ${pct(MIN_MARKED_SHARE)}; diacritics lost): re-OCRed`,
    }
  }
  return {
    usable: true,
    score: s,
    reason: `text layer used: ${pct(validShare)} of ${tokens} words are Vietnamese syllables, ${pct(markedShare)} carry marks`,
  }
}
