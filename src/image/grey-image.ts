/**
 * A page handed between stages as raw 8-bit greyscale pixels: cheap to pass to workers
 * and to tesseract (PNG-encoding a noisy 300 dpi page costs seconds; see NOTES.md).
 */
export type GreyImage = {
  width: number
  height: number
  /** one byte per pixel, row-major, 0 = black */
  data: Uint8Array
  dpi: number
  /** median height in px of the page's letter-sized ink, where measured (despeckle): how big the text is for OCR */
  textHeight?: number
}
