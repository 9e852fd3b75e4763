/**
 * Queue mode end to end, in this process: InboxWatcher + DocumentQueue (flows) + sandboxed
 * workers from dist/ (run `npm run build` first — `npm test` does), real Redis, real files.
 */
import { readFile, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Plan } from '../../src/schema/plan.js'
import type { RunningWorkers } from '../../src/queue/workers.js'
import type { InboxWatcher, IngestOutcome } from '../../src/ingest/watch.js'
import { drop, jsonFiles, redisUnavailable, startQueueMode, waitFor, type QueueMode } from './helpers.js'

const skip = await redisUnavailable()

describe.skipIf(skip !== null)('kehoach watch (queue mode)', () => {
  let mode: QueueMode
  let dirs: QueueMode['dirs']
  let workers: RunningWorkers
  let watcher: InboxWatcher
  const outcomes: IngestOutcome[] = []
  const errors: unknown[] = []

  beforeAll(async () => {
    mode = await startQueueMode('watch', { concurrency: 2, events: { outcome: (o) => outcomes.push(o), error: (_f, e) => errors.push(e) } })
    ;({ dirs, workers, watcher } = mode)
  }, 30_000)

  afterAll(async () => {
    await mode?.close()
  }, 30_000)

  it('turns three dropped files into three schema-valid plans, and a re-drop into a duplicate', async () => {
    await drop('hon-quan.gt.txt', dirs.inbox)
    await drop('lao-cai.gt.txt', dirs.inbox, 'so-noi-vu/lao-cai.txt') // a subfolder is recorded
    await drop('lao-cai.office.pdf', dirs.inbox) // one small scanned PDF: OCR in the sandbox

    const files = await waitFor('three plans', async () => ((await jsonFiles(dirs.out)).length >= 3 ? jsonFiles(dirs.out) : null), 120_000)
    expect(files).toHaveLength(3)
    const plans = await Promise.all(files.map(async (f) => Plan.parse(JSON.parse(await readFile(path.join(dirs.out, f), 'utf8')))))
    for (const p of plans) expect(`${p.id}.json`).toBe(files[plans.indexOf(p)])
    const bySource = Object.fromEntries(plans.map((p) => [p.source.fileName, p]))
    expect(Object.keys(bySource).sort()).toEqual(['hon-quan.gt.txt', 'lao-cai.office.pdf', 'lao-cai.txt'])
    expect(bySource['lao-cai.txt']!.source.subfolder).toBe('so-noi-vu')
    expect(bySource['lao-cai.office.pdf']!.source.textOrigin).toBe('ocr')
    // originals kept, inbox drained
    expect((await readdir(path.join(dirs.data, 'originals'))).filter((n) => !n.startsWith('.')).sort()).toEqual(
      plans.map((p) => `${p.id}${p.source.fileName.endsWith('.pdf') ? '.pdf' : '.txt'}`).sort(),
    )
    await waitFor('inbox drained', async () => (await readdir(dirs.inbox, { recursive: true })).every((n) => n === 'so-noi-vu'), 5_000)

    const pagesBefore = workers.stats.pagesDone
    expect(pagesBefore).toBe(plans.reduce((s, p) => s + p.source.pageCount, 0))

    // the same content again, under another name: recognised, recorded, not processed twice
    await drop('lao-cai.office.pdf', dirs.inbox, 'copy of lao-cai.pdf')
    const dup = await waitFor('the duplicate', async () => outcomes.find((o) => o.kind === 'duplicate'), 20_000)
    expect(dup.kind === 'duplicate' && dup.state).toBe('done')
    const id = bySource['lao-cai.office.pdf']!.id
    expect(dup.kind === 'duplicate' && dup.id).toBe(id)
    await new Promise((r) => setTimeout(r, 1500)) // time for any (wrong) second run to show up
    expect(workers.stats.pagesDone).toBe(pagesBefore) // no second OCR run
    expect(await jsonFiles(dirs.out)).toEqual(files) // no second record
    const dups = await watcher.ledger.duplicates(id)
    expect(dups).toHaveLength(1)
    expect(dups[0]!.fileName).toBe('copy of lao-cai.pdf')
    const entry = await watcher.ledger.get(id)
    expect(entry?.state).toBe('done')
    expect(entry?.claim?.fileName).toBe('lao-cai.office.pdf')
    expect(outcomes.filter((o) => o.kind === 'queued')).toHaveLength(3)
    expect(errors).toEqual([])
  }, 180_000)

  it('moves a bad file to DATA/failed with an error report in OUT/failed (where processing failures go too), and still processes the next good file', async () => {
    await drop('bad/html-renamed.pdf', dirs.inbox, 'bao-cao.pdf')
    await drop('hon-quan.gt-logical.txt', dirs.inbox)

    const failed = await waitFor('the failure', async () => outcomes.find((o) => o.kind === 'failed'), 20_000)
    expect(failed.kind).toBe('failed')
    const failedDir = path.join(dirs.data, 'failed')
    expect((await readdir(failedDir)).sort()).toEqual(['bao-cao.pdf'])
    const report = JSON.parse(await readFile(path.join(dirs.out, 'failed', 'bao-cao.pdf.error.json'), 'utf8'))
    expect(report).toMatchObject({ code: 'input.unsupported', file: 'bao-cao.pdf', retryable: false, input: 'failed/bao-cao.pdf' })
    expect(report.hint).toMatch(/PDF/)
    expect(await readFile(path.join(failedDir, 'bao-cao.pdf'), 'utf8')).toMatch(/<html/i)

    const plan = await waitFor(
      'the good file after the bad one',
      async () => {
        for (const f of await jsonFiles(dirs.out)) {
          const p = Plan.parse(JSON.parse(await readFile(path.join(dirs.out, f), 'utf8')))
          if (p.source.fileName === 'hon-quan.gt-logical.txt') return p
        }
        return null
      },
      60_000,
    )
    expect(plan.source.textOrigin).toBe('plain-text')
    expect(errors).toEqual([])
  }, 90_000)

  it('fails a document whose only page cannot be read, at once (no retries of a non-retryable error), with a report', async () => {
    const before = workers.stats.pagesFailed
    await drop('bad/huge-page.pdf', dirs.inbox) // passes the pre-checks; rendering the page is over the pixel limit
    const report = await waitFor(
      'the document failure report',
      async () => readFile(path.join(dirs.out, 'failed', 'huge-page.pdf.error.json'), 'utf8').then(JSON.parse, () => null),
      60_000,
    )
    expect(report).toMatchObject({ code: 'input.too-large', file: 'huge-page.pdf', retryable: false })
    expect(report.message).toMatch(/no page of huge-page\.pdf could be read/)
    expect(report.hint).toMatch(/--max-pixels|Split/) // the pipeline's own hint, carried through the job
    expect(workers.stats.pagesFailed).toBe(before + 1)
    // The report is written first and the ledger record, which points to it, right after.
    const entry = await waitFor('the ledger failed record', async () => {
      const e = await watcher.ledger.get(report.sha256)
      return e?.state === 'failed' ? e : null
    }, 10_000)
    expect(entry.state).toBe('failed')
    expect((await jsonFiles(dirs.out)).includes(`${report.sha256}.json`)).toBe(false)
  }, 90_000)

  it('processes a file again when an operator removed its ledger record (even though Redis still keeps the finished flow)', async () => {
    const plan = await waitFor('the hon-quan plan', async () => {
      for (const f of await jsonFiles(dirs.out)) {
        const p = Plan.parse(JSON.parse(await readFile(path.join(dirs.out, f), 'utf8')))
        if (p.source.fileName === 'hon-quan.gt.txt') return p
      }
      return null
    }, 5_000)
    const shard = path.join(dirs.data, 'ledger', plan.id.slice(0, 2))
    for (const n of await readdir(shard)) if (n.startsWith(plan.id)) await rm(path.join(shard, n))
    const pagesBefore = workers.stats.pagesDone
    const queuedBefore = outcomes.filter((o) => o.kind === 'queued').length
    await drop('hon-quan.gt.txt', dirs.inbox, 'hon-quan-again.txt')
    await waitFor('the second run', async () => (await watcher.ledger.get(plan.id))?.state === 'done', 60_000)
    expect(workers.stats.pagesDone).toBe(pagesBefore + plan.source.pageCount)
    expect(outcomes.filter((o) => o.kind === 'queued')).toHaveLength(queuedBefore + 1)
    const again = Plan.parse(JSON.parse(await readFile(path.join(dirs.out, `${plan.id}.json`), 'utf8')))
    expect(again.source.fileName).toBe('hon-quan-again.txt')
  }, 90_000)
})
