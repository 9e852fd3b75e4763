import { rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { indexFolder } from '../../src/store/indexer.js'
import type { PlanStore } from '../../src/store/types.js'
import { makePlan, samplePlans, writeFailure, writePlans } from '../helpers/plans.js'
import { backend, postgresAnswers, rmDir, tempDir } from '../helpers/stores.js'

const pgUp = await postgresAnswers()
if (!pgUp) console.warn('PostgreSQL does not answer on 127.0.0.1:5432: skipping the PostgreSQL store tests (CI starts it).')

const plans = samplePlans()
const [a, b, c, d] = plans
const ids = (r: { items: { id: string }[] }) => r.items.map((x) => x.id).sort()

for (const name of ['sqlite', 'postgres'] as const) {
  describe.skipIf(name === 'postgres' && !pgUp)(`${name} store`, () => {
    const be = backend(name)
    let dir: string
    let store: PlanStore

    beforeAll(async () => {
      dir = tempDir()
      writePlans(dir, plans)
      writeFailure(dir, 'broken.pdf')
      store = await be.open(dir)
      const r = await indexFolder(dir, store)
      expect(r.changed).toBe(5)
      expect(r.invalid).toEqual([])
    })
    afterAll(async () => {
      await be.cleanup()
      rmDir(dir)
    })

    it('indexes every plan and failure, with created and failed events', async () => {
      expect((await store.stats()).plans).toBe(4)
      const { events } = await store.events(null)
      expect(events.filter((e) => e.type === 'created').map((e) => e.id).sort()).toEqual(plans.map((p) => p.id).sort())
      const failed = events.find((e) => e.type === 'failed')!
      expect(failed.reason).toMatchObject({ code: 'input.corrupt', message: 'PDF header missing' })
      expect((await store.failures())[0]).toMatchObject({ file: 'broken.pdf', report: 'failed/broken.pdf.error.json', code: 'input.corrupt' })
      expect(await store.get(a.id)).toEqual(a)
    })

    it('searches without diacritics, đ folded, ranked', async () => {
      expect(ids(await store.search('ke hoach giam ngheo'))).toEqual([a.id])
      expect(ids(await store.search('Kế hoạch giảm nghèo'))).toEqual([a.id])
      expect(ids(await store.search('dao tao'))).toEqual([b.id, d.id].sort())
      expect(ids(await store.search('ĐÀO TẠO'))).toEqual([b.id, d.id].sort())
      expect(ids(await store.search('kinh te dem'))).toEqual([c.id])
      // prefix on the last word, legal bases and tasks searched too
      expect(ids(await store.search('giam ngh'))).toEqual([a.id])
      expect(ids(await store.search('co che quan ly'))).toEqual([a.id])
      expect(ids(await store.search('hoc ba so'))).toEqual([b.id])
      // title outranks body: "đào tạo" is in d's title, only in b's title too, both rank; "nghe" only in d
      const r = await store.search('dao tao nghe')
      expect(r.items[0].id).toBe(d.id)
      expect(r.items[0].score).toBeGreaterThan(0)
      expect((await store.search('khong co gi')).total).toBe(0)
      expect((await store.search('  ;; ')).total).toBe(0)
    })

    it('filters by issuer, type, number, year, dates, citations, targets', async () => {
      expect(ids(await store.query({ issuer: 'binh phuoc' }))).toEqual([a.id])
      expect(ids(await store.query({ issuer: 'Đồng Nai' }))).toEqual([b.id]) // the parent body
      expect(ids(await store.query({ issuer: 'dak song' }))).toEqual([d.id])
      expect(ids(await store.query({ type: 'CTr' }))).toEqual([c.id])
      expect(ids(await store.query({ type: 'CT' }))).toEqual([]) // case and code matter
      expect(ids(await store.query({ type: 'ke hoach' }))).toEqual([a.id, b.id].sort())
      expect(ids(await store.query({ number: '1595/KH-SGDDT' }))).toEqual([b.id])
      expect(ids(await store.query({ number: '1595' }))).toEqual([b.id])
      expect(ids(await store.query({ year: 2024 }))).toEqual([b.id])
      expect(ids(await store.query({ from: '2023', to: '2024-04' }))).toEqual([c.id])
      expect(ids(await store.query({ cites: '27/2022/ND-CP' }))).toEqual([a.id, b.id].sort())
      expect(ids(await store.query({ cites: '27 / 2022 / nđ-cp' }))).toEqual([a.id, b.id].sort())
      expect(ids(await store.query({ targetBy: 2025 }))).toEqual([a.id])
      expect(ids(await store.query({ targetBy: 2030 }))).toEqual([a.id, b.id].sort())
      expect(ids(await store.query({ needsReview: true }))).toEqual([c.id])
      expect(ids(await store.query({ text: 'giao duc', issuer: 'so giao duc' }))).toEqual([b.id])
    })

    it('sorts and pages stably', async () => {
      const r = await store.query({ sort: 'date', order: 'desc', limit: 2 })
      expect(r.total).toBe(4)
      expect(r.items.map((x) => x.date)).toEqual(['2024-05-31', '2023-11-02'])
      const r2 = await store.query({ sort: 'date', order: 'desc', limit: 2, offset: 2 })
      expect(r2.items.map((x) => x.date)).toEqual(['2022-03-10', null]) // nulls last
      const asc = await store.query({ sort: 'date', order: 'asc' })
      expect(asc.items.at(-1)!.date).toBeNull()
    })

    it('lists the plans citing a number, with the clause', async () => {
      const hits = await store.citations('749/QD-TTg')
      expect(hits.map((h) => h.planId).sort()).toEqual([b.id, d.id].sort())
      const viaBasis = await store.citations('27/2022/NĐ-CP')
      expect(viaBasis.find((h) => h.planId === a.id)).toMatchObject({ source: 'legal-basis', number: '27/2022/NĐ-CP' })
    })

    it('runs read-only SQL and refuses writes', async () => {
      const r = await store.sql(`SELECT p.number, count(*) AS n FROM plans p JOIN citations c ON c.plan_id = p.id GROUP BY p.number ORDER BY p.number`)
      expect(r.columns).toEqual(['number', 'n'])
      expect(r.rows.length).toBe(3)
      await expect(store.sql('DELETE FROM plans')).rejects.toThrow()
      await expect(store.sql('SELECT 1; DELETE FROM plans')).rejects.toThrow()
      await expect(store.sql('DROP TABLE plans')).rejects.toThrow()
      expect((await store.stats()).plans).toBe(4)
    })

    it('follows changes: updated, removed, unchanged files are not re-read', async () => {
      const again = await indexFolder(dir, store)
      expect(again).toMatchObject({ changed: 0, removed: 0, unchanged: 5 })
      expect(again.events).toEqual([])
      const { cursor } = await store.events(null)

      const a2 = makePlan({ ...{ seed: 'a' }, issuer: 'Ủy ban nhân dân tỉnh Bình Phước', title: 'Giảm nghèo đa chiều', revision: 2, number: '154/KH-UBND', date: '2022-03-10' })
      expect(a2.id).toBe(a.id)
      writePlans(dir, [a2])
      // same bytes, new mtime: hashed, not an event
      const t = new Date(Date.now() + 5000)
      utimesSync(path.join(dir, `${b.id}.json`), t, t)
      unlinkSync(path.join(dir, `${c.id}.json`))
      writeFileSync(path.join(dir, 'junk.json'), '{"not": "a plan"}')
      const r = await indexFolder(dir, store)
      expect(r.invalid.map((x) => x.file)).toEqual(['junk.json'])
      expect(r.events.map((e) => [e.type, e.id, e.revision])).toEqual(
        expect.arrayContaining([['updated', a.id, 2], ['removed', c.id, 1]]),
      )
      expect(r.events.length).toBe(2)
      const after = await store.events(cursor)
      expect(after.events.map((e) => e.type).sort()).toEqual(['removed', 'updated'])
      expect(ids(await store.search('giam ngheo da chieu'))).toEqual([a.id])
      expect(ids(await store.search('kinh te dem'))).toEqual([])
      rmSync(path.join(dir, 'junk.json'))
    })

    it('rebuilds from the files without announcing known documents again; cursors survive', async () => {
      const { cursor } = await store.events(null)
      await store.reset()
      expect((await store.stats()).plans).toBe(0)
      const r = await indexFolder(dir, store)
      expect(r.events).toEqual([])
      expect((await store.stats()).plans).toBe(3)
      expect((await store.events(cursor)).events).toEqual([])
      // a cursor from another index restarts the feed (at-least-once)
      expect((await store.events('deadbeef-999')).events.length).toBeGreaterThan(0)
    })

    it.skipIf(name !== 'postgres')('offers kehoach_fold() (unaccent + đ) for ad-hoc SQL', async () => {
      const r = await store.sql(`SELECT kehoach_fold('Đào  tạo NGHỀ') AS f`)
      expect(r.rows).toEqual([{ f: 'dao tao nghe' }])
    })

    it('keeps webhook state', async () => {
      await store.setState('k', 'v1')
      await store.setState('k', 'v2')
      expect(await store.getState('k')).toBe('v2')
      expect(await store.getState('missing')).toBeNull()
    })
  })
}
