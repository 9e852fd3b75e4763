/**
 * A PDF CCITTFaxDecode stream wrapped, as it is, in a one-strip TIFF so that libtiff (sharp) decodes it:
 * libvips reads no raw CCITT. Only what a TIFF can say exactly is wrapped (PDF 32000-1 §7.4.6, TIFF 6.0
 * §11): Group 4 (/K < 0) without /EncodedByteAlign — what scanners write. Group 3 (/K ≥ 0) is left to
 * pdfjs: its EOL and byte-align flags have no exact TIFF counterpart that could be checked here.
 */

/** What the image dictionary and its /DecodeParms say about the coded bits. */
export type CcittParams = {
  width: number
  height: number
  /** pixels shown black where the code says black: false when /BlackIs1 or /Decode [1 0] (not both) inverts */
  upright: boolean
}

/** TIFF tags (TIFF 6.0 appendix A) and the values written. */
const TAG = {
  imageWidth: 256,
  imageLength: 257,
  bitsPerSample: 258,
  compression: 259,
  photometric: 262,
  fillOrder: 266,
  stripOffsets: 273,
  samplesPerPixel: 277,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  t6Options: 293,
} as const
const SHORT = 3
const LONG = 4
const COMPRESSION_CCITT_G4 = 4
/** libtiff's fax decoder writes 1 for black: WhiteIsZero shows it as coded, BlackIsZero inverts it. */
const WHITE_IS_ZERO = 0
const BLACK_IS_ZERO = 1
const HEADER_BYTES = 8
const ENTRY_BYTES = 12

/** A little-endian TIFF holding `code` (one Group 4 strip) as a `width`×`height` 1-bit image. */
export function ccittG4Tiff(code: Uint8Array, p: CcittParams): Uint8Array {
  const entries: [number, number, number][] = [
    [TAG.imageWidth, LONG, p.width],
    [TAG.imageLength, LONG, p.height],
    [TAG.bitsPerSample, SHORT, 1],
    [TAG.compression, SHORT, COMPRESSION_CCITT_G4],
    [TAG.photometric, SHORT, p.upright ? WHITE_IS_ZERO : BLACK_IS_ZERO],
    [TAG.fillOrder, SHORT, 1], // PDF CCITT data is most significant bit first
    [TAG.stripOffsets, LONG, 0], // set below, once the IFD's size is known
    [TAG.samplesPerPixel, SHORT, 1],
    [TAG.rowsPerStrip, LONG, p.height],
    [TAG.stripByteCounts, LONG, code.length],
    [TAG.t6Options, LONG, 0],
  ]
  const ifdBytes = 2 + entries.length * ENTRY_BYTES + 4
  const out = new Uint8Array(HEADER_BYTES + ifdBytes + code.length)
  const view = new DataView(out.buffer)
  out.set([0x49, 0x49, 42, 0]) // "II", 42
  view.setUint32(4, HEADER_BYTES, true)
  view.setUint16(HEADER_BYTES, entries.length, true)
  entries.forEach(([tag, type, value], i) => {
    const at = HEADER_BYTES + 2 + i * ENTRY_BYTES
    view.setUint16(at, tag, true)
    view.setUint16(at + 2, type, true)
    view.setUint32(at + 4, 1, true)
    const v = tag === TAG.stripOffsets ? HEADER_BYTES + ifdBytes : value
    if (type === SHORT) view.setUint16(at + 8, v, true)
    else view.setUint32(at + 8, v, true)
  })
  // the next-IFD offset stays 0: one page
  out.set(code, HEADER_BYTES + ifdBytes)
  return out
}
