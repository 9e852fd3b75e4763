/**
 * Render one PDF page to 8-bit grey pixels for OCR. The pixel count is checked from the page size
 * before anything is drawn (a 1-page PDF can declare a 200×200 inch page). The canvas comes from the
 * document's own factory: pdfjs bundles its own @napi-rs/canvas, and a canvas from another copy fails
 * with "parameter 1 is not of type 'Path2D'" (NOTES.md).
 *
 * The page is drawn in colour and turned grey by `colourToGrey` (src/image/colour.ts): a page with
 * coloured ink (red seal, blue signature or stamp) drops it; a black-and-white page gets BT.601 luma
 * as before (identical pixels).
 *
 * Scanned pages (the common case) are one full-page image. When it is a JPEG or a Group 4 fax image,
 * its bytes are taken from the file and decoded by sharp (src/pdf/embedded-scan.ts: no JavaScript
 * decoder, no canvas): a JPEG at the scan's own resolution up to `dpi` (the OCR step then sizes the page
 * by its text, src/image/resolution.ts), a fax image brought to the page at `dpi`. Another kind of image
 * (Flate, JBIG2, Group 3) is taken as it is from the operator list (`paintImageXObject` → `page.objs`)
 * when its resolution is the asked `dpi`, else the page is drawn on a canvas at `dpi` (docs/ocr.md,
 * "Overhead", "JPEG pages" and "Fax pages").
 */
import { OPS, Util } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { CorruptInputError, InputTooLargeError } from '../errors.js'
import { colourToGrey, type GreyMode } from '../image/colour.js'
import type { GreyImage } from '../image/grey-image.js'
import type { PdfFile } from './open.js'
import { decodePdfScan } from '../image/decode.js'
import { embeddedScan } from './embedded-scan.js'

type CanvasAndContext = {
  canvas: { width: number; height: number }
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } }
}
type CanvasFactory = { create(w: number, h: number): CanvasAndContext; destroy(c: CanvasAndContext): void }

/** Skia's largest surface side. */
const MAX_SIDE = 32767

