/**
 * `kehoach reprocess <id…> | --query "issuer=…&year=…" | filter options`: process documents again
 * from their stored originals as new revisions (docs/store.md, "Revisions and reprocessing").
 */
import { Option, type Command } from 'commander'
import { BadArgumentError, ExitCode } from '../../errors.js'
import { DEFAULT_LIMITS, type Limits } from '../../limits.js'
import { createOcrPool, type OcrPool } from '../../ocr/pool.js'
import { describeIssues, PlanQueryParams, toQueryOptions } from '../../query/params.js'
import { bullConnection, redisUrl } from '../../queue/connection.js'
import { DocumentQueue } from '../../queue/flow.js'
import { indexFolder } from '../../store/indexer.js'
import { idsByPrefix } from '../../store/locate.js'
import { openStore } from '../../store/open.js'
import type { PlanStore } from '../../store/types.js'
import { locateDocument, type StoredDocument } from '../../store/locate.js'
import { reprocessInProcess, reprocessViaQueue } from '../../reprocess.js'
import { describeFailure, runCommand } from '../exit.js'
import { positiveInt } from '../args.js'
import { loadModelOption } from '../model.js'
import { option } from '../settings.js'
import type { FilterCliOptions } from './query.js'

type ReprocessCliOptions = FilterCliOptions & {
  query?: string
  forceOcr?: boolean
  discardReviews?: boolean
  queue?: boolean
  redis?: string
  out?: string
  jobs?: string
  concurrency?: string
  model?: string
  dpi?: string
  dryRun?: boolean
  index: boolean
  verbose?: boolean
}

/** Most documents one `--query` may select: a guard against reprocessing a whole archive by a typo. */
const MAX_SELECTED = 10_000

export function registerReprocess(program: Command): void {
  program
    .command('reprocess')
    .description('process documents again from their stored originals (DATA/originals) as new revisions; the previous result is kept in revisions/<id>/<rev>.json')
    .argument('[ids...]', 'plan ids (sha256, or a prefix of at least 8 hex characters)')
    .addOption(option('data'))
    .addOption(option('db'))
    .option('-q, --query <params>', 'select by filters, URL-style: "issuer=binh phuoc&year=2024&text=giam ngheo"')
    .option('--issuer <text>', 'select: issuing body or its parent, partial')
    .option('--type <code|name>', 'select: document type')
    .option('--number <text>', 'select: document number, partial')
    .option('--year <yyyy>', 'select: year of the document')
    .option('--from <date>', 'select: dated on or after')
    .option('--to <date>', 'select: dated on or before')
    .option('--cites <number>', 'select: cites this document')
    .option('--target-by <yyyy>', 'select: has a target due by this year')
    .option('-t, --text <words>', 'select: free text, diacritics optional')
    .option('--needs-review', 'select: only plans flagged for review')
    .option('--force-ocr', 'OCR every PDF page, even where a good text layer exists')
    .option('--discard-reviews', 'do not carry reviewed values (POST /plans/:id/review) into the new revision')
    .option('--queue', 'enqueue flows for `kehoach worker` (Redis) instead of processing in this process')
    .addOption(option('redis', { help: 'Redis for --queue' }))
    .option('--out <dir>', "with --queue: the workers' output folder (default DATA/plans)")
    .addOption(option('concurrency', { help: 'OCR workers in-process (default: number of cores)' }))
    .addOption(new Option('-j, --jobs <n>', 'same as --concurrency (older name)').hideHelp())
    .addOption(option('model', { help: 'language model in-process (with --queue the workers use their own --model)' }))
    .addOption(option('dpi'))
    .option('--dry-run', 'list what would be processed, do nothing')
    .option('--no-index', 'do not update the index afterwards (kehoach serve picks the files up anyway)')
    .addOption(option('verbose'))
    .addHelpText(
      'after',
      `
Examples:
  kehoach reprocess --data data 3f2a9c1d
  kehoach reprocess --data data --query "issuer=binh phuoc&year=2024" --force-ocr
  kehoach reprocess --data data --needs-review --queue`,
    )
    .action((ids: string[], opts: ReprocessCliOptions) => runCommand(() => reprocessCommand(ids, opts), opts.verbose))
}

type Log = (line: string) => void

export async function reprocessCommand(args: string[], opts: ReprocessCliOptions, log: Log = (l) => process.stderr.write(l + '\n')): Promise<number> {
  const limits: Limits = { ...DEFAULT_LIMITS, dpi: positiveInt(opts.dpi ?? String(DEFAULT_LIMITS.dpi), '--dpi') }
  const filters = selection(opts)
  if (args.length === 0 && !filters) throw new BadArgumentError('name the documents: ids, or --query / filter options (see --help)')
  const store = await openStore({ dataDir: opts.data, db: opts.db })
  try {
    const ids = await selectedIds(args, filters, opts.data, store)
    if (ids.size === 0) {
      log('kehoach reprocess: nothing selected')
      return ExitCode.ok
    }
    const { docs, failed: notFound } = await locateAll(ids, opts, log)
    if (opts.dryRun) {
      for (const d of docs) log(`would reprocess ${d.id} ${d.fileName} (revision ${d.revision} → ${d.revision + 1})`)
      return notFound ? ExitCode.inputFailed : ExitCode.ok
    }
    const failed = notFound + (opts.queue ? await enqueueAll(docs, opts, limits, log) : await processAll(docs, opts, limits, log))
    if (!opts.queue && opts.index) {
      const r = await indexFolder(opts.data, store)
      const updated = r.events.filter((e) => e.type === 'updated').length
      log(`index: ${updated} document.updated event(s) → ${store.location}`)
    }
    log(`${docs.length} document(s) ${opts.queue ? 'queued' : 'processed'}, ${failed} failed`)
    return failed ? ExitCode.inputFailed : ExitCode.ok
  } finally {
    await store.close()
  }
}

