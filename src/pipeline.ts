/**
 * The run, top-down. Three steps that the embedded mode (`kehoach process`) calls in-process
 * and the queue mode spreads over BullMQ jobs (a flow: page children under an assemble parent):
 *   prepareDocument → readPage (per page) → assemblePlan.
 */
import { sniffInput, type InputKind } from './ingest/sniff.js'
import { contentId } from './ingest/content-id.js'
import { InputTooLargeError } from './errors.js'
import type { Limits } from './limits.js'
import type { SourcePage } from './schema/page.js'
import type { Plan } from './schema/plan.js'
import { openPdf, type PdfFile } from './pdf/open.js'
import { readTextLayer } from './pdf/text-layer.js'
import { judgeTextLayer } from './pdf/text-quality.js'
import { renderPage } from './pdf/render.js'
import { countImagePages, decodeImagePage } from './image/decode.js'
import { preprocessPage } from './image/preprocess.js'
import { detectTablesInImage, detectTablesInTextLayer, drawnLinesOf, rereadTableCells } from './layout/tables/index.js'
import type { OcrPool } from './ocr/pool.js'
import type { GreyImage } from './image/grey-image.js'
import { splitTextPages } from './ingest/plain-text.js'
import { buildPlan } from './assemble.js'
import type { LanguageModel } from './normalize/index.js'

export type DocumentInput = { fileName: string; bytes: Uint8Array; subfolder?: string | null }

export type PreparedDocument = {
  id: string
  fileName: string
  subfolder: string | null
  kind: InputKind
  mediaType: string
  byteSize: number
  pageCount: number
  bytes: Uint8Array
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
  if (pageCount > limits.maxPages) {
    throw new InputTooLargeError(`${fileName} has ${pageCount} pages, over the ${limits.maxPages}-page limit`)
  }
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

/** One page in the page model: the PDF's own text when it is good Vietnamese, OCR otherwise. */
export async function readPage(doc: PreparedDocument, page: number, deps: PageDeps): Promise<SourcePage> {
  const progress = (stage: string) => deps.onProgress?.({ stage, page, of: doc.pageCount })
  if (doc.kind === 'text') {
    const lines = splitTextPages(new TextDecoder().decode(doc.bytes))[page - 1] ?? []
    return { page, origin: 'plain-text', lines: lines.map((text) => ({ text })), confidence: null }
  }
  if (doc.kind === 'image') {
    progress('decode')
    const image = await preprocessPage(await decodeImagePage(doc.bytes, page - 1, deps.limits))
    progress('ocr')
    return ocrWithTables(image, page, deps.ocr)
  }
  const pdf = deps.pdf ?? (await openPdf(doc.bytes, deps.limits))
  try {
    let note: string | undefined
    if (!deps.forceOcr) {
      progress('text-layer')
      const layer = await readTextLayer(pdf, page)
      const verdict = judgeTextLayer(layer)
      if (verdict.usable) return { ...layer, tables: detectTablesInTextLayer(layer, await drawnLinesOf(pdf, page)), note: verdict.reason }
      note = verdict.reason
    }
    progress('render')
    const image = await preprocessPage(await renderPage(pdf, page, { dpi: deps.limits.dpi, maxPixels: deps.limits.maxPixels }))
    progress('ocr')
    const ocred = await ocrWithTables(image, page, deps.ocr)
    return note ? { ...ocred, note } : ocred
  } finally {
    if (!deps.pdf) await pdf.close()
  }
}

/** OCR a preprocessed page, then find its tables and re-read their cells from their own crops. */
async function ocrWithTables(image: GreyImage, page: number, ocr: OcrPool): Promise<SourcePage> {
  const ocred = await ocr.recognize(image, page)
  // preprocessPage has already deskewed the page
  return { ...ocred, tables: await rereadTableCells(image, ocred, detectTablesInImage(image, ocred, { skew: 0 }), ocr) }
}

/** Normalize, lay out, extract and validate: pages in, one schema-valid plan out. */
export function assemblePlan(doc: PreparedDocument, pages: SourcePage[], deps: AssembleDeps): Plan {
  return buildPlan(doc, pages, deps)
}
