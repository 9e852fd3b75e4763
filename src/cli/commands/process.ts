import path from 'node:path'
import type { Command } from 'commander'
import { collectInputs } from '../../ingest/collect.js'
import { runBatch } from '../../batch.js'
import { DEFAULT_LIMITS, type Limits } from '../../limits.js'
import { createOcrPool, type OcrPool } from '../../ocr/pool.js'
import { loadLanguageModel } from '../../normalize/index.js'
import { ExitCode, OutputWriteError } from '../../errors.js'
import { checkOutputWritable } from '../../store/plan-files.js'
import { describeFailure, runCommand } from '../exit.js'
import { positiveInt } from '../args.js'
import { ProgressLine, bar } from '../progress.js'
import type { Progress } from '../../document.js'
import { Timings } from '../../timings.js'

type ProcessOptions = {
  out: string
  jobs?: string
  forceOcr?: boolean
  reprocess?: boolean
  maxPages?: string
  maxPixels?: string
  dpi?: string
  progress: boolean
  timings?: boolean
  verbose?: boolean
}

export function registerProcess(program: Command): void {
  program
    .command('process')
    .description('one-shot, in-process (no Redis): each input → OUT/<id>.json; failures → OUT/failed/<file>.error.json')
    .argument('<paths...>', 'PDF, image (PNG/JPEG/TIFF) or text files, or folders of them')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('-j, --jobs <n>', 'OCR workers (default: number of cores)')
    .option('--force-ocr', 'OCR every PDF page, even where a good text layer exists')
    .option('--reprocess', 'process inputs again even when OUT already has their result')
    .option('--max-pages <n>', 'reject documents with more pages', String(DEFAULT_LIMITS.maxPages))
    .option('--max-pixels <n>', 'reject pages or images with more pixels', String(DEFAULT_LIMITS.maxPixels))
    .option('--dpi <n>', 'render resolution for OCR', String(DEFAULT_LIMITS.dpi))
    .option('--no-progress', 'no progress output on stderr')
    .option('--timings', 'print where the time went at the end: seconds per stage (decode, preprocess, OCR, tables, layout, normalize, extract, write)')
    .option('-v, --verbose', 'print stack traces of failures')
    .action((paths: string[], opts: ProcessOptions) => runCommand(() => processCommand(paths, opts), opts.verbose))
}

async function processCommand(paths: string[], opts: ProcessOptions): Promise<number> {
  const limits: Limits = {
    ...DEFAULT_LIMITS,
    maxPages: positiveInt(opts.maxPages, '--max-pages'),
    maxPixels: positiveInt(opts.maxPixels, '--max-pixels'),
    dpi: positiveInt(opts.dpi, '--dpi'),
  }
  const inputs = await collectInputs(paths)
  const ui = new ProgressLine(process.stderr, opts.progress)
  if (inputs.length === 0) {
    ui.log('kehoach: no input files found')
    return ExitCode.badArgs
  }
  await checkOutputWritable(opts.out) // a read-only or foreign output folder: exit 5 now, not after the OCR
  const model = loadLanguageModel()
  const poolOptions = opts.jobs ? { size: positiveInt(opts.jobs, '--jobs') } : {}
  const lazy: { pool?: Promise<OcrPool> } = {}
  const ocr = () => (lazy.pool ??= createOcrPool(poolOptions))
  let notWritten = 0
  const progress = new DocumentsProgress(ui, inputs.length)
  const timings = opts.timings ? new Timings() : undefined
  let pages = 0
  const started = Date.now()
  try {
    const result = await runBatch(
      inputs,
      { outDir: opts.out, limits, model, ocr, forceOcr: opts.forceOcr, reprocess: opts.reprocess, timings },
      {
        progress: (f, p) => progress.update(f.path, p),
        done: (f, plan, out) => {
          pages += plan.source.pageCount
          progress.finish(f.path, `ok   ${f.path} → ${out} (${plan.source.pageCount} p, ${plan.source.textOrigin}${plan.quality.needsReview ? ', needs review' : ''})`)
        },
        duplicate: (f, id, reason) => progress.finish(f.path, `dup  ${f.path}: same content as ${reason} (${id.slice(0, 12)}…), skipped`),
        failed: (f, error, report) => {
          if (error instanceof OutputWriteError) notWritten++
          progress.finish(f.path, `FAIL ${describeFailure(f.path, error, opts.verbose)} (report: ${report ?? 'not written, see above'})`)
        },
      },
    )
    const secs = ((Date.now() - started) / 1000).toFixed(1)
    const unwritten = notWritten ? ` (${notWritten} read but not written: output disk full or read-only)` : ''
    ui.log(`${result.done} done, ${result.duplicates} duplicate, ${result.failed} failed${unwritten} in ${secs} s`)
    if (timings) for (const line of [`timings over ${pages} page(s) (busy time summed over concurrent pages):`, ...timings.summary(pages)]) ui.log(line)
    return exitCodeOf(result.failed, notWritten)
  } finally {
    if (lazy.pool) await (await lazy.pool).close()
  }
}

/** 0 when all went well; 5 (file access) when results could not be written; 2 when inputs failed. */
function exitCodeOf(failed: number, notWritten: number): number {
  if (notWritten > 0) return ExitCode.fileAccess
  return failed > 0 ? ExitCode.inputFailed : ExitCode.ok
}

/**
 * One progress line for the documents in flight together: `[####----] 3/10 a.pdf p 2/5 ocr · b.pdf render`;
 * a permanent line per finished document.
 */
class DocumentsProgress {
  private readonly active = new Map<string, Progress>()
  private finished = 0

  constructor(
    private readonly ui: ProgressLine,
    private readonly total: number,
  ) {}

  update(file: string, p: Progress): void {
    this.active.set(file, p)
    this.draw()
  }

  finish(file: string, line: string): void {
    this.active.delete(file)
    this.finished++
    this.ui.log(line)
    this.draw()
  }

  private draw(): void {
    if (this.active.size === 0) return
    const docs = [...this.active].map(([f, p]) => `${path.basename(f)}${p.page ? ` p ${p.page}/${p.of}` : ''} ${p.stage}`)
    this.ui.update(`${bar(this.finished, this.total)} ${this.finished}/${this.total} ${docs.join(' · ')}`)
  }
}
