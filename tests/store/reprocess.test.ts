import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runBatch } from '../../src/batch.js'
import { contentId } from '../../src/ingest/content-id.js'
import { Ledger } from '../../src/ingest/ledger.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import type { DocumentQueue } from '../../src/queue/flow.js'
import type { DocumentRef } from '../../src/queue/jobs.js'
import type { Plan } from '../../src/schema/plan.js'
import { indexFolder } from '../../src/store/indexer.js'
import { listRevisions, planOfRun, writePlanFile } from '../../src/store/plan-files.js'
import { locateDocument } from '../../src/store/locate.js'
import { reprocessViaQueue } from '../../src/reprocess.js'
import { reviewPlan } from '../../src/store/review-files.js'
import { SqliteStore } from '../../src/store/sqlite.js'
import { defaultIndexFile } from '../../src/store/indexer.js'
import { fixtureText } from '../helpers/fixtures.js'
import { makePlan } from '../helpers/plans.js'
import { runCli } from '../helpers/run-cli.js'
import { rmDir, tempDir } from '../helpers/stores.js'

const readPlan = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Plan

describe('revisions: writePlanFile keeps the previous result', () => {
  let dir: string
  beforeAll(() => (dir = tempDir('kehoach-rev-')))
  afterAll(() => rmDir(dir))

  it('writes revision 1, then moves it to revisions/<id>/1.json and writes 2, 3…', async () => {
    const p = makePlan({ seed: 'rev' })
    const file = await writePlanFile(dir, structuredClone(p))
    expect(readPlan(file).revision).toBe(1)
    expect(existsSync(path.join(dir, 'revisions'))).toBe(false)
    const second = structuredClone(p)
    await writePlanFile(dir, second)
    expect(second.revision).toBe(2) // the object passed in says what was written
    expect(readPlan(file).revision).toBe(2)
    expect(readPlan(path.join(dir, 'revisions', p.id, '1.json')).revision).toBe(1)
    await writePlanFile(dir, structuredClone(p))
    expect(readPlan(file).revision).toBe(3)
    expect(await listRevisions(dir, p.id)).toEqual([1, 2])
  })

  it('planOfRun finds the plan a run wrote by its start (processedAt − durationMs), not another run\'s', async () => {
    const p = makePlan({ seed: 'run' })
    const startedAt = Date.parse(p.processing.processedAt) - p.processing.durationMs
    expect(await planOfRun(dir, p.id, startedAt)).toBeNull() // nothing written yet
    const file = await writePlanFile(dir, structuredClone(p))
    expect(await planOfRun(dir, p.id, startedAt)).toBe(file)
    expect(await planOfRun(dir, p.id, startedAt + 1)).toBeNull() // a reprocess or re-drop: enqueued at another time
  })
})

