/**
 * Image inputs (PNG, JPEG, TIFF incl. multi-page) → 8-bit grey pages, with sharp.
 * `limitInputPixels` makes libvips refuse an image bomb from its header, before decoding
 * (a 30000×30000 PNG of a few hundred bytes fails in milliseconds).
 * Colour images are decoded as sRGB and turned grey by `colourToGrey` (src/image/colour.ts: coloured
 * ink — seals, blue signatures, stamps — dropped when the page has some); grey images as before.
 */
import sharp, { type KernelEnum, type Metadata } from 'sharp'
import { CorruptInputError, InputTooLargeError } from '../errors.js'
import type { Limits } from '../limits.js'
import { colourToGrey, type GreyMode } from './colour.js'
import type { GreyImage } from './grey-image.js'

/** Scanners that write no resolution are nearly always at 300 dpi. */
export const DEFAULT_DPI = 300

type Meta = Metadata

async function metadata(bytes: Uint8Array, limits: Limits): Promise<Meta> {
  let meta: Meta
  try {
    meta = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' }).metadata()
  } catch (error) {
    if (/pixel limit/i.test((error as Error).message)) {
      throw new InputTooLargeError(`the image is over the ${limits.maxPixels}-pixel limit`, { stage: 'image', cause: error })
    }
    throw new CorruptInputError(`the image could not be read: ${(error as Error).message}`, { stage: 'image', cause: error })
  }
  checkPixels(meta.width ?? 0, meta.height ?? 0, limits)
  return meta
}

function checkPixels(width: number, height: number, limits: Limits): void {
  if (width * height > limits.maxPixels) {
    throw new InputTooLargeError(`the image is ${width}×${height} px, over the ${limits.maxPixels}-pixel limit`, { stage: 'image' })
  }
}

export async function countImagePages(bytes: Uint8Array, limits: Limits): Promise<number> {
  const meta = await metadata(bytes, limits)
  const pages = meta.pages ?? 1
  if (pages > limits.maxPages) {
    throw new InputTooLargeError(`the image has ${pages} pages, over the ${limits.maxPages}-page limit`, { stage: 'image' })
  }
  return pages
}

/** Decode page `pageIndex` (0-based) as upright (EXIF orientation applied) 8-bit grey. */
export async function decodeImagePage(bytes: Uint8Array, pageIndex: number, limits: Limits, opts: { grey?: GreyMode } = {}): Promise<GreyImage> {
  const meta = await metadata(bytes, limits)
  const pages = meta.pages ?? 1
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= pages) {
    throw new RangeError(`page index ${pageIndex} is outside 0..${pages - 1}`)
  }
  try {
    const input = sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error', ...(pages > 1 ? { page: pageIndex } : {}) })
    const page = pages > 1 ? await input.clone().metadata() : meta
    checkPixels(page.width ?? 0, page.height ?? 0, limits)
    const dpi = page.density && page.density >= 50 && page.density <= 2400 ? Math.round(page.density) : DEFAULT_DPI
    const colour = (page.channels ?? 1) >= 3 && page.space !== 'b-w'
    if (colour) {
      const { data, info } = await input
        .autoOrient()
        .flatten({ background: '#ffffff' })
        .toColourspace('srgb')
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true })
      if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`)
      const mode = opts.grey ?? 'auto'
      const grey = colourToGrey(data, info.width, info.height, 3, dpi, mode)
      // no coloured ink: libvips' own grey conversion below, exactly as before colour-aware decoding
      if (!(mode === 'auto' && grey.mode === 'luma')) return grey.image
    }
    const { data, info } = await input
      .autoOrient()
      .flatten({ background: '#ffffff' }) // transparent scans: white paper
      .greyscale()
      .toColourspace('b-w')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true })
    if (info.channels !== 1) throw new Error(`expected 1 channel, got ${info.channels}`)
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length), dpi }
  } catch (error) {
    if (error instanceof InputTooLargeError) throw error
    const message = (error as Error).message
    if (/pixel limit/i.test(message)) {
      throw new InputTooLargeError(`the image is over the ${limits.maxPixels}-pixel limit`, { stage: 'image', cause: error })
    }
    throw new CorruptInputError(`image page ${pageIndex + 1} could not be decoded: ${message}`, { stage: 'image', cause: error })
  }
}

/** Kernel for bringing a PDF page's scan to the OCR resolution (docs/ocr.md, "JPEG pages"). */
const SCAN_KERNEL: keyof KernelEnum = 'cubic'

/**
 * A scan taken out of a PDF page (src/pdf/embedded-scan.ts: a JPEG, or a CCITT fax stream in a TIFF) →
 * grey pixels of `size` (the page at the OCR resolution): decoded by libjpeg-turbo or libtiff, resized by
 * libvips when the scan is at another resolution, and turned grey by `colourToGrey` exactly as a page
 * rendered by pdfjs is. EXIF orientation is not applied: PDF viewers ignore it. Null when the stream is
 * not the image its dictionary says.
 */
export async function decodePdfScan(
  file: Uint8Array,
  expected: { format: 'jpeg' | 'tiff'; width: number; height: number },
  size: { width: number; height: number; dpi: number },
  opts: { grey?: GreyMode } = {},
): Promise<GreyImage | null> {
  const input = sharp(file, { limitInputPixels: expected.width * expected.height, failOn: 'error' })
  const meta = await input.metadata()
  if (meta.format !== expected.format || meta.width !== expected.width || meta.height !== expected.height) return null
  if (meta.space !== 'srgb' && meta.space !== 'b-w') return null
  const resized = meta.width === size.width && meta.height === size.height ? input : input.resize(size.width, size.height, { fit: 'fill', kernel: SCAN_KERNEL })
  // a 1-bit image would come out as three equal channels: keep one
  const grey = expected.format === 'tiff' ? resized.toColourspace('b-w') : resized
  const { data, info } = await grey.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })
  if (info.channels === 1) return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length), dpi: size.dpi }
  if (info.channels !== 3) return null
  return colourToGrey(data, info.width, info.height, 3, size.dpi, opts.grey ?? 'auto').image
}
