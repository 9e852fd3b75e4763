import { describe, expect, it } from 'vitest'
import { despeckle } from '../../src/image/preprocess.js'
import { atOcrResolution, ocrScale } from '../../src/image/resolution.js'
import { fixturePage } from '../../scripts/fixtures/pages.js'
import { fixture } from '../helpers/fixtures.js'

describe('OCR resolution chosen per page by the size of its text', () => {
  it('reads text of 13–14 pt print at 300 dpi as it is, and brings smaller text up to it, never past the render resolution', () => {
    expect(ocrScale(30, 300, 300)).toBe(1)
    expect(ocrScale(20, 200, 300)).toBe(1.5) // 200 dpi office scan → 300 dpi
    expect(ocrScale(13, 150, 300)).toBe(2) // capped at 300 dpi
    expect(ocrScale(24, 300, 300)).toBe(1) // small print at 300 dpi: not past the render resolution
    expect(ocrScale(8, 96, 300)).toBe(3) // a phone photo: at most 3×
    expect(ocrScale(undefined, 200, 300)).toBe(1) // too little text to measure
  })

  it('measures the text height while despeckling, and upscales a 200 dpi page to 300 dpi', async () => {
    const page = despeckle(await fixturePage(fixture('lao-cai.poor.pdf')))
    expect(page.dpi).toBe(200)
    expect(page.textHeight).toBeGreaterThan(16)
    expect(page.textHeight).toBeLessThan(24)
    const up = await atOcrResolution(page, 300)
    expect(up.dpi).toBe(300)
    expect(up.width).toBe(Math.round(page.width * 1.5))
    expect(up.data.length).toBe(up.width * up.height)
    const office = despeckle(await fixturePage(fixture('lao-cai.office.pdf')))
    expect(await atOcrResolution(office, 300)).toBe(office)
  })
})
