/**
 * Page clean-up before OCR, only the steps that measurably lower CER (docs/ocr.md):
 * - illumination: a page lit unevenly (a phone photo) gets its paper made evenly white and its grey ink
 *   stretched to black (src/image/illumination.ts); evenly lit scans are left as they are;
 * - normalize: stretch contrast so the paper is white and ink black (grey backgrounds, faint toner);
 * - deskew: estimate the skew by projection profiles on a downscaled copy (±5°) and rotate it away;
 * - despeckle: whiten isolated dark specks much smaller than a character (≈ 0.2 s cpu per A4 page at 300 dpi).
 * No global threshold: it made CER 3× worse on poor scans (NOTES.md); tesseract binarises better.
 */
import sharp, { type Sharp } from 'sharp'
import type { GreyImage } from './grey-image.js'
import { flattenIllumination } from './illumination.js'

export type PreprocessOptions = { illumination?: boolean; deskew?: boolean; normalize?: boolean; despeckle?: boolean }

/** Defaults chosen by `npm run eval:ocr` (docs/ocr.md). */
export const PREPROCESS_DEFAULTS: Required<PreprocessOptions> = { illumination: true, deskew: true, normalize: false, despeckle: true }

/** Skews smaller than this are left alone (a rotation resamples the page, and costs ≈0.2 s). */
const MIN_ANGLE = 0.1
const MAX_ANGLE = 5

export async function preprocessPage(img: GreyImage, opts: PreprocessOptions = {}): Promise<GreyImage> {
  const o = { ...PREPROCESS_DEFAULTS, ...opts }
  let out = o.illumination ? await flattenIllumination(img) : img
  if (o.normalize) out = await normalizeContrast(out)
  if (o.deskew) {
    const angle = estimateSkew(out)
    if (Math.abs(angle) >= MIN_ANGLE) out = await rotate(out, -angle)
  }
  if (o.despeckle) out = despeckle(out)
  return out
}

export const raw = (img: GreyImage) => ({ raw: { width: img.width, height: img.height, channels: 1 as const } })

export async function toGrey(pipeline: Sharp, dpi: number): Promise<GreyImage> {
  const { data, info } = await pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length), dpi }
}

/** Stretch the 0.5th–99.5th percentile range to 0–255. */
export async function normalizeContrast(img: GreyImage): Promise<GreyImage> {
  return toGrey(sharp(img.data, raw(img)).normalise({ lower: 0.5, upper: 99.5 }), img.dpi)
}

/**
 * Rotate by `degrees` (clockwise) about the centre, keeping the page size, filling with white. One libvips
 * pipeline: rotate, then cut the page-sized middle out of the rotated bounding box, then grey. The box's
 * size is libvips' own (its affine transform rounds the rotated corners' extent to the nearest pixel);
 * computing it here spares a first pipeline that wrote out the whole three-band rotated box only to learn
 * it (≈ 2× the CPU, same pixels: docs/ocr.md, "Main-thread CPU").
 */
export async function rotate(img: GreyImage, degrees: number): Promise<GreyImage> {
  const [w, h] = rotatedSize(img.width, img.height, degrees)
  const left = Math.max(0, Math.floor((w - img.width) / 2))
  const top = Math.max(0, Math.floor((h - img.height) / 2))
  return toGrey(
    sharp(img.data, raw(img))
      .rotate(degrees, { background: { r: 255, g: 255, b: 255 } })
      .extract({ left, top, width: Math.min(img.width, w), height: Math.min(img.height, h) }),
    img.dpi,
  )
}

/** Size of libvips' bounding box of a `width` × `height` image rotated by `degrees` (vips_rotate). */
export function rotatedSize(width: number, height: number, degrees: number): [number, number] {
  const t = (degrees * Math.PI) / 180
  const c = Math.abs(Math.cos(t))
  const s = Math.abs(Math.sin(t))
  return [Math.round(width * c + height * s), Math.round(height * c + width * s)]
}

/**
 * Skew of the text lines in degrees (positive: lines fall to the right, i.e. the page is rotated
 * clockwise). Projection profiles: for each candidate angle, count dark pixels per sheared row;
 * the angle that makes the rows sharpest (largest sum of squared differences between neighbouring
 * rows) is the skew. Runs on a ≈ 100 dpi copy; coarse 0.25° steps then 0.025° refinement.
 */
