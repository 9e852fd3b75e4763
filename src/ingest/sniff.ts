import { EmptyInputError, UnsupportedInputError } from '../errors.js'

export type InputKind = 'pdf' | 'image' | 'text'
export type Sniffed = { kind: InputKind; mediaType: string }

/** Magic numbers of the formats we read (file(1)'s magic database, each format's spec). */
const MAGIC: { bytes: number[]; offset?: number; kind: InputKind; mediaType: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'pdf', mediaType: 'application/pdf' }, // "%PDF-"
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: 'image', mediaType: 'image/png' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'image', mediaType: 'image/jpeg' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], kind: 'image', mediaType: 'image/tiff' }, // little-endian TIFF
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], kind: 'image', mediaType: 'image/tiff' }, // big-endian TIFF
]

/** Extensions under which UTF-8 text is taken as OCR output ("" = no extension). */
const TEXT_EXTENSIONS = new Set(['.txt', '.text', ''])

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot).toLowerCase() : ''
}

/** PDF readers accept the header anywhere in the first 1024 bytes (PDF 32000-1, annex H.3). */
const PDF_HEADER_WINDOW = 1024

/**
 * Identify an input by its content, not its extension: a `.pdf` that is HTML is rejected,
 * a scan saved as `.dat` is read. Text must be UTF-8 without NUL bytes.
 */
export function sniffInput(bytes: Uint8Array, fileName: string): Sniffed {
  if (bytes.length === 0) throw new EmptyInputError(`${fileName} is empty (0 bytes)`)
  for (const m of MAGIC) if (startsWith(bytes, m.bytes, m.offset ?? 0)) return { kind: m.kind, mediaType: m.mediaType }
  const head = bytes.subarray(0, PDF_HEADER_WINDOW)
  if (indexOfBytes(head, [0x25, 0x50, 0x44, 0x46, 0x2d]) > 0) return { kind: 'pdf', mediaType: 'application/pdf' }
  if (looksLikeMarkup(bytes)) {
    throw new UnsupportedInputError(`${fileName} is an HTML/XML document, not a PDF, image or OCR text`)
  }
  if (isUtf8Text(bytes)) {
    // Text has no magic number: only files named as OCR text dumps are read as documents, so that
    // JSON, Markdown or CSV lying beside the scans are rejected instead of extracted as plans.
    if (TEXT_EXTENSIONS.has(extensionOf(fileName))) return { kind: 'text', mediaType: 'text/plain' }
    throw new UnsupportedInputError(`${fileName} is a text file but not a .txt OCR text dump`)
  }
  throw new UnsupportedInputError(`${fileName} is not a PDF, PNG, JPEG, TIFF or UTF-8 text file`)
}

function startsWith(bytes: Uint8Array, magic: number[], offset: number): boolean {
  if (bytes.length < offset + magic.length) return false
  return magic.every((b, i) => bytes[offset + i] === b)
}

/** First index of `needle` in `bytes`, -1 when absent. */
export function indexOfBytes(bytes: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

function looksLikeMarkup(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).trimStart().toLowerCase()
  return /^(<!doctype html|<html|<\?xml|<svg|<head|<body)/.test(head)
}

function isUtf8Text(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 1 << 20)
  if (sample.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? trimPartialUtf8(sample) : sample)
    return true
  } catch {
    return false
  }
}

/** A sample cut inside a multi-byte sequence is still valid text: drop the partial tail. */
function trimPartialUtf8(b: Uint8Array): Uint8Array {
  let end = b.length
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const c = b[end - k]!
    if ((c & 0xc0) !== 0x80) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1
      if (need > k) end -= k
      break
    }
  }
  return b.subarray(0, end)
}
