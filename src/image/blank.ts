/**
 * Blank pages (duplex back sides, a separator sheet): found from the pixels before any clean-up or
 * OCR, so they cost no OCR time and give no garbage text. On the real scans in ../shared/dev-real the
 * blank pages have no pixel darker than mid-grey inside the page (0.000%), while the emptiest page
 * with text has 1.5% (docs/pages.md). The edges are left out: scanner borders and the shadow of the
 * sheet's edge are dark but are not ink (OCR read them as "mm ^m Dene…").
 */
import type { GreyImage } from './grey-image.js'

/** Share of each side left out (scanner borders, sheet-edge shadow). */
export const BLANK_EDGE = 0.05
/** Darker than this is ink; show-through from the back of the sheet stays lighter. */
export const INK_LEVEL = 128
/** Under this share of ink pixels inside the edges a page is blank (≈ 800 px at 300 dpi A4: fewer than a few letters). */
export const BLANK_INK_SHARE = 0.0001

/** Share of ink pixels inside the page's edges, 0..1. */
export function inkShare(img: GreyImage): number {
  const { width: W, height: H, data } = img
  const mx = Math.floor(W * BLANK_EDGE)
  const my = Math.floor(H * BLANK_EDGE)
  let ink = 0
  for (let y = my; y < H - my; y++) {
    for (let x = mx, p = y * W + mx; x < W - mx; x++, p++) if (data[p]! < INK_LEVEL) ink++
  }
  const n = (W - 2 * mx) * (H - 2 * my)
  return n > 0 ? ink / n : 0
}

/** The note a blank page carries (`text.pages[].note`), or null when the page has ink. */
export function blankPageNote(img: GreyImage): string | null {
  const share = inkShare(img)
  if (share >= BLANK_INK_SHARE) return null
  return `blank page: ink on ${(100 * share).toFixed(3)}% of it (< ${100 * BLANK_INK_SHARE}%), not OCRed`
}