/** Ids typed (full or an 8+ hex prefix, unambiguous) plus the plans the filters select (at most MAX_SELECTED). */
async function selectedIds(args: string[], filters: ReturnType<typeof selection>, dataDir: string, store: PlanStore): Promise<Set<string>> {
  const ids = new Set<string>()
  for (const a of args) {
    const found = await idsByPrefix(dataDir, a)
    if (found.length === 0) throw new BadArgumentError(`no plan with id ${a} in ${dataDir}`)
    if (found.length > 1) throw new BadArgumentError(`${a} is ambiguous: ${found.map((f) => f.slice(0, 16)).join(', ')}…`)
    ids.add(found[0]!)
  }
  if (!filters) return ids
  await indexFolder(dataDir, store)
  for (let offset = 0; ; offset += 1000) {
    const r = await store.query({ ...filters, sort: 'date', order: 'asc', limit: 1000, offset })
    if (r.total > MAX_SELECTED) throw new BadArgumentError(`the filters select ${r.total} documents (over ${MAX_SELECTED}): narrow them`)
    for (const it of r.items) ids.add(it.id)
    if (offset + r.items.length >= r.total || r.items.length === 0) break
  }
  return ids
}

async function locateAll(ids: Set<string>, opts: ReprocessCliOptions, log: Log): Promise<{ docs: StoredDocument[]; failed: number }> {
  const docs: StoredDocument[] = []
  let failed = 0
  for (const id of ids) {
    try {
      docs.push(await locateDocument(opts.data, id))
    } catch (error) {
      failed++
      log(`FAIL ${describeFailure(id, error, opts.verbose)}`)
    }
  }
  return { docs, failed }
}

/** `--queue`: one flow per document for `kehoach worker`; returns the number that failed. */
async function enqueueAll(docs: StoredDocument[], opts: ReprocessCliOptions, limits: Limits, log: Log): Promise<number> {
  let failed = 0
  const queue = new DocumentQueue({ connection: bullConnection(opts.redis ?? redisUrl()) })
  try {
    for (const d of docs) {
      try {
        const r = await reprocessViaQueue(opts.data, d, queue, { limits, forceOcr: opts.forceOcr, discardReviews: opts.discardReviews, workerOutDir: opts.out })
        log(`${r === 'added' ? 'queued' : 'already queued'} ${d.id} ${d.fileName}`)
      } catch (error) {
        failed++
        log(`FAIL ${describeFailure(d.fileName, error, opts.verbose)}`)
      }
    }
  } finally {
    await queue.close()
  }
  return failed
}

/** In this process, with the model of `--model`; a failure keeps the previous result. Returns the number that failed. */
async function processAll(docs: StoredDocument[], opts: ReprocessCliOptions, limits: Limits, log: Log): Promise<number> {
  let failed = 0
  const model = loadModelOption(opts.model)
  const workers = opts.concurrency ?? opts.jobs
  const lazy: { pool?: Promise<OcrPool> } = {}
  const ocr = () => (lazy.pool ??= createOcrPool({ prestart: true, ...(workers ? { size: positiveInt(workers, opts.concurrency ? '--concurrency' : '--jobs') } : {}) }))
  try {
    for (const d of docs) {
      try {
        const { file, plan } = await reprocessInProcess(d, { limits, model, ocr, forceOcr: opts.forceOcr, discardReviews: opts.discardReviews })
        log(`ok   ${d.fileName} → ${file} (revision ${plan.revision}; ${plan.source.textOrigin}${plan.quality.needsReview ? ', needs review' : ''})`)
      } catch (error) {
        failed++
        log(`FAIL ${describeFailure(d.fileName, error, opts.verbose)} (previous result kept)`)
      }
    }
  } finally {
    if (lazy.pool) await (await lazy.pool).close()
  }
  return failed
}

function selection(opts: ReprocessCliOptions) {
  const given = Object.fromEntries(
    Object.entries({
      issuer: opts.issuer, type: opts.type, number: opts.number, year: opts.year, from: opts.from, to: opts.to, cites: opts.cites,
      targetBy: opts.targetBy, text: opts.text, needsReview: opts.needsReview ? 'true' : undefined,
    }).filter(([, v]) => v !== undefined),
  )
  if (opts.query) {
    const q = new URLSearchParams(opts.query)
    for (const [k, v] of q) given[k] = v
  }
  if (Object.keys(given).length === 0) return null
  const parsed = PlanQueryParams.omit({ sort: true, order: true, limit: true, offset: true }).safeParse(given)
  if (!parsed.success) throw new BadArgumentError(`--query: ${describeIssues(parsed.error)}`)
  return toQueryOptions(parsed.data)
}
