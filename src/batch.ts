/**
 * Embedded mode: the one document run (src/pipeline.ts) in-process, no Redis.
 * One OCR pool and one page pool serve the whole batch; a failed input is reported and the batch goes on.
 */
import { access } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { inProcessPages, runDocument, type DocumentInput, type PageExecutor, type Progress } from './pipeline.js'
import type { Limits } from './limits.js'
import type { OcrPool } from './ocr/pool.js'
import type { LanguageModel } from './normalize/index.js'
import { inputId, readDocumentInput, type InputFile } from './ingest/collect.js'
import type { Plan } from './schema/plan.js'
import { writePlanFile, writeFailureReport } from './store/plan-files.js'
import { originalRelPath, storeOriginal } from './ingest/originals.js'
import { toErrorReport } from './errors.js'
import { untimed, type Timings } from './timings.js'

export type BatchOptions = {
  outDir: string
  limits: Limits
  model: LanguageModel | null
  /** started on first need: text inputs never pay for OCR workers */
  ocr: () => Promise<OcrPool>
  forceOcr?: boolean
  /** stage timings (`kehoach process --timings`) */
  timings?: Timings
  /** documents in flight at once (default: cores + 1): bounds the memory of a batch's open documents */
  documents?: number
  /** process again inputs whose result already exists in outDir */
  reprocess?: boolean
  clock?: () => Date
}

export type BatchEvents = {
  start?: (file: InputFile, index: number, total: number) => void
  progress?: (file: InputFile, p: Progress) => void
  done?: (file: InputFile, plan: Plan, outPath: string) => void
  duplicate?: (file: InputFile, id: string, reason: string) => void
  /** reportPath: null when the report itself could not be written (full or read-only disk) */
  failed?: (file: InputFile, error: unknown, reportPath: string | null) => void
}

export type BatchResult = { done: number; failed: number; duplicates: number }

/**
 * Documents run together, their pages on one page pool for the whole batch: while one document's
 * last page is read, the next document's pages already use the other cores. Each document is written
 * as soon as it is complete. Inputs are read and hashed one after another, so that a duplicate is
 * recognised whatever the timing.
 */
export async function runBatch(inputs: InputFile[], opts: BatchOptions, events: BatchEvents = {}): Promise<BatchResult> {
  const clock = opts.clock ?? (() => new Date())
  const seen = new Map<string, string>()
  const result: BatchResult = { done: 0, failed: 0, duplicates: 0 }
  const pages = inProcessPages(opts.ocr)
  const inFlight = new Set<Promise<void>>()
  const maxInFlight = opts.documents ?? os.availableParallelism() + 1
  const failed = async (file: InputFile, input: DocumentInput | undefined, error: unknown) => {
    result.failed++
    const reportPath = await writeFailureReport(opts.outDir, file.path, {
      ...toErrorReport(error),
      file: file.path,
      sha256: input ? inputId(input) : null,
      at: clock().toISOString(),
    })
    events.failed?.(file, error, reportPath)
  }
  for (const [index, file] of inputs.entries()) {
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight)
    events.start?.(file, index, inputs.length)
    let input: DocumentInput | undefined
    try {
      input = await readDocumentInput(file)
      const id = inputId(input)
      const dup = seen.get(id) ?? ((await exists(path.join(opts.outDir, `${id}.json`))) && !opts.reprocess ? 'an earlier run' : null)
      if (dup) {
        result.duplicates++
        events.duplicate?.(file, id, dup)
        continue
      }
      seen.set(id, file.path)
    } catch (error) {
      await failed(file, input, error)
      continue
    }
    const task = runAndWrite(file, input, { ...opts, pages }, clock, events).then(
      (outcome) => {
        result.done++
        events.done?.(file, outcome.plan, outcome.outPath)
      },
      (error) => failed(file, input, error),
    ).finally(() => inFlight.delete(task))
    inFlight.add(task)
  }
  await Promise.all(inFlight)
  return result
}

/** One document: the one run (src/pipeline.ts) on the batch's page pool, then its files written. */
async function runAndWrite(
  file: InputFile,
  input: DocumentInput,
  opts: BatchOptions & { pages: PageExecutor },
  clock: () => Date,
  events: BatchEvents,
): Promise<{ plan: Plan; outPath: string }> {
  const plan = await runDocument(input, {
    limits: opts.limits,
    model: opts.model,
    ocr: opts.ocr,
    forceOcr: opts.forceOcr,
    pages: opts.pages,
    clock,
    onProgress: (p: Progress) => events.progress?.(file, p),
    timer: opts.timings?.time,
  })
  const outPath = await (opts.timings?.time ?? untimed)('write', async () => {
    const written = await writePlanFile(opts.outDir, plan)
    // page images, /source, reprocess (a several-image document: its images joined, `<id>.pages`)
    await storeOriginal(opts.outDir, originalRelPath(plan.id, input.fileName, undefined, plan.source.mediaType), input.bytes)
    return written
  })
  return { plan, outPath }
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(() => true, () => false)
}
