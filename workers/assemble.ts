/**
 * Sandboxed BullMQ processor of the assemble queue: the parent of a document's flow.
 * Runs once all page children are done (or failed for good: they are `ignoreDependencyOnFailure`),
 * orders the pages, normalizes/extracts (`assemblePlan`), writes OUT/<id>.json and the ledger's
 * done record. Sandboxed like the pages: normalization with the language model is seconds of CPU
 * on a long document, and the model (loaded once per child process) stays out of the worker's heap.
 *
 * Page failure policy: pages that failed after all retries are kept as empty pages with a note;
 * the plan gets a `queue:page-failed` warning per page and `needsReview`. When no page at all
 * could be read, the document fails: DATA/failed/<file>.error.json and a ledger failed record.
 */
import type { SandboxedJob } from 'bullmq'
import { UnrecoverableError } from 'bullmq'
import { assemblePlan } from '../src/pipeline.js'
import { loadLanguageModel, type LanguageModel } from '../src/normalize/index.js'
import { writeFailureReport, writePlanFile } from '../src/store/plan-files.js'
import { Ledger } from '../src/ingest/ledger.js'
import { loadDocument, reportFromReason, toJobError, workerDirs } from '../src/queue/document.js'
import { parsePageJobId } from '../src/queue/names.js'
import type { AssembleJobData, AssembleJobResult, PageJobResult } from '../src/queue/jobs.js'
import type { SourcePage } from '../src/schema/page.js'
import { toErrorReport, type ErrorReport } from '../src/errors.js'

let model: LanguageModel | null | undefined

/** `prefix:queue:<sha>-p<n>` → n */
function pageOfKey(key: string): number | null {
  return parsePageJobId(key.slice(key.lastIndexOf(':') + 1))?.page ?? null
}

export default async function assembleJob(job: SandboxedJob<AssembleJobData, AssembleJobResult>): Promise<AssembleJobResult> {
  const ref = job.data.doc
  const { dataDir, outDir } = workerDirs()
  const ledger = new Ledger(dataDir)
  const fail = async (report: ErrorReport) => {
    const file = ref.fileName
    const at = new Date().toISOString()
    const written = await writeFailureReport(outDir, file, { ...report, file, sha256: ref.id, at })
    await ledger.markFailed({ id: ref.id, code: report.code, message: report.message, report: written })
    return written
  }
  try {
    await job.updateProgress({ stage: 'assemble', page: 0, of: ref.pageCount })
    const values = await job.getChildrenValues<PageJobResult>()
    const failures = await job.getIgnoredChildrenFailures()
    const byPage = new Map<number, SourcePage>()
    for (const [key, page] of Object.entries(values)) {
      const n = pageOfKey(key) ?? page?.page
      if (n && page) byPage.set(n, page)
    }
    const failed = new Map<number, string>()
    for (const [key, reason] of Object.entries(failures)) {
      const n = pageOfKey(key)
      if (n) failed.set(n, reason)
    }
    if (byPage.size === 0) {
      const first = [...failed.values()][0] ?? 'no page results'
      const report = { ...reportFromReason(first, 'page'), message: `no page of ${ref.fileName} could be read: ${reportFromReason(first, 'page').message}` }
      const written = await fail(report)
      throw new UnrecoverableError(`[${report.code}] ${report.message} (report: ${written})`)
    }
    const pages: SourcePage[] = []
    const missing: number[] = []
    for (let n = 1; n <= ref.pageCount; n++) {
      const page = byPage.get(n)
      if (page) pages.push(page)
      else {
        missing.push(n)
        const why = failed.get(n) ?? 'no result'
        pages.push({ page: n, origin: ref.kind === 'text' ? 'plain-text' : 'ocr', lines: [], confidence: ref.kind === 'text' ? null : 0, note: `page could not be read: ${why}` })
      }
    }
    const doc = await loadDocument(ref, dataDir)
    // KEHOACH_MODEL: the adapted model named by `--model` on watch/worker (or set in the environment)
    if (model === undefined) model = loadLanguageModel(process.env.KEHOACH_MODEL || undefined)
    const plan = assemblePlan(doc, pages, { model, now: new Date(), startedAt: Date.parse(ref.enqueuedAt) || Date.now() })
    for (const n of missing) {
      const reason = reportFromReason(failed.get(n) ?? 'no result', 'page')
      plan.quality.warnings.push({ severity: 'warning', code: 'queue:page-failed', message: `page ${n} could not be read: ${reason.message}`, position: { page: n } })
    }
    if (missing.length) plan.quality.needsReview = true
    const written = await writePlanFile(outDir, plan)
    await ledger.markDone({ id: ref.id, plan: written, failedPages: missing })
    await job.updateProgress({ stage: 'done', page: ref.pageCount, of: ref.pageCount })
    return { id: ref.id, plan: written, failure: null, pages: ref.pageCount, failedPages: missing }
  } catch (error) {
    if ((error as Error)?.name === 'UnrecoverableError') throw error
    const jobError = toJobError(error, 'assemble')
    const last = jobError.name === 'UnrecoverableError' || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
    if (last) await fail(toErrorReport(error, 'assemble')).catch(() => {})
    throw jobError
  }
}
