/**
 * The run, top-down. Three steps that the embedded mode (`kehoach process`) calls in-process
 * and the queue mode spreads over BullMQ jobs (a flow: page children under an assemble parent):
 *   prepareDocument → readPage (per page) → assemblePlan.
 */
import { sniffInput, type InputKind } from './ingest/sniff.js'
import { contentId } from './ingest/content-id.js'
import { InputTooLargeError, UnsupportedInputError } from './errors.js'
import { locatePage, partBytes, partsId, type DocumentPart } from './ingest/page-parts.js'
import type { Limits } from './limits.js'
import type { SourcePage } from './schema/page.js'
import type { Plan } from './schema/plan.js'
import { openPdf, type PdfFile } from './pdf/open.js'
import { readTextLayer } from './pdf/text-layer.js'
import { judgeTextLayer } from './pdf/text-quality.js'
import { renderPage } from './pdf/render.js'
import { countImagePages, decodeImagePage } from './image/decode.js'
import { detectTablesInTextLayer, drawnLinesOf } from './layout/tables/index.js'
import type { OcrPool } from './ocr/pool.js'
import { readPageImage, startFlags } from './ocr/read-image.js'
import { splitTextPages } from './ingest/plain-text.js'
import { buildPlan } from './assemble.js'
import type { LanguageModel } from './normalize/index.js'

/** `parts`: one document given as several page images, `bytes` their concatenation (src/ingest/page-parts.ts). */
export type DocumentInput = { fileName: string; bytes: Uint8Array; subfolder?: string | null; parts?: DocumentPart[] }

/** A part of a several-image document, with its page count (a multi-page TIFF part has several). */
export type PreparedPart = DocumentPart & { pageCount: number }

export type PreparedDocument = {
  id: string
  fileName: string
  subfolder: string | null
  kind: InputKind
  mediaType: string
  byteSize: number
  pageCount: number
  bytes: Uint8Array
  /** the page images of a several-image document, in page order; absent for one file */
  parts?: PreparedPart[]
}

export type Progress = { stage: string; page?: number; of?: number }

export type PageDeps = {
  ocr: OcrPool
  limits: Limits
  /** read the page by OCR even where the PDF has a good text layer */
  forceOcr?: boolean
  /** an already-opened PDF of this document (embedded mode opens it once) */
  pdf?: PdfFile
  onProgress?: (p: Progress) => void
}

export type AssembleDeps = {
  model: LanguageModel | null
  now: Date
  startedAt: number
  revision?: number
}

/** Sniff, hash and count pages; bad input fails here, before any page work is queued. */
export async function prepareDocument(input: DocumentInput, limits: Limits): Promise<PreparedDocument> {
  const { bytes, fileName } = input
  if (bytes.length > limits.maxBytes) {
    throw new InputTooLargeError(`${fileName} is ${bytes.length} bytes, over the ${limits.maxBytes}-byte limit`)
  }
  if (input.parts && input.parts.length > 0) return prepareParts(input, input.parts, limits)
  const { kind, mediaType } = sniffInput(bytes, fileName)
  let pageCount: number
  if (kind === 'pdf') {
    const pdf = await openPdf(bytes, limits)
    pageCount = pdf.pageCount
    await pdf.close()
  } else if (kind === 'image') {
    pageCount = await countImagePages(bytes, limits)
  } else {
    pageCount = splitTextPages(new TextDecoder().decode(bytes)).length
  }
  checkPageCount(fileName, pageCount, limits)
  return {
    id: contentId(bytes),
    fileName,
    subfolder: input.subfolder ?? null,
    kind,
    mediaType,
    byteSize: bytes.length,
    pageCount,
    bytes,
  }
}

/** Every part must be an image; the id is the sha256 over the parts' own hashes in page order. */
async function prepareParts(input: DocumentInput, parts: DocumentPart[], limits: Limits): Promise<PreparedDocument> {
  const prepared: PreparedPart[] = []
  let mediaType = ''
  for (const [k, part] of parts.entries()) {
    const bytes = partBytes(input.bytes, parts, k)
    const sniffed = sniffInput(bytes, part.fileName)
    if (sniffed.kind !== 'image') {
      throw new UnsupportedInputError(`${part.fileName}: a page of ${input.fileName} must be an image, not ${sniffed.mediaType}`)
    }
    mediaType ||= sniffed.mediaType
    prepared.push({ ...part, pageCount: await countImagePages(bytes, limits) })
  }
  const pageCount = prepared.reduce((n, p) => n + p.pageCount, 0)
  checkPageCount(input.fileName, pageCount, limits)
  return {
    id: partsId(input.bytes, parts),
    fileName: input.fileName,
    subfolder: input.subfolder ?? null,
    kind: 'image',
    mediaType,
    byteSize: input.bytes.length,
    pageCount,
    bytes: input.bytes,
    parts: prepared,
  }
}

function checkPageCount(fileName: string, pageCount: number, limits: Limits): void {
  if (pageCount > limits.maxPages) {
    throw new InputTooLargeError(`${fileName} has ${pageCount} pages, over the ${limits.maxPages}-page limit`)
  }
}

/** The image bytes and in-file page index of document page `page` (1-based). */
function imagePageOf(doc: PreparedDocument, page: number): { bytes: Uint8Array; index: number } {
  if (!doc.parts) return { bytes: doc.bytes, index: page - 1 }
  const at = locatePage(doc.parts.map((p) => p.pageCount), page)
  return { bytes: partBytes(doc.bytes, doc.parts, at.part), index: at.index }
}

/** One page in the page model: the PDF's own text when it is good Vietnamese, OCR otherwise. */
export async function readPage(doc: PreparedDocument, page: number, deps: PageDeps): Promise<SourcePage> {
  const progress = (stage: string) => deps.onProgress?.({ stage, page, of: doc.pageCount })
  if (doc.kind === 'text') {
    const lines = splitTextPages(new TextDecoder().decode(doc.bytes))[page - 1] ?? []
    return { page, origin: 'plain-text', lines: lines.map((text) => ({ text })), confidence: null }
  }
  if (doc.kind === 'image') {
    progress('decode')
    const { bytes, index } = imagePageOf(doc, page)
    const image = await decodeImagePage(bytes, index, deps.limits)
    progress('ocr')
    return readPageImage(image, page, deps.ocr)
  }
  const pdf = deps.pdf ?? (await openPdf(doc.bytes, deps.limits))
  try {
    let note: string | undefined
    if (!deps.forceOcr) {
      progress('text-layer')
      const layer = await readTextLayer(pdf, page)
      const verdict = judgeTextLayer(layer)
      if (verdict.usable) {
        return { ...layer, tables: detectTablesInTextLayer(layer, await drawnLinesOf(pdf, page)), note: verdict.reason, ...startFlags(layer) }
      }
      note = verdict.reason
    }
    progress('render')
    const image = await renderPage(pdf, page, { dpi: deps.limits.dpi, maxPixels: deps.limits.maxPixels })
    progress('ocr')
    const ocred = await readPageImage(image, page, deps.ocr)
    // a blank page's own note says more than "no text layer"
    return note && !ocred.blank ? { ...ocred, note } : ocred
  } finally {
    if (!deps.pdf) await pdf.close()
  }
}

/** Normalize, lay out, extract and validate: pages in, one schema-valid plan out. */
export function assemblePlan(doc: PreparedDocument, pages: SourcePage[], deps: AssembleDeps): Plan {
  return buildPlan(doc, pages, deps)
}
