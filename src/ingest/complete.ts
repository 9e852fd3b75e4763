/**
 * Is a file in the inbox complete, or a copy still on its way? A stability window alone takes a
 * copy that pauses longer than the window (SMB/NFS, a slow scanner) as a fragment. Each format
 * says where it ends, so the watcher checks that end is there before taking a file:
 *   - PDF: the file ends with the `%%EOF` marker (PDF 32000-1 §7.5.5, "File trailer"; readers
 *     accept it within the last 1024 bytes, junk after it being common);
 *   - PNG: the IEND chunk closes the file (PNG spec §11.2.5);
 *   - JPEG: the EOI marker FF D9 (ITU T.81 §B.2.1) is there near the end (entropy-coded data
 *     stuffs every FF with 00, so FF D9 is only ever a marker);
 *   - TIFF: no end marker (TIFF 6.0 §2: IFDs and strips may lie anywhere), so the structure is
 *     walked: every IFD of the chain, and every strip or tile it points to, lies inside the file
 *     (a multi-page TIFF cut between pages still decodes, as a shorter document).
 * Text has no end: the stability window is all there is.
 * Values in, value out: no fs here.
 */
import { indexOfBytes, type Sniffed } from './sniff.js'

/** PDF readers look for `%%EOF` in the last 1024 bytes (pdf.js, PDF 32000-1 annex H.3). */
const PDF_EOF_WINDOW = 1024
/** JPEG writers may append a little padding or vendor data after EOI. */
const JPEG_EOI_WINDOW = 1024
/** IEND is the last 12 bytes; a few bytes of padding are tolerated. */
const PNG_IEND_WINDOW = 64

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

const tailHas = (bytes: Uint8Array, window: number, needle: number[]) => indexOfBytes(bytes.subarray(Math.max(0, bytes.length - window)), needle) >= 0

/** Null when the file looks complete; else why it looks like a copy still being written. */
export function incompleteReason(bytes: Uint8Array, sniffed: Sniffed): string | null {
  switch (sniffed.mediaType) {
    case 'application/pdf':
      return tailHas(bytes, PDF_EOF_WINDOW, ascii('%%EOF')) ? null : 'a PDF without its %%EOF trailer at the end'
    case 'image/png':
      return tailHas(bytes, PNG_IEND_WINDOW, ascii('IEND')) ? null : 'a PNG without its closing IEND chunk'
    case 'image/jpeg':
      return tailHas(bytes, JPEG_EOI_WINDOW, [0xff, 0xd9]) ? null : 'a JPEG without its end-of-image marker'
    case 'image/tiff':
      return tiffIncomplete(bytes)
    default:
      return null
  }
}

/** TIFF 6.0 tags that point at image data: StripOffsets/StripByteCounts, TileOffsets/TileByteCounts. */
const DATA_TAGS = { offsets: [273, 324], counts: [279, 325] }
/** Bytes per value of each TIFF field type (TIFF 6.0 §2 "IFD Entry": BYTE, ASCII, SHORT, LONG, RATIONAL, SBYTE, UNDEFINED, SSHORT, SLONG, SRATIONAL, FLOAT, DOUBLE). */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 }
/** A page-count bound that stops a corrupt IFD chain that loops. */
const MAX_IFDS = 10_000

/** Walk the IFD chain of a classic TIFF; null when every IFD, strip and tile is inside the file. */
function tiffIncomplete(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const le = bytes[0] === 0x49
  const u16 = (at: number) => view.getUint16(at, le)
  const u32 = (at: number) => view.getUint32(at, le)
  const inside = (at: number, len: number) => at + len <= bytes.length
  if (!inside(0, 8)) return 'a TIFF shorter than its header'
  let ifd = u32(4)
  for (let page = 1; ifd !== 0 && page <= MAX_IFDS; page++) {
    if (!inside(ifd, 2) || !inside(ifd, 2 + u16(ifd) * 12 + 4)) return `a TIFF whose page ${page} directory lies past the end`
    const n = u16(ifd)
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12
      const len = (TYPE_SIZE[u16(e + 2)] ?? 0) * u32(e + 4)
      if (len > 4 && !inside(u32(e + 8), len)) return `a TIFF whose page ${page} tag ${u16(e)} lies past the end`
    }
    const values = (tag: number): number[] => {
      for (let i = 0; i < n; i++) {
        const e = ifd + 2 + i * 12
        if (u16(e) !== tag) continue
        const size = TYPE_SIZE[u16(e + 2)]
        const count = u32(e + 4)
        if (size !== 2 && size !== 4) return []
        const at = count * size <= 4 ? e + 8 : u32(e + 8)
        if (!inside(at, count * size)) return [Infinity]
        return Array.from({ length: count }, (_, k) => (size === 2 ? u16(at + k * 2) : u32(at + k * 4)))
      }
      return []
    }
    const offsets = DATA_TAGS.offsets.flatMap(values)
    const counts = DATA_TAGS.counts.flatMap(values)
    if (offsets.some((o, k) => !inside(o, counts[k] ?? 0))) return `a TIFF whose page ${page} image data lies past the end`
    ifd = u32(ifd + 2 + n * 12)
  }
  return null
}
