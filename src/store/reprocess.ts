/**
 * Process documents again from their stored originals (`DATA/originals/<id>.<ext>`): after a
 * model or pipeline update, or with OCR forced over a text layer. Each run writes a new revision
 * (`writePlanFile` keeps the previous result in `revisions/<id>/<rev>.json`), and the index
 * announces `document.updated`.
 *
 * In-process (the same stage functions as `kehoach process`), or through the queue: the ledger's
 * done/failed record is cleared and the document's flow enqueued for the workers.
 */
import { readFile, unlink } from 'node:fs/promises'
import path from 'node:path'
import { mapLimit } from '../batch.js'
import { FileAccessError, BadArgumentError } from '../errors.js'
import { Ledger } from '../ingest/ledger.js'
import type { Limits } from '../limits.js'
import type { LanguageModel } from '../normalize/index.js'
import type { OcrPool } from '../ocr/pool.js'
import { openPdf } from '../pdf/open.js'
import { assemblePlan, prepareDocument, readPage, type PreparedDocument, type Progress } from '../pipeline.js'
import type { DocumentQueue } from '../queue/flow.js'
import type { DocumentRef } from '../queue/jobs.js'
import { Plan } from '../schema/plan.js'
import { findOriginal, findPlanFile } from './locate.js'
import { writePlanFile } from './plan-files.js'
import { carryReviews } from './reviews.js'

/** A document that can be processed again: its current result and its original. */
export type StoredDocument = {
  id: string
  /** current result, absolute */
  planFile: string
  /** folder of the current result: the new revision is written there */
  outDir: string
  /** the original, absolute */
  original: string
  fileName: string
  subfolder: string | null
  revision: number
}

export async function locateDocument(dataDir: string, id: string): Promise<StoredDocument> {
  const planFile = await findPlanFile(dataDir, id)
  if (!planFile) throw new BadArgumentError(`no result for ${id} in ${dataDir} (looked for <id>.json and plans/<id>.json)`)
  const original = await findOriginal(path.join(dataDir, 'originals'), id)
  if (!original) {
    throw new FileAccessError(
      `no original for ${id} in ${path.join(dataDir, 'originals')}: only documents whose original was kept can be processed again ` +
        '(queue mode keeps them; after `kehoach process`, copy the file to originals/<id>.<ext>)',
    )
  }
  let plan: Plan
  try {
    plan = Plan.parse(JSON.parse(await readFile(planFile, 'utf8')))
  } catch (error) {
    throw new FileAccessError(`${planFile} is not a readable plan: ${(error as Error).message.slice(0, 300)}`, { cause: error })
  }
  return { id, planFile, outDir: path.dirname(planFile), original, fileName: plan.source.fileName, subfolder: plan.source.subfolder, revision: plan.revision }
}

export type ReprocessOptions = {
  limits: Limits
  model: LanguageModel | null
  /** started on first need: text originals never pay for OCR workers */
  ocr: () => Promise<OcrPool>
  forceOcr?: boolean
  /** drop what people reviewed instead of carrying it into the new revision */
  discardReviews?: boolean
  clock?: () => Date
  onProgress?: (p: Progress) => void
}

/** Read the original back and prepare it; the bytes must still hash to the id. */
async function prepareStored(d: StoredDocument, limits: Limits): Promise<PreparedDocument> {
  const bytes = new Uint8Array(await readFile(d.original))
  const doc = await prepareDocument({ fileName: d.fileName, bytes, subfolder: d.subfolder }, limits)
  if (doc.id !== d.id) throw new FileAccessError(`${d.original} does not hash to ${d.id} (it was changed): not processed`)
  return doc
}

/** In-process: pages read, plan assembled, written as the next revision. Returns the file and the plan written. */
export async function reprocessInProcess(d: StoredDocument, o: ReprocessOptions): Promise<{ file: string; plan: Plan }> {
  const clock = o.clock ?? (() => new Date())
  const startedAt = clock().getTime()
  o.onProgress?.({ stage: 'prepare' })
  const doc = await prepareStored(d, o.limits)
  const pdf = doc.kind === 'pdf' ? await openPdf(doc.bytes, o.limits) : undefined
  try {
    const ocr = doc.kind === 'text' ? null : await o.ocr()
    const noOcr: OcrPool = { size: 0, recognize: () => Promise.reject(new Error('plain text needs no OCR')), close: async () => {} }
    const pages = await mapLimit(
      Array.from({ length: doc.pageCount }, (_, i) => i + 1),
      ocr?.size ?? 1,
      (page) => readPage(doc, page, { ocr: ocr ?? noOcr, limits: o.limits, forceOcr: o.forceOcr, pdf, onProgress: o.onProgress }),
    )
    o.onProgress?.({ stage: 'assemble' })
    const fresh = assemblePlan(doc, pages, { model: o.model, now: clock(), startedAt, revision: d.revision + 1 })
    const plan = o.discardReviews ? fresh : carryReviews(Plan.parse(JSON.parse(await readFile(d.planFile, 'utf8'))), fresh)
    const file = await writePlanFile(d.outDir, plan) // sets plan.revision from what is on disk
    return { file, plan }
  } finally {
    await pdf?.close()
  }
}

/**
 * Queue mode: clear the ledger's done/failed record (the claim stays: the watcher's recovery
 * re-enqueues an in-progress claim that Redis lost) and add the document's flow. The workers
 * write `<outDir>/<id>.json` (default DATA/plans), so only documents already there are accepted.
 */
export async function reprocessViaQueue(
  dataDir: string,
  d: StoredDocument,
  queue: DocumentQueue,
  o: { limits: Limits; forceOcr?: boolean; workerOutDir?: string },
): Promise<'added' | 'exists'> {
  const outDir = path.resolve(o.workerOutDir ?? path.join(dataDir, 'plans'))
  if (path.resolve(d.outDir) !== outDir) {
    throw new BadArgumentError(
      `${d.planFile} is not in the workers' output folder ${outDir}: reprocess it in-process (without --queue), or pass --out`,
    )
  }
  const doc = await prepareStored(d, o.limits)
  const ref: DocumentRef = {
    id: doc.id,
    fileName: doc.fileName,
    subfolder: doc.subfolder,
    kind: doc.kind,
    mediaType: doc.mediaType,
    byteSize: doc.byteSize,
    pageCount: doc.pageCount,
    original: path.relative(dataDir, d.original).split(path.sep).join('/'),
    limits: o.limits,
    ...(o.forceOcr ? { forceOcr: true } : {}),
    enqueuedAt: new Date().toISOString(),
  }
  await reopenLedger(dataDir, ref)
  return queue.enqueue(ref)
}

/**
 * The ledger's record of a finished document is cleared so that the document counts as in
 * progress again: `ledger/<ab>/<id>.done.json` and `.failed.json` are removed (the layout of
 * src/ingest/ledger.ts); a document never claimed (processed with `kehoach process`) is claimed.
 */
export async function reopenLedger(dataDir: string, ref: DocumentRef): Promise<void> {
  const ledger = new Ledger(dataDir)
  const base = path.join(ledger.dir, ref.id.slice(0, 2), ref.id)
  for (const suffix of ['.done.json', '.failed.json']) {
    await unlink(base + suffix).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
  }
  if (!(await ledger.get(ref.id))) {
    await ledger.claim({ id: ref.id, fileName: ref.fileName, subfolder: ref.subfolder, original: ref.original, pageCount: ref.pageCount, doc: ref })
  }
}
