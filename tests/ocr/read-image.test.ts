/**
 * Pages as they come, read through the real stage (readPageImage: blank test, orientation, clean-up,
 * tesseract.js) from pages made out of the lao-cai fixture scan by scripts/fixtures/pages.ts.
 */
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blankPageNote } from '../../src/image/blank.js'
import { decodeImagePage } from '../../src/image/decode.js'
import type { GreyImage } from '../../src/image/grey-image.js'
import { lineAxis, turnPage } from '../../src/image/orientation.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { createOcrPool, type OcrPool } from '../../src/ocr/pool.js'
import { readPageImage } from '../../src/ocr/read-image.js'
import type { SourcePage } from '../../src/schema/page.js'
import { blankBack, fixturePage, oneBitTiff, phonePhoto } from '../../scripts/fixtures/pages.js'
import { bestCer } from '../helpers/cer.js'
import { fixture, fixtureText } from '../helpers/fixtures.js'

let pool: OcrPool
let calls = 0
let page: GreyImage
const gt = [fixtureText('lao-cai.gt.txt'), fixtureText('lao-cai.gt-logical.txt')]
const textOf = (p: SourcePage) => p.lines.map((l) => l.text).join('\n')

/** The top half of the page (header and first paragraphs): enough text to read, half the OCR time. */
async function topHalf(img: GreyImage): Promise<GreyImage> {
  const h = Math.floor(img.height / 2)
  const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .extract({ left: 0, top: 0, width: img.width, height: h })
    .toColourspace('b-w')
    .raw()
    .toBuffer()
  return { ...img, height: h, data: new Uint8Array(data) }
}

beforeAll(async () => {
  const real = await createOcrPool({ size: 1 })
  // the real pool, counted: a blank page must cost no OCR call
  pool = { size: real.size, close: () => real.close(), recognize: (...a) => (calls++, real.recognize(...a)) }
  page = await fixturePage(fixture('lao-cai.office.pdf'))
})
afterAll(async () => pool?.close())

describe('pages as they come', () => {
  it('skips the blank back of a duplex sheet (grain, show-through, scanner edge) with a note and no OCR', async () => {
    const before = calls
    const read = await readPageImage(blankBack(page), 2, pool)
    expect(read).toMatchObject({ page: 2, blank: true, lines: [], confidence: null })
    expect(read.note).toMatch(/^blank page/)
    expect(calls).toBe(before)
    expect(blankPageNote(page)).toBeNull()
  })

  it('tells sideways text lines from upright ones by the ink profile', async () => {
    expect((await lineAxis(page)).axis).toBe('rows')
    expect((await lineAxis(await turnPage(page, 90))).axis).toBe('columns')
    expect((await lineAxis(await turnPage(page, 270))).axis).toBe('columns')
  })

  it('reads a page scanned upside down: turned half round when the first reading is poor', async () => {
    const upright = await readPageImage(await topHalf(page), 1, pool)
    const flipped = await readPageImage(await turnPage(await topHalf(page), 180), 1, pool)
    expect(upright.rotation).toBeUndefined()
    expect(flipped.rotation).toBe(180)
    expect(textOf(flipped)).toContain('KẾ HOẠCH')
    expect(Math.abs(flipped.confidence! - upright.confidence!)).toBeLessThan(0.05)
  })

  it('reads a page stored sideways (turned 90° either way) upright', async () => {
    const half = await topHalf(page)
    for (const turned of [90, 270] as const) {
      const read = await readPageImage(await turnPage(half, turned), 1, pool)
      expect(read.rotation).toBe(360 - turned)
      expect(textOf(read)).toContain('KẾ HOẠCH')
      expect(read.width).toBe(half.width)
    }
  })

  it('reads a 1-bit CCITT G4 scan as well as the grey page (CER within a point)', async () => {
    const grey = await readPageImage(page, 1, pool)
    const bits = await decodeImagePage(await oneBitTiff(page), 0, DEFAULT_LIMITS)
    const read = await readPageImage(bits, 1, pool)
    expect(bits.dpi).toBe(300)
    expect(bestCer(gt, textOf(read))).toBeLessThan(bestCer(gt, textOf(grey)) + 0.01)
  })

  it('reads a phone photo of the page (perspective, table around it, uneven light, 1200 px wide): header lines and number', async () => {
    const read = await readPageImage(await phonePhoto(page), 1, pool)
    expect(read.blank).toBeUndefined()
    expect(read.rotation).toBeUndefined()
    const text = textOf(read)
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(text).toMatch(/219\/KH-UBND/)
    expect(read.continuation).toBeUndefined()
  })

  it('reads a dim, low-contrast phone photo (light falling to 55% across the sheet, grey ink, 800 px wide) to the far edge of the header', async () => {
    // lit unevenly, the dim side's print is lost to the page-wide binarisation unless the paper is flattened first
    const read = await readPageImage(await phonePhoto(page, { width: 800, dimmest: 0.55, contrast: 0.5 }), 1, pool)
    const text = textOf(read)
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc')
    expect(text).toMatch(/ngày 16 tháng 4 năm 2024/)
  })
})
