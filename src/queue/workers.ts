/**
 * Start the queue-mode workers in this process: a pages worker and an assemble worker, both
 * sandboxed (processor files compiled to dist/workers/*.js, run in child processes).
 *
 * Stalled-job settings (the numbers below; override per process with `kehoach worker` flags):
 * - lockDuration 60 s (renewed every 30 s). The processors run in child processes, so the
 *   worker's event loop stays free and renewal is on time even while OCR keeps every core busy;
 *   60 s rather than BullMQ's 30 s leaves slack for a machine swapping or paused by a VM host.
 * - stalledInterval 30 s: how often a worker looks for jobs whose lock expired (their worker
 *   died: SIGKILL, OOM, machine lost). A page of a killed worker is retried by another after at
 *   most lockDuration + stalledInterval ≈ 90 s: fine for an archive pipeline, and cheap on Redis.
 * - maxStalledCount 2: a job may lose its worker twice (a deploy and a crash) before it is
 *   failed. A page that kills its child process (image bomb, wasm OOM) is not a stall: the
 *   sandbox reports the child's exit as a failed attempt, retried up to `attempts` then failed,
 *   so a poisonous page cannot loop forever.
 */
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker, type ConnectionOptions, type Job } from 'bullmq'
import { ASSEMBLE_QUEUE, PAGES_QUEUE, parsePageJobId, queuePrefix } from './names.js'
import type { AssembleJobData, AssembleJobResult, PageJobData, PageJobResult, PageProgress } from './jobs.js'
import { MissingDependencyError } from '../errors.js'
import { PARENT_PID_ENV } from './child-guard.js'

export const STALL_SETTINGS = { lockDuration: 60_000, stalledInterval: 30_000, maxStalledCount: 2 } as const

export type WorkerSettings = {
  connection: ConnectionOptions
  prefix?: string
  dataDir: string
  outDir: string
  /** page jobs at once in this process (= OCR child processes, ≈300 MiB each) */
  concurrency?: number
  /** documents assembled at once */
  assembleConcurrency?: number
  lockDuration?: number
  stalledInterval?: number
  maxStalledCount?: number
  /** extra environment for the sandboxed children */
  env?: NodeJS.ProcessEnv
}

export type WorkerEvents = {
  pageDone?: (info: { id: string; page: number; of: number; job: Job<PageJobData, PageJobResult> }) => void
  pageFailed?: (info: { id: string; page: number; of: number; error: Error; final: boolean }) => void
  pageProgress?: (info: { id: string } & PageProgress) => void
  documentDone?: (info: { doc: AssembleJobData['doc']; result: AssembleJobResult }) => void
  documentFailed?: (info: { doc: AssembleJobData['doc']; error: Error; final: boolean }) => void
  error?: (error: Error) => void
}

export type WorkerStats = { pagesDone: number; pagesFailed: number; documentsDone: number; documentsFailed: number }

export type RunningWorkers = {
  stats: WorkerStats
  pages: Worker<PageJobData, PageJobResult>
  assemble: Worker<AssembleJobData, AssembleJobResult>
  /** let active jobs finish (force: return them to the queue at once), close connections and children */
  close(force?: boolean): Promise<void>
}

/** The package root: the first folder up from this file holding package.json (works from src/ and dist/src/). */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    const up = path.dirname(dir)
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url))
    dir = up
  }
}

/**
 * The compiled processor file `dist/workers/<name>.js`. BullMQ forks a plain `node` child that
 * imports it, so it must be JavaScript: from dist/ at run time, and in tests (run from the
 * TypeScript sources) from the build that `npm test` makes first.
 */
export function processorFile(name: 'read-page' | 'assemble'): string {
  const file = path.join(packageRoot(), 'dist', 'workers', `${name}.js`)
  if (!existsSync(file)) {
    throw new MissingDependencyError(`the compiled worker ${file} is missing: run \`npm run build\``, { stage: 'queue' })
  }
  return file
}

export function defaultConcurrency(): number {
  return Math.max(1, os.availableParallelism())
}

export async function startWorkers(s: WorkerSettings, on: WorkerEvents = {}): Promise<RunningWorkers> {
  const prefix = s.prefix ?? queuePrefix()
  const stats: WorkerStats = { pagesDone: 0, pagesFailed: 0, documentsDone: 0, documentsFailed: 0 }
  const env = {
    ...process.env,
    ...s.env,
    KEHOACH_DATA_DIR: path.resolve(s.dataDir),
    KEHOACH_OUT_DIR: path.resolve(s.outDir),
    // the sandboxed children exit when this process is gone (src/queue/child-guard.ts)
    [PARENT_PID_ENV]: String(process.pid),
  }
  const common = {
    connection: s.connection,
    prefix,
    lockDuration: s.lockDuration ?? STALL_SETTINGS.lockDuration,
    stalledInterval: s.stalledInterval ?? STALL_SETTINGS.stalledInterval,
    maxStalledCount: s.maxStalledCount ?? STALL_SETTINGS.maxStalledCount,
    workerForkOptions: { env },
    autorun: false,
  }
  const pages = new Worker<PageJobData, PageJobResult>(PAGES_QUEUE, processorFile('read-page'), {
    ...common,
    concurrency: s.concurrency ?? defaultConcurrency(),
  })
  const assemble = new Worker<AssembleJobData, AssembleJobResult>(ASSEMBLE_QUEUE, processorFile('assemble'), {
    ...common,
    concurrency: s.assembleConcurrency ?? 1,
  })
  const isFinal = (job: Job, error: Error) =>
    error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1)

  pages.on('completed', (job) => {
    stats.pagesDone++
    on.pageDone?.({ id: job.data.doc.id, page: job.data.page, of: job.data.doc.pageCount, job })
  })
  pages.on('failed', (job, error) => {
    if (!job) return
    const final = isFinal(job, error)
    if (final) stats.pagesFailed++
    on.pageFailed?.({ id: job.data.doc.id, page: job.data.page, of: job.data.doc.pageCount, error, final })
  })
  pages.on('progress', (job, p) => {
    const parsed = parsePageJobId(job.id)
    if (parsed && p && typeof p === 'object') on.pageProgress?.({ id: parsed.id, ...(p as PageProgress) })
  })
  assemble.on('completed', (job, result) => {
    stats.documentsDone++
    on.documentDone?.({ doc: job.data.doc, result })
  })
  assemble.on('failed', (job, error) => {
    if (!job) return
    const final = isFinal(job, error)
    if (final) stats.documentsFailed++
    on.documentFailed?.({ doc: job.data.doc, error, final })
  })
  for (const w of [pages, assemble]) w.on('error', (error) => on.error?.(error))

  await Promise.all([pages.waitUntilReady(), assemble.waitUntilReady()])
  const runs = [pages.run(), assemble.run()].map((p) => p.catch((error: Error) => on.error?.(error)))
  let closing: Promise<void> | null = null
  return {
    stats,
    pages,
    assemble,
    close(force = false) {
      closing ??= (async () => {
        await Promise.allSettled([pages.close(force), assemble.close(force)])
        await Promise.allSettled(runs)
      })()
      return closing
    },
  }
}
