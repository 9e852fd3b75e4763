/**
 * Box helpers shared by the layout stage, and the one piece of bookkeeping that lets it work on
 * normalized text while measuring raw OCR words: which normalized tokens belong to which raw word.
 */
import type { Box } from '../schema/provenance.js'
import type { PageLine, PageWord } from '../schema/page.js'

export const cx = (b: Box) => (b[0] + b[2]) / 2
export const cy = (b: Box) => (b[1] + b[3]) / 2
export const bw = (b: Box) => b[2] - b[0]
export const bh = (b: Box) => b[3] - b[1]

export function unionBox(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined
  let [x0, y0, x1, y1] = boxes[0]
  for (const b of boxes) {
    x0 = Math.min(x0, b[0])
    y0 = Math.min(y0, b[1])
    x1 = Math.max(x1, b[2])
    y1 = Math.max(y1, b[3])
  }
  return [x0, y0, x1, y1]
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Words of a line; a line that has a box but no words counts as one word. */
export function wordsOf(line: PageLine): PageWord[] {
  if (line.words && line.words.length > 0) return line.words
  if (line.box && line.text.trim()) return [{ text: line.text.trim(), box: line.box, conf: line.conf ?? 1 }]
  return []
}

/** Character ranges of the whitespace-separated tokens of `s`. */
export function tokenRanges(s: string): [number, number][] {
  const out: [number, number][] = []
  for (const m of s.matchAll(/\S+/g)) out.push([m.index ?? 0, (m.index ?? 0) + m[0].length])
  return out
}

/**
 * For each raw word of a line, the character range of the normalized line that stands for it
 * (null when the normalizer merged it into a neighbour). Equal token counts map one to one;
 * otherwise each normalized token goes to the raw word whose scaled position overlaps its middle.
 */
export function alignWords(rawWords: readonly string[], normalized: string): ([number, number] | null)[] {
  const norm = tokenRanges(normalized)
  if (norm.length === rawWords.length) return norm
  const out: ([number, number] | null)[] = rawWords.map(() => null)
  if (rawWords.length === 0) return out
  // raw positions as if the words were joined by single spaces
  const starts: number[] = []
  let pos = 0
  for (const w of rawWords) {
    starts.push(pos)
    pos += w.length + 1
  }
  const rawLen = Math.max(1, pos - 1)
  const scale = rawLen / Math.max(1, normalized.length)
  for (const [a, b] of norm) {
    const mid = ((a + b) / 2) * scale
    let k = 0
    while (k + 1 < rawWords.length && starts[k + 1] <= mid) k++
    const cur = out[k]
    out[k] = cur ? [cur[0], b] : [a, b]
  }
  return out
}

/** The normalized text of a run of raw words `from..to` (inclusive) of a line. */
export function normalizedSlice(align: readonly ([number, number] | null)[], normalized: string, from: number, to: number): { text: string; span: [number, number] } | null {
  let a = Infinity
  let b = -Infinity
  for (let i = from; i <= to; i++) {
    const r = align[i]
    if (!r) continue
    a = Math.min(a, r[0])
    b = Math.max(b, r[1])
  }
  if (!Number.isFinite(a)) return null
  return { text: normalized.slice(a, b), span: [a, b] }
}
