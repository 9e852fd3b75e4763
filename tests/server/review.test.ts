/**
 * The review API over a real data folder, index and (when Redis answers) webhook queue:
 * the queue lists what is unsure and why, corrections are validated with zod and written as the
 * next revision (who, when, old → new), announced as `reviewed` on /events and `plan.reviewed`
 * to webhooks; a review of a plan that changed since the reviewer read it is refused (409).
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Plan } from '../../src/schema/plan.js'
import { startServer, type RunningServer } from '../../src/server/start.js'
import { makePlan, writePlans } from '../helpers/plans.js'
import { rmDir, tempDir } from '../helpers/stores.js'

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const redisUp = await new Redis(REDIS, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 })
  .connect()
  .then(() => true, () => false)

const trace = (confidence: number, rule: string, line: number) => ({ prov: { page: 1, lines: [line, line] as [number, number] }, confidence, rule })

/** A plan whose hand-filled number was read with low confidence (flagged), its date printed clearly. */
function unsurePlan(seed: string): Plan {
  const p = makePlan({ seed, number: '2887/KH-VP', needsReview: true, issuer: 'Văn phòng Ủy ban nhân dân tỉnh Lào Cai' })
  p.document.fields = {
    number: trace(0.42, 'extract:number-line', 1),
    date: trace(0.9, 'extract:date-line', 2),
    'issuer.name': trace(0.9, 'extract:issuer-block', 0),
    title: trace(0.85, 'extract:title', 3),
    'signer.name': trace(0.8, 'extract:signer', 9),
  }
  p.quality.warnings = [{ severity: 'warning', code: 'quality:low-confidence-field', message: 'number rests on low-confidence OCR words', position: { page: 1, line: 1, column: 4 } }]
  return p
}

