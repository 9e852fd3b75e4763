/**
 * A page image as it came → the page model: blank pages skipped before any work, the page turned
 * upright, cleaned, brought to the resolution its text needs (src/image/resolution.ts), OCRed, its
 * tables re-read, a signer's name under a seal re-read (src/layout/signature-name.ts), and its start
 * judged (header or mid-text).
 *
 * Orientation, measured on the real scans (docs/pages.md): the ink profile says whether the lines run
 * along the rows or the columns (src/image/orientation.ts), and a sideways page is turned a quarter turn
 * back. Upright and upside down look alike to the profile; Tesseract's own word confidence tells them
 * apart (upright ≥ 0.63 on every real page, upside down 0.29–0.37): only a page read with a confidence
 * under UPSIDE_DOWN_CONF is read again turned half round, and the better reading kept. A good page pays
 * nothing; a bad one pays one more OCR (its tables are laid out once, on the reading kept).
 */
import { blankPageNote } from '../image/blank.js'
import type { GreyImage } from '../image/grey-image.js'
import { lineAxis, turnPage, type Rotation } from '../image/orientation.js'
import { preprocessPage } from '../image/preprocess.js'
import { atOcrResolution } from '../image/resolution.js'
import { DEFAULT_LIMITS } from '../limits.js'
import { pageStart } from '../layout/continuation.js'
import { layoutPage } from '../layout/index.js'
import { rereadSignatureName } from '../layout/signature-name.js'
import type { SourcePage } from '../schema/page.js'
import type { OcrPool } from './pool.js'
import { untimed, type StageTimer } from '../timings.js'

/** Under this mean word confidence the page is read again upside down. */
export const UPSIDE_DOWN_CONF = 0.5
/** The second reading must beat the first by this much to be kept. */
const BETTER_BY = 0.1

/** `maxDpi`: the resolution a page with small text may be upscaled to (`Limits.dpi`, the PDF render resolution). */
export async function readPageImage(image: GreyImage, page: number, ocr: OcrPool, time: StageTimer = untimed, maxDpi = DEFAULT_LIMITS.dpi): Promise<SourcePage> {
  const blank = blankPageNote(image)
  if (blank) return { page, origin: 'ocr', lines: [], confidence: null, width: image.width, height: image.height, dpi: image.dpi, note: blank, blank: true }
  const { axis } = await lineAxis(image)
  const base: Rotation = axis === 'columns' ? 270 : 0
  let best = await ocrTurned(image, base, page, ocr, time, maxDpi)
  if ((best.read.confidence ?? 1) < UPSIDE_DOWN_CONF) {
    const other = await ocrTurned(image, ((base + 180) % 360) as Rotation, page, ocr, time, maxDpi)
    if ((other.read.confidence ?? 0) >= (best.read.confidence ?? 0) + BETTER_BY) best = other
  }
  // tables (and their cell re-reads) only for the reading kept
  const laid = await time('tables', () => layoutPage(best.read, { image: best.clean, reader: ocr }))
  const named = await time('ocr', () => rereadSignatureName(laid, best.clean, ocr))
  return { ...named, ...startFlags(named) }
}

/** Turn, clean and OCR the page; the cleaned image is kept for the table step. */
async function ocrTurned(image: GreyImage, rotation: Rotation, page: number, ocr: OcrPool, time: StageTimer, maxDpi: number): Promise<{ read: SourcePage; clean: GreyImage }> {
  const clean = await time('preprocess', async () => atOcrResolution(await preprocessPage(await turnPage(image, rotation)), maxDpi))
  const ocred = await time('ocr', () => ocr.recognize(clean, page))
  return { read: rotation ? { ...ocred, rotation } : ocred, clean }
}

/** `continuation` / `headerCut` when the page's first lines say so (src/layout/continuation.ts). */
export function startFlags(p: SourcePage): Pick<SourcePage, 'continuation' | 'headerCut'> {
  const start = pageStart(p.lines.map((l) => l.text))
  return { ...(start.continuation ? { continuation: true } : {}), ...(start.headerCut ? { headerCut: true } : {}) }
}
