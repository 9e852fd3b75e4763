/**
 * Uneven light on a photographed page (a phone photo: brighter on the window side, a shadow of the hand,
 * a finger or the table in the frame) → the paper made evenly white before clean-up and OCR. A flatbed
 * scan lights the page evenly; a photo does not, and tesseract's binariser (Otsu over the whole page)
 * then cuts the dim part of the page into black blobs or loses its faint print (docs/ocr.md, "Phone photos").
 *
 * The paper's brightness is estimated on a coarse grid: in each cell the grey that PAPER_SHARE of its
 * pixels reach or exceed (ink covers well under half of any cell of a text page), then the brightest of
 * each cell's neighbours (a cell inside a bold heading still sees paper next to it), smoothed and brought
 * back to the page's size. Each pixel is divided by it: paper becomes white wherever it is, ink keeps its
 * darkness relative to the paper around it, and a dark object with no print on it (a finger, the table)
 * is lifted towards white too.
 *
 * Only a page whose paper is measurably uneven is touched (`paperSpread` ≥ MIN_SPREAD): scans, whose
 * paper varies by a few grey levels, are read exactly as before.
 */
import sharp from 'sharp'
import type { GreyImage } from './grey-image.js'

export const ILLUMINATION = {
  /** grid cells per page side (the shorter one); a cell spans ≈ 2 lines of text on a full page */
  cellsPerSide: 40,
  /** share of a cell's pixels at or above its paper grey (the rest may be ink) */
  paperShare: 0.5,
  /**
   * 1 − (dim paper ÷ bright paper), 5th and 95th percentile of the cells: at or above this the page is
   * flattened. Scans measure ≤ 0.02 (the fixtures, ../shared/dev-real d01); phone photos ≈ 0.2 (docs/ocr.md).
   */
  minSpread: 0.12,
  /** share of the pixels made black after flattening (the darkest ink) */
  inkShare: 0.01,
} as const

type PaperGrid = { cols: number; rows: number; cell: number; paper: Uint8Array }

/** The paper grey of each grid cell (the brightest of its own and its 8 neighbours' estimates). */
export function paperGrid(img: GreyImage): PaperGrid {
  const cell = Math.max(4, Math.round(Math.min(img.width, img.height) / ILLUMINATION.cellsPerSide))
  const cols = Math.ceil(img.width / cell)
  const rows = Math.ceil(img.height / cell)
  const own = new Uint8Array(cols * rows)
  // four histograms, one per pixel of each run of four: a page of paper is long runs of one grey, and
  // counting them all into one bin makes every increment wait for the one before (≈ 2–3× slower)
  const hist = new Int32Array(4 * 256)
  const count = (v: number) => hist[v]! + hist[256 + v]! + hist[512 + v]! + hist[768 + v]!
  const px = img.data
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      hist.fill(0)
      const y1 = Math.min(img.height, (r + 1) * cell)
      const x1 = Math.min(img.width, (c + 1) * cell)
      for (let y = r * cell; y < y1; y++) {
        let p = y * img.width + c * cell
        const end = y * img.width + x1
        for (; p + 3 < end; p += 4) {
          hist[px[p]!]++
          hist[256 + px[p + 1]!]++
          hist[512 + px[p + 2]!]++
          hist[768 + px[p + 3]!]++
        }
        for (; p < end; p++) hist[px[p]!]++
      }
      const want = (y1 - r * cell) * (x1 - c * cell) * ILLUMINATION.paperShare
      let v = 255
      for (let seen = count(255); seen < want && v > 0; ) seen += count(--v)
      own[r * cols + c] = v
    }
  }
  const paper = new Uint8Array(cols * rows)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let best = 0
      for (let rr = Math.max(0, r - 1); rr <= Math.min(rows - 1, r + 1); rr++) {
        for (let cc = Math.max(0, c - 1); cc <= Math.min(cols - 1, c + 1); cc++) best = Math.max(best, own[rr * cols + cc]!)
      }
      paper[r * cols + c] = best
    }
  }
  return { cols, rows, cell, paper }
}

/** How uneven the paper is: 1 − (5th ÷ 95th percentile of the cells' paper grey); 0 for an even page. */
export function paperSpread(grid: PaperGrid): number {
  const sorted = Uint8Array.from(grid.paper).sort()
  const lo = sorted[Math.floor(sorted.length * 0.05)]!
  const hi = sorted[Math.floor(sorted.length * 0.95)]!
  return hi > 0 ? 1 - lo / hi : 0
}

/** The page with its paper made evenly white when its light is uneven; the same image otherwise. */
export async function flattenIllumination(img: GreyImage): Promise<GreyImage> {
  const grid = paperGrid(img)
  if (paperSpread(grid) < ILLUMINATION.minSpread) return img
  const background = await sharp(grid.paper, { raw: { width: grid.cols, height: grid.rows, channels: 1 } })
    .blur(1)
    .resize(img.width, img.height, { fit: 'fill', kernel: 'cubic' })
    .toColourspace('b-w')
    .raw()
    .toBuffer()
  const out = new Uint8Array(img.data.length)
  for (let i = 0; i < out.length; i++) out[i] = Math.min(255, Math.round((img.data[i]! * 255) / Math.max(1, background[i]!)))
  return { ...img, data: stretchInk(out) }
}

/** Darkest grey reached by INK_SHARE of the pixels made black, paper white kept: a photo's ink is grey. */
function stretchInk(px: Uint8Array): Uint8Array {
  const hist = new Int32Array(256)
  for (const v of px) hist[v]++
  let ink = 0
  for (let seen = hist[0]!; seen < px.length * ILLUMINATION.inkShare && ink < 254; ) seen += hist[++ink]!
  if (ink === 0) return px
  const gain = 255 / (255 - ink)
  for (let i = 0; i < px.length; i++) px[i] = Math.max(0, Math.round(255 - (255 - px[i]!) * gain))
  return px
}
