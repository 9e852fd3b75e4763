// The extractors' view of the document: cleaned lines with their positions.
import { stripDiacritics } from '../normalize/syllable.js'
import type { DocLine, LaidOutDocument } from '../layout/document.js'
import type { Prov } from '../schema/provenance.js'
import type { Position } from '../report.js'
import { clean, foldForSearch } from './text.js'
import { ATTACHMENT_NOTE } from './data/header-patterns.js'

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

/**
 * The laid-out lines, with one repair: the layout stage may give the end block's columns one
 * after the other (all of "Nơi nhận", then the signature) down to the page's end. When a document
 * is attached after the signature (a Quyết định that issues a plan prints the plan after it, with
 * "(Ban hành kèm theo Quyết định số …)", Nghị định 30/2020/NĐ-CP Phụ lục I mục II.7), that run
 * also holds the attached plan's text, whose "-" items would be read out of place; the run is
 * put back in printed order (page, line, then left to right), as the end block reads it anyway.
 */
export function toXLines(doc: LaidOutDocument): XLine[] {
  const src = [...doc.lines]
  const runStart = src.findIndex((l) => l.block === 'end')
  if (runStart >= 0) {
    let runEnd = runStart
    while (runEnd < src.length && src[runEnd].block === 'end') runEnd++
    const run = src.slice(runStart, runEnd)
    if (run.some((l) => ATTACHMENT_NOTE.test(foldForSearch(clean(l.text))))) {
      const sorted = run.map((l, k) => ({ l, k })).sort((a, b) => a.l.page - b.l.page || a.l.line - b.l.line || (a.l.span?.[0] ?? 0) - (b.l.span?.[0] ?? 0) || a.k - b.k).map((x) => x.l)
      src.splice(runStart, run.length, ...sorted)
    }
  }
  return src.map((l, i) => {
    const text = clean(l.text)
    return { i, page: l.page, line: l.line, text, fold: foldForSearch(text), src: l }
  })
}

/** Per-character fold that keeps offsets: "Hớn Quản" → "hon quan" (same length). */
export function foldKeep(s: string): string {
  let out = ''
  for (const ch of s) {
    const f = stripDiacritics(ch).toLowerCase()
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
