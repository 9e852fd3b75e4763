import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/server/start.js'
import { makePlan, samplePlans, writeFailure, writePlans } from '../helpers/plans.js'
import { rawGet } from '../helpers/http.js'
import { postgresAnswers, PG_URL, rmDir, tempDir } from '../helpers/stores.js'
import { PostgresStore } from '../../src/store/postgres.js'

const [a, b, c, d] = samplePlans()
const ids = (r: { items: { id: string }[] }) => r.items.map((x) => x.id).sort()

describe('kehoach serve (SQLite index)', () => {
  let dir: string
  let s: RunningServer
  const get = async (p: string, init: RequestInit = {}) => {
    const r = await fetch(new URL(p, s.url), init)
    return { status: r.status, type: r.headers.get('content-type') ?? '', headers: r.headers, text: await r.text() }
  }
  const json = async (p: string) => {
    const r = await get(p)
    expect(r.status, `${p}: ${r.text}`).toBe(200)
    return JSON.parse(r.text)
  }

  beforeAll(async () => {
    dir = tempDir('kehoach-serve-')
    writePlans(dir, [a, b, c, d])
    writeFailure(dir, 'broken.pdf')
    mkdirSync(path.join(dir, 'originals'))
    writeFileSync(path.join(dir, 'originals', `${a.id}.pdf`), '%PDF-1.4 fake original')
    writeFileSync(path.join(dir, 'secret.txt'), 'outside the originals folder')
    symlinkSync('/etc/passwd', path.join(dir, 'originals', `${b.id}.pdf`))
    s = await startServer({ dataDir: dir, port: 0, intervalMs: 200 })
  })
  afterAll(async () => {
    await s.close()
    rmDir(dir)
  })

  it('binds loopback by default and answers /health, /schema, /openapi.json', async () => {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(await json('/health')).toMatchObject({ status: 'ok', plans: 4, failures: 1, store: 'sqlite' })
    const schema = await json('/schema')
    expect(schema.properties.document).toBeDefined()
    const api = await json('/openapi.json')
    expect(api.openapi).toBe('3.1.0')
    expect(Object.keys(api.paths)).toEqual(expect.arrayContaining(['/plans', '/plans/{id}', '/search', '/citations/{number}', '/events', '/metrics']))
    expect(api.paths['/plans'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['issuer', 'cites', 'targetBy', 'limit']))
  })

  it('lists plans with filters, sorting and pagination', async () => {
    expect(ids(await json('/plans?issuer=binh%20phuoc'))).toEqual([a.id])
    expect(ids(await json(`/plans?cites=${encodeURIComponent('27/2022/ND-CP')}`))).toEqual([a.id, b.id].sort())
    expect(ids(await json('/plans?type=CTr'))).toEqual([c.id])
    const p1 = await json('/plans?sort=date&order=asc&limit=2')
    expect(p1).toMatchObject({ total: 4, limit: 2, offset: 0 })
    expect(p1.items.map((x: { date: string }) => x.date)).toEqual(['2022-03-10', '2023-11-02'])
    const p2 = await json('/plans?sort=date&order=asc&limit=2&offset=2')
    expect(p2.items.map((x: { date: string }) => x.date)).toEqual(['2024-05-31', null])
  })

  it('searches without diacritics', async () => {
    const r = await json('/search?q=ke%20hoach%20giam%20ngheo')
    expect(ids(r)).toEqual([a.id])
    expect(r.items[0].snippet).toMatch(/\[giam\]/)
    expect(ids(await json(`/search?q=${encodeURIComponent('ĐÀO TẠO')}&type=QĐ`))).toEqual([d.id])
  })

  it('serves a plan, its text and its original; 404 for unknown', async () => {
    expect(await json(`/plans/${a.id}`)).toEqual(a)
    const t = await get(`/plans/${a.id}/text`)
    expect(t.type).toMatch(/^text\/plain/)
    expect(t.text).toContain('giảm nghèo')
    const src = await get(`/plans/${a.id}/source`)
    expect(src.status).toBe(200)
    expect(src.type).toBe('application/pdf')
    expect(src.text).toBe('%PDF-1.4 fake original')
    expect((await get(`/plans/${c.id}/source`)).status).toBe(404)
    expect((await get(`/plans/${'0'.repeat(64)}`)).status).toBe(404)
  })

  it('never serves files outside the data folder', async () => {
    // a symlink in originals/ pointing out
    const sym = await get(`/plans/${b.id}/source`)
    expect(sym.status).toBe(404)
    expect(sym.text).not.toContain('root:')
    for (const p of [
      '/plans/..%2F..%2F..%2Fetc%2Fpasswd/source',
      '/plans/../../etc/passwd',
      '/plans/%2e%2e%2fsecret.txt/source',
      `/plans/${a.id}%2F..%2F..%2Fsecret.txt/source`,
      '/plans/ABCDEF/text',
      '/originals/' + a.id + '.pdf',
      '/../secret.txt',
    ]) {
      const r = await rawGet(s.url, p)
      expect([400, 404], p).toContain(r.status)
      expect(r.body).not.toContain('outside the originals folder')
      expect(r.body).not.toContain('root:')
    }
    expect((await rawGet(s.url, '/plans/..%2F..%2Fetc%2Fpasswd/source')).status).toBe(400)
  })

  it('rejects oversized and unknown parameters with 400', async () => {
    expect((await get(`/plans?issuer=${'x'.repeat(201)}`)).status).toBe(400)
    expect((await get(`/search?q=${'a'.repeat(501)}`)).status).toBe(400)
    expect((await get('/plans?limit=5000')).status).toBe(400)
    expect((await get('/plans?year=abc')).status).toBe(400)
    expect((await get('/plans?sort=json')).status).toBe(400)
    expect((await get('/plans?bogus=1')).status).toBe(400)
    expect((await get(`/plans/${'a'.repeat(5000)}`)).status).toBe(400)
    expect((await get(`/citations/${'9'.repeat(101)}`)).status).toBe(400)
    expect((await get('/events?after=' + 'x'.repeat(65))).status).toBe(400)
    const body = JSON.parse((await get('/plans?limit=5000')).text)
    expect(body).toMatchObject({ error: 'bad-request' })
    expect(body.message).toMatch(/limit/)
  })

  it('lists citing plans, slashes encoded or not', async () => {
    const r = await json('/citations/27/2022/ND-CP')
    expect(r.items.map((x: { planId: string }) => x.planId).sort()).toEqual([a.id, b.id].sort())
    const r2 = await json(`/citations/${encodeURIComponent('749/QĐ-TTg')}`)
    expect(r2.items.map((x: { planId: string }) => x.planId).sort()).toEqual([b.id, d.id].sort())
  })

  it('feeds events as NDJSON with a durable cursor, and waits for new ones', async () => {
    const all = await get('/events')
    expect(all.type).toMatch(/application\/x-ndjson/)
    const lines = all.text.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.filter((e) => e.type === 'created')).toHaveLength(4)
    expect(lines.find((e) => e.type === 'failed').reason.code).toBe('input.corrupt')
    const cursor = all.headers.get('x-kehoach-cursor')!
    expect(cursor).toBe(lines.at(-1).cursor)
    expect((await get(`/events?after=${cursor}`)).text).toBe('')

    const e = makePlan({ seed: 'e', title: 'Phát triển đô thị thông minh', number: '5/KH-UBND' })
    const waiting = get(`/events?after=${cursor}&wait=20`)
    await new Promise((r) => setTimeout(r, 300))
    writePlans(dir, [e])
    const next = await waiting
    const got = next.text.trim().split('\n').map((l) => JSON.parse(l))
    expect(got.map((x) => [x.type, x.id])).toEqual([['created', e.id]])
    expect(ids(await json('/search?q=do%20thi%20thong%20minh'))).toEqual([e.id])
  })

  it('exposes Prometheus metrics', async () => {
    const m = await get('/metrics')
    expect(m.type).toMatch(/^text\/plain/)
    expect(m.text).toMatch(/^kehoach_documents_indexed \d+$/m)
    expect(m.text).toMatch(/^kehoach_failures 1$/m)
    expect(m.text).toMatch(/^kehoach_http_request_duration_seconds_count\{method="GET",route="\/plans",status="200"\} [1-9]\d*$/m)
    expect(m.text).toMatch(/^process_resident_memory_bytes \d+/m) // process metrics
    expect(m.text).toMatch(/^# TYPE kehoach_stage_duration_seconds histogram$/m)
  })

  it('serves the web page', async () => {
    const page = await get('/')
    expect(page.type).toMatch(/text\/html/)
    expect(page.text).toContain('<form id="f"')
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
  })
})

