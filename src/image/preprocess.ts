/**
 * Page clean-up before OCR, only the steps that measurably lower CER (docs/ocr.md):
 * - normalize: stretch contrast so the paper is white and ink black (grey backgrounds, faint toner);
 * - deskew: estimate the skew by projection profiles on a downscaled copy (±5°) and rotate it away;
 * - despeckle: whiten isolated dark specks much smaller than a character (≈ 0.2 s cpu per A4 page at 300 dpi).
 * No global threshold: it made CER 3× worse on poor scans (NOTES.md); tesseract binarises better.
 */
import sharp, { type Sharp } from 'sharp'
import type { GreyImage } from './grey-image.js'

export type PreprocessOptions = { deskew?: boolean; normalize?: boolean; despeckle?: boolean }

/** Defaults chosen by `npm run eval:ocr` (docs/ocr.md). */
export const PREPROCESS_DEFAULTS: Required<PreprocessOptions> = { deskew: true, normalize: false, despeckle: true }

/** Skews smaller than this are left alone (a rotation resamples the page, and costs ≈0.2 s). */
const MIN_ANGLE = 0.1
const MAX_ANGLE = 5

export async function preprocessPage(img: GreyImage, opts: PreprocessOptions = {}): Promise<GreyImage> {
  const o = { ...PREPROCESS_DEFAULTS, ...opts }
  let out = img
  if (o.normalize) out = await normalizeContrast(out)
  if (o.deskew) {
    const angle = estimateSkew(out)
    if (Math.abs(angle) >= MIN_ANGLE) out = await rotate(out, -angle)
  }
  if (o.despeckle) out = despeckle(out)
  return out
}

const raw = (img: GreyImage) => ({ raw: { width: img.width, height: img.height, channels: 1 as const } })

async function toGrey(pipeline: Sharp, dpi: number): Promise<GreyImage> {
  const { data, info } = await pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length), dpi }
}

/** Stretch the 0.5th–99.5th percentile range to 0–255. */
export async function normalizeContrast(img: GreyImage): Promise<GreyImage> {
  return toGrey(sharp(img.data, raw(img)).normalise({ lower: 0.5, upper: 99.5 }), img.dpi)
}

