/**
 * Reprocessing through the queue keeps what a person reviewed: the assemble worker carries the
 * previous result's reviewed fields into the new revision (store/reviews.ts `carryReviews`), and
 * drops them only when the reprocess asked for it (`--discard-reviews`). Real Redis, the sandboxed
 * workers from dist/, a real inbox watcher and files.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Plan } from '../../src/schema/plan.js'
import { bullConnection } from '../../src/queue/connection.js'
import { DocumentQueue } from '../../src/queue/flow.js'
import { startWorkers, type RunningWorkers } from '../../src/queue/workers.js'
import { InboxWatcher } from '../../src/ingest/watch.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { locateDocument } from '../../src/store/locate.js'
import { reviewPlan } from '../../src/store/review-files.js'
import { reprocessViaQueue } from '../../src/reprocess.js'
import { drop, dropPrefix, jsonFiles, redisUnavailable, tempDirs, uniquePrefix, waitFor } from './helpers.js'

const skip = await redisUnavailable()

describe.skipIf(skip !== null)('reprocess --queue and reviews', () => {
  const prefix = uniquePrefix('reprocess-reviews')
  let dirs: Awaited<ReturnType<typeof tempDirs>>
  let plans: string
  let queue: DocumentQueue
  let workers: RunningWorkers
  let watcher: InboxWatcher

  beforeAll(async () => {
    dirs = await tempDirs('reprocess-reviews')
    plans = path.join(dirs.data, 'plans')
    const connection = bullConnection()
    queue = new DocumentQueue({ connection, prefix })
    workers = await startWorkers({ connection, prefix, dataDir: dirs.data, outDir: plans, concurrency: 1 })
    watcher = new InboxWatcher({ inbox: dirs.inbox, dataDir: dirs.data, outDir: plans, limits: DEFAULT_LIMITS, queue, stableMs: 300 }, {})
    await watcher.start()
  }, 30_000)

  afterAll(async () => {
    await watcher?.close()
    await workers?.close()
    await queue?.close()
    await dropPrefix(prefix)
    await dirs?.cleanup()
  }, 30_000)

  const current = async (id: string) => Plan.parse(JSON.parse(await readFile(path.join(plans, `${id}.json`), 'utf8')))
  const revisionReached = (id: string, rev: number) =>
    waitFor(`revision ${rev}`, async () => ((await current(id)).revision >= rev ? current(id) : null), 120_000, 200)

  it('carries a reviewed number into the queue-made revision, and drops it when told to', async () => {
    await drop('hon-quan.gt.txt', dirs.inbox)
    const [file] = await waitFor('the first plan', async () => ((await jsonFiles(plans)).length ? jsonFiles(plans) : null), 120_000)
    const id = file!.replace(/\.json$/, '')
    const machine = await current(id)
    await reviewPlan(plans, id, { fields: { 'document.number': '999/KH-TEST' }, confirm: [], reviewer: 'Lan', revision: machine.revision }, new Date())

    expect(await reprocessViaQueue(dirs.data, await locateDocument(dirs.data, id), queue, { limits: DEFAULT_LIMITS })).toBe('added')
    const kept = await revisionReached(id, machine.revision + 2)
    expect(kept.document.number).toBe('999/KH-TEST')
    expect(kept.document.fields.number).toMatchObject({ rule: 'review', confidence: 1 })

    await reprocessViaQueue(dirs.data, await locateDocument(dirs.data, id), queue, { limits: DEFAULT_LIMITS, discardReviews: true })
    const dropped = await revisionReached(id, machine.revision + 3)
    expect(dropped.document.number).toBe(machine.document.number)
  })
})
