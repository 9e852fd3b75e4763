/**
 * Colour page → 8-bit grey for OCR, choosing the channel mix by what is on the page (docs/ocr.md,
 * "Colour scans"). Official documents are printed in black; what comes in colour is ink added later:
 * the red round seal over the signature and the signer's name, a red "SAO Y" copy stamp, blue
 * signatures, blue pen notes and digital-signature boxes printed over the header. With the plain
 * luminance mix those become mid-grey blobs over the print (a red seal at luma ≈ 90 is as dark as text
 * to tesseract's binariser).
 *
 * - `luma`: ITU-R BT.601 luminance (what the stages did before); identical to the input for grey pages.
 * - `drop-colour`: max(R, G, B) + (max − min): grey and black stay as they are (R = G = B), saturated ink
 *   is lifted to paper white; black print under a seal stays black (multiplied inks are dark in every
 *   channel). Dark navy / black-blue ink (low chroma) stays readable.
 * - `auto` (default): `drop-colour` when the page has coloured ink (≥ MIN_COLOURED_SHARE of the sampled
 *   pixels with chroma ≥ CHROMA), else `luma` — a black-and-white page, even if scanned in colour,
 *   gets exactly what it got before.
 */
import type { GreyImage } from './grey-image.js'

export type GreyMode = 'auto' | 'luma' | 'red' | 'max' | 'drop-colour'
export const GREY_MODES: readonly GreyMode[] = ['auto', 'luma', 'red', 'max', 'drop-colour']

/** max − min of a pixel above this counts as coloured ink (JPEG chroma noise on grey paper stays under ≈ 20). */
const CHROMA = 60
/** share of sampled pixels that must be coloured ink for `auto` to drop colour (a 35 mm seal at 200 dpi ≈ 0.3%). */
const MIN_COLOURED_SHARE = 0.0003

/** Share of pixels (every 3rd pixel of every 3rd row) whose max − min channel ≥ CHROMA. */
export function colouredShare(px: ArrayLike<number>, width: number, height: number, channels: number): number {
  let n = 0
  let coloured = 0
  for (let y = 0; y < height; y += 3) {
    for (let x = 0; x < width; x += 3) {
      const i = (y * width + x) * channels
      const r = px[i]
      const g = px[i + 1]
      const b = px[i + 2]
      const hi = r > g ? (r > b ? r : b) : g > b ? g : b
      const lo = r < g ? (r < b ? r : b) : g < b ? g : b
      if (hi - lo >= CHROMA) coloured++
      n++
    }
  }
  return n ? coloured / n : 0
}

export type ColourToGrey = { image: GreyImage; mode: Exclude<GreyMode, 'auto'>; colouredShare: number }

/**
 * Interleaved RGB or RGBA pixels (`channels` 3 or 4) → grey, by `mode`. The coloured share is a sampled
 * pass (1 pixel in 9); the full-page conversion runs once, when `image` is first read — a caller that
 * only wanted to know whether the page has colour (decode.ts falls back on libvips' own grey for
 * `auto` → `luma`) pays nothing for it.
 */
export function colourToGrey(px: ArrayLike<number>, width: number, height: number, channels: 3 | 4, dpi: number, mode: GreyMode = 'auto'): ColourToGrey {
  const share = colouredShare(px, width, height, channels)
  const chosen: Exclude<GreyMode, 'auto'> = mode === 'auto' ? (share >= MIN_COLOURED_SHARE ? 'drop-colour' : 'luma') : mode
  let image: GreyImage | undefined
  return {
    get image(): GreyImage {
      image ??= { width, height, data: convert(px, width * height, channels, chosen), dpi }
      return image
    },
    mode: chosen,
    colouredShare: share,
  }
}

/** One pass over the pixels, integer arithmetic. */
function convert(px: ArrayLike<number>, n: number, channels: number, chosen: Exclude<GreyMode, 'auto'>): Uint8Array {
  const grey = new Uint8Array(n)
  switch (chosen) {
    case 'luma':
      // ITU-R BT.601 luma in integer arithmetic
      for (let i = 0, j = 0; j < n; i += channels, j++) grey[j] = (px[i]! * 77 + px[i + 1]! * 150 + px[i + 2]! * 29 + 128) >> 8
      break
    case 'red':
      for (let i = 0, j = 0; j < n; i += channels, j++) grey[j] = px[i]!
      break
    case 'max':
      for (let i = 0, j = 0; j < n; i += channels, j++) {
        const r = px[i]!, g = px[i + 1]!, b = px[i + 2]!
        grey[j] = r > g ? (r > b ? r : b) : g > b ? g : b
      }
      break
    case 'drop-colour':
      for (let i = 0, j = 0; j < n; i += channels, j++) {
        const r = px[i]!, g = px[i + 1]!, b = px[i + 2]!
        const hi = r > g ? (r > b ? r : b) : g > b ? g : b
        const lo = r < g ? (r < b ? r : b) : g < b ? g : b
        const v = hi + (hi - lo)
        grey[j] = v > 255 ? 255 : v
      }
      break
  }
  return grey
}
