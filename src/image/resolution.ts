/**
 * The resolution a page is OCRed at, chosen per page from the size of its text rather than from a fixed
 * dpi. Tesseract reads best when the x-height is at least ≈ 20 px (its FAQ: "at 10pt × 300 dpi x-heights
 * are typically about 20 pixels"; accuracy drops off below); our text height (the median height of
 * letter-sized ink, `GreyImage.textHeight`) is ≈ 1.25 × the x-height, so 13–14 pt print at 300 dpi
 * measures 28–30 px. A page whose text measures less is upscaled (after clean-up, which is cheaper at
 * the scan's own resolution) until its text reaches TARGET_PX, never beyond `maxDpi` nor MAX_SCALE; a
 * page whose text is big enough is read as it is. Measured on the generated scans and ../shared/dev-real
 * in docs/ocr.md, "Resolution per page": reading 200 dpi scans as they are (text ≈ 20 px) lost a
 * subject line of a real letter and moved CER both ways, so 13–14 pt print at 200 dpi is still brought
 * to ≈ 300 dpi; large print, and pages already at 300 dpi, are not.
 */
import sharp from 'sharp'
import type { GreyImage } from './grey-image.js'
import { raw, toGrey } from './preprocess.js'

export const OCR_TEXT_SIZE = {
  /** text at least this tall (px) is read as it is */
  minPx: 26,
  /** smaller text is upscaled to this height */
  targetPx: 30,
  /** at most this factor (a thumbnail-sized photo is not rebuilt by upscaling) */
  maxScale: 3,
} as const

/** Upscale factor for a page whose text measures `textHeight` px at `dpi` (1: read as it is). */
export function ocrScale(textHeight: number | undefined, dpi: number, maxDpi: number): number {
  if (!textHeight || textHeight >= OCR_TEXT_SIZE.minPx) return 1
  const scale = Math.min(OCR_TEXT_SIZE.maxScale, OCR_TEXT_SIZE.targetPx / textHeight, dpi > 0 ? maxDpi / dpi : Infinity)
  return scale > 1 ? scale : 1
}

/** The page at the resolution its text needs for OCR (itself when it has it already). */
export async function atOcrResolution(img: GreyImage, maxDpi: number): Promise<GreyImage> {
  const scale = ocrScale(img.textHeight, img.dpi, maxDpi)
  if (scale === 1) return img
  const width = Math.round(img.width * scale)
  const height = Math.round(img.height * scale)
  const up = await toGrey(sharp(img.data, raw(img)).resize(width, height, { fit: 'fill', kernel: 'cubic' }), Math.round(img.dpi * scale))
  return { ...up, textHeight: img.textHeight! * scale }
}
