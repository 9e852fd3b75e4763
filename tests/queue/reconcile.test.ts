/**
 * Ledger ↔ queue reconciliation on a real Redis that restarts without persistence (a private
 * redis-server started and SIGKILLed by this test; never the shared one):
 *   - after the restart every queued job is gone; `status` lists the claimed documents as stuck;
 *   - a reconcile round re-queues each once (concurrent rounds too), a later round nothing;
 *   - a re-dropped file whose earlier attempt never completed is taken in again, not called a duplicate;
 *   - a watcher's periodic reconciler puts lost documents back by itself, within its interval;
 *   - workers then write one plan per document, each read exactly once.
 */
import { readFileSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bullConnection } from '../../src/queue/connection.js'
import { DocumentQueue } from '../../src/queue/flow.js'
import { startWorkers, type RunningWorkers } from '../../src/queue/workers.js'
import { InboxWatcher, type IngestOutcome } from '../../src/ingest/watch.js'
import { statusReport } from '../../src/cli/commands/status.js'
import { contentId } from '../../src/ingest/content-id.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server.js'
import { RESCAN_MS, drop, fixture, jsonFiles, tempDirs, uniquePrefix, waitFor } from './helpers.js'

const GRACE_MS = 300
const FILES = ['hon-quan.gt.txt', 'lao-cai.gt.txt', 'heldout/h01.txt'] as const

