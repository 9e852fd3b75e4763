/**
 * The run of one document, top-down (`runDocument`): prepare → read each page → assemble →
 * validate. The page step is one function (`readPage`) run by an injected executor, the way
 * OCRmyPDF runs its page function under different executors:
 * - in-process (`kehoach process`, `kehoach reprocess`): `pagePool`, pages on the OCR pool's cores;
 * - queue mode: a BullMQ flow — the watcher prepares and enqueues, each page is a child job
 *   (workers/read-page.ts runs `readPage`), and the assemble worker runs `runDocument` with the
 *   children's outcomes as its executor (src/queue/flow-pages.ts).
 */
import { sniffInput } from './ingest/sniff.js'
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
import { layoutPage } from './layout/index.js'
import type { OcrPool } from './ocr/pool.js'
import { readPageImage, startFlags } from './ocr/read-image.js'
import { splitTextPages } from './ingest/plain-text.js'
import { assemblePlan } from './assemble.js'
import type { LanguageModel } from './normalize/index.js'
import { untimed, type StageTimer } from './timings.js'
import type { DocumentInput, PageOutcome, PreparedDocument, PreparedPart, Progress } from './document.js'

export type { DocumentInput, PageOutcome, PreparedDocument, PreparedPart, Progress } from './document.js'

export type PageDeps = {
  ocr: OcrPool
  limits: Limits
  /** read the page by OCR even where the PDF has a good text layer */
  forceOcr?: boolean
  /** an already-opened PDF of this document (embedded mode opens it once) */
  pdf?: PdfFile
  onProgress?: (p: Progress) => void
  timer?: StageTimer
}

/** The page function bound to one document. */
export type PageReader = (page: number) => Promise<SourcePage>

/** Runs the page function over the document's pages; outcomes in page order. */
export type PageExecutor = (doc: PreparedDocument, read: PageReader) => Promise<PageOutcome[]>

export type RunDeps = {
  limits: Limits
  model: LanguageModel | null
  /** started on first need: text documents, and executors that never call the page function, never start OCR */
  ocr: () => Promise<OcrPool>
  pages: PageExecutor
  forceOcr?: boolean
  clock?: () => Date
  /** when the document's run began (queue mode: when it was enqueued); default: now */
  startedAt?: number
  /** the revision the plan will be (reprocess); default 1 */
  revision?: number
  /** refuse a prepared document (reprocess: the original must still hash to its id) */
  check?: (doc: PreparedDocument) => void
  onProgress?: (p: Progress) => void
  timer?: StageTimer
}

/** A document's bytes, or a document prepared earlier (queue mode: by the watcher, before enqueueing). */
export type RunInput = DocumentInput | { prepared: PreparedDocument }

/** The whole run of one document: one schema-valid plan, or a KehoachError that says why not. */
export async function runDocument(input: RunInput, deps: RunDeps): Promise<Plan> {
  const clock = deps.clock ?? (() => new Date())
  const startedAt = deps.startedAt ?? clock().getTime()
  deps.onProgress?.({ stage: 'prepare' })
  const time = deps.timer ?? untimed
  const doc = 'prepared' in input ? input.prepared : await time('prepare', () => prepareDocument(input, deps.limits))
  deps.check?.(doc)
  const reader = documentReader(doc, deps)
  try {
    const pages = await deps.pages(doc, reader.read)
    deps.onProgress?.({ stage: 'assemble' })
    return assemblePlan(doc, pages, { model: deps.model, now: clock(), startedAt, revision: deps.revision, timer: deps.timer })
  } finally {
    await reader.close()
  }
}

/** `readPage` for one document: its PDF opened once, on the first page read; OCR started on first need. */
function documentReader(doc: PreparedDocument, deps: RunDeps): { read: PageReader; close: () => Promise<void> } {
  let pdf: Promise<PdfFile> | undefined
  const read = async (page: number) => {
    if (doc.kind === 'pdf') pdf ??= openPdf(doc.bytes, deps.limits)
    const ocr = doc.kind === 'text' ? noOcr(doc) : await deps.ocr()
    return readPage(doc, page, { ocr, limits: deps.limits, forceOcr: deps.forceOcr, pdf: await pdf, onProgress: deps.onProgress, timer: deps.timer })
  }
  const close = async () => {
    if (pdf) await (await pdf.catch(() => null))?.close()
  }
  return { read, close }
}