export function estimateSkew(img: GreyImage): number {
  const f = Math.max(1, Math.round(img.dpi / 100))
  const w = Math.floor(img.width / f)
  const h = Math.floor(img.height / f)
  if (w < 50 || h < 50) return 0
  // box-downscale (mean of each f × f block, truncated) and pick dark points (darker than the page's own midpoint)
  const src = img.data
  const iw = img.width
  const ff = f * f
  const small = new Uint8Array(w * h)
  const acc = new Int32Array(w)
  let sum = 0
  for (let y = 0, o = 0; y < h; y++) {
    acc.fill(0)
    for (let dy = 0; dy < f; dy++) {
      let p = (y * f + dy) * iw
      if (f === 1) for (let x = 0; x < w; x++) acc[x] = src[p + x]!
      else if (f === 2) for (let x = 0; x < w; x++, p += 2) acc[x] += src[p]! + src[p + 1]!
      else if (f === 3) for (let x = 0; x < w; x++, p += 3) acc[x] += src[p]! + src[p + 1]! + src[p + 2]!
      else for (let x = 0; x < w; x++) for (let dx = 0; dx < f; dx++, p++) acc[x] += src[p]!
    }
    for (let x = 0; x < w; x++, o++) {
      const v = acc[x]! / ff
      small[o] = v
      sum += v
    }
  }
  const mean = sum / (w * h)
  const cut = Math.min(160, mean * 0.75)
  // skip a 3% margin: scanner edges and borders are not text
  const mx = Math.floor(w * 0.03)
  const my = Math.floor(h * 0.03)
  // dark points by column: at a given angle all of a column's points move by the same whole number of
  // rows, round(y − x·tan a) = y + round(−x·tan a) for a whole y, so each projection adds integers only
  const colStart = new Int32Array(w + 1)
  for (let y = my; y < h - my; y++) for (let x = mx, p = y * w + mx; x < w - mx; x++, p++) if (small[p]! < cut) colStart[x + 1]++
  for (let x = 0; x < w; x++) colStart[x + 1] += colStart[x]!
  const nPts = colStart[w]!
  if (nPts < 200) return 0
  const ys = new Int32Array(nPts)
  const fill = colStart.slice(0, w)
  for (let y = my; y < h - my; y++) for (let x = mx, p = y * w + mx; x < w - mx; x++, p++) if (small[p]! < cut) ys[fill[x]!++] = y
  const rows = new Int32Array(h * 2 + 4)
  const nRows = rows.length
  const off = Math.floor(h / 2)
  const score = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180)
    rows.fill(0)
    for (let x = mx; x < w - mx; x++) {
      const shift = Math.round(-(x - w / 2) * t) + off
      for (let k = colStart[x]!, end = colStart[x + 1]!; k < end; k++) {
        const r = ys[k]! + shift
        if (r >= 0 && r < nRows) rows[r]++
      }
    }
    let s = 0
    for (let i = 1; i < nRows; i++) {
      const d = rows[i]! - rows[i - 1]!
      s += d * d
    }
    return s
  }
  let best = 0
  let bestScore = -1
  for (let a = -MAX_ANGLE; a <= MAX_ANGLE + 1e-9; a += 0.25) {
    const s = score(a)
    if (s > bestScore) [best, bestScore] = [a, s]
  }
  const coarse = best
  for (let a = coarse - 0.25; a <= coarse + 0.25 + 1e-9; a += 0.025) {
    const s = score(a)
    if (s > bestScore) [best, bestScore] = [a, s]
  }
  return Math.round(best * 1000) / 1000
}

/** Under this many letter-sized components the page has too little text to measure its size. */
const MIN_LETTERS = 50

/**
 * Remove isolated dark specks much smaller than a character: connected components (8-neighbour) of
 * the dark pixels whose longer side is under `maxSize` × the page's text height (the median height
 * of components of at least 12 px², ≈ the x-height) and with no other dark pixel within `margin` ×
 * text height around them (so dots of i, diacritics and full stops, which sit next to letters, stay).
 * Painted white. Dark = below min(160, 0.75 × mean grey), as for the skew estimate.
 * The text height it measures is kept on the result (`textHeight`): the OCR step sizes the page by it.
 */
export function despeckle(img: GreyImage, opts: { maxSize?: number; margin?: number } = {}): GreyImage {
  const maxSize = opts.maxSize ?? 0.3
  const margin = opts.margin ?? 0.8
  const { width: W, height: H, data } = img
  const N = W * H
  let sum = 0
  for (let i = 0; i < N; i++) sum += data[i]!
  const cut = Math.min(160, (sum / N) * 0.75)
  const comps = darkComponents(data, W, H, cut)
  const { count, runs, runComp } = comps
  let nh = 0
  for (let i = 0; i < count; i++) if (comps.n[i]! >= 12) nh++
  if (nh < MIN_LETTERS) return img
  const heights = new Int32Array(nh)
  for (let i = 0, k = 0; i < count; i++) if (comps.n[i]! >= 12) heights[k++] = comps.y1[i]! - comps.y0[i]! + 1
  heights.sort()
  const textH = heights[nh >> 1]!
  const m = Math.round(margin * textH)
  const limit = maxSize * textH
  // any ink of another component within the box [ax0, ax1] × [ay0, ay1] (inclusive)? Row by row, the
  // row's runs (sorted by x) that reach into the box: the first one is found by bisection
  const inkAround = (i: number, ax0: number, ay0: number, ax1: number, ay1: number): boolean => {
    for (let y = ay0; y <= ay1; y++) {
      const row = y * W
      let lo = runs.rowStart[y]!
      let hi = runs.rowStart[y + 1]!
      const from = row + ax0
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (runs.end[mid]! <= from) lo = mid + 1
        else hi = mid
      }
      for (let r = lo, e = runs.rowStart[y + 1]!, to = row + ax1; r < e && runs.start[r]! <= to; r++) if (runComp[r] !== i) return true
    }
    return false
  }
  let out: Uint8Array | null = null
  for (let i = 0; i < count; i++) {
    const x0 = comps.x0[i]!, y0 = comps.y0[i]!, x1 = comps.x1[i]!, y1 = comps.y1[i]!
    if (Math.max(x1 - x0 + 1, y1 - y0 + 1) >= limit) continue
    const ax0 = x0 - m > 0 ? x0 - m : 0, ay0 = y0 - m > 0 ? y0 - m : 0
    const ax1 = x1 + m < W - 1 ? x1 + m : W - 1, ay1 = y1 + m < H - 1 ? y1 + m : H - 1
    if (inkAround(i, ax0, ay0, ax1, ay1)) continue
    out ??= data.slice(0, N)
    for (let r = comps.firstRun[i]!; r !== -1; r = comps.nextRun[r]!) out.fill(255, runs.start[r]!, runs.end[r]!)
  }
  return { ...img, ...(out ? { data: out } : {}), textHeight: textH }
}

