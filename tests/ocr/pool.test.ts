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

  it('reports a missing language model as a missing dependency', async () => {
    await expect(createOcrPool({ langPath: '/nonexistent/tessdata' })).rejects.toBeInstanceOf(MissingDependencyError)
  })
})