export async function renderPage(pdf: PdfFile, page: number, opts: { dpi: number; maxPixels: number; grey?: GreyMode }): Promise<GreyImage> {
  if (!Number.isInteger(page) || page < 1 || page > pdf.pageCount) {
    throw new RangeError(`page ${page} is outside 1..${pdf.pageCount}`)
  }
  const p = await pdf.doc.getPage(page)
  const viewport = p.getViewport({ scale: opts.dpi / 72 })
  const width = Math.ceil(viewport.width)
  const height = Math.ceil(viewport.height)
  if (width * height > opts.maxPixels || width > MAX_SIDE || height > MAX_SIDE) {
    const inches = `${(viewport.width / opts.dpi).toFixed(1)}×${(viewport.height / opts.dpi).toFixed(1)} in`
    p.cleanup()
    throw new InputTooLargeError(
      `page ${page} is ${inches}: ${width}×${height} px at ${opts.dpi} dpi is over the ${opts.maxPixels}-pixel limit`,
      { stage: 'pdf' },
    )
  }
  if (width < 1 || height < 1) {
    p.cleanup()
    throw new CorruptInputError(`page ${page} has an empty page box`, { stage: 'pdf' })
  }
  try {
    const embedded = await embeddedScanPage(pdf, page, { width, height, dpi: opts.dpi }, opts)
    if (embedded) {
      p.cleanup()
      return embedded
    }
    const scan = await fullPageImage(p, opts.dpi)
    if (scan) {
      if (scan.width * scan.height > opts.maxPixels) {
        throw new InputTooLargeError(
          `page ${page}: its image is ${scan.width}×${scan.height} px, over the ${opts.maxPixels}-pixel limit`,
          { stage: 'pdf' },
        )
      }
      p.cleanup()
      return colourToGrey(scan.data, scan.width, scan.height, 3, scan.dpi, opts.grey ?? 'auto').image
    }
  } catch (error) {
    p.cleanup()
    if (error instanceof InputTooLargeError) throw error
    throw new CorruptInputError(`page ${page} could not be rendered: ${(error as Error).message}`, { stage: 'pdf', cause: error })
  }
  const factory = (pdf.doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory
  const cc = factory.create(width, height)
  try {
    await p.render({
      canvas: cc.canvas as unknown as HTMLCanvasElement,
      canvasContext: cc.context as unknown as CanvasRenderingContext2D,
      viewport,
      background: 'rgb(255,255,255)',
    }).promise
    const rgba = cc.context.getImageData(0, 0, width, height).data
    return colourToGrey(rgba, width, height, 4, opts.dpi, opts.grey ?? 'auto').image
  } catch (error) {
    if (error instanceof InputTooLargeError) throw error
    throw new CorruptInputError(`page ${page} could not be rendered: ${(error as Error).message}`, { stage: 'pdf', cause: error })
  } finally {
    factory.destroy(cc) // zero-sizes the canvas: the pixels go now, not at GC time
    p.cleanup()
  }
}

/**
 * A scanned page whose one image is a JPEG or a Group 4 fax image, decoded by sharp. A JPEG is kept at its
 * own resolution when that is at most the asked `dpi` (the OCR step upscales a page whose text is small:
 * src/image/resolution.ts), or brought down to the page at `dpi` when the scan is finer (what pdfjs would
 * draw). A 1-bit fax image is always brought to the page at `dpi`, as pdfjs draws it: interpolated before
 * clean-up its staircase edges turn grey, and it read better so than upscaled after clean-up (docs/ocr.md,
 * "Fax pages").
 */
async function embeddedScanPage(pdf: PdfFile, page: number, size: { width: number; height: number; dpi: number }, opts: { maxPixels: number; grey?: GreyMode }): Promise<GreyImage | null> {
  const raw = await pdf.raw()
  const scan = raw && embeddedScan(raw, page)
  if (!scan) return null
  if (scan.width * scan.height > opts.maxPixels) {
    throw new InputTooLargeError(`page ${page}: its image is ${scan.width}×${scan.height} px, over the ${opts.maxPixels}-pixel limit`, { stage: 'pdf' })
  }
  const dpi = (scan.width * 72) / scan.pageWidthPt
  const target = scan.format === 'jpeg' && dpi <= size.dpi + 1 ? { width: scan.width, height: scan.height, dpi: Math.round(dpi) } : size
  // a stream libjpeg or libtiff refuses (truncated, odd markers) is left to pdfjs's more lenient decoders
  return decodePdfScan(scan.file, scan, target, { grey: opts.grey }).catch(() => null)
}

/** The only operators a "one image on the page" content stream may have. */
const SCAN_OPS = new Set<number>([OPS.save, OPS.restore, OPS.transform, OPS.dependency, OPS.paintImageXObject])
/** pdfjs ImageKind.RGB_24BPP (grey and RGB JPEGs both decode to it). */
const RGB_24BPP = 2

type PageProxy = Awaited<ReturnType<PdfFile['doc']['getPage']>>
type DecodedImage = { width: number; height: number; kind?: number; data?: Uint8Array | Uint8ClampedArray }

/**
 * The page's pixels straight from its one image, when the page is nothing else: the operator list
 * holds only save/restore/transform and one `paintImageXObject`, whose transform maps the image onto
 * the whole page, upright; the image is 8-bit RGB; its resolution (image width vs page width) is at most
 * Anything else (text, vector art, masks, rotated pages, 1-bit images) → null: rasterise.
 */
async function fullPageImage(p: PageProxy, dpiWanted: number): Promise<{ width: number; height: number; data: Uint8Array | Uint8ClampedArray; dpi: number } | null> {
  const ops = await p.getOperatorList()
  let ctm = [1, 0, 0, 1, 0, 0]
  const stack: number[][] = []
  let image: { name: string; ctm: number[] } | null = null
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!
    if (!SCAN_OPS.has(fn)) return null
    const args = ops.argsArray[i] as unknown[]
    if (fn === OPS.save) stack.push(ctm)
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0]
    else if (fn === OPS.transform) ctm = Util.transform(ctm, args as number[])
    else if (fn === OPS.paintImageXObject) {
      if (image) return null
      image = { name: args[0] as string, ctm }
    }
  }
  if (!image) return null
  const vp = p.getViewport({ scale: 1 })
  // the image's unit square in viewport points (top-left origin): must be [W, 0, 0, -H, 0, H]
  const m = Util.transform(vp.transform, image.ctm)
  const tol = 0.5
  if (Math.abs(m[0] - vp.width) > tol || Math.abs(m[1]) > tol || Math.abs(m[2]) > tol || Math.abs(m[3] + vp.height) > tol) return null
  if (Math.abs(m[4]) > tol || Math.abs(m[5] - vp.height) > tol) return null
  const objs = p.objs as unknown as { has(id: string): boolean; get(id: string): unknown }
  if (!objs.has(image.name)) return null
  const img = objs.get(image.name) as DecodedImage | null
  if (!img || img.kind !== RGB_24BPP || !img.data || img.data.length !== img.width * img.height * 3) return null
  const dpi = Math.round((img.width * 72) / vp.width)
  if (Math.abs(dpi - dpiWanted) > 1 || Math.abs((img.height * 72) / vp.height - dpi) > 2) return null
  return { width: img.width, height: img.height, data: img.data, dpi }
}
