/**
 * Tables of born-digital pages: the rules the PDF draws (pdfjs operator list: constructPath with
 * its move/line ops, under the current transform) cut the page into cells exactly as on a scan;
 * text-layer words (boxes in points) go into them. Without drawn rules, word-gap columns.
 */
import { OPS, Util } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { PdfFile } from '../../pdf/open.js'
import type { PageTable, SourcePage } from '../../schema/page.js'
import { fillGrid } from './assign.js'
import { buildGrids } from './grid.js'
import type { Segment } from './rules.js'
import { detectTablesByWordGaps, linesInTables } from './word-gaps.js'

export type DrawnLine = { x0: number; y0: number; x1: number; y1: number }

/** Rules drawn in the text layer's frame (points, top-left origin) → tables. */
export function detectTablesInTextLayer(page: SourcePage, drawnLines?: DrawnLine[]): PageTable[] {
  if (drawnLines && drawnLines.length >= 4) {
    const h: Segment[] = []
    const v: Segment[] = []
    for (const l of drawnLines) {
      const dx = Math.abs(l.x1 - l.x0)
      const dy = Math.abs(l.y1 - l.y0)
      if (dy <= 1.5 && dx >= 6) h.push({ x0: Math.min(l.x0, l.x1), x1: Math.max(l.x0, l.x1), y0: (l.y0 + l.y1) / 2, y1: (l.y0 + l.y1) / 2 })
      else if (dx <= 1.5 && dy >= 6) v.push({ y0: Math.min(l.y0, l.y1), y1: Math.max(l.y0, l.y1), x0: (l.x0 + l.x1) / 2, x1: (l.x0 + l.x1) / 2 })
    }
    // points: snap ≈ 1 mm, reach ≈ 1.4 mm
    const grids = buildGrids(h, v, { snap: 3, reach: 4 })
    const id = (x: number, y: number): [number, number] => [x, y]
    const tables = grids.map((g) => fillGrid(g, page, id, id, 'text-layer'))
    if (tables.length > 0) return [...tables, ...detectTablesByWordGaps(page, { skip: linesInTables(page, tables) })].sort((a, b) => a.box[1] - b.box[1])
  }
  return detectTablesByWordGaps(page)
}

/**
 * Axis-aligned line pieces the page draws (strokes and thin filled rectangles), in viewport points
 * with a top-left origin — the text layer's frame. Curves are skipped; cost: one operator list.
 */
export async function drawnLinesOf(pdf: PdfFile, pageNo: number): Promise<DrawnLine[]> {
  const page = await pdf.doc.getPage(pageNo)
  try {
    const viewport = page.getViewport({ scale: 1 })
    const list = await page.getOperatorList()
    const out: DrawnLine[] = []
    let ctm: number[] = [1, 0, 0, 1, 0, 0]
    const stack: number[][] = []
    const apply = (m: number[], x: number, y: number): number[] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]
    const map = (x: number, y: number) => {
      const p = apply(ctm, x, y)
      return apply(viewport.transform as number[], p[0], p[1])
    }
    for (let i = 0; i < list.fnArray.length; i++) {
      const fn = list.fnArray[i]
      const args = list.argsArray[i] as unknown[]
      if (fn === OPS.save) stack.push(ctm)
      else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0]
      else if (fn === OPS.transform) ctm = Util.transform(ctm, args as number[])
      else if (fn === OPS.constructPath) {
        const data = (args[1] as ArrayLike<number>[] | undefined)?.[0]
        if (!data || typeof (data as ArrayLike<number>).length !== 'number') continue
        let cur: number[] | null = null
        let start: number[] | null = null
        for (let k = 0; k < data.length; ) {
          const op = data[k]
          if (op === 0) {
            cur = map(data[k + 1], data[k + 2])
            start = cur
            k += 3
          } else if (op === 1) {
            const next = map(data[k + 1], data[k + 2])
            if (cur) out.push({ x0: cur[0], y0: cur[1], x1: next[0], y1: next[1] })
            cur = next
            k += 3
          } else if (op === 2) {
            cur = map(data[k + 5], data[k + 6])
            k += 7
          } else if (op === 3) {
            cur = map(data[k + 3], data[k + 4])
            k += 5
          } else if (op === 4) {
            if (cur && start) out.push({ x0: cur[0], y0: cur[1], x1: start[0], y1: start[1] })
            cur = start
            k += 1
          } else break
        }
      }
    }
    return out.filter((l) => Math.abs(l.x1 - l.x0) < 1.5 || Math.abs(l.y1 - l.y0) < 1.5)
  } finally {
    page.cleanup()
  }
}
