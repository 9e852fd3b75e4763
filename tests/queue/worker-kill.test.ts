/**
 * A worker killed in the middle of a document (SIGKILL to its whole process group: the worker
 * and its sandboxed OCR child, as when a container or machine dies) → after a new worker
 * starts, the document still completes, exactly once. Input: a real 2-page scanned PDF; one
 * page at a time, so page 1 is done while page 2 is still being read when we kill.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { Queue } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Plan } from '../../src/schema/plan.js'
import { bullConnection, redisUrl } from '../../src/queue/connection.js'
import { DocumentQueue } from '../../src/queue/flow.js'
import { PAGES_QUEUE, ASSEMBLE_QUEUE, pageJobId } from '../../src/queue/names.js'
import { InboxWatcher, type IngestOutcome } from '../../src/ingest/watch.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { RESCAN_MS, ROOT, drop, dropPrefix, jsonFiles, redisUnavailable, tempDirs, uniquePrefix, waitFor } from './helpers.js'

const skip = await redisUnavailable()
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js')

describe.skipIf(skip !== null)('kehoach worker, killed mid-document', () => {
  const prefix = uniquePrefix('kill')
  let dirs: Awaited<ReturnType<typeof tempDirs>>
  let queue: DocumentQueue
  let pagesQueue: Queue
  let assembleQueue: Queue
  const children: ChildProcess[] = []
  let log = ''

  function startWorker(): ChildProcess {
    const child = spawn(
      process.execPath,
      [CLI, 'worker', '--data', dirs.data, '--out', dirs.out, '--concurrency', '1',
        // short locks so the stalled page comes back in seconds, not the production 60 s + 30 s
        '--lock-duration', '2000', '--stalled-interval', '1000', '--no-progress'],
      {
        env: { ...process.env, REDIS_URL: redisUrl(), KEHOACH_QUEUE_PREFIX: prefix },
        detached: true, // its own process group: kill the worker and its sandboxed children together
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    child.stdout!.on('data', (d) => (log += d))
    child.stderr!.on('data', (d) => (log += d))
    children.push(child)
    return child
  }

  const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // already gone
    }
  }

  beforeAll(async () => {
    dirs = await tempDirs('kill')
    const connection = bullConnection()
    queue = new DocumentQueue({ connection, prefix })
    pagesQueue = new Queue(PAGES_QUEUE, { connection, prefix })
    assembleQueue = new Queue(ASSEMBLE_QUEUE, { connection, prefix })
  })

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) killGroup(c, 'SIGKILL')
    await Promise.allSettled([queue?.close(), pagesQueue?.close(), assembleQueue?.close()])
    await dropPrefix(prefix)
    await dirs?.cleanup()
  }, 30_000)

  it('completes the document exactly once after the worker is killed and another starts', async () => {
    // enqueue through the real inbox path, no in-process workers (like `kehoach watch --no-workers`)
    const outcomes: IngestOutcome[] = []
    const watcher = new InboxWatcher({ inbox: dirs.inbox, dataDir: dirs.data, limits: DEFAULT_LIMITS, queue, stableMs: 200, rescanMs: RESCAN_MS }, { outcome: (o) => outcomes.push(o) })
    await watcher.start()
    await drop('hon-quan.office.pdf', dirs.inbox)
    const queued = await waitFor('the document queued', async () => outcomes.find((o) => o.kind === 'queued'), 20_000)
    await watcher.close()
    if (queued.kind !== 'queued') throw new Error('not queued')
    const { id, pageCount } = queued.doc
    expect(pageCount).toBe(2)

    const first = startWorker()
    const exited = new Promise((r) => first.once('exit', r))
    const alive = (c: ChildProcess) => {
      if (c.exitCode !== null) throw new Error(`the worker exited early (code ${c.exitCode}):\n${log}`)
    }
    // at least one page done, the document not complete yet, the other page being read
    await waitFor(
      'page 1 done while page 2 is in progress',
      async () => {
        alive(first)
        const [p1, p2] = await Promise.all([pagesQueue.getJob(pageJobId(id, 1)), pagesQueue.getJob(pageJobId(id, 2))])
        return p1 && p2 && (await p1.isCompleted()) && (await p2.isActive())
      },
      90_000,
      50,
    )
    const state = await (await assembleQueue.getJob(id))!.getState()
    expect(state).toBe('waiting-children')
    expect(await jsonFiles(dirs.out)).toEqual([])
    killGroup(first, 'SIGKILL')
    await exited

    const second = startWorker()
    const plans = await waitFor(
      'the plan after the restart',
      async () => {
        alive(second)
        return (await jsonFiles(dirs.out)).length ? jsonFiles(dirs.out) : null
      },
      120_000,
      200,
    )
    expect(plans).toEqual([`${id}.json`])
    const plan = Plan.parse(JSON.parse(await readFile(path.join(dirs.out, plans[0]!), 'utf8')))
    expect(plan.source.pageCount).toBe(2)
    expect(plan.text.pages.map((p) => p.page)).toEqual([1, 2])
    expect(plan.text.pages.every((p) => p.text.length > 100)).toBe(true) // page 2 really read, not a placeholder
    expect(plan.quality.warnings.filter((w) => w.code === 'queue:page-failed')).toEqual([])

    // exactly once: one plan, one ledger claim, marked done, no failure
    const shard = path.join(dirs.data, 'ledger', id.slice(0, 2))
    expect((await readdir(shard)).sort()).toEqual([`${id}.done.json`, `${id}.json`])
    expect(await readdir(path.join(dirs.out, 'failed')).catch(() => [])).toEqual([])
    await new Promise((r) => setTimeout(r, 1000))
    expect(await jsonFiles(dirs.out)).toEqual(plans)
    expect(await (await assembleQueue.getJob(id))!.getState()).toBe('completed')

    // graceful stop: SIGTERM → exit 0
    const code = await new Promise<number | null>((resolve) => {
      second.once('exit', (c) => resolve(c))
      second.kill('SIGTERM')
    })
    expect(code, log).toBe(0)
  }, 240_000)
})