describe('reconciling the ledger with a queue that lost its jobs', () => {
  const prefix = uniquePrefix('reconcile')
  let redis: PrivateRedis
  let dirs: Awaited<ReturnType<typeof tempDirs>>
  let queue: DocumentQueue
  let watcher: InboxWatcher
  let workers: RunningWorkers | null = null
  const outcomes: IngestOutcome[] = []
  const ids = FILES.map((f) => contentId(readFileSync(fixture(f))))
  const requeueFiles = async (id: string) =>
    (await readdir(path.join(dirs.data, 'ledger', id.slice(0, 2)))).filter((n) => n.startsWith(`${id}.requeue-`)).sort()
  const queueAnswers = async () => queue.state(ids[0]!).then(() => true, () => false)

  beforeAll(async () => {
    redis = await startPrivateRedis()
    process.env.KEHOACH_QUEUE_PREFIX = prefix // statusReport reads the prefix from the environment, like the CLI
    dirs = await tempDirs('reconcile')
    queue = new DocumentQueue({ connection: bullConnection(redis.url), prefix })
    watcher = new InboxWatcher(
      { inbox: dirs.inbox, dataDir: dirs.data, outDir: dirs.out, limits: DEFAULT_LIMITS, queue, stableMs: 200, graceMs: GRACE_MS, reconcileMs: 0, rescanMs: RESCAN_MS },
      { outcome: (o) => outcomes.push(o) },
    )
    await watcher.start()
  }, 30_000)

  afterAll(async () => {
    delete process.env.KEHOACH_QUEUE_PREFIX
    try {
      await watcher?.close()
      await workers?.close(true) // hand active jobs back at once: a failed test must not wait on them
      await queue?.close()
    } finally {
      await redis?.stop()
      await dirs?.cleanup()
    }
  }, 30_000)

  it('lists the documents Redis lost, re-queues each once, and takes a re-dropped one in again', async () => {
    await drop(FILES[0], dirs.inbox)
    await drop(FILES[1], dirs.inbox)
    await waitFor('two documents queued', async () => outcomes.filter((o) => o.kind === 'queued').length === 2, 20_000)
    await watcher.idle()
    expect(await queue.state(ids[0]!)).toBe('waiting-children')

    await redis.restart() // no persistence: every job is gone
    await waitFor('the queue answering again', queueAnswers, 20_000)
    expect(await queue.state(ids[0]!)).toBeNull()
    await new Promise((r) => setTimeout(r, GRACE_MS + 50))

    const status = await statusReport({ data: dirs.data, redis: redis.url, graceMs: GRACE_MS })
    expect(status.stuck?.map((d) => d.id).sort()).toEqual([ids[0], ids[1]].sort())
    for (const d of status.stuck!) expect(d).toMatchObject({ queueState: null, requeues: 0, why: expect.stringMatching(/not in the queue/) })

    // three rounds at once (as three watchers on one data folder would): each document once
    const rounds = await Promise.all([watcher.reconcileNow(), new InboxWatcher({ ...watcherOpts(), inbox: dirs.inbox }).reconcileNow(), new InboxWatcher({ ...watcherOpts(), inbox: dirs.inbox }).reconcileNow()])
    expect(rounds.flatMap((r) => r!.requeued.map((d) => d.id)).sort()).toEqual([ids[0], ids[1]].sort())
    for (const id of [ids[0]!, ids[1]!]) {
      expect(await queue.state(id)).toBe('waiting-children')
      expect(await requeueFiles(id)).toEqual([`${id}.requeue-1.json`])
    }
    await new Promise((r) => setTimeout(r, GRACE_MS + 50))
    expect((await watcher.reconcileNow())!.requeued).toEqual([]) // live in the queue: nothing to do
    expect((await statusReport({ data: dirs.data, redis: redis.url, graceMs: GRACE_MS })).stuck).toEqual([])

    // a third document, lost by a second restart, then dropped again under another name
    await drop(FILES[2], dirs.inbox)
    await waitFor('the third queued', async () => outcomes.some((o) => o.kind === 'queued' && o.doc.id === ids[2]), 20_000)
    await redis.restart()
    await waitFor('the queue answering again', queueAnswers, 20_000)
    await drop(FILES[2], dirs.inbox, 'gui-lai.txt')
    const again = await waitFor('the re-drop', async () => outcomes.find((o) => o.file.endsWith('gui-lai.txt')), 20_000)
    expect(again).toMatchObject({ kind: 'queued', requeued: true })
    expect(await queue.state(ids[2]!)).toBe('waiting-children')
  }, 120_000)

  it("a watcher's own reconciler puts lost documents back within its interval; each is then read exactly once", async () => {
    await redis.restart() // all three lost again
    await waitFor('the queue answering again', queueAnswers, 20_000)
    const requeued: string[] = []
    const periodic = new InboxWatcher(
      { ...watcherOpts(), inbox: path.join(dirs.root, 'inbox2'), reconcileMs: 200 },
      { outcome: (o) => o.kind === 'queued' && o.requeued && requeued.push(o.doc.id) },
    )
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(dirs.root, 'inbox2')))
    await periodic.start()
    try {
      await waitFor('all three back in the queue', async () => new Set(requeued).size === 3, 15_000)
    } finally {
      await periodic.close()
    }
    expect(requeued.sort()).toEqual([...ids].sort()) // once each

    workers = await startWorkers({ connection: bullConnection(redis.url), prefix, dataDir: dirs.data, outDir: dirs.out, concurrency: 2 })
    const plans = await waitFor('three plans', async () => ((await jsonFiles(dirs.out)).length === 3 ? jsonFiles(dirs.out) : null), 240_000)
    expect(plans).toEqual(ids.map((id) => `${id}.json`).sort())
    await waitFor('all done in the ledger', async () => (await Promise.all(ids.map((id) => watcher.ledger.get(id)))).every((e) => e?.state === 'done'), 10_000)
    const queuedDocs = outcomes.flatMap((o) => (o.kind === 'queued' && !o.requeued ? [o.doc] : []))
    const pages = ids.reduce((s, id) => s + queuedDocs.find((d) => d.id === id)!.pageCount, 0)
    expect(workers.stats.pagesDone).toBe(pages) // each page read once, no second run of any document
    expect(await readdir(dirs.out)).not.toContain('revisions')
  }, 300_000)

  function watcherOpts() {
    return { inbox: dirs.inbox, dataDir: dirs.data, outDir: dirs.out, limits: DEFAULT_LIMITS, queue, stableMs: 200, graceMs: GRACE_MS, reconcileMs: 0, rescanMs: RESCAN_MS }
  }
})
