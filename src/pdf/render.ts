/**
 * Render one PDF page to 8-bit grey pixels for OCR. The pixel count is checked from the page size
 * before anything is drawn (a 1-page PDF can declare a 200×200 inch page). The canvas comes from the
 * document's own factory: pdfjs bundles its own @napi-rs/canvas, and a canvas from another copy fails
 * with "parameter 1 is not of type 'Path2D'" (NOTES.md).
 *
 * The page is drawn in colour and turned grey by `colourToGrey` (src/image/colour.ts): a page with
 * coloured ink (red seal, blue signature or stamp) drops it; a black-and-white page gets BT.601 luma
 * as before (identical pixels).
 */
import { CorruptInputError, InputTooLargeError } from '../errors.js'
import { colourToGrey, type GreyMode } from '../image/colour.js'
import type { GreyImage } from '../image/grey-image.js'
import type { PdfFile } from './open.js'

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
