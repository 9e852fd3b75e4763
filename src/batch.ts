/**
 * Embedded mode: the one document run (src/pipeline.ts) in-process, no Redis.
 * One OCR pool serves the whole batch; a failed input is reported and the batch goes on.
 */
import { readFile, access } from 'node:fs/promises'
import path from 'node:path'
import { pagePool, runDocument, type PreparedDocument, type Progress } from './pipeline.js'
import type { Limits } from './limits.js'
import type { OcrPool } from './ocr/pool.js'
import type { LanguageModel } from './normalize/index.js'
import type { InputFile } from './ingest/collect.js'
import type { Plan } from './schema/plan.js'
import { writePlanFile, writeFailureReport } from './store/plan-files.js'
import { FileAccessError, toErrorReport } from './errors.js'
import { contentId } from './ingest/content-id.js'

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
    let bytes: Uint8Array | undefined
    try {
      bytes = await readInput(file.path)
      const id = contentId(bytes)
      const dup = seen.get(id) ?? ((await exists(path.join(opts.outDir, `${id}.json`))) && !opts.reprocess ? 'an earlier run' : null)
      if (dup) {
        result.duplicates++
        events.duplicate?.(file, id, dup)
        continue
      }
      seen.set(id, file.path)
      const plan = await runInput(file, bytes, opts, clock, (p) => events.progress?.(file, p))
      const outPath = await writePlanFile(opts.outDir, plan)
      result.done++
      events.done?.(file, plan, outPath)
    } catch (error) {
      result.failed++
      const reportPath = await writeFailureReport(opts.outDir, file.path, {
        ...toErrorReport(error),
        file: file.path,
        sha256: bytes ? contentId(bytes) : null,
        at: clock().toISOString(),
      })
      events.failed?.(file, error, reportPath)
    }
  }
  return result
}

/** The document's bytes through the one run (src/pipeline.ts), its pages on the OCR pool's cores. */
function runInput(file: InputFile, bytes: Uint8Array, opts: BatchOptions, clock: () => Date, onProgress: (p: Progress) => void): Promise<Plan> {
  const lanes = async (doc: PreparedDocument) => (doc.kind === 'text' ? 1 : (await opts.ocr()).size)
  return runDocument(
    { fileName: path.basename(file.path), bytes, subfolder: file.subfolder },
    { limits: opts.limits, model: opts.model, ocr: opts.ocr, forceOcr: opts.forceOcr, pages: pagePool(lanes), clock, onProgress },
  )
}

async function readInput(p: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(p))
  } catch (error) {
    throw new FileAccessError(`cannot read ${p}: ${(error as NodeJS.ErrnoException).code ?? error}`, { cause: error })
  }
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(() => true, () => false)
}
