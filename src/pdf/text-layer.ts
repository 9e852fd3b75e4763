/**
 * A PDF page's own text, in the page model: text items grouped into lines by baseline,
 * left → right, words with boxes in PDF points (top-left origin, the page as displayed).
 */
import { Util } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { CorruptInputError } from '../errors.js'
import type { PageLine, PageWord, SourcePage } from '../schema/page.js'
import type { Box } from '../schema/provenance.js'
import type { PdfFile } from './open.js'
import { judgeTextLayer } from './text-quality.js'

/** One placed run of text, in viewport points (top-left origin). */
type Run = { text: string; x0: number; x1: number; baseline: number; size: number }

/** Share of the font size above / below the baseline used for boxes (typical Latin fonts). */
const ASCENT = 0.85
const DESCENT = 0.25

export async function readTextLayer(pdf: PdfFile, page: number): Promise<SourcePage> {
  if (!Number.isInteger(page) || page < 1 || page > pdf.pageCount) {
    throw new RangeError(`page ${page} is outside 1..${pdf.pageCount}`)
  }
  let width: number, height: number, runs: Run[]
  try {
    const p = await pdf.doc.getPage(page)
    const viewport = p.getViewport({ scale: 1 })
    width = viewport.width
    height = viewport.height
    const content = await p.getTextContent({ includeMarkedContent: false, disableNormalization: false })
    runs = []
    for (const item of content.items as TextItem[]) {
      if (typeof item.str !== 'string' || item.str.trim() === '') continue
      const m = Util.transform(viewport.transform, item.transform)
      const size = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]) || 1
      const x0 = m[4]
      // item.width is in user-space units; the viewport is at scale 1, so it is in points already
      const w = item.width > 0 ? item.width : size * 0.5 * item.str.length
      runs.push({ text: item.str.normalize('NFC'), x0, x1: x0 + w, baseline: m[5], size })
    }
    p.cleanup()
  } catch (error) {
    throw new CorruptInputError(`page ${page}: the text layer could not be read: ${(error as Error).message}`, {
      stage: 'pdf',
      cause: error,
    })
  }
  const lines = groupLines(runs).map(toLine)
  const out: SourcePage = { page, origin: 'text-layer', width, height, lines, confidence: null }
  out.confidence = judgeTextLayer(out).score
  return out
}

/** Runs whose baselines lie within 40% of the font size share a line. */
function groupLines(runs: Run[]): Run[][] {
  const sorted = [...runs].sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0)
  const lines: { baseline: number; size: number; runs: Run[] }[] = []
  for (const r of sorted) {
    const last = lines[lines.length - 1]
    if (last && Math.abs(r.baseline - last.baseline) <= 0.4 * Math.max(r.size, last.size)) {
      last.runs.push(r)
    } else {
      lines.push({ baseline: r.baseline, size: r.size, runs: [r] })
    }
  }
  return lines.map((l) => l.runs.sort((a, b) => a.x0 - b.x0))
}

function toLine(runs: Run[]): PageLine {
  const words: PageWord[] = []
  let text = ''
  let prevEnd: number | null = null
  for (const r of runs) {
    const gap = prevEnd === null ? 0 : r.x0 - prevEnd
    if (prevEnd !== null && gap > 0.15 * r.size && !text.endsWith(' ') && !r.text.startsWith(' ')) text += ' '
    text += r.text
    prevEnd = r.x1
    // split the run into words; share its width by character count
    const perChar = (r.x1 - r.x0) / Math.max(1, r.text.length)
    for (const m of r.text.matchAll(/\S+/g)) {
      const x0 = r.x0 + perChar * (m.index ?? 0)
      const box: Box = [round(x0), round(r.baseline - ASCENT * r.size), round(x0 + perChar * m[0].length), round(r.baseline + DESCENT * r.size)]
      const prev = words[words.length - 1]
      // a word cut across runs (no gap) is one word
      if (prev && m.index === 0 && gap <= 0.15 * r.size && !/\s$/.test(text.slice(0, text.length - r.text.length))) {
        prev.text += m[0]
        prev.box = [Math.min(prev.box[0], box[0]), Math.min(prev.box[1], box[1]), Math.max(prev.box[2], box[2]), Math.max(prev.box[3], box[3])]
      } else {
        words.push({ text: m[0], box, conf: 1 })
      }
    }
  }
  text = text.replace(/\s+/g, ' ').trim()
  const box: Box = [
    Math.min(...words.map((w) => w.box[0])),
    Math.min(...words.map((w) => w.box[1])),
    Math.max(...words.map((w) => w.box[2])),
    Math.max(...words.map((w) => w.box[3])),
  ]
  return { text, box, conf: 1, words }
}

const round = (v: number) => Math.round(v * 100) / 100
