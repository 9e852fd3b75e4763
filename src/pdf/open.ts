/**
 * Open an untrusted PDF with pdfjs-dist (legacy build: Node 20).
 * Hardening (NOTES.md): `isEvalSupported: false` (CVE-2024-4367), no font/range fetching from the
 * network, standard fonts, CMaps and image-decoder wasm read from node_modules (so CJK/Vietnamese
 * encoded fonts render), page count checked before any page work.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { CorruptInputError, EncryptedPdfError, InputTooLargeError } from '../errors.js'
import type { Limits } from '../limits.js'
import { loadRawPdf, type RawPdf } from './embedded-scan.js'

export type PdfFile = {
  pageCount: number
  doc: PDFDocumentProxy
  /** the file's objects as stored (pdf-lib), parsed on first call: scanned pages' JPEGs (embedded-scan.ts) */
  raw(): Promise<RawPdf | null>
  close(): Promise<void>
}

const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))
/** pdfjs wants folder "URLs" with a trailing slash; in Node they are read with fs. */
const dir = (name: string) => path.join(PDFJS_DIR, name) + path.sep

/** pdfjs error names (they cross the worker boundary as plain names, not classes). */
const PASSWORD = 'PasswordException'
const INVALID = 'InvalidPDFException'

export async function openPdf(bytes: Uint8Array, limits: Limits): Promise<PdfFile> {
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy, the caller keeps its bytes.
  const data = new Uint8Array(bytes)
  const task = getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    standardFontDataUrl: dir('standard_fonts'),
    cMapUrl: dir('cmaps'),
    cMapPacked: true,
    wasmUrl: dir('wasm'),
    verbosity: 0, // errors only
    // no password: a PDF that needs a user password is rejected, permissions-only ones open
    password: undefined,
  })
  let doc: PDFDocumentProxy
  try {
    doc = await task.promise
  } catch (error) {
    await task.destroy().catch(() => {})
    throw classify(error)
  }
  const pageCount = doc.numPages
  const close = async () => {
    await doc.destroy().catch(() => {})
  }
  if (pageCount < 1) {
    await close()
    throw new CorruptInputError('the PDF has no pages', { stage: 'pdf' })
  }
  if (pageCount > limits.maxPages) {
    await close()
    throw new InputTooLargeError(`the PDF has ${pageCount} pages, over the ${limits.maxPages}-page limit`, { stage: 'pdf' })
  }
  let raw: Promise<RawPdf | null> | undefined
  return { pageCount, doc, raw: () => (raw ??= loadRawPdf(bytes)), close }
}

function classify(error: unknown): Error {
  const name = (error as { name?: string })?.name
  const message = error instanceof Error ? error.message : String(error)
  if (name === PASSWORD) {
    return new EncryptedPdfError('the PDF is encrypted with a user password (it cannot be opened without it)', {
      stage: 'pdf',
      cause: error,
    })
  }
  if (name === INVALID) {
    return new CorruptInputError(`not a readable PDF (damaged, truncated or not a PDF): ${message}`, { stage: 'pdf', cause: error })
  }
  return new CorruptInputError(`the PDF could not be opened: ${message}`, { stage: 'pdf', cause: error })
}
