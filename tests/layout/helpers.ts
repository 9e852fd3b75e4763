import type { PageLine, PageWord, SourcePage } from '../../src/schema/page.js'
import type { NormalizedPage } from '../../src/layout/index.js'

/** A line of words laid out from `x` with a fixed char width; `gapAfter` adds a column gap after word i. */
export function line(text: string, x: number, y: number, opts: { ch?: number; h?: number; gaps?: Record<number, number> } = {}): PageLine {
  const ch = opts.ch ?? 20
  const h = opts.h ?? 40
  const words: PageWord[] = []
  let at = x
  text.split(' ').forEach((w, i) => {
    words.push({ text: w, box: [at, y, at + w.length * ch, y + h], conf: 0.9 })
    at += w.length * ch + ch + (opts.gaps?.[i] ?? 0)
  })
  const box: [number, number, number, number] = [words[0].box[0], y, words[words.length - 1].box[2], y + h]
  return { text, box, conf: 0.9, words }
}

export function page(n: number, lines: PageLine[], extra: Partial<SourcePage> = {}): NormalizedPage {
  return { page: n, origin: 'ocr', width: 2480, height: 3508, dpi: 300, lines, confidence: 0.9, ...extra, normalizedLines: lines.map((l) => l.text) }
}
