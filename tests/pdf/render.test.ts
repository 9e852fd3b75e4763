import { describe, expect, it } from 'vitest'
import { InputTooLargeError } from '../../src/errors.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { openPdf } from '../../src/pdf/open.js'
import { renderPage } from '../../src/pdf/render.js'
import { fixture } from '../helpers/fixtures.js'

describe('renderPage', () => {
  it('renders an A4 page to grey pixels at the asked resolution', async () => {
    const pdf = await openPdf(fixture('lao-cai.digital.pdf'), DEFAULT_LIMITS)
    const img = await renderPage(pdf, 1, { dpi: 150, maxPixels: DEFAULT_LIMITS.maxPixels })
    await pdf.close()
    expect(img.width).toBe(Math.ceil((595.28 * 150) / 72))
    expect(img.height).toBe(Math.ceil((841.89 * 150) / 72))
    expect(img.data.length).toBe(img.width * img.height)
    expect(img.dpi).toBe(150)
    let dark = 0
    for (const v of img.data) if (v < 128) dark++
    expect(img.data[0]).toBe(255) // white paper
    expect(dark / img.data.length).toBeGreaterThan(0.01) // text drawn
    expect(dark / img.data.length).toBeLessThan(0.2)
  })

  it('takes a full-page JPEG scan at its own resolution up to the asked one, and brings a finer one down to it', async () => {
    const office = await openPdf(fixture('lao-cai.office.pdf'), DEFAULT_LIMITS) // one 2480×3508 JPEG (300 dpi)
    const img = await renderPage(office, 1, { dpi: 300, maxPixels: DEFAULT_LIMITS.maxPixels })
    const down = await renderPage(office, 1, { dpi: 150, maxPixels: DEFAULT_LIMITS.maxPixels })
    await office.close()
    expect([img.width, img.height, img.dpi]).toEqual([2480, 3508, 300]) // a canvas at 300 dpi is 2481 wide
    expect([down.width, down.height, down.dpi]).toEqual([1241, 1754, 150])
    const poor = await openPdf(fixture('lao-cai.poor.pdf'), DEFAULT_LIMITS) // a 200 dpi scan: the OCR step sizes it by its text
    const own = await renderPage(poor, 1, { dpi: 300, maxPixels: DEFAULT_LIMITS.maxPixels })
    await poor.close()
    expect([own.width, own.height, own.dpi]).toEqual([1654, 2339, 200])
  })

  it('refuses a page over the pixel limit before drawing it', async () => {
    const pdf = await openPdf(fixture('bad/huge-page.pdf'), DEFAULT_LIMITS) // declares 200×200 in
    const t0 = performance.now()
    const error = await renderPage(pdf, 1, { dpi: 300, maxPixels: DEFAULT_LIMITS.maxPixels }).catch((e: unknown) => e)
    await pdf.close()
    expect(error).toBeInstanceOf(InputTooLargeError)
    expect((error as Error).message).toMatch(/200\.0×200\.0 in/)
    expect(performance.now() - t0).toBeLessThan(1000)
  })
})
