import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { colourToGrey } from '../../src/image/colour.js'
import { decodeImagePage } from '../../src/image/decode.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { openPdf } from '../../src/pdf/open.js'
import { renderPage } from '../../src/pdf/render.js'
import { fixture } from '../helpers/fixtures.js'

/** 100×100 grey paper (200) with black print in rows 10–19 and `ink` in rows 50–69 (print under ink in cols 0–9). */
function page(ink: [number, number, number] | null): Uint8Array {
  const px = new Uint8Array(100 * 100 * 3).fill(200)
  const set = (x: number, y: number, c: number[]) => px.set(c, (y * 100 + x) * 3)
  for (let y = 10; y < 20; y++) for (let x = 0; x < 100; x++) set(x, y, [30, 30, 30])
  if (ink) for (let y = 50; y < 70; y++) for (let x = 0; x < 100; x++) set(x, y, x < 10 ? [25, 20, 22] : ink)
  return px
}
const at = (g: { data: Uint8Array }, x: number, y: number) => g.data[y * 100 + x]

describe('colourToGrey', () => {
  it.each([
    ['red seal', [176, 54, 60] as [number, number, number]],
    ['blue signature', [50, 70, 150] as [number, number, number]],
  ])('auto drops %s to paper white and keeps black print (also under it)', (_, ink) => {
    const luma = colourToGrey(page(ink), 100, 100, 3, 200, 'luma').image
    const auto = colourToGrey(page(ink), 100, 100, 3, 200)
    expect(auto.mode).toBe('drop-colour')
    expect(at(luma, 50, 60)).toBeLessThan(110) // luma: a mid-grey blob, as dark as faint print
    expect(at(auto.image, 50, 60)).toBeGreaterThanOrEqual(200)
    expect(at(auto.image, 50, 15)).toBe(30)
    expect(at(auto.image, 5, 60)).toBeLessThan(40)
  })

  it('a black-and-white page (even in RGB) gets exactly the luma it got before', () => {
    const rgb = page(null)
    const auto = colourToGrey(rgb, 100, 100, 3, 200)
    expect(auto.mode).toBe('luma')
    expect(auto.colouredShare).toBe(0)
    expect([...auto.image.data]).toEqual([...colourToGrey(rgb, 100, 100, 3, 200, 'luma').image.data])
    expect(at(auto.image, 50, 15)).toBe(30)
  })

  it('renderPage: the colour artefact scan drops its seal; a grey scan renders as before', async () => {
    const pdf = await openPdf(fixture('artefacts/lao-cai.pdf'), DEFAULT_LIMITS)
    const auto = await renderPage(pdf, 1, { dpi: 100, maxPixels: DEFAULT_LIMITS.maxPixels })
    const luma = await renderPage(pdf, 1, { dpi: 100, maxPixels: DEFAULT_LIMITS.maxPixels, grey: 'luma' })
    await pdf.close()
    const dark = (d: Uint8Array) => d.filter((v) => v < 120).length
    expect(dark(auto.data)).toBeLessThan(dark(luma.data) * 0.9)
    const bw = await openPdf(fixture('lao-cai.office.pdf'), DEFAULT_LIMITS)
    const a = await renderPage(bw, 1, { dpi: 100, maxPixels: DEFAULT_LIMITS.maxPixels })
    const b = await renderPage(bw, 1, { dpi: 100, maxPixels: DEFAULT_LIMITS.maxPixels, grey: 'luma' })
    await bw.close()
    expect(Buffer.compare(Buffer.from(a.data), Buffer.from(b.data))).toBe(0)
  })

  it('decodeImagePage: a colour PNG with a red mark drops it; without one it decodes as before', async () => {
    const png = (px: Uint8Array) => sharp(px, { raw: { width: 100, height: 100, channels: 3 } }).png().toBuffer()
    const red = await decodeImagePage(await png(page([176, 54, 60])), 0, DEFAULT_LIMITS)
    expect(at(red, 50, 60)).toBeGreaterThanOrEqual(200)
    expect(at(red, 50, 15)).toBeLessThan(40)
    const plain = await png(page(null))
    const now = await decodeImagePage(plain, 0, DEFAULT_LIMITS)
    const { data } = await sharp(plain).greyscale().toColourspace('b-w').raw().toBuffer({ resolveWithObject: true })
    expect(Buffer.compare(Buffer.from(now.data), data)).toBe(0)
  })
})
