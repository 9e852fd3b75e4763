/**
 * The image of a scanned page, taken out of the PDF as it is stored, so that a native decoder (sharp:
 * libjpeg-turbo, libtiff) decodes it instead of pdfjs's JavaScript decoders (≈ 0.45 s cpu per 300 dpi
 * JPEG page, docs/ocr.md "Overhead"). pdfjs hands out only decoded pixels, so the file's objects are
 * read with pdf-lib.
 *
 * Only a page that is exactly one upright image covering the page box qualifies: its content stream
 * is nothing but q/Q, `cm`, colour and line-width settings (which do not touch an image) and one `Do`
 * of an image XObject with no mask that is either
 * - an 8-bit grey or RGB image filtered by DCTDecode (optionally after FlateDecode), with no decode
 *   array and no CMYK: its JPEG as it is; or
 * - a 1-bit DeviceGray image filtered by CCITTFaxDecode, Group 4: the code wrapped in a TIFF
 *   (src/pdf/ccitt-tiff.ts), /BlackIs1 and a /Decode [1 0] turned into the TIFF's photometric.
 * Anything else (text, vector art, rotation, several images, stencil masks, Group 3 fax, JBIG2 — which
 * libvips cannot read) → null, and the page is rendered by pdfjs as before.
 */
import { inflateSync } from 'node:zlib'
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  decodePDFRawStream,
  type PDFPage,
} from 'pdf-lib/dist/pdf-lib.esm.min.js' // its one-file build: ≈ 0.4 s less CPU to load than the 170 files of 'pdf-lib'
import { ccittG4Tiff } from './ccitt-tiff.js'

export type EmbeddedScan = {
  /** a complete image file sharp reads: the DCT stream as it is, or a CCITT stream in a TIFF */
  file: Uint8Array
  format: 'jpeg' | 'tiff'
  width: number
  height: number
  /** the page box in points (what the image covers) */
  pageWidthPt: number
  pageHeightPt: number
}

/** A PDF's objects, parsed once per document by pdf-lib; null when pdf-lib cannot read the file. */
export type RawPdf = { pages: PDFPage[]; context: PDFDocument['context'] }

export async function loadRawPdf(bytes: Uint8Array): Promise<RawPdf | null> {
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false })
    if (doc.isEncrypted) return null // encrypted streams would need decrypting: pdfjs does it
    return { pages: doc.getPages(), context: doc.context }
  } catch {
    return null
  }
}

/** How far (in points) the image may stand off the page box and still cover it. */
const BOX_TOLERANCE_PT = 0.5
/** Operators that may stand beside the image's `Do` on a scan page, with their operand counts. */
const HARMLESS_OPS: Record<string, number> = { q: 0, Q: 0, g: 1, G: 1, rg: 3, RG: 3, w: 1 }

/** The page's one full-page scan, or null (see the module comment for what qualifies). */
export function embeddedScan(raw: RawPdf, page: number): EmbeddedScan | null {
  const p = raw.pages[page - 1]
  if (!p || p.getRotation().angle % 360 !== 0) return null
  const content = contentOf(raw, p)
  if (content === null) return null
  const placed = placedImage(content)
  if (!placed) return null
  const box = p.getCropBox()
  const [a, b, c, d, e, f] = placed.ctm
  const near = (x: number, y: number) => Math.abs(x - y) <= BOX_TOLERANCE_PT
  if (!near(a, box.width) || !near(b, 0) || !near(c, 0) || !near(d, box.height) || !near(e, box.x) || !near(f, box.y)) return null
  const xobjects = p.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict)
  const stream = xobjects ? raw.context.lookup(xobjects.get(PDFName.of(placed.name))) : undefined
  if (!(stream instanceof PDFRawStream)) return null
  const width = numberOf(raw, stream.dict.get(PDFName.of('Width')))
  const height = numberOf(raw, stream.dict.get(PDFName.of('Height')))
  if (!width || !height || !plainImage(stream)) return null
  const jpeg = jpegOf(raw, stream)
  const file = jpeg ? { file: jpeg, format: 'jpeg' as const } : ccittOf(raw, stream, width, height)
  if (!file) return null
  return { ...file, width, height, pageWidthPt: box.width, pageHeightPt: box.height }
}