describe('kehoach serve with a token', () => {
  let dir: string
  let s: RunningServer
  beforeAll(async () => {
    dir = tempDir('kehoach-serve-token-')
    writePlans(dir, [a])
    s = await startServer({ dataDir: dir, port: 0, token: 's3cret-token' })
  })
  afterAll(async () => {
    await s.close()
    rmDir(dir)
  })

  it('requires the bearer token except for /health and the page', async () => {
    expect((await fetch(new URL('/plans', s.url))).status).toBe(401)
    expect((await fetch(new URL('/plans', s.url), { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401)
    expect((await fetch(new URL(`/plans/${a.id}/source`, s.url))).status).toBe(401)
    const ok = await fetch(new URL('/plans', s.url), { headers: { Authorization: 'Bearer s3cret-token' } })
    expect(ok.status).toBe(200)
    expect((await fetch(new URL('/health', s.url))).status).toBe(200)
    expect((await fetch(new URL('/', s.url))).status).toBe(200)
  })
})

const pgUp = await postgresAnswers()
describe.skipIf(!pgUp)('kehoach serve (PostgreSQL index)', () => {
  const schema = `kehoach_serve_${process.pid}_${Date.now().toString(36)}`
  let dir: string
  let s: RunningServer
  beforeAll(async () => {
    dir = tempDir('kehoach-serve-pg-')
    writePlans(dir, [a, b, c, d])
    s = await startServer({ dataDir: dir, port: 0, db: `${PG_URL}?schema=${schema}` })
  })
  afterAll(async () => {
    await s?.close()
    const st = await PostgresStore.open(PG_URL, { schema })
    await st.dropSchema()
    await st.close()
    rmDir(dir)
  })
  it('answers the same queries', async () => {
    const r = await (await fetch(new URL('/search?q=ke%20hoach%20giam%20ngheo', s.url))).json()
    expect(ids(r)).toEqual([a.id])
    const h = await (await fetch(new URL('/health', s.url))).json()
    expect(h).toMatchObject({ store: 'postgres', plans: 4 })
    expect(readFileSync(path.join(dir, `${a.id}.json`), 'utf8')).toContain(a.id)
  })
})
if (!pgUp) console.warn('PostgreSQL does not answer on 127.0.0.1:5432: skipping the PostgreSQL server test (CI starts it).')
