/**
 * Drop OCR "words" that are speckle or margin noise, decided only from what tesseract reports for
 * each word (text, box, confidence) and its line — never from a dictionary. Conservative by design:
 * every rule needs two independent signs of noise (e.g. low confidence AND no letters; a tiny box
 * AND a detached position), so real punctuation inside sentences ("2021-2025;", "Độc lập - Tự do",
 * a "-" list marker read with normal confidence) stays. Measured in docs/ocr.md (`npm run eval:ocr`).
 *
 * Sizes are relative to the line's height `lh`: the median box height of the line's words that have
 * letters or digits (tesseract's own line box is inflated by the specks themselves).
 */
import type { PageLine, PageWord, SourcePage } from '../schema/page.js'
import type { Box } from '../schema/provenance.js'

export type DropReason = 'punct-low-conf' | 'punct-speck-edge' | 'tiny-box' | 'isolated-short'

/** Thresholds, exported for the tests and the docs. */
export const NOISE = {
  /** a word with no letter/digit below this confidence is noise, unless it sits inside a sentence */
  punctConf: 0.8,
  /** "inside a sentence": both neighbours closer than this × lh … */
  innerGap: 0.75,
  /** … and a box at least this × lh on its longer side (a real dash or comma, not a dust dot) */
  innerMinSize: 0.15,
  /** dot-like tokens at a line's edge with a box under this × lh on its longer side are dust, whatever the confidence */
  edgeSpeckSize: 0.25,
  /** … at the line's end only when detached from the previous word by more than this × lh */
  edgeSpeckGap: 0.5,
  /** a word with letters/digits whose box is under this × lh both ways is a speck (a real "n" is ≈ 0.45 lh tall) */
  tinyBox: 0.3,
  /** isolated short words: letters only, ≤ 2 characters, both gaps (or the line's edge) wider than this × lh … */
  isolatedGap: 1.5,
  /** … and confidence under this with a height outside `normalHeight` × lh … */
  isolatedConf: 0.4,
  normalHeight: [0.7, 1.3] as const,
  /** … or confidence under this whatever the height */
  isolatedVeryLowConf: 0.1,
} as const

const HAS_ALNUM = /[\p{L}\p{N}]/u
const LETTERS_ONLY = /^\p{L}+$/u
/** dust reads as these; dashes, brackets and quotation marks are left to the confidence rule */
const DOT_LIKE = /^[.,:;'`ˆ„‚·…]+$/u

const height = (b: Box) => b[3] - b[1]
const width = (b: Box) => b[2] - b[0]
const graphemes = (s: string) => [...s.normalize('NFC')].filter((c) => !/\p{M}/u.test(c)).length

function median(xs: number[]): number {
  if (!xs.length) return 0
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/** The line height used as the size yardstick (see the module comment); 0 when unknown. */
export function lineHeight(words: PageWord[], fallback = 0): number {
  const h = median(words.filter((w) => HAS_ALNUM.test(w.text)).map((w) => height(w.box)))
  return h > 0 ? h : fallback
}

/**
 * Why `words[i]` is noise, or null to keep it. `lh`: the line height (see `lineHeight`).
 * Gaps are measured to the neighbours still kept, so the caller can peel noise off a line's edges.
 */
export function noiseReason(words: PageWord[], i: number, lh: number): DropReason | null {
  const w = words[i]
  if (!(lh > 0)) return null
  const prev = words[i - 1]
  const next = words[i + 1]
  const gapL = prev ? w.box[0] - prev.box[2] : Infinity
  const gapR = next ? next.box[0] - w.box[2] : Infinity
  const size = Math.max(width(w.box), height(w.box))

  if (!HAS_ALNUM.test(w.text)) {
    const inner = prev && next && gapL <= NOISE.innerGap * lh && gapR <= NOISE.innerGap * lh && size >= NOISE.innerMinSize * lh
    if (w.conf < NOISE.punctConf && !inner) return 'punct-low-conf'
    if (DOT_LIKE.test(w.text) && size < NOISE.edgeSpeckSize * lh && (!prev || (!next && gapL > NOISE.edgeSpeckGap * lh))) {
      return 'punct-speck-edge'
    }
    return null
  }
  if (width(w.box) < NOISE.tinyBox * lh && height(w.box) < NOISE.tinyBox * lh) return 'tiny-box'
  if (LETTERS_ONLY.test(w.text) && graphemes(w.text) <= 2 && gapL > NOISE.isolatedGap * lh && gapR > NOISE.isolatedGap * lh) {
    const h = height(w.box) / lh
    const odd = h < NOISE.normalHeight[0] || h > NOISE.normalHeight[1]
    if (w.conf < NOISE.isolatedVeryLowConf || (w.conf < NOISE.isolatedConf && odd)) return 'isolated-short'
  }
  return null
}

/**
 * The words of one line without the noise. Repeats until nothing changes, so that a run of dust
 * ("RE .." between the header columns) goes even when one speck shielded another.
 */
export function denoiseWords(words: PageWord[], fallbackHeight = 0): { kept: PageWord[]; dropped: { word: PageWord; reason: DropReason }[] } {
  const lh = lineHeight(words, fallbackHeight)
  let kept = words
  const dropped: { word: PageWord; reason: DropReason }[] = []
  for (let pass = 0; pass < 4; pass++) {
    const next: PageWord[] = []
    kept.forEach((w, i) => {
      const reason = noiseReason(kept, i, lh)
      if (reason) dropped.push({ word: w, reason })
      else next.push(w)
    })
    if (next.length === kept.length) break
    kept = next
  }
  return { kept, dropped }
}

const round = (v: number) => Math.round(v * 1000) / 1000

/** The page without noise words; lines left empty go; text, box and confidence recomputed where words went. */
export function denoisePage(page: SourcePage): SourcePage {
  const all = page.lines.flatMap((l) => l.words ?? [])
  const pageLh = lineHeight(all)
  const lines: PageLine[] = []
  for (const line of page.lines) {
    if (!line.words?.length) {
      lines.push(line)
      continue
    }
    const { kept } = denoiseWords(line.words, pageLh)
    if (kept.length === line.words.length) lines.push(line)
    else if (kept.length) {
      const box: Box = [
        Math.min(...kept.map((w) => w.box[0])),
        Math.min(...kept.map((w) => w.box[1])),
        Math.max(...kept.map((w) => w.box[2])),
        Math.max(...kept.map((w) => w.box[3])),
      ]
      const conf = round(kept.reduce((s, w) => s + w.conf, 0) / kept.length)
      lines.push({ ...line, text: kept.map((w) => w.text).join(' '), box, conf, words: kept })
    }
  }
  const words = lines.flatMap((l) => l.words ?? [])
  const confidence = words.length ? round(words.reduce((s, w) => s + w.conf, 0) / words.length) : page.confidence
  return { ...page, lines, confidence }
}
