/**
 * Process documents again from their stored originals (`DATA/originals/<id>.<ext>`, found by
 * `locateDocument`): after a model or pipeline update, or with OCR forced over a text layer. Each
 * run writes a new revision (`writePlanFile` keeps the previous result in
 * `revisions/<id>/<rev>.json`), and the index announces `document.updated`. Fields a person
 * reviewed are carried into it (store/reviews.ts `carryReviews`) unless `discardReviews`.
 *
 * In-process (the one document run, src/pipeline.ts), or through the queue: the ledger reopens the
 * document and its flow is enqueued for the workers.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { FileAccessError, BadArgumentError } from './errors.js'
import { Ledger } from './ingest/ledger.js'
import type { Limits } from './limits.js'
import type { LanguageModel } from './normalize/index.js'
import type { OcrPool } from './ocr/pool.js'
import { inProcessPages, prepareDocument, runDocument, type DocumentInput, type PreparedDocument, type Progress } from './pipeline.js'
import type { DocumentQueue } from './queue/flow.js'
import type { DocumentRef } from './queue/jobs.js'
import { Plan } from './schema/plan.js'
import type { StoredDocument } from './store/locate.js'
import { writePlanFile } from './store/plan-files.js'
import { carryReviews } from './store/reviews.js'

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

/** The original's bytes must still hash to the id: a changed original is not processed. */
function sameContent(d: StoredDocument) {
  return (doc: PreparedDocument) => {
    if (doc.id !== d.id) throw new FileAccessError(`${d.original} does not hash to ${d.id} (it was changed): not processed`)
  }
}

async function readOriginal(d: StoredDocument): Promise<DocumentInput> {
  return { fileName: d.fileName, bytes: new Uint8Array(await readFile(d.original)), subfolder: d.subfolder, ...(d.parts ? { parts: d.parts } : {}) }
}

/** In-process: the document run, written as the next revision. Returns the file and the plan written. */
export async function reprocessInProcess(d: StoredDocument, o: ReprocessOptions): Promise<{ file: string; plan: Plan }> {
  const fresh = await runDocument(await readOriginal(d), {
    limits: o.limits,
    model: o.model,
    ocr: o.ocr,
    forceOcr: o.forceOcr,
    pages: inProcessPages(o.ocr),
    clock: o.clock,
    revision: d.revision + 1,
    check: sameContent(d),
    onProgress: o.onProgress,
  })
  const plan = o.discardReviews ? fresh : carryReviews(Plan.parse(JSON.parse(await readFile(d.planFile, 'utf8'))), fresh)
  const file = await writePlanFile(d.outDir, plan) // sets plan.revision from what is on disk
  return { file, plan }
}

/**
 * Queue mode: the ledger reopens the document and its flow is added. The workers write
 * `<outDir>/<id>.json` (default DATA/plans), so only documents already there are accepted.
 */
export async function reprocessViaQueue(
  dataDir: string,
  d: StoredDocument,
  queue: DocumentQueue,
  o: { limits: Limits; forceOcr?: boolean; discardReviews?: boolean; workerOutDir?: string },
): Promise<'added' | 'exists'> {
  const outDir = path.resolve(o.workerOutDir ?? path.join(dataDir, 'plans'))
  if (path.resolve(d.outDir) !== outDir) {
    throw new BadArgumentError(
      `${d.planFile} is not in the workers' output folder ${outDir}: reprocess it in-process (without --queue), or pass --out`,
    )
  }
  const doc = await prepareDocument(await readOriginal(d), o.limits)
  sameContent(d)(doc)
  const { bytes: _bytes, ...prepared } = doc
  const ref: DocumentRef = {
    ...prepared,
    original: path.relative(dataDir, d.original).split(path.sep).join('/'),
    limits: o.limits,
    ...(o.forceOcr ? { forceOcr: true } : {}),
    ...(o.discardReviews ? { discardReviews: true } : {}),
    enqueuedAt: new Date().toISOString(),
  }
  await new Ledger(dataDir).reopen({ id: ref.id, fileName: ref.fileName, subfolder: ref.subfolder, original: ref.original, pageCount: ref.pageCount, doc: ref })
  return queue.enqueue(ref)
}
