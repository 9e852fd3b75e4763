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
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { locateDocument } from '../../src/store/locate.js'
import { reviewPlan } from '../../src/store/review-files.js'
import { reprocessViaQueue } from '../../src/reprocess.js'
import { drop, jsonFiles, redisUnavailable, startQueueMode, waitFor, type QueueMode } from './helpers.js'

const skip = await redisUnavailable()

describe.skipIf(skip !== null)('reprocess --queue and reviews', () => {
  let mode: QueueMode
  let dirs: QueueMode['dirs']
  let plans: string
  let queue: QueueMode['queue']

  beforeAll(async () => {
    mode = await startQueueMode('reprocess-reviews')
    ;({ dirs, queue } = mode)
    plans = dirs.out
  }, 30_000)

  afterAll(async () => {
    await mode?.close()
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
