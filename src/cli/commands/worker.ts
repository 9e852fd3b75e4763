/**
 * `kehoach worker`: queue workers only, for scale-out — any number of machines, one Redis
 * (REDIS_URL), one shared data folder (originals are read from DATA/originals, plans written
 * to OUT). Stops on SIGTERM/SIGINT after the active pages finish (a second signal returns
 * them to the queue at once).
 */
import { mkdir } from 'node:fs/promises'
import type { Command } from 'commander'
import { bullConnection, checkRedis, redactUrl, redisUrl } from '../../queue/connection.js'
import { queuePrefix } from '../../queue/names.js'
import { STALL_SETTINGS, defaultConcurrency, startWorkers } from '../../queue/workers.js'
import { runCommand } from '../exit.js'
import { ProgressLine } from '../progress.js'
import { QueueProgress, dirs, onShutdown } from './queue-common.js'
import { optionalInt, positiveInt } from '../args.js'
import { modelPathForWorkers } from '../model.js'
import { option } from '../settings.js'
import { modelEnv } from './queue-common.js'

type WorkerOptions = {
  out?: string
  data?: string
  concurrency?: string
  lockDuration?: string
  stalledInterval?: string
  maxStalledCount?: string
  progress: boolean
  model?: string
  verbose?: boolean
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run queue workers only (scale out: many machines, one Redis via REDIS_URL, a shared data folder)')
    .addOption(option('data', { help: 'shared data folder (originals, ledger)' }))
    .option('-o, --out <dir>', 'output folder for plans (default: DATA/plans)')
    .addOption(option('concurrency', { help: `pages read at once (one OCR process each, ≈300 MiB) (default: cores = ${defaultConcurrency()})` }))
    .addOption(option('model'))
    .option('--lock-duration <ms>', 'job lock duration (stalled-job detection)', String(STALL_SETTINGS.lockDuration))
    .option('--stalled-interval <ms>', 'how often to look for stalled jobs', String(STALL_SETTINGS.stalledInterval))
    .option('--max-stalled-count <n>', 'times a job may lose its worker before it fails', String(STALL_SETTINGS.maxStalledCount))
    .option('--no-progress', 'no progress output on stderr')
    .addOption(option('verbose'))
    .action((opts: WorkerOptions) => runCommand(() => workerCommand(opts), opts.verbose))
}

async function workerCommand(opts: WorkerOptions): Promise<number> {
  const { dataDir, outDir } = dirs(opts)
  const concurrency = optionalInt(opts.concurrency, '--concurrency')
  const model = modelPathForWorkers(opts.model)
  const url = redisUrl()
  const ui = new ProgressLine(process.stderr, opts.progress)
  const check = await checkRedis(url)
  if (check.warning) ui.log(check.warning)
  await mkdir(outDir, { recursive: true })
  const progress = new QueueProgress(ui)
  const workers = await startWorkers(
    {
      connection: bullConnection(url),
      prefix: queuePrefix(),
      dataDir,
      outDir,
      concurrency,
      env: modelEnv(model),
      lockDuration: positiveInt(opts.lockDuration, '--lock-duration'),
      stalledInterval: positiveInt(opts.stalledInterval, '--stalled-interval'),
      maxStalledCount: positiveInt(opts.maxStalledCount, '--max-stalled-count'),
    },
    progress.workerEvents(),
  )
  ui.log(`kehoach worker: ${workers.pages.concurrency} page job(s) at once, data ${dataDir}, plans → ${outDir}, Redis ${redactUrl(url)}`)
  const code = await onShutdown(() => void workers.close(true))
  ui.log('kehoach worker: stopping — finishing active pages (signal again to return them to the queue now)')
  await workers.close()
  ui.log(`kehoach worker: stopped · ${progress.summary()}`)
  return code
}
