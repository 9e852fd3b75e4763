/**
 * Layout: pages (with their normalized lines) → the document the extractors read.
 * - reading order: the page's own line order (OCR or text-layer order), except that the header
 *   block of the first page and the end block give their left column first, then their right one;
 * - header (issuer | motto) and end block (Nơi nhận | signature) lines carry `column`, and a line
 *   Tesseract read across both columns is cut in two at the gap (columns.ts);
 * - lines inside a detected table carry `inTable` (their content reaches the plan through `tables`);
 * - page tables become document tables, joined over pages (tables/join.ts).
 */
import type { SourcePage } from '../schema/page.js'
import type { DocLine, LaidOutDocument } from './document.js'
import { layoutEndBlock, layoutHeader, type PageIn } from './columns.js'
import { cx, cy, wordsOf } from './geometry.js'
import { joinPageTables } from './tables/join.js'

export { layoutPage, type PageLayoutSource } from './page.js'

/** A page after normalization: `normalizedLines[k]` is `lines[k].text` repaired (line-preserving). */
export type NormalizedPage = SourcePage & { normalizedLines: string[] }

/** Page lines that lie inside one of the page's tables (by their words' cell refs, or their centres). */
export function tableLines(p: SourcePage): Set<number> {
  const out = new Set<number>()
  const tables = p.tables ?? []
  if (tables.length === 0) return out
  const referenced = new Map<number, number>()
  for (const t of tables) for (const c of t.cells) for (const [k] of c.words ?? []) referenced.set(k, (referenced.get(k) ?? 0) + 1)
  p.lines.forEach((line, k) => {
    const words = wordsOf(line)
    const refs = referenced.get(k) ?? 0
    if (words.length > 0 && refs >= words.length / 2) {
      out.add(k)
      return
    }
    const inside = words.filter((w) =>
      tables.some((t) => cx(w.box) >= t.box[0] && cx(w.box) <= t.box[2] && cy(w.box) >= t.box[1] && cy(w.box) <= t.box[3]),
    ).length
    if (words.length > 0 && inside >= words.length / 2) out.add(k)
  })
  return out
}

export function layoutDocument(pages: NormalizedPage[]): LaidOutDocument {
  const sorted = [...pages].sort((a, b) => a.page - b.page)
  const ins: PageIn[] = sorted.map((p) => ({ page: p.page, width: p.width, height: p.height, lines: p.lines, normalizedLines: p.normalizedLines }))
  const inTable = sorted.map(tableLines)

  // header: the first page with text; end block: the last "Nơi nhận" within the last three pages
  const firstIdx = sorted.findIndex((p) => p.lines.some((l) => l.text.trim()))
  const header = firstIdx >= 0 ? layoutHeader(ins[firstIdx], inTable[firstIdx]) : null
  let endIdx = -1
  let end: ReturnType<typeof layoutEndBlock> = null
  for (let i = sorted.length - 1; i >= Math.max(0, sorted.length - 3) && !end; i--) {
    const skip = new Set(inTable[i])
    if (i === firstIdx && header) for (const k of header.covered) skip.add(k)
    end = layoutEndBlock(ins[i], skip)
    if (end) endIdx = i
  }

  const lines: DocLine[] = []
  sorted.forEach((p, i) => {
    const blocks: { covered: Set<number>; lines: DocLine[] }[] = []
    if (i === firstIdx && header && header.lines.length > 0) blocks.push(header)
    if (i === endIdx && end) blocks.push(end)
    const emitted = new Set<number>()
    p.lines.forEach((l, k) => {
      const block = blocks.find((b) => b.covered.has(k))
      if (block) {
        const first = Math.min(...block.covered)
        if (!emitted.has(first)) {
          emitted.add(first)
          lines.push(...block.lines)
        }
        return
      }
      const dl: DocLine = { page: p.page, line: k, text: p.normalizedLines[k] ?? l.text, raw: l.text }
      if (l.box) dl.box = l.box
      if (inTable[i].has(k)) dl.inTable = true
      lines.push(dl)
    })
  })

  return {
    lines,
    pages: sorted.map((p) => ({ page: p.page, origin: p.origin, width: p.width, height: p.height })),
    tables: joinPageTables(ins, (p) => sorted.find((s) => s.page === p.page)?.tables ?? []),
  }
}
