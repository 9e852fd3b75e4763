/**
 * Sandboxed BullMQ processor of the pages queue: one page of one document → SourcePage.
 *
 * It runs in a child process forked by the Worker (BullMQ sandboxed processor), because
 * rendering and OCR keep a core busy for seconds: in the worker's own process that would block
 * the event loop, lock renewal would be late, and the job would be declared stalled and run
 * twice. The child computes; the parent process does the queue I/O (BullMQ src/classes/sandbox.ts).
 * BullMQ keeps idle children and reuses them, so the OCR engine below (one tesseract.js worker,
 * ≈300 MiB) starts once per child, on the first page that needs OCR — text pages never start it.
 *
 * Test hook, off by default: KEHOACH_TEST_PAGE_DELAY_MS=<ms> waits that long before each page,
 * so that a test can kill a worker in the middle of a document. Never set it in production.
 */
import '../src/queue/die-with-parent.js' // exit when the worker process dies (kill -9 leaves no orphan)
import type { SandboxedJob } from 'bullmq'
import { readPage } from '../src/pipeline.js'
import { createOcrPool, type OcrPool } from '../src/ocr/pool.js'
import { openPdf, type PdfFile } from '../src/pdf/open.js'
import { compactPage, loadDocument, toJobError, workerDirs } from '../src/queue/document.js'
import type { PageJobData, PageJobResult, PageProgress } from '../src/queue/jobs.js'
import type { PreparedDocument } from '../src/pipeline.js'

let pool: Promise<OcrPool> | null = null
const ocr: OcrPool = {
  size: 1,
  recognize: async (image, page) => (await (pool ??= createOcrPool({ size: 1 }))).recognize(image, page),
  close: async () => {
    if (pool) await (await pool).close()
  },
}

/** The last document this child worked on: its pages usually come in a row. */
let current: { id: string; doc: PreparedDocument; pdf: Promise<PdfFile> | null } | null = null

async function documentOf(data: PageJobData): Promise<{ doc: PreparedDocument; pdf: PdfFile | undefined }> {
  if (current?.id !== data.doc.id) {
    const previous = current
    current = null
    if (previous?.pdf) await (await previous.pdf.catch(() => null))?.close()
    const doc = await loadDocument(data.doc, workerDirs().dataDir)
    current = { id: doc.id, doc, pdf: doc.kind === 'pdf' ? openPdf(doc.bytes, data.doc.limits) : null }
  }
  const entry = current
  try {
    return { doc: entry.doc, pdf: entry.pdf ? await entry.pdf : undefined }
  } catch (error) {
    if (current === entry) current = null // do not keep a failed open
    throw error
  }
}

const delayMs = Number(process.env.KEHOACH_TEST_PAGE_DELAY_MS) || 0

export default async function readPageJob(job: SandboxedJob<PageJobData, PageJobResult>): Promise<PageJobResult> {
  const { page } = job.data
  const of = job.data.doc.pageCount
  const progress = (stage: string) => {
    job.updateProgress({ stage, page, of } satisfies PageProgress).catch(() => {})
  }
  try {
    progress('start')
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs))
    const { doc, pdf } = await documentOf(job.data)
    const result = await readPage(doc, page, {
      ocr,
      limits: job.data.doc.limits,
      forceOcr: job.data.doc.forceOcr,
      pdf,
      onProgress: (p) => progress(p.stage),
    })
    progress('done')
    return compactPage(result)
  } catch (error) {
    throw toJobError(error, 'page')
  }
}
