import { afterAll, describe, expect, it } from 'vitest'
import { MissingDependencyError } from '../../src/errors.js'
import { preprocessPage } from '../../src/image/preprocess.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { createOcrPool, type OcrPool } from '../../src/ocr/pool.js'
import { openPdf } from '../../src/pdf/open.js'
import { renderPage } from '../../src/pdf/render.js'
import { SourcePage } from '../../src/schema/page.js'
import { bestCer } from '../helpers/cer.js'
import { fixture, fixtureText } from '../helpers/fixtures.js'

let pool: OcrPool | undefined
afterAll(async () => pool?.close())

describe('OCR pool', () => {
  it('reads a scanned page (office profile) with CER ≤ 3%', async () => {
    pool = await createOcrPool({ size: 1 })
    const pdf = await openPdf(fixture('lao-cai.office.pdf'), DEFAULT_LIMITS)
    const image = await preprocessPage(await renderPage(pdf, 1, { dpi: 300, maxPixels: DEFAULT_LIMITS.maxPixels }))
    await pdf.close()
    const page = await pool.recognize(image, 1)
    expect(SourcePage.parse(page)).toBeTruthy()
    expect(page).toMatchObject({ page: 1, origin: 'ocr', width: image.width, height: image.height, dpi: 300 })
    const text = page.lines.map((l) => l.text).join('\n')
    const c = bestCer([fixtureText('lao-cai.gt.txt'), fixtureText('lao-cai.gt-logical.txt')], text)
    expect(c).toBeLessThanOrEqual(0.03)
    expect(page.confidence).toBeGreaterThan(0.8)
    const w = page.lines[0].words![0]
    expect(w.box[2]).toBeGreaterThan(w.box[0])
    expect(w.conf).toBeGreaterThan(0)
    expect(w.conf).toBeLessThanOrEqual(1)
  }, 60_000)

  it('applies a call\'s parameters to that call only: the worker reads letters again after a digits-only read', async () => {
    pool ??= await createOcrPool({ size: 1 })
    const pdf = await openPdf(fixture('lao-cai.office.pdf'), DEFAULT_LIMITS)
    const page = await preprocessPage(await renderPage(pdf, 1, { dpi: 300, maxPixels: DEFAULT_LIMITS.maxPixels }))
    await pdf.close()
    // the header band: issuer, motto, "Số: …/KH-…", the date line
    const top = { ...page, height: Math.round(page.height * 0.15), data: page.data.subarray(0, page.width * Math.round(page.height * 0.15)) }
    const read = async (params?: Record<string, string>) => (await pool!.recognize(top, 1, params)).lines.map((l) => l.text).join('\n')
    const digits = await read({ tessedit_pageseg_mode: '6', tessedit_char_whitelist: '0123456789' })
    expect(digits).toMatch(/\d/)
    expect(digits).not.toMatch(/\p{L}/u)
    expect(await read({ tessedit_pageseg_mode: '6' })).toMatch(/UBND|ỦY BAN|NHÂN DÂN/)
    expect(await read()).toMatch(/UBND|ỦY BAN|NHÂN DÂN/)
  }, 60_000)

  it('rejects a call parameter it could not set back on the worker', async () => {
    pool ??= await createOcrPool({ size: 1 })
    const blank = { width: 8, height: 8, data: new Uint8Array(64).fill(255), dpi: 300 }
    await expect(pool.recognize(blank, 1, { textord_min_linesize: '2' })).rejects.toThrow(/may not set: textord_min_linesize/)
  })

  it('reports a missing language model as a missing dependency', async () => {
    await expect(createOcrPool({ langPath: '/nonexistent/tessdata' })).rejects.toBeInstanceOf(MissingDependencyError)
  })
})
