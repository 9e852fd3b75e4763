/**
 * Embedded mode: the one document run (src/pipeline.ts) in-process, no Redis.
 * One OCR pool serves the whole batch; a failed input is reported and the batch goes on.
 */
import { access } from 'node:fs/promises'
import path from 'node:path'
import { pagePool, runDocument, type DocumentInput, type PreparedDocument, type Progress } from './pipeline.js'
import type { Limits } from './limits.js'
import type { OcrPool } from './ocr/pool.js'
import type { LanguageModel } from './normalize/index.js'
import { inputId, readDocumentInput, type InputFile } from './ingest/collect.js'
import type { Plan } from './schema/plan.js'
import { writePlanFile, writeFailureReport } from './store/plan-files.js'
import { keepOriginal } from './store/review-files.js'
import { toErrorReport } from './errors.js'

export type BatchOptions = {
  outDir: string
  limits: Limits
  model: LanguageModel | null
  /** started on first need: text inputs never pay for OCR workers */
  ocr: () => Promise<OcrPool>
  forceOcr?: boolean
  /** process again inputs whose result already exists in outDir */
  reprocess?: boolean
  clock?: () => Date
}

export type BatchEvents = {
  start?: (file: InputFile, index: number, total: number) => void
  progress?: (file: InputFile, p: Progress) => void
  done?: (file: InputFile, plan: Plan, outPath: string) => void
  duplicate?: (file: InputFile, id: string, reason: string) => void
  failed?: (file: InputFile, error: unknown, reportPath: string) => void
}

export type BatchResult = { done: number; failed: number; duplicates: number }

export async function runBatch(inputs: InputFile[], opts: BatchOptions, events: BatchEvents = {}): Promise<BatchResult> {
  const clock = opts.clock ?? (() => new Date())
  const seen = new Map<string, string>()
  const result: BatchResult = { done: 0, failed: 0, duplicates: 0 }
  for (const [index, file] of inputs.entries()) {
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
      const plan = await runInput(input, opts, clock, (p) => events.progress?.(file, p))
      const outPath = await writePlanFile(opts.outDir, plan)
      // page images, /source, reprocess (a several-image document: its images joined, `<id>.pages`)
      await keepOriginal(opts.outDir, plan.id, input.bytes, path.extname(input.fileName))
      result.done++
      events.done?.(file, plan, outPath)
    } catch (error) {
      result.failed++
      const reportPath = await writeFailureReport(opts.outDir, file.path, {
        ...toErrorReport(error),
        file: file.path,
        sha256: input ? inputId(input) : null,
        at: clock().toISOString(),
      })
      events.failed?.(file, error, reportPath)
    }
  }
  return result
}

/** The document's input through the one run (src/pipeline.ts), its pages on the OCR pool's cores. */
function runInput(input: DocumentInput, opts: BatchOptions, clock: () => Date, onProgress: (p: Progress) => void): Promise<Plan> {
  const lanes = async (doc: PreparedDocument) => (doc.kind === 'text' ? 1 : (await opts.ocr()).size)
  return runDocument(
    input,
    { limits: opts.limits, model: opts.model, ocr: opts.ocr, forceOcr: opts.forceOcr, pages: pagePool(lanes), clock, onProgress },
  )
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(() => true, () => false)
}