/** An image XObject drawn as it is: no stencil, no mask. */
function plainImage(stream: PDFRawStream): boolean {
  const name = (key: string) => stream.dict.get(PDFName.of(key))
  return String(name('Subtype')) === '/Image' && String(name('ImageMask')) !== 'true' && !name('SMask') && !name('Mask')
}

/** The page's content streams decoded and joined; null when one cannot be decoded. */
function contentOf(raw: RawPdf, p: PDFPage): string | null {
  const contents = p.node.Contents()
  const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : []
  let text = ''
  for (const ref of refs) {
    const stream = ref instanceof PDFRef ? raw.context.lookup(ref) : ref
    if (!(stream instanceof PDFRawStream)) return null
    try {
      text += Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') + '\n'
    } catch {
      return null
    }
  }
  return text
}

const TOKEN = /\/[^\s/[\]()<>{}%]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+|\S/g

/** The one image drawn by `content` and its transform, when nothing else is drawn. */
function placedImage(content: string): { name: string; ctm: number[] } | null {
  let ctm = [1, 0, 0, 1, 0, 0]
  const stack: number[][] = []
  const operands: string[] = []
  let image: { name: string; ctm: number[] } | null = null
  for (const token of content.match(TOKEN) ?? []) {
    if (/^[-+.\d]/.test(token) || token.startsWith('/')) {
      operands.push(token)
      continue
    }
    if (token === 'cm') {
      if (operands.length !== 6) return null
      ctm = multiply(operands.map(Number), ctm)
    } else if (token === 'Do') {
      if (image || operands.length !== 1 || !operands[0]!.startsWith('/')) return null
      image = { name: operands[0]!.slice(1), ctm }
    } else if (token in HARMLESS_OPS) {
      if (operands.length !== HARMLESS_OPS[token]) return null
      if (token === 'q') stack.push(ctm)
      else if (token === 'Q') ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0]
    } else {
      return null
    }
    operands.length = 0
  }
  return operands.length === 0 ? image : null
}

/** m × n for PDF matrices [a b c d e f] (m applied first). */
function multiply(m: number[], n: number[]): number[] {
  const [a, b, c, d, e, f] = m as [number, number, number, number, number, number]
  const [A, B, C, D, E, F] = n as [number, number, number, number, number, number]
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]
}

/** The JPEG bytes of an image XObject that sharp can take as it is, or null. */
function jpegOf(raw: RawPdf, stream: PDFRawStream): Uint8Array | null {
  const dict = stream.dict
  const name = (key: string) => dict.get(PDFName.of(key))
  if (name('Decode')) return null
  if (numberOf(raw, name('BitsPerComponent')) !== 8 || !greyOrRgb(raw, name('ColorSpace'))) return null
  const filters = filterNames(raw, name('Filter'))
  let bytes: Uint8Array = stream.contents
  if (filters.length === 2 && filters[0] === '/FlateDecode' && filters[1] === '/DCTDecode') {
    if (name('DecodeParms')) return null // a predictor on a JPEG would be odd: leave it to pdfjs
    try {
      bytes = inflateSync(bytes)
    } catch {
      return null
    }
  } else if (!(filters.length === 1 && filters[0] === '/DCTDecode')) {
    return null
  }
  return bytes[0] === 0xff && bytes[1] === 0xd8 ? bytes : null
}

/** PDF 32000-1 table 11: /Columns defaults to 1728 (a fax line). */
const CCITT_DEFAULT_COLUMNS = 1728

