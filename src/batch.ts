/**
 * Embedded mode: the same stage functions as the queue mode, in-process, no Redis.
 * One OCR pool serves the whole batch; a failed input is reported and the batch goes on.
 */
import { access } from 'node:fs/promises'
import path from 'node:path'
import { prepareDocument, readPage, assemblePlan, type DocumentInput, type PreparedDocument, type Progress } from './pipeline.js'
import type { Limits } from './limits.js'
import type { OcrPool } from './ocr/pool.js'
import { openPdf } from './pdf/open.js'
import type { LanguageModel } from './normalize/index.js'
import { inputId, readDocumentInput, type InputFile } from './ingest/collect.js'
import type { Plan } from './schema/plan.js'
import { writePlanFile, writeFailureReport } from './store/plan-files.js'
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
      const plan = await runDocument(input, opts, clock, (p) => events.progress?.(file, p))
      const outPath = await writePlanFile(opts.outDir, plan)
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

async function runDocument(
  input: DocumentInput,
  opts: BatchOptions,
  clock: () => Date,
  onProgress: (p: Progress) => void,
): Promise<Plan> {
  const startedAt = clock().getTime()
  onProgress({ stage: 'prepare' })
  const doc = await prepareDocument(input, opts.limits)
  const pdf = doc.kind === 'pdf' ? await openPdf(doc.bytes, opts.limits) : undefined
  try {
    const ocr = doc.kind === 'text' ? null : await opts.ocr()
    const pages = await mapLimit(range(1, doc.pageCount), ocr?.size ?? 1, (page) =>
      readPage(doc, page, { ocr: ocr ?? noOcr(doc), limits: opts.limits, forceOcr: opts.forceOcr, pdf, onProgress }),
    )
    onProgress({ stage: 'assemble' })
    return assemblePlan(doc, pages, { model: opts.model, now: clock(), startedAt })
  } finally {
    await pdf?.close()
  }
}

function noOcr(doc: PreparedDocument): OcrPool {
  const fail = () => Promise.reject(new Error(`${doc.fileName}: plain text needs no OCR`))
  return { size: 0, recognize: fail, close: async () => {} }
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(() => true, () => false)
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

/** Run `fn` over `items` with at most `limit` in flight, results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!)
    }
  })
  await Promise.all(lanes)
  return results
}