/** Rotate by `degrees` (clockwise) about the centre, keeping the page size, filling with white. */
export async function rotate(img: GreyImage, degrees: number): Promise<GreyImage> {
  const rotated = await sharp(img.data, raw(img))
    .rotate(degrees, { background: { r: 255, g: 255, b: 255 } })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const { width: w, height: h } = rotated.info
  const left = Math.max(0, Math.floor((w - img.width) / 2))
  const top = Math.max(0, Math.floor((h - img.height) / 2))
  return toGrey(
    sharp(rotated.data, { raw: { width: w, height: h, channels: rotated.info.channels } }).extract({
      left,
      top,
      width: Math.min(img.width, w),
      height: Math.min(img.height, h),
    }),
    img.dpi,
  )
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
  // box-downscale and pick dark points (darker than the page's own midpoint)
  const small = new Uint8Array(w * h)
  let sum = 0
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0
      for (let dy = 0; dy < f; dy++) {
        const row = (y * f + dy) * img.width + x * f
        for (let dx = 0; dx < f; dx++) s += img.data[row + dx]
      }
      const v = s / (f * f)
      small[y * w + x] = v
      sum += v
    }
  }
  const mean = sum / (w * h)
  const cut = Math.min(160, mean * 0.75)
  const xs: number[] = []
  const ys: number[] = []
  // skip a 3% margin: scanner edges and borders are not text
  const mx = Math.floor(w * 0.03)
  const my = Math.floor(h * 0.03)
  for (let y = my; y < h - my; y++) {
    for (let x = mx; x < w - mx; x++) {
      if (small[y * w + x] < cut) {
        xs.push(x - w / 2)
        ys.push(y)
      }
    }
  }
  if (xs.length < 200) return 0
  const rows = new Float64Array(h * 2 + 4)
  const score = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180)
    rows.fill(0)
    const off = Math.floor(h / 2)
    for (let i = 0; i < xs.length; i++) {
      const r = Math.round(ys[i] - xs[i] * t) + off
      if (r >= 0 && r < rows.length) rows[r]++
    }
    let s = 0
    for (let i = 1; i < rows.length; i++) {
      const d = rows[i] - rows[i - 1]
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

/**
 * Remove isolated dark specks much smaller than a character: connected components (8-neighbour) of
 * the dark pixels whose longer side is under `maxSize` × the page's text height (the median height
 * of components of at least 12 px², ≈ the x-height) and with no other dark pixel within `margin` ×
 * text height around them (so dots of i, diacritics and full stops, which sit next to letters, stay).
 * Painted white. Dark = below min(160, 0.75 × mean grey), as for the skew estimate.
 */
export function despeckle(img: GreyImage, opts: { maxSize?: number; margin?: number } = {}): GreyImage {
  const maxSize = opts.maxSize ?? 0.3
  const margin = opts.margin ?? 0.8
  const { width: W, height: H, data } = img
  let sum = 0
  for (let i = 0; i < W * H; i++) sum += data[i]
  const cut = Math.min(160, (sum / (W * H)) * 0.75)
  const label = new Int32Array(W * H).fill(-1)
  type Comp = { x0: number; y0: number; x1: number; y1: number; n: number; start: number }
  const comps: Comp[] = []
  const stack: number[] = []
  const pixels: number[] = []
  for (let p = 0; p < W * H; p++) {
    if (label[p] !== -1 || data[p] >= cut) continue
    const id = comps.length
    const c: Comp = { x0: W, y0: H, x1: -1, y1: -1, n: 0, start: pixels.length }
    label[p] = id
    stack.push(p)
    while (stack.length) {
      const q = stack.pop()!
      pixels.push(q)
      const x = q % W
      const y = (q - x) / W
      c.n++
      if (x < c.x0) c.x0 = x
      if (x > c.x1) c.x1 = x
      if (y < c.y0) c.y0 = y
      if (y > c.y1) c.y1 = y
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy
        if (yy < 0 || yy >= H) continue
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx
          if (xx < 0 || xx >= W) continue
          const r = yy * W + xx
          if (label[r] === -1 && data[r] < cut) {
            label[r] = id
            stack.push(r)
          }
        }
      }
    }
    comps.push(c)
  }
  const heights = comps.filter((c) => c.n >= 12).map((c) => c.y1 - c.y0 + 1).sort((a, b) => a - b)
  if (heights.length < 50) return img
  const textH = heights[Math.floor(heights.length / 2)]
  // integral image of the dark mask, for "any other ink nearby?"
  const S = new Int32Array((W + 1) * (H + 1))
  for (let y = 0; y < H; y++) {
    let row = 0
    for (let x = 0; x < W; x++) {
      row += data[y * W + x] < cut ? 1 : 0
      S[(y + 1) * (W + 1) + x + 1] = S[y * (W + 1) + x + 1] + row
    }
  }
  const dark = (x0: number, y0: number, x1: number, y1: number) =>
    S[(y1 + 1) * (W + 1) + x1 + 1] - S[y0 * (W + 1) + x1 + 1] - S[(y1 + 1) * (W + 1) + x0] + S[y0 * (W + 1) + x0]
  const out = new Uint8Array(data.subarray(0, W * H))
  const m = Math.round(margin * textH)
  let removed = 0
  for (let i = 0; i < comps.length; i++) {
    const c = comps[i]
    if (Math.max(c.x1 - c.x0 + 1, c.y1 - c.y0 + 1) >= maxSize * textH) continue
    const around = dark(Math.max(0, c.x0 - m), Math.max(0, c.y0 - m), Math.min(W - 1, c.x1 + m), Math.min(H - 1, c.y1 + m))
    if (around > c.n) continue
    for (let k = c.start; k < c.start + c.n; k++) out[pixels[k]] = 255
    removed++
  }
  return removed ? { ...img, data: out } : img
}