describe('review API', () => {
  const x = unsurePlan('review-x')
  const y = makePlan({ seed: 'review-y', issuer: 'Sở Y tế' })
  y.document.fields = { number: trace(0.95, 'extract:number-line', 1), date: trace(0.95, 'extract:date-line', 2) }
  const z = unsurePlan('review-z')
  let dir: string
  let s: RunningServer
  let hook: { url: string; events: { event: string; body: Record<string, unknown> }[]; close(): Promise<void> } | null = null
  const prefix = `kehoach-test-${randomBytes(4).toString('hex')}`
  const call = async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(new URL(p, s.url), { method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await r.text()
    return { status: r.status, body: (r.headers.get('content-type') ?? '').startsWith('application/json') ? JSON.parse(text) : text }
  }

  beforeAll(async () => {
    dir = tempDir('kehoach-review-')
    writePlans(dir, [x, y, z])
    if (redisUp) {
      const events: { event: string; body: Record<string, unknown> }[] = []
      const server = http.createServer((req, res) => {
        let raw = ''
        req.on('data', (d) => (raw += d))
        req.on('end', () => {
          events.push({ event: String(req.headers['x-kehoach-event']), body: JSON.parse(raw) })
          res.writeHead(200).end()
        })
      })
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
      hook = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, events, close: () => new Promise<void>((r) => server.close(() => r())) }
    }
    s = await startServer({ dataDir: dir, port: 0, intervalMs: 200, queuePrefix: prefix, redisUrl: redisUp ? REDIS : null, dashboard: false, webhooks: hook ? { urls: [hook.url] } : {} })
  })
  afterAll(async () => {
    await s?.close()
    await hook?.close()
    if (redisUp) {
      const r = new Redis(REDIS)
      const keys = await r.keys(`${prefix}:*`)
      if (keys.length) await r.del(...keys)
      r.disconnect()
    }
    rmDir(dir)
  })

  it('lists the review queue: needs review, confidence below X, sorted, paged, with the unsure fields and positioned warnings', async () => {
    const r = await call('GET', '/review?needsReview=true&confidenceBelow=0.6&sort=confidence&order=asc&limit=1')
    expect(r.status).toBe(200)
    expect(r.body.total).toBe(2)
    expect(r.body.items).toHaveLength(1)
    const item = r.body.items[0]
    expect([x.id, z.id]).toContain(item.id)
    expect(item.minConfidence).toBe(0.42)
    expect(item.unsure).toEqual([{ path: 'document.number', reason: 'low-confidence', confidence: 0.42 }])
    expect(item.warnings[0]).toMatchObject({ code: 'quality:low-confidence-field', position: { page: 1, line: 1, column: 4 } })
    const page2 = await call('GET', '/review?needsReview=true&confidenceBelow=0.6&sort=confidence&order=asc&limit=1&offset=1')
    expect(page2.body.items.map((i: { id: string }) => i.id)).not.toContain(item.id)
    expect((await call('GET', '/review?confidenceBelow=0.9')).body.total).toBe(2)
    expect((await call('GET', '/review?confidenceBelow=2')).status).toBe(400)
  })

  it('refuses bad reviews with 400: unknown field path, bad date, no reviewer, unknown key, nothing to do', async () => {
    const bad = [
      { fields: { 'document.numbr': '1/KH' }, reviewer: 'an' },
      { fields: { 'document.quality': 'x' }, reviewer: 'an' },
      { fields: { 'document.date': '2024-02-30' }, reviewer: 'an' },
      { fields: { 'document.year': 'hai nghìn' }, reviewer: 'an' },
      { fields: { 'document.number': '1/KH' } },
      { fields: { 'document.number': '1/KH' }, reviewer: 'an', admin: true },
      { confirm: ['document.number'], fields: { 'document.number': '1/KH' }, reviewer: 'an' },
      { reviewer: 'an' },
    ]
    for (const b of bad) {
      const r = await call('POST', `/plans/${x.id}/review`, b)
      expect(r.status, JSON.stringify(b)).toBe(400)
    }
    expect((await call('POST', `/plans/${'0'.repeat(64)}/review`, { confirm: ['document.date'], reviewer: 'an' })).status).toBe(404)
    expect((await call('GET', `/plans/${x.id}`)).body.revision).toBe(1) // nothing written
  })

  it('writes a correction as the next revision, announced on /events and to webhooks', async () => {
    const r = await call('POST', `/plans/${x.id}/review`, { fields: { 'document.number': '288/KH-VP' }, confirm: ['document.date'], reviewer: 'Nguyễn Thị Lan', revision: 1 })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({ revision: 2, needsReview: false, unsure: [] })
    expect(r.body.review).toMatchObject({
      revision: 2,
      reviewer: 'Nguyễn Thị Lan',
      changes: [
        { path: 'document.number', action: 'corrected', old: '2887/KH-VP', new: '288/KH-VP' },
        { path: 'document.date', action: 'confirmed', old: '2024-06-25', new: '2024-06-25' },
      ],
    })
    const plan = (await call('GET', `/plans/${x.id}`)).body as Plan
    expect(plan.revision).toBe(2)
    expect(plan.document.number).toBe('288/KH-VP')
    expect(plan.document.numberParts).toMatchObject({ serial: '288', typeCode: 'KH', issuerCode: 'VP' })
    expect(plan.officialMetadata.codeNumber).toBe('288')
    expect(plan.document.fields.number).toEqual({ prov: { page: 1, lines: [1, 1] }, confidence: 1, rule: 'review' })
    expect(plan.document.fields.date).toMatchObject({ confidence: 1, rule: 'review' })
    expect(plan.quality.needsReview).toBe(false)
    // the machine's result is kept as revision 1
    const kept = JSON.parse(readFileSync(path.join(dir, 'revisions', x.id, '1.json'), 'utf8')) as Plan
    expect(kept.document.number).toBe('2887/KH-VP')

    const revs = (await call('GET', `/plans/${x.id}/revisions`)).body
    expect(revs.revisions.map((v: { revision: number; current: boolean }) => [v.revision, v.current])).toEqual([[2, true], [1, false]])
    expect(revs.revisions[0].review.reviewer).toBe('Nguyễn Thị Lan')
    expect(revs.revisions[1].review).toBeNull()

    const events = (await call('GET', '/events')).body as string
    const reviewed = events.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'reviewed')
    expect(reviewed).toEqual([expect.objectContaining({ id: x.id, revision: 2 })])
    if (hook) {
      const end = Date.now() + 20_000
      while (!hook.events.some((e) => e.event === 'plan.reviewed') && Date.now() < end) await new Promise((res) => setTimeout(res, 100))
      const d = hook.events.find((e) => e.event === 'plan.reviewed')
      expect(d?.body).toMatchObject({ type: 'plan.reviewed', id: x.id, revision: 2 })
      expect((d?.body.plan as Plan).document.number).toBe('288/KH-VP')
    }
    // the queue no longer holds it
    expect((await call('GET', '/review?needsReview=true')).body.items.map((i: { id: string }) => i.id)).toEqual([z.id])
  })

  it('concurrent reviews of one plan: the second gets 409 unless it names the revision it edits', async () => {
    const body = (number: string, revision?: number) => ({ fields: { 'document.number': number }, reviewer: number, ...(revision ? { revision } : {}) })
    const both = await Promise.all([call('POST', `/plans/${z.id}/review`, body('10/KH-VP', 1)), call('POST', `/plans/${z.id}/review`, body('11/KH-VP', 1))])
    expect(both.map((r) => r.status).sort()).toEqual([200, 409])
    const lost = both.find((r) => r.status === 409)!
    expect(lost.body).toMatchObject({ error: 'conflict', revision: 2 })
    // without a revision, a reviewed plan is not overwritten blindly
    expect((await call('POST', `/plans/${z.id}/review`, body('12/KH-VP'))).status).toBe(409)
    const again = await call('POST', `/plans/${z.id}/review`, body('12/KH-VP', 2))
    expect(again.status).toBe(200)
    expect(again.body.revision).toBe(3)
    expect((await call('GET', `/plans/${z.id}`)).body.document.number).toBe('12/KH-VP')
    expect(existsSync(path.join(dir, 'revisions', z.id, '2.json'))).toBe(true)
  })

  it('shows the reviewable fields of a plan with value, confidence, rule and provenance', async () => {
    const r = await call('GET', `/plans/${y.id}/review`)
    expect(r.status).toBe(200)
    const number = r.body.fields.find((f: { path: string }) => f.path === 'document.number')
    expect(number).toMatchObject({ label: 'Số, ký hiệu', value: '154/KH-UBND', confidence: 0.95, rule: 'extract:number-line', prov: { page: 1 } })
    expect(r.body.marks).toEqual([])
  })
})

describe('review API with a token', () => {
  let dir: string
  let s: RunningServer
  const p = unsurePlan('review-token')
  beforeAll(async () => {
    dir = tempDir('kehoach-review-token-')
    writePlans(dir, [p])
    s = await startServer({ dataDir: dir, port: 0, token: 'sekret', dashboard: false })
  })
  afterAll(async () => {
    await s?.close()
    rmDir(dir)
  })

  it('answers 401 without the bearer token and writes nothing', async () => {
    const body = JSON.stringify({ confirm: ['document.date'], reviewer: 'an' })
    const no = await fetch(`${s.url}/plans/${p.id}/review`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect(no.status).toBe(401)
    expect((await fetch(`${s.url}/review`)).status).toBe(401)
    expect((await fetch(`${s.url}/plans/${p.id}/revisions`)).status).toBe(401)
    expect(existsSync(path.join(dir, 'revisions'))).toBe(false)
    const yes = await fetch(`${s.url}/plans/${p.id}/review`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sekret' }, body })
    expect(yes.status).toBe(200)
  })
})
