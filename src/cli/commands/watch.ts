/**
 * `kehoach watch`: the inbox watcher plus (unless --no-workers) in-process queue workers.
 * Files dropped in INBOX (subfolders too) are hashed, kept in DATA/originals, recorded in the
 * ledger (DATA/ledger) and enqueued as one BullMQ flow per document; plans land in OUT.
 * SIGTERM/SIGINT: stop watching, let active pages finish (a second signal returns them to the
 * queue at once), close connections; exit 0 (SIGTERM) or 130 (SIGINT).
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import { bullConnection, checkRedis, redactUrl, redisUrl } from '../../queue/connection.js'
import { DocumentQueue } from '../../queue/flow.js'
import { listenQueueEvents } from '../../queue/events.js'
import { queuePrefix } from '../../queue/names.js'
import { defaultConcurrency, startWorkers, type RunningWorkers } from '../../queue/workers.js'
import { InboxWatcher, type IngestOutcome } from '../../ingest/watch.js'
import { DEFAULT_LIMITS, type Limits } from '../../limits.js'
import { describeFailure, runCommand } from '../exit.js'
import { ProgressLine } from '../progress.js'
import { QueueProgress, dirs, label, onShutdown } from './queue-common.js'
import { optionalInt, positiveInt, wholeNumber } from '../args.js'
import { modelPathForWorkers } from '../model.js'
import { option } from '../settings.js'
import { modelEnv } from './queue-common.js'

type WatchOptions = {
  inbox: string
  out?: string
  data?: string
  poll?: boolean
  pollInterval: string
  stableMs: string
  rescanMs: string
  concurrency?: string
  model?: string
  workers: boolean
  forceOcr?: boolean
  maxPages: string
  dpi: string
  progress: boolean
  verbose?: boolean
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('watch an inbox folder and run the queue-driven pipeline (BullMQ on Redis: REDIS_URL)')
    .addOption(option('inbox'))
    .addOption(option('data'))
    .option('-o, --out <dir>', 'output folder for plans (default: DATA/plans)')
    .addOption(option('poll'))
    .addOption(option('pollInterval'))
    .addOption(option('stableMs'))
    .addOption(option('rescanMs'))
    .addOption(option('concurrency', { help: `pages read at once by the in-process workers (default: cores = ${defaultConcurrency()})` }))
    .addOption(option('model', { help: 'language model for the in-process workers (`kehoach worker` elsewhere: its own --model)' }))
    .option('--no-workers', 'only watch and enqueue; `kehoach worker` processes (elsewhere)')
    .option('--force-ocr', 'OCR every PDF page, even where a good text layer exists')
    .addOption(option('maxPages'))
    .addOption(option('dpi'))
    .option('--no-progress', 'no progress output on stderr')
    .addOption(option('verbose'))
    .action((opts: WatchOptions) => runCommand(() => watchCommand(opts), opts.verbose))
}

async function watchCommand(opts: WatchOptions): Promise<number> {
  const { dataDir, outDir } = dirs(opts)
  const inbox = path.resolve(opts.inbox)
  const limits: Limits = { ...DEFAULT_LIMITS, maxPages: positiveInt(opts.maxPages, '--max-pages'), dpi: positiveInt(opts.dpi, '--dpi') }
  const concurrency = optionalInt(opts.concurrency, '--concurrency')
  const model = modelPathForWorkers(opts.model)
  const url = redisUrl()
  const ui = new ProgressLine(process.stderr, opts.progress)

  const check = await checkRedis(url) // RedisUnavailableError (exit 6) within seconds
  if (check.warning) ui.log(check.warning)
  await Promise.all([inbox, dataDir, outDir].map((d) => mkdir(d, { recursive: true })))

  const connection = bullConnection(url)
  const prefix = queuePrefix()
  const queue = new DocumentQueue({ connection, prefix })
  const progress = new QueueProgress(ui)
  // progress of every document, whichever worker reads it (this process or `kehoach worker` elsewhere)
  const events = await listenQueueEvents({ connection, prefix }, progress.queueEvents())
  let workers: RunningWorkers | null = null
  if (opts.workers) {
    workers = await startWorkers({ connection, prefix, dataDir, outDir, concurrency, env: modelEnv(model) }, progress.localWorkerEvents())
  }
  const watcher = new InboxWatcher(
    { inbox, dataDir, outDir, limits, queue, poll: opts.poll, pollInterval: positiveInt(opts.pollInterval, '--poll-interval'), stableMs: positiveInt(opts.stableMs, '--stable-ms'), rescanMs: wholeNumber(opts.rescanMs, '--rescan-ms'), forceOcr: opts.forceOcr },
    {
      outcome: (o) => {
        if (o.kind === 'queued') progress.known(o.doc)
        const line = outcomeLine(o, inbox)
        if (line) ui.log(line)
      },
      reconciled: (r) => {
        for (const d of r.left) ui.log(`stuck ${d.file} (${d.id.slice(0, 12)}…): ${d.why}; not re-queued: ${d.reason}`)
      },
      error: (file, error) => ui.log(`kehoach: ${describeFailure(file, error, opts.verbose)}`),
      notice: (message) => ui.log(`kehoach watch: ${message}`),
    },
  )
  await watcher.start()
  const recovered = await watcher.recoverPending()
  ui.log(
    `kehoach watch: ${inbox} → ${outDir} · data ${dataDir} · Redis ${redactUrl(url)}` +
      (workers ? ` · ${workers.pages.concurrency} page worker(s)` : ' · no workers (run `kehoach worker`)') +
      (opts.poll ? ' · polling' : '') +
      (recovered ? ` · ${recovered} document(s) re-queued from the ledger` : ''),
  )

  const code = await onShutdown(() => void workers?.close(true))
  ui.log('kehoach watch: stopping — no new files; finishing active pages (signal again to return them to the queue now)')
  await watcher.close()
  await workers?.close()
  await events.close()
  await queue.close()
  ui.log(`kehoach watch: stopped · ${progress.summary()}`)
  return code
}

/** One stderr line per intake outcome (null: nothing worth a line). */
function outcomeLine(o: IngestOutcome, inbox: string): string | null {
  const rel = path.relative(inbox, o.file) || o.file
  const report = (p: string | null | undefined) => (p ? `report ${p}` : 'report not written')
  switch (o.kind) {
    case 'queued':
      return `${o.requeued ? 're-queued' : 'queued'} ${label(o.doc)} (${o.doc.pageCount} p, ${o.doc.id.slice(0, 12)}…)`
    case 'duplicate':
      return `dup  ${rel}: same content as a document already taken in (${o.state}, ${o.id.slice(0, 12)}…), not processed again`
    case 'failed':
      return `FAIL ${rel}: ${o.report.message.replace(/\.+$/, '')}. ${o.report.hint} (moved to ${o.movedTo}, ${report(o.reportPath)})`
    case 'rejected':
      return `REFUSED ${o.report.message}. ${o.report.hint} (${report(o.reportPath)})`
    case 'incomplete':
      return o.reportPath === undefined
        ? `wait ${rel}: looks incomplete (${o.reason}); taken when the copy goes on`
        : `FAIL ${rel}: still incomplete (${o.reason}), left in the inbox (${report(o.reportPath)})`
    case 'skipped':
      return null
  }
}
