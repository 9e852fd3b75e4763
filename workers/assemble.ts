/**
 * Sandboxed BullMQ processor of the assemble queue: the parent of a document's flow. Runs once all
 * page children are done (or failed for good: they are `ignoreDependencyOnFailure`): `runDocument`
 * with the children's outcomes as its page executor (src/queue/flow-pages.ts) — normalize, lay
 * out, extract, validate — then writes OUT/<id>.json and the ledger's done record. Sandboxed like
 * the pages: normalization with the language model is seconds of CPU on a long document, and the
 * model (loaded once per child process) stays out of the worker's heap.
 *
 * Page failure policy (src/assemble.ts): pages that failed after all retries are kept as empty
 * pages with a `queue:page-failed` warning and `needsReview`. When no page at all could be read,
 * the document fails: OUT/failed/<file>.error.json and a ledger failed record (none when the
 * report cannot be written: the reconciler takes the document up again). A document the
 * ledger already records as done (its flow re-queued while the first run finished) is not redone.
 * A retry of a run that wrote its plan but not the ledger's done record (the data disk full, the
 * output disk fine) records that plan as done: one run, one revision (store/plan-files.ts planOfRun).
 */
import '../src/queue/die-with-parent.js' // exit when the worker process dies (kill -9 leaves no orphan)
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { SandboxedJob } from 'bullmq'
import { runDocument, type PageExecutor } from '../src/pipeline.js'
import { loadLanguageModel, type LanguageModel } from '../src/normalize/index.js'
import { planOfRun, writeFailureReport, writePlanFile } from '../src/store/plan-files.js'
import { Ledger } from '../src/ingest/ledger.js'
import { loadDocument, toJobError, workerDirs } from '../src/queue/document.js'
import { flowPages } from '../src/queue/flow-pages.js'
import type { AssembleJobData, AssembleJobResult } from '../src/queue/jobs.js'
import { QueueStateLostError, toErrorReport, type ErrorReport } from '../src/errors.js'
import { Plan } from '../src/schema/plan.js'
import { carryReviews } from '../src/store/reviews.js'

let model: LanguageModel | null | undefined

const noOcr = () => Promise.reject(new Error('the assemble job reads no page: its children did'))

export default async function assembleJob(job: SandboxedJob<AssembleJobData, AssembleJobResult>): Promise<AssembleJobResult> {
  const ref = job.data.doc
  const { dataDir, outDir } = workerDirs()
  const ledger = new Ledger(dataDir)
  // a re-queued flow (the reconciler after a Redis restart) whose first run finished meanwhile:
  // the result is already written, so it is not written again as a second revision
  const earlier = await ledger.get(ref.id)
  if (earlier?.done) return { id: ref.id, plan: earlier.done.plan, failure: null, pages: ref.pageCount, failedPages: earlier.done.failedPages }
  const startedAt = Date.parse(ref.enqueuedAt) || Date.now()
  try {
    await job.updateProgress({ stage: 'assemble', page: 0, of: ref.pageCount })
    const failedPages: number[] = []
    const children = flowPages(job)
    const pages: PageExecutor = async (doc, read) => {
      const outcomes = await children(doc, read)
      failedPages.push(...outcomes.filter((o) => 'failed' in o).map((o) => o.page))
      return outcomes
    }
    // KEHOACH_MODEL: the adapted model named by `--model` on watch/worker (or set in the environment)
    if (model === undefined) model = loadLanguageModel(process.env.KEHOACH_MODEL || undefined)
    const plan = await runDocument(
      { prepared: await loadDocument(ref, dataDir) },
      { limits: ref.limits, model, ocr: noOcr, pages, startedAt },
    )
    // this run wrote its plan on an earlier try, then could not record it: record it, not a second revision
    const written = (await planOfRun(outDir, ref.id, startedAt)) ?? (await writePlanFile(outDir, ref.discardReviews ? plan : await withEarlierReviews(outDir, plan)))
    await ledger.markDone({ id: ref.id, plan: written, failedPages })
    await job.updateProgress({ stage: 'done', page: ref.pageCount, of: ref.pageCount })
    return { id: ref.id, plan: written, failure: null, pages: ref.pageCount, failedPages }
  } catch (error) {
    const jobError = toJobError(error, 'assemble')
    const last = jobError.name === 'UnrecoverableError' || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
    // a plan this run wrote stands: no report contradicting it; the claim stays in progress and the
    // reconciler re-queues the run, whose retry records the plan as done once the ledger takes writes
    // page results lost with Redis are not the document's fault: the reconciler queues it again
    const lostWithRedis = error instanceof QueueStateLostError
    if (last && !lostWithRedis && !(await planOfRun(outDir, ref.id, startedAt))) await fail(ledger, ref, outDir, toErrorReport(error, 'assemble')).catch(() => {})
    throw jobError
  }
}

/** A reprocessed document keeps what a person reviewed in its previous result (store/reviews.ts). */
async function withEarlierReviews(outDir: string, fresh: Plan): Promise<Plan> {
  const earlier = await readFile(path.join(outDir, `${fresh.id}.json`), 'utf8').then((t) => Plan.parse(JSON.parse(t)), () => null)
  return earlier ? carryReviews(earlier, fresh) : fresh
}

/**
 * The document failed for good: the report first, then the ledger record that points to it. A
 * report that could not be written (the output disk full or read-only, as for the plan) leaves
 * no failed record: the claim stays in progress, `kehoach status` lists it as stuck and the
 * reconciler (src/ingest/reconcile.ts) re-queues it, so the document completes once the disk
 * takes writes again. A failed record pointing to no report would end it unseen: a re-drop of
 * failed content is a duplicate.
 */
async function fail(ledger: Ledger, ref: AssembleJobData['doc'], outDir: string, report: ErrorReport): Promise<void> {
  const file = ref.fileName
  const written = await writeFailureReport(outDir, file, { ...report, file, sha256: ref.id, at: new Date().toISOString(), input: ref.original })
  if (written) await ledger.markFailed({ id: ref.id, code: report.code, message: report.message, report: written })
}
