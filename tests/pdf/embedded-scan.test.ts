/**
 * A scanned page's JPEG taken out of the PDF and decoded by sharp instead of pdfjs's JavaScript decoder:
 * the same pixels as pdfjs draws, and only for pages that are exactly one upright full-page JPEG —
 * anything else on the page (text, a second image, rotation, an image not covering the page, a
 * non-JPEG image) leaves the page to pdfjs.
 */
import { PDFDocument, PDFName, StandardFonts, degrees } from 'pdf-lib'
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

/** A 400×250 page of text coded as one Group 4 strip by libtiff (sharp), with its size. */
async function g4Strip(opts: { miniswhite: boolean }) {
  const [width, height] = [400, 250] // under libvips' 256 rows per strip: one strip, the whole image
  const svg = `<svg width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/><text x="30" y="140" font-size="56">KẾ HOẠCH 12</text></svg>`
  const grey = await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).greyscale().threshold(128).raw().toBuffer()
  const tiff = await sharp(grey, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: opts.miniswhite })
    .toBuffer()
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.length)
  const tag = (id: number) => {
    const ifd = view.getUint32(4, true)
    for (let i = 0; i < view.getUint16(ifd, true); i++) {
      const at = ifd + 2 + i * 12
      if (view.getUint16(at, true) === id) {
        expect(view.getUint32(at + 4, true)).toBe(1) // one strip
        return view.getUint16(at + 2, true) === 3 ? view.getUint16(at + 8, true) : view.getUint32(at + 8, true)
      }
    }
    throw new Error(`no TIFF tag ${id}`)
  }
  const offset = tag(273)
  return { code: tiff.subarray(offset, offset + tag(279)), width, height }
}

/** A page (at 200 dpi) that is the fax image and nothing else, drawn the way scanners write it. */
async function faxPdf(strip: { code: Uint8Array; width: number; height: number }, parms: Record<string, unknown>, image: Record<string, unknown> = {}) {
  const doc = await PDFDocument.create()
  const stream = doc.context.stream(strip.code, {
    Type: 'XObject', Subtype: 'Image', Width: strip.width, Height: strip.height, BitsPerComponent: 1,
    ColorSpace: 'DeviceGray', Filter: 'CCITTFaxDecode', DecodeParms: { K: -1, Columns: strip.width, ...parms }, ...image,
  })
  const [w, h] = [(strip.width * 72) / 200, (strip.height * 72) / 200]
  const page = doc.addPage([w, h])
  page.node.setXObject(PDFName.of('Im0'), doc.context.register(stream))
  page.node.addContentStream(doc.context.register(doc.context.flateStream(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`)))
  return doc.save()
}

/** The page as sharp decodes it and as pdfjs draws it (by default at the scan's own resolution). */
async function bothWays(bytes: Uint8Array, dpi = 200) {
  const pdf = await openPdf(bytes, DEFAULT_LIMITS)
  const opts = { dpi, maxPixels: DEFAULT_LIMITS.maxPixels }
  const fast = await renderPage(pdf, 1, opts)
  pdf.raw = async () => null // the pdfjs path
  const slow = await renderPage(pdf, 1, opts)
  await pdf.close()
  return { fast, slow }
}

const meanDiff = (a: { data: Uint8Array }, b: { data: Uint8Array }) => {
  let diff = 0
  for (let i = 0; i < a.data.length; i++) diff += Math.abs(a.data[i]! - b.data[i]!)
  return diff / a.data.length
}
const darkShare = (img: { data: Uint8Array }) => img.data.reduce((n, v) => n + (v < 128 ? 1 : 0), 0) / img.data.length

describe('a Group 4 fax page', () => {
  it('is found and wrapped in a TIFF with the image size', async () => {
    const scan = await scanOf(await faxPdf(await g4Strip({ miniswhite: true }), {}))
    expect(scan).toMatchObject({ format: 'tiff', width: 400, height: 250 })
    expect([...scan!.file.subarray(0, 4)]).toEqual([0x49, 0x49, 42, 0])
  })

  it('is decoded by sharp to the pixels pdfjs draws, black ink on white, whichever way the bits are flipped', async () => {
    const white0 = await g4Strip({ miniswhite: true }) // coded the fax way: white runs are white
    const black0 = await g4Strip({ miniswhite: false }) // coded the other way round
    const cases = [
      await faxPdf(white0, {}),
      await faxPdf(black0, { BlackIs1: true }),
      await faxPdf(black0, {}, { Decode: [1, 0] }),
      await faxPdf(white0, { BlackIs1: true }, { Decode: [1, 0] }),
    ]
    for (const bytes of cases) {
      const { fast, slow } = await bothWays(bytes)
      expect([fast.width, fast.height, fast.dpi]).toEqual([slow.width, slow.height, slow.dpi])
      expect(meanDiff(fast, slow)).toBeLessThan(1)
      expect(darkShare(fast)).toBeGreaterThan(0.02) // the text is there…
      expect(darkShare(fast)).toBeLessThan(0.3) // …on white paper
    }
  })

  it('is brought to the page at the asked resolution, smoothed, as pdfjs draws it', async () => {
    const { fast, slow } = await bothWays(await faxPdf(await g4Strip({ miniswhite: true }), {}), 300)
    expect([fast.width, fast.height, fast.dpi]).toEqual([600, 375, 300])
    expect([fast.width, fast.height]).toEqual([slow.width, slow.height])
    expect(fast.data.some((v) => v > 0 && v < 255)).toBe(true) // grey edges, not a 1-bit staircase
    expect(meanDiff(fast, slow)).toBeLessThan(4)
  })

  it('is left to pdfjs when a TIFF could not say it exactly: Group 3, byte-aligned rows, a stencil, a partial decode array, a width the code does not have', async () => {
    const strip = await g4Strip({ miniswhite: true })
    const cases = [
      await faxPdf(strip, { K: 0 }),
      await faxPdf(strip, { EncodedByteAlign: true }),
      await faxPdf(strip, {}, { ImageMask: true }),
      await faxPdf(strip, {}, { Decode: [0.2, 0.8] }),
      await faxPdf(strip, { Columns: 1728 }),
    ]
    for (const bytes of cases) expect(await scanOf(bytes)).toBeNull()
    const { fast } = await bothWays(cases[0]!)
    expect([fast.width, fast.height, fast.dpi]).toEqual([400, 250, 200]) // pdfjs still draws the page
  })

  it('decodes a truncated stream to the rows it holds, with white paper below (pdfjs paints the rest black)', async () => {
    const strip = await g4Strip({ miniswhite: true })
    const cut = await faxPdf({ ...strip, code: strip.code.subarray(0, Math.floor(strip.code.length / 2)) }, {})
    const { fast } = await bothWays(cut)
    expect([fast.width, fast.height]).toEqual([400, 250])
    expect(darkShare(fast)).toBeGreaterThan(0.001) // the rows that were coded
    expect(darkShare({ data: fast.data.subarray(fast.width * 200) })).toBe(0) // the last rows: paper
  })
})