/** A Group 4 CCITT image as a TIFF file, or null (see src/pdf/ccitt-tiff.ts for what is wrapped). */
function ccittOf(raw: RawPdf, stream: PDFRawStream, width: number, height: number): { file: Uint8Array; format: 'tiff' } | null {
  const name = (key: string) => stream.dict.get(PDFName.of(key))
  const filters = filterNames(raw, name('Filter'))
  if (filters.length !== 1 || filters[0] !== '/CCITTFaxDecode') return null
  if (numberOf(raw, name('BitsPerComponent')) !== 1 || String(lookup(raw, name('ColorSpace'))) !== '/DeviceGray') return null
  const parms = decodeParms(raw, name('DecodeParms'))
  if (!parms) return null
  const param = (key: string) => lookup(raw, parms.get(PDFName.of(key)))
  const flag = (key: string) => {
    const v = param(key)
    return v === undefined ? false : v instanceof PDFBool ? v.asBoolean() : null
  }
  const k = numberOf(raw, param('K')) ?? 0
  const columns = numberOf(raw, param('Columns')) ?? CCITT_DEFAULT_COLUMNS
  const rows = numberOf(raw, param('Rows'))
  const blackIs1 = flag('BlackIs1')
  if (k >= 0 || columns !== width || (rows !== null && rows !== 0 && rows !== height)) return null
  if (blackIs1 === null || flag('EncodedByteAlign') !== false || flag('EndOfLine') !== false) return null
  const inverted = decodeInverted(raw, name('Decode'))
  if (inverted === null) return null
  return { file: ccittG4Tiff(stream.contents, { width, height, upright: blackIs1 === inverted }), format: 'tiff' }
}

/** The one filter's parameters: a dictionary, or an array holding one; an empty one when absent. */
function decodeParms(raw: RawPdf, value: unknown): PDFDict | null {
  const v = lookup(raw, value)
  const one = v instanceof PDFArray ? (v.size() === 1 ? lookup(raw, v.get(0)) : null) : v
  if (one === undefined) return raw.context.obj({})
  return one instanceof PDFDict ? one : null
}

/** A 1-bit image's /Decode: absent or [0 1] → false, [1 0] → true, anything else → null. */
function decodeInverted(raw: RawPdf, value: unknown): boolean | null {
  const v = lookup(raw, value)
  if (v === undefined) return false
  if (!(v instanceof PDFArray) || v.size() !== 2) return null
  const [d0, d1] = [numberOf(raw, v.get(0)), numberOf(raw, v.get(1))]
  if (d0 === 0 && d1 === 1) return false
  if (d0 === 1 && d1 === 0) return true
  return null
}

function lookup(raw: RawPdf, value: unknown): unknown {
  return value instanceof PDFRef ? raw.context.lookup(value) : value
}

function filterNames(raw: RawPdf, filter: unknown): string[] {
  const value = filter instanceof PDFRef ? raw.context.lookup(filter) : filter
  if (value instanceof PDFArray) return value.asArray().map((f) => String(f instanceof PDFRef ? raw.context.lookup(f) : f))
  return value ? [String(value)] : []
}

/** DeviceGray, DeviceRGB, or an ICC profile with 1 or 3 components (CMYK JPEGs are often inverted: pdfjs). */
function greyOrRgb(raw: RawPdf, space: unknown): boolean {
  const value = space instanceof PDFRef ? raw.context.lookup(space) : space
  const text = String(value)
  if (text === '/DeviceGray' || text === '/DeviceRGB') return true
  if (!(value instanceof PDFArray) || String(value.get(0)) !== '/ICCBased') return false
  const profile = raw.context.lookup(value.get(1))
  if (!(profile instanceof PDFRawStream)) return false
  const n = numberOf(raw, profile.dict.get(PDFName.of('N')))
  return n === 1 || n === 3
}

function numberOf(raw: RawPdf, value: unknown): number | null {
  const v = value instanceof PDFRef ? raw.context.lookup(value) : value
  return v instanceof PDFNumber ? v.asNumber() : null
}