function noOcr(doc: PreparedDocument): OcrPool {
  const fail = () => Promise.reject(new Error(`${doc.fileName}: plain text needs no OCR`))
  return { size: 0, recognize: fail, close: async () => {} }
}

/**
 * In-process executor: at most `lanes()` pages in flight, and that bound is shared by every document
 * run with this executor — pages of different documents of a batch are read together, first come first served,
 * so a batch of one-page scans keeps every core busy while each document still completes as soon
 * as its own pages are read. A page that fails fails its document: its pages not yet started are
 * skipped, and the error is thrown once its pages in flight have finished (the PDF is not closed
 * under them). `lanes` is asked once, on the first page.
 */
export function pagePool(lanes: () => Promise<number> | number): PageExecutor {
  const slots = new Slots(lanes)
  return async (doc, read) => {
    let failed = false
    const one = async (page: number): Promise<PageOutcome> => {
      await slots.acquire()
      try {
        if (failed) throw SKIPPED
        return { page, read: await read(page) }
      } catch (error) {
        failed = true
        throw error
      } finally {
        slots.release()
      }
    }
    const settled = await Promise.allSettled(Array.from({ length: doc.pageCount }, (_, i) => one(i + 1)))
    const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected' && s.reason !== SKIPPED)
    if (rejected) throw rejected.reason
    return settled.map((s) => (s as PromiseFulfilledResult<PageOutcome>).value)
  }
}

/**
 * Scanned pages in flight beyond one per OCR worker: a page is decoded and cleaned up on the main
 * thread while the workers read the others, so a worker that finishes finds its next page ready
 * instead of waiting for it (≈ 0.8 s of main-thread work per page; docs/ocr.md, "Keeping the workers busy").
 * Each costs one page image in memory.
 */
const PAGES_AHEAD = 1

/**
 * The in-process executor of `kehoach process` and `kehoach reprocess`: scanned pages on the OCR
 * pool's cores, text pages one at a time (so that they never start the OCR pool).
 */
export function inProcessPages(ocr: () => Promise<OcrPool>): PageExecutor {
  const scans = pagePool(async () => (await ocr()).size + PAGES_AHEAD)
  const text = pagePool(() => 1)
  return (doc, read) => (doc.kind === 'text' ? text : scans)(doc, read)
}

const SKIPPED = Symbol('page skipped: an earlier page of its document failed')

/** A counting semaphore whose size is asked on first use; waiters are served in arrival order. */
class Slots {
  private size: Promise<number> | undefined
  private busy = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly sizeOf: () => Promise<number> | number) {}

  async acquire(): Promise<void> {
    const size = Math.max(1, await (this.size ??= Promise.resolve(this.sizeOf())))
    if (this.busy < size && this.waiting.length === 0) {
      this.busy++
      return
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  /** Hand the slot to the next waiter, or free it. */
  release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.busy--
  }
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
  const time = deps.timer ?? untimed
  if (doc.kind === 'text') {
    const lines = splitTextPages(new TextDecoder().decode(doc.bytes))[page - 1] ?? []
    return { page, origin: 'plain-text', lines: lines.map((text) => ({ text })), confidence: null }
  }
  if (doc.kind === 'image') {
    progress('decode')
    const { bytes, index } = imagePageOf(doc, page)
    const image = await time('decode', () => decodeImagePage(bytes, index, deps.limits))
    progress('ocr')
    return readPageImage(image, page, deps.ocr, time, deps.limits.dpi)
  }
  const pdf = deps.pdf ?? (await openPdf(doc.bytes, deps.limits))
  try {
    let note: string | undefined
    if (!deps.forceOcr) {
      progress('text-layer')
      const layer = await time('text-layer', () => readTextLayer(pdf, page))
      const verdict = time('text-layer', () => judgeTextLayer(layer))
      if (verdict.usable) return { ...(await time('tables', () => layoutPage(layer, { pdf }))), note: verdict.reason, ...startFlags(layer) }
      note = verdict.reason
    }
    progress('render')
    const image = await time('decode', () => renderPage(pdf, page, { dpi: deps.limits.dpi, maxPixels: deps.limits.maxPixels }))
    progress('ocr')
    const ocred = await readPageImage(image, page, deps.ocr, time, deps.limits.dpi)
    // a blank page's own note says more than "no text layer"
    return note && !ocred.blank ? { ...ocred, note } : ocred
  } finally {
    if (!deps.pdf) await pdf.close()
  }
}