describe('kehoach reprocess (text original, in-process)', () => {
  let dir: string
  let id: string
  let store: SqliteStore
  beforeAll(async () => {
    dir = tempDir('kehoach-reprocess-')
    const bytes = new TextEncoder().encode(fixtureText('hon-quan.gt.txt'))
    id = contentId(bytes)
    mkdirSync(path.join(dir, 'originals'))
    const original = path.join(dir, 'originals', `${id}.txt`)
    writeFileSync(original, bytes)
    const r = await runBatch([{ path: original, subfolder: null }], {
      outDir: dir, limits: DEFAULT_LIMITS, model: null, ocr: () => Promise.reject(new Error('no OCR for text')),
    })
    expect(r).toMatchObject({ done: 1, failed: 0 })
    store = new SqliteStore(defaultIndexFile(dir))
    const first = await indexFolder(dir, store)
    expect(first.events.map((e) => [e.type, e.id, e.revision])).toEqual([['created', id, 1]])
  })
  afterAll(async () => {
    await store.close()
    rmDir(dir)
  })

  it('makes revision 2, keeps revision 1 in revisions/<id>/1.json, and the index announces document.updated', async () => {
    const before = readPlan(path.join(dir, `${id}.json`))
    const r = await runCli(['reprocess', '--data', dir, id.slice(0, 12)])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/revision 2/)
    const now = readPlan(path.join(dir, `${id}.json`))
    expect(now.revision).toBe(2)
    expect(now.document.number).toBe(before.document.number)
    expect(now.source.fileName).toBe(before.source.fileName)
    expect(readPlan(path.join(dir, 'revisions', id, '1.json'))).toEqual(before)
    // the CLI indexed already (same index file); the feed has the update
    const { events } = await store.events(null)
    expect(events.map((e) => [e.type, e.revision])).toEqual([['created', 1], ['updated', 2]])
    expect((await store.get(id))?.revision).toBe(2)
    // the revisions folder is not indexed as plans
    expect((await store.stats()).plans).toBe(1)
  })

  it('selects by filters (--query) and refuses to guess', async () => {
    const dry = await runCli(['reprocess', '--data', dir, '--query', 'text=giam ngheo ben vung&year=2023', '--dry-run'])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stderr).toContain(`would reprocess ${id}`)
    expect(dry.stderr).toContain('revision 2 → 3')
    const none = await runCli(['reprocess', '--data', dir])
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/name the documents/)
    const bad = await runCli(['reprocess', '--data', dir, '--query', 'colour=red'])
    expect(bad.code).toBe(1)
    const missing = await runCli(['reprocess', '--data', dir, 'abcdef0123456789'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/no plan with id/)
  })

  it('keeps what a person reviewed unless --discard-reviews', async () => {
    const machine = readPlan(path.join(dir, `${id}.json`))
    await reviewPlan(dir, id, { fields: { 'document.number': '999/KH-TEST' }, confirm: [], reviewer: 'Lan', revision: machine.revision }, new Date())
    const kept = await runCli(['reprocess', '--data', dir, id])
    expect(kept.code, kept.stderr).toBe(0)
    const after = readPlan(path.join(dir, `${id}.json`))
    expect(after.revision).toBe(machine.revision + 2)
    expect(after.document.number).toBe('999/KH-TEST')
    expect(after.document.fields.number).toMatchObject({ rule: 'review', confidence: 1 })
    expect(after.review ?? null).toBeNull() // the machine wrote this revision
    const dropped = await runCli(['reprocess', '--data', dir, id, '--discard-reviews'])
    expect(dropped.code, dropped.stderr).toBe(0)
    expect(readPlan(path.join(dir, `${id}.json`)).document.number).toBe(machine.document.number)
  })

  it('--queue clears the ledger record and enqueues a flow from the original (queue layout only)', async () => {
    const qdir = tempDir('kehoach-reprocess-q-')
    try {
      mkdirSync(path.join(qdir, 'plans'), { recursive: true })
      mkdirSync(path.join(qdir, 'originals'))
      writeFileSync(path.join(qdir, 'originals', `${id}.txt`), readFileSync(path.join(dir, 'originals', `${id}.txt`)))
      writeFileSync(path.join(qdir, 'plans', `${id}.json`), readFileSync(path.join(dir, `${id}.json`)))
      const ledger = new Ledger(qdir)
      await ledger.claim({ id, fileName: 'hon-quan.txt', subfolder: null, original: `originals/${id}.txt`, pageCount: 1 })
      await ledger.markDone({ id, plan: path.join(qdir, 'plans', `${id}.json`), failedPages: [] })
      expect((await ledger.get(id))?.state).toBe('done')
      const added: DocumentRef[] = []
      const queue = { enqueue: async (ref: DocumentRef) => (added.push(ref), 'added' as const) } as unknown as DocumentQueue
      const d = await locateDocument(qdir, id)
      expect(await reprocessViaQueue(qdir, d, queue, { limits: DEFAULT_LIMITS, forceOcr: true })).toBe('added')
      expect(added).toHaveLength(1)
      expect(added[0]).toMatchObject({ id, kind: 'text', original: `originals/${id}.txt`, forceOcr: true, fileName: d.fileName })
      expect((await ledger.get(id))?.state).toBe('in-progress')
      // a result outside the workers' output folder is refused
      await expect(reprocessViaQueue(dir, await locateDocument(dir, id), queue, { limits: DEFAULT_LIMITS })).rejects.toThrow(/output folder/)
    } finally {
      rmDir(qdir)
    }
  })
})
