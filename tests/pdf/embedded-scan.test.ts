/**
 * A scanned page's JPEG taken out of the PDF and decoded by sharp instead of pdfjs's JavaScript decoder:
 * the same pixels as pdfjs draws, and only for pages that are exactly one upright full-page JPEG —
 * anything else on the page (text, a second image, rotation, an image not covering the page, a
 * non-JPEG image) leaves the page to pdfjs.
 */
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { embeddedScan, loadRawPdf } from '../../src/pdf/embedded-scan.js'
import { openPdf } from '../../src/pdf/open.js'
import { renderPage } from '../../src/pdf/render.js'
import { fixture } from '../helpers/fixtures.js'

const A4 = [595.28, 841.89] as const
const scanJpeg = () =>
  sharp({ create: { width: 827, height: 1170, channels: 3, background: '#f4f2ee' } })
    .composite([{ input: Buffer.from('<svg width="827" height="1170"><text x="80" y="200" font-size="40">KẾ HOẠCH</text></svg>'), top: 0, left: 0 }])
    .jpeg({ quality: 80 })
    .toBuffer()
const scanPng = () => sharp({ create: { width: 827, height: 1170, channels: 3, background: '#ffffff' } }).png().toBuffer()

async function pdfWith(draw: (doc: PDFDocument) => Promise<void>): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  await draw(doc)
  return doc.save()
}
const fullPage = (jpeg: Buffer) =>
  pdfWith(async (doc) => {
    const img = await doc.embedJpg(jpeg)
    doc.addPage([...A4]).drawImage(img, { x: 0, y: 0, width: A4[0], height: A4[1] })
  })

async function scanOf(bytes: Uint8Array) {
  const raw = await loadRawPdf(bytes)
  return raw && embeddedScan(raw, 1)
}

describe('the JPEG of a scanned page', () => {
  it('is decoded by sharp to the pixels pdfjs draws (a 300 dpi office scan)', async () => {
    const pdf = await openPdf(fixture('lao-cai.office.pdf'), DEFAULT_LIMITS)
    const opts = { dpi: 300, maxPixels: DEFAULT_LIMITS.maxPixels }
    const fast = await renderPage(pdf, 1, opts)
    pdf.raw = async () => null // the pdfjs path
    const slow = await renderPage(pdf, 1, opts)
    await pdf.close()
    expect([fast.width, fast.height]).toEqual([slow.width, slow.height])
    let diff = 0
    for (let i = 0; i < fast.data.length; i++) diff += Math.abs(fast.data[i]! - slow.data[i]!)
    expect(diff / fast.data.length).toBeLessThan(0.1) // two JPEG decoders: ±1 here and there
  })

  it('is found on a page that is one upright JPEG covering the page box, with its size', async () => {
    const scan = await scanOf(await fullPage(await scanJpeg()))
    expect(scan).toMatchObject({ width: 827, height: 1170 })
    expect(scan!.pageWidthPt).toBeCloseTo(A4[0], 1)
    expect(scan!.format).toBe('jpeg')
    expect([...scan!.file.subarray(0, 2)]).toEqual([0xff, 0xd8])
  })

  it('is not taken from a page with anything else on it, turned, not covered, or not a JPEG', async () => {
    const jpeg = await scanJpeg()
    const withText = await pdfWith(async (doc) => {
      const page = doc.addPage([...A4])
      page.drawImage(await doc.embedJpg(jpeg), { x: 0, y: 0, width: A4[0], height: A4[1] })
      page.drawText('Ky boi', { x: 400, y: 800, size: 9, font: await doc.embedFont(StandardFonts.Helvetica) })
    })
    const rotated = await pdfWith(async (doc) => {
      const page = doc.addPage([...A4])
      page.drawImage(await doc.embedJpg(jpeg), { x: 0, y: 0, width: A4[0], height: A4[1] })
      page.setRotation(degrees(90))
    })
    const partial = await pdfWith(async (doc) => {
      doc.addPage([...A4]).drawImage(await doc.embedJpg(jpeg), { x: 20, y: 20, width: A4[0] - 40, height: A4[1] - 40 })
    })
    const twoImages = await pdfWith(async (doc) => {
      const page = doc.addPage([...A4])
      const img = await doc.embedJpg(jpeg)
      page.drawImage(img, { x: 0, y: 0, width: A4[0], height: A4[1] })
      page.drawImage(img, { x: 0, y: 0, width: 50, height: 50 })
    })
    const png = await pdfWith(async (doc) => {
      doc.addPage([...A4]).drawImage(await doc.embedPng(await scanPng()), { x: 0, y: 0, width: A4[0], height: A4[1] })
    })
    for (const bytes of [withText, rotated, partial, twoImages, png]) expect(await scanOf(bytes)).toBeNull()
  })

  it('leaves a stream libjpeg refuses to pdfjs, which still renders the page', async () => {
    const jpeg = await scanJpeg()
    const cut = await fullPage(jpeg.subarray(0, 600)) // the JPEG ends in its first scan lines
    const pdf = await openPdf(cut, DEFAULT_LIMITS)
    const page = await renderPage(pdf, 1, { dpi: 100, maxPixels: DEFAULT_LIMITS.maxPixels }).catch((e: unknown) => e)
    await pdf.close()
    expect(page).toMatchObject({ width: Math.ceil((A4[0] * 100) / 72), dpi: 100 })
  })
})
