/**
 * Page words → grid cells, in reading order (text lines top to bottom, words left to right), with
 * refs back to the page words so that layout can rebuild cell text from the normalized lines.
 */
import type { PageTable, PageTableCell, SourcePage } from '../../schema/page.js'
import type { Box } from '../../schema/provenance.js'
import { cx, cy, median, wordsOf } from '../geometry.js'
import { cellIndexAt, type Grid } from './grid.js'

type Placed = { k: number; i: number; text: string; box: Box; conf: number; u: number; v: number; hv: number }

/** OCR reads rule stubs as "|", "[", "]", "l" standing alone; such words are not cell text. */
const RULE_ARTEFACT = /^[|[\]!_]+$/

export function fillGrid(
  grid: Grid,
  page: SourcePage,
  toFrame: (x: number, y: number) => [number, number],
  fromFrame: (u: number, v: number) => [number, number],
  method: PageTable['method'],
): PageTable {
  const buckets: Placed[][] = grid.cells.map(() => [])
  page.lines.forEach((line, k) => {
    wordsOf(line).forEach((w, i) => {
      if (RULE_ARTEFACT.test(w.text)) return
      const [u, v] = toFrame(cx(w.box), cy(w.box))
      const idx = cellIndexAt(grid, u, v)
      const hv = Math.abs(toFrame(cx(w.box), w.box[3])[1] - toFrame(cx(w.box), w.box[1])[1])
      if (idx >= 0) buckets[idx].push({ k, i, text: w.text, box: w.box, conf: w.conf, u, v, hv })
    })
  })
  const cells: PageTableCell[] = grid.cells.map((g, idx) => {
    const ws = readingOrder(buckets[idx])
    const corners = [fromFrame(g.x0, g.y0), fromFrame(g.x1, g.y0), fromFrame(g.x0, g.y1), fromFrame(g.x1, g.y1)]
    const box: Box = [
      Math.round(Math.min(...corners.map((p) => p[0]))),
      Math.round(Math.min(...corners.map((p) => p[1]))),
      Math.round(Math.max(...corners.map((p) => p[0]))),
      Math.round(Math.max(...corners.map((p) => p[1]))),
    ]
    const cell: PageTableCell = {
      row: g.row,
      col: g.col,
      rowSpan: g.rowSpan,
      colSpan: g.colSpan,
      text: ws.map((w) => w.text).join(' ').replace(/^[|[\]]+|[|[\]]+$/g, '').trim(),
      box,
      words: ws.map((w) => [w.k, w.i] as [number, number]),
    }
    if (ws.length > 0) cell.conf = Math.round((ws.reduce((s, w) => s + w.conf, 0) / ws.length) * 1000) / 1000
    return cell
  })
  const C = grid.xs.length - 1
  const R = grid.ys.length - 1
  const all = cells.map((c) => c.box)
  const tableBox: Box = [Math.min(...all.map((b) => b[0])), Math.min(...all.map((b) => b[1])), Math.max(...all.map((b) => b[2])), Math.max(...all.map((b) => b[3]))]
  return { box: tableBox, rows: R, cols: C, cells, method }
}

/** Words of one cell: clustered into text lines by their vertical centre, each line left to right. */
function readingOrder(ws: Placed[]): Placed[] {
  if (ws.length < 2) return ws
  const h = median(ws.map((w) => w.hv)) || 1
  const byV = [...ws].sort((a, b) => a.v - b.v)
  const lines: Placed[][] = []
  for (const w of byV) {
    const last = lines[lines.length - 1]
    const lv = last ? last.reduce((s, x) => s + x.v, 0) / last.length : 0
    if (last && Math.abs(w.v - lv) < 0.5 * h) last.push(w)
    else lines.push([w])
  }
  return lines.flatMap((l) => l.sort((a, b) => a.u - b.u))
}