/** Horizontal runs of dark pixels, row by row: [start, end) as pixel indices, with their row. */
function darkRuns(data: Uint8Array, W: number, H: number, cut: number): { start: Int32Array; end: Int32Array; rowStart: Int32Array; count: number } {
  let cap = 1 << 16
  let start = new Int32Array(cap), end = new Int32Array(cap)
  const rowStart = new Int32Array(H + 1) // runs of row y are rowStart[y] .. rowStart[y + 1] - 1
  let count = 0
  for (let y = 0; y < H; y++) {
    rowStart[y] = count
    const base = y * W
    for (let x = 0; x < W; x++) {
      if (data[base + x]! >= cut) continue
      const s = x
      while (x < W && data[base + x]! < cut) x++
      if (count === cap) {
        cap *= 2
        const s2 = new Int32Array(cap), e2 = new Int32Array(cap)
        s2.set(start), e2.set(end)
        ;[start, end] = [s2, e2]
      }
      start[count] = base + s
      end[count] = base + x
      count++
    }
  }
  rowStart[H] = count
  return { start, end, rowStart, count }
}

/**
 * 8-connected components of the dark pixels, found on their row runs (union–find over runs that touch
 * diagonally or below one another): bounding box, pixel count, and each component's runs as a list.
 */
function darkComponents(data: Uint8Array, W: number, H: number, cut: number) {
  const runs = darkRuns(data, W, H, cut)
  const R = runs.count
  const parent = new Int32Array(R)
  for (let r = 0; r < R; r++) parent[r] = r
  const find = (r: number): number => {
    while (parent[r] !== r) r = parent[r] = parent[parent[r]!]!
    return r
  }
  for (let y = 1; y < H; y++) {
    let a = runs.rowStart[y - 1]!
    const aEnd = runs.rowStart[y]!
    const off = W // a run's x range in the row above: subtract one row
    for (let b = runs.rowStart[y]!, bEnd = runs.rowStart[y + 1]!; b < bEnd; b++) {
      const bs = runs.start[b]! - off, be = runs.end[b]! - off // b's span shifted to the row above, [bs, be)
      while (a < aEnd && runs.end[a]! < bs) a++ // runs ending left of b's diagonal reach
      for (let k = a; k < aEnd && runs.start[k]! <= be; k++) {
        const ra = find(k), rb = find(b)
        if (ra !== rb) parent[ra > rb ? ra : rb] = ra > rb ? rb : ra
      }
    }
  }
  // components numbered in order of their first run (= their first pixel in raster order)
  const compOf = new Int32Array(R)
  let count = 0
  for (let r = 0; r < R; r++) compOf[r] = find(r) === r ? count++ : -1
  const x0 = new Int32Array(count).fill(W), y0 = new Int32Array(count).fill(H), x1 = new Int32Array(count).fill(-1), y1 = new Int32Array(count).fill(-1)
  const n = new Int32Array(count), firstRun = new Int32Array(count).fill(-1), nextRun = new Int32Array(R).fill(-1), lastRun = new Int32Array(count).fill(-1)
  const runComp = new Int32Array(R)
  for (let y = 0; y < H; y++) {
    for (let r = runs.rowStart[y]!, e = runs.rowStart[y + 1]!; r < e; r++) {
      const c = compOf[find(r)]!
      runComp[r] = c
      const sx = runs.start[r]! - y * W, ex = runs.end[r]! - y * W - 1
      if (sx < x0[c]!) x0[c] = sx
      if (ex > x1[c]!) x1[c] = ex
      if (y < y0[c]!) y0[c] = y
      if (y > y1[c]!) y1[c] = y
      n[c] += ex - sx + 1
      if (lastRun[c] === -1) firstRun[c] = r
      else nextRun[lastRun[c]!] = r
      lastRun[c] = r
    }
  }
  return { count, x0, y0, x1, y1, n, firstRun, nextRun, runs, runComp }
}
