/**
 * Is a file in the inbox complete, or a copy still on its way? A stability window alone takes a
 * copy that pauses longer than the window (SMB/NFS, a slow scanner) as a fragment. Each format
 * says where it ends, so the watcher checks that end is there before taking a file:
 *   - PDF: the file ends with the `%%EOF` marker (PDF 32000-1 §7.5.5, "File trailer"; readers
 *     accept it within the last 1024 bytes, junk after it being common);
 *   - PNG: the IEND chunk closes the file (PNG spec §11.2.5);
 *   - JPEG: the EOI marker FF D9 (ITU T.81 §B.2.1) is there near the end (entropy-coded data
 *     stuffs every FF with 00, so FF D9 is only ever a marker);
 *   - TIFF: no end marker (TIFF 6.0: IFDs and strips may lie anywhere), so every page is decoded.
 * Text has no end: the stability window is all there is.
 * Values in, value out: no fs here.
 */
import sharp from 'sharp'
import type { Limits } from '../limits.js'
import type { Sniffed } from './sniff.js'

/** PDF readers look for `%%EOF` in the last 1024 bytes (pdf.js, PDF 32000-1 annex H.3). */
const PDF_EOF_WINDOW = 1024
/** JPEG writers may append a little padding or vendor data after EOI. */
const JPEG_EOI_WINDOW = 1024
/** IEND is the last 12 bytes; a few bytes of padding are tolerated. */
const PNG_IEND_WINDOW = 64

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

function tailHas(bytes: Uint8Array, window: number, needle: number[]): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - window))
  outer: for (let i = tail.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (tail[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

/** Null when the file looks complete; else why it looks like a copy still being written. */
export async function incompleteReason(bytes: Uint8Array, sniffed: Sniffed, limits: Limits): Promise<string | null> {
  switch (sniffed.mediaType) {
    case 'application/pdf':
      return tailHas(bytes, PDF_EOF_WINDOW, ascii('%%EOF')) ? null : 'a PDF without its %%EOF trailer at the end'
    case 'image/png':
      return tailHas(bytes, PNG_IEND_WINDOW, ascii('IEND')) ? null : 'a PNG without its closing IEND chunk'
    case 'image/jpeg':
      return tailHas(bytes, JPEG_EOI_WINDOW, [0xff, 0xd9]) ? null : 'a JPEG without its end-of-image marker'
    case 'image/tiff':
      return tiffIncomplete(bytes, limits)
    default:
      return null
  }
}

/** Decode every page; a page over the pixel limit is left to the pre-checks (a clear rejection, not a wait). */
async function tiffIncomplete(bytes: Uint8Array, limits: Limits): Promise<string | null> {
  let pages: number
  try {
    pages = (await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'truncated' }).metadata()).pages ?? 1
  } catch (error) {
    if (/pixel limit/i.test((error as Error).message)) return null
    return `a TIFF whose header does not read (${(error as Error).message.split('\n')[0]})`
  }
  for (let page = 0; page < pages; page++) {
    try {
      await sharp(bytes, { page, limitInputPixels: limits.maxPixels, failOn: 'truncated' }).stats()
    } catch (error) {
      if (/pixel limit/i.test((error as Error).message)) return null
      return `a TIFF whose page ${page + 1} does not decode (${(error as Error).message.split('\n')[0]})`
    }
  }
  return null
}
