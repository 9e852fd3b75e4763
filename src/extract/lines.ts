// The extractors' view of the document: cleaned lines with their positions.
import type { DocLine, LaidOutDocument } from '../layout/document.js'
import type { Prov } from '../schema/provenance.js'
import type { Position } from '../report.js'
import { clean, foldForSearch } from './text.js'

export type XLine = {
  /** index in the extractor's line array */
  i: number
  page: number
  line: number
  /** cleaned text (NFC, markup removed, spaces collapsed) */
  text: string
  /** folded text: no marks, lower case */
  fold: string
  src: DocLine
}

export function toXLines(doc: LaidOutDocument): XLine[] {
  return doc.lines.map((l, i) => {
    const text = clean(l.text)
    return { i, page: l.page, line: l.line, text, fold: foldForSearch(text), src: l }
  })
}

/** Per-character fold that keeps offsets: "Hớn Quản" → "hon quan" (same length). */
export function foldKeep(s: string): string {
  let out = ''
  for (const ch of s) {
    const f = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase()
    out += f.length === ch.length ? f : ch.toLowerCase().slice(0, ch.length).padEnd(ch.length, ' ')
  }
  return out
}

export function provOf(from: XLine, to: XLine = from, span?: [number, number]): Prov {
  const p: Prov = { page: from.page, lines: [from.line, to.page === from.page ? Math.max(to.line, from.line) : from.line] }
  if (span) p.span = span
  if (from.src.box) {
    const b = from.src.box
    if (to !== from && to.src.box && to.page === from.page) {
      const c = to.src.box
      p.box = [Math.min(b[0], c[0]), Math.min(b[1], c[1]), Math.max(b[2], c[2]), Math.max(b[3], c[3])]
    } else p.box = b
  }
  return p
}

export function posOf(l: XLine | undefined, column?: number): Position | null {
  if (!l) return null
  return column == null ? { page: l.page, line: l.line } : { page: l.page, line: l.line, column }
}

/** A text assembled from several lines, with a map back from character offsets to lines. */
export type Joined = { text: string; starts: number[]; lines: XLine[] }

export function joinLines(lines: XLine[]): Joined {
  let text = ''
  const starts: number[] = []
  for (const l of lines) {
    if (text) text += ' '
    starts.push(text.length)
    text += l.text
  }
  return { text, starts, lines }
}

/** The line holding character `offset` of a joined text. */
export function lineAt(j: Joined, offset: number): XLine {
  let k = 0
  while (k + 1 < j.starts.length && j.starts[k + 1] <= offset) k++
  return j.lines[k]
}

export function provOfSpan(j: Joined, from: number, to: number): Prov {
  const a = lineAt(j, from)
  const b = lineAt(j, Math.max(from, to - 1))
  return provOf(a, b)
}
