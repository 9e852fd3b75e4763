/**
 * Which way the text lines run: along the rows (page upright or upside down) or along the columns
 * (page turned 90° or 270°). Text lines make the row profile of ink sharp (lines and gaps alternate)
 * and the column profile flat; a sideways page the other way round. Ink is taken against the local
 * paper (darker than LOCAL_INK × the blurred neighbourhood), so that a phone photo's shadows and
 * uneven light are not ink. Measured on the real scans (docs/pages.md).
 */
import sharp from 'sharp'
import type { GreyImage } from './grey-image.js'

/** The profiles are taken at this resolution: lines ≈ 8 px apart, letters merge into words. */
const PROFILE_DPI = 50
/** A pixel is ink when darker than this share of its neighbourhood's mean. */
const LOCAL_INK = 0.8
/** Row/column sharpness ratio beyond which the axis is clear (1/x for columns). */
export const AXIS_RATIO = 1.6

export type LineAxis = { axis: 'rows' | 'columns' | 'unclear'; ratio: number }

export async function lineAxis(img: GreyImage): Promise<LineAxis> {
  const f = Math.max(1, img.dpi / PROFILE_DPI)
  const w = Math.max(1, Math.round(img.width / f))
  const h = Math.max(1, Math.round(img.height / f))
  const raw = { raw: { width: img.width, height: img.height, channels: 1 as const } }
  const small = await sharp(img.data, raw).resize(w, h, { kernel: 'cubic' }).toColourspace('b-w').raw().toBuffer()
  const local = await sharp(small, { raw: { width: w, height: h, channels: 1 } }).blur(PROFILE_DPI / 4).toColourspace('b-w').raw().toBuffer()
  const rows = new Float64Array(h)
  const cols = new Float64Array(w)
  for (let y = 0, p = 0; y < h; y++) {
    for (let x = 0; x < w; x++, p++) {
      if (small[p]! < LOCAL_INK * local[p]!) {
        rows[y]++
        cols[x]++
      }
    }
  }
  const ratio = sharpness(rows) / Math.max(1e-9, sharpness(cols))
  return { axis: ratio >= AXIS_RATIO ? 'rows' : ratio <= 1 / AXIS_RATIO ? 'columns' : 'unclear', ratio }
}

/** Sum of squared differences of neighbouring bins, per unit of ink. */
function sharpness(a: Float64Array): number {
  let s = 0
  let t = 0
  for (let i = 0; i < a.length; i++) {
    t += a[i]!
    if (i > 0) s += (a[i]! - a[i - 1]!) ** 2
  }
  return t > 0 ? s / t : 0
}

export type Rotation = 0 | 90 | 180 | 270

/** Turn the page `degrees` clockwise (a multiple of 90: exact, no resampling). */
export async function turnPage(img: GreyImage, degrees: Rotation): Promise<GreyImage> {
  if (degrees === 0) return img
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .rotate(degrees)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length), dpi: img.dpi }
}
