/**
 * Re-reading table cells from their own crops. The page OCR (PSM 3) reads a ruled table as one
 * layout: short cells ("1.1", "II") next to a rule come out as "LÊN", "13", "u", and rule stubs
 * become stray characters. Each cell of a ruled table is cut out of the page, inset away from its
 * rules (leftover rule pixels along the crop edges are whitened), padded with white, and read on its
 * own: one line (PSM 7) when the page words put it on one line, a block (PSM 6) otherwise; the id
 * (STT) column with a whitelist of digits, dots and Roman numerals. The crop's text replaces the
 * cell text when it reads with at least the confidence of the page words, or when the page text
 * does not look like an id in the id column. Only cells of tables found from rules on OCR pages are
 * re-read (text layers have exact text; word-gap tables have no rules to confuse the OCR).
 */
import type { GreyImage } from '../../image/grey-image.js'
import type { PageTable, PageTableCell, SourcePage } from '../../schema/page.js'
import { roleOf } from './header.js'

/** The part of the OCR pool this step needs (src/ocr/pool.ts). */
export type CellReader = { recognize(image: GreyImage, page: number, params?: Record<string, string>): Promise<SourcePage> }

/** Ids in an STT column: "1", "1.2", "1.2.3", "I", "IV", "a", "A", with an optional trailing dot or bracket. */
export const ID_TEXT = /^(?:\d{1,3}(?:\.\d{1,3}){0,3}|[IVXLC]{1,6}|[a-zđA-Z])[.)]?$/
const ID_WHITELIST = '0123456789.IVXLCABDEFGHabcdefgh)'

export type CellOcrOptions = {
  /** re-read every body cell (default), or only the id column and short cells (cheaper) */
  cells?: 'all' | 'short'
}

/** Crop of a cell's inside: inset from the rules, edge rule remnants whitened, padded white. */
export function cellCrop(image: GreyImage, box: PageTableCell['box']): GreyImage | null {
  const dpi = image.dpi > 0 ? image.dpi : 300
  const inset = Math.max(2, Math.round(dpi / 50)) // ≈ 0.5 mm: rule thickness and blur
  const x0 = Math.max(0, Math.round(box[0] + inset))
  const y0 = Math.max(0, Math.round(box[1] + inset))
  const x1 = Math.min(image.width, Math.round(box[2] - inset))
  const y1 = Math.min(image.height, Math.round(box[3] - inset))
  const w = x1 - x0
  const h = y1 - y0
  if (w < dpi / 25 || h < dpi / 25) return null
  const pad = Math.round(dpi / 15)
  const W = w + 2 * pad
  const H = h + 2 * pad
  const data = new Uint8Array(W * H).fill(255)
  for (let y = 0; y < h; y++) data.set(image.data.subarray((y0 + y) * image.width + x0, (y0 + y) * image.width + x1), (pad + y) * W + pad)
  // a skewed or thick rule may still reach into the crop along an edge: rows / columns near an edge
  // that are dark over most of their length are rule, not text
  const edge = Math.round(dpi / 25)
  const dark = (v: number) => v < 140
  for (let y = 0; y < h; y++) {
    if (y >= edge && y < h - edge) continue
    let n = 0
    for (let x = 0; x < w; x++) if (dark(data[(pad + y) * W + pad + x])) n++
    if (n > 0.6 * w) data.fill(255, (pad + y) * W + pad, (pad + y) * W + pad + w)
  }
  for (let x = 0; x < w; x++) {
    if (x >= edge && x < w - edge) continue
    let n = 0
    for (let y = 0; y < h; y++) if (dark(data[(pad + y) * W + pad + x])) n++
    if (n > 0.6 * h) for (let y = 0; y < h; y++) data[(pad + y) * W + pad + x] = 255
  }
  let ink = 0
  for (let i = 0; i < data.length; i++) if (data[i] < 128) ink++
  if (ink < 8) return null
  return { width: W, height: H, data, dpi }
}

function idColumn(t: PageTable): number {
  // the column whose header names the id (STT / TT), else a narrow first column
  for (const c of t.cells) if (c.row <= 1 && c.colSpan === 1 && roleOf(c.text) === 'id') return c.col
  return -1
}

/** Lines the page words of a cell fall on (1 when they share a line). */
function lineCount(page: SourcePage, cell: PageTableCell): number {
  const ks = new Set((cell.words ?? []).map((r) => r[0]))
  return Math.max(1, ks.size)
}

/**
 * Re-read the cells of the page's rule tables on the OCR pool; returns new tables (the input is
 * not changed). Cells without ink keep their page text (usually empty).
 */
export async function rereadTableCells(image: GreyImage, page: SourcePage, tables: readonly PageTable[], reader: CellReader, opts: CellOcrOptions = {}): Promise<PageTable[]> {
  const mode = opts.cells ?? 'all'
  const out: PageTable[] = []
  for (const t of tables) {
    if (t.method !== 'rules') {
      out.push(t)
      continue
    }
    const idCol = idColumn(t)
    const jobs = t.cells.map(async (cell): Promise<PageTableCell> => {
      const isId = cell.col === idCol && cell.colSpan === 1
      const short = cell.text.length <= 12
      if (mode === 'short' && !isId && !short) return cell
      // header rows keep their page text only when they name columns (re-reading them is harmless otherwise)
      const crop = cellCrop(image, cell.box)
      if (!crop) return cell
      const lines = lineCount(page, cell)
      const params: Record<string, string> = { tessedit_pageseg_mode: lines > 1 ? '6' : '7' }
      const idLike = isId && cell.row > 0 && (ID_TEXT.test(cell.text.trim()) || cell.text.trim().length <= 4)
      if (idLike) params.tessedit_char_whitelist = ID_WHITELIST
      const read = await reader.recognize(crop, page.page, params)
      const words = read.lines.flatMap((l) => l.words ?? [])
      const text = read.lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim()
      const conf = words.length ? words.reduce((s, w) => s + w.conf, 0) / words.length : 0
      if (!text) return cell
      const pageConf = cell.conf ?? 0
      const better = idLike ? ID_TEXT.test(text) && (!ID_TEXT.test(cell.text.trim()) || conf >= pageConf - 0.05) : conf >= pageConf - 0.02
      if (!better || text === cell.text) return cell
      return { ...cell, text, conf: Math.round(conf * 1000) / 1000 }
    })
    out.push({ ...t, cells: await Promise.all(jobs) })
  }
  return out
}
