import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Task } from '../../src/schema/plan.js'
import { ROUTE_MODULES } from '../../src/server/app.js'
import { Id } from '../../src/server/context.js'
import { startServer, type RunningServer } from '../../src/server/start.js'
import { makePlan, writePlans } from '../helpers/plans.js'
import { rmDir, tempDir } from '../helpers/stores.js'

// A route module declared the way every module is (zod schemas, operationId): it must reach the
// OpenAPI document and be validated with no list kept by hand.
ROUTE_MODULES.push((app) => {
  app.get('/probe/:id', { schema: { operationId: 'probeRoute', tags: ['plans'], summary: 'probe', params: z.object({ id: Id }), querystring: z.object({ n: z.coerce.number().int().max(5) }).strict() } }, async (req) => ({ n: req.query.n }))
})

const TOKEN = 'tok-' + 'x'.repeat(20)
type Op = { operationId?: string; security?: unknown[]; responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }

describe('the API contract: generated OpenAPI, token, access log, exports, revision diff', () => {
  let dir: string
  let s: RunningServer
  const log: Record<string, unknown>[] = []
  const plan = makePlan({ seed: 'contract', number: '12/KH-UBND', date: '2024-01-05', tasks: [{ content: 'Rà soát hộ nghèo', lead: 'Sở Lao động', timeline: 'Tháng 6/2024' }] })
  Object.assign(plan.tasks[0]!, { period: { start: '2024-06-01', end: '2024-06-30', recurrence: null } })
  const get = (p: string, auth = true) => fetch(new URL(p, s.url), { headers: auth ? { authorization: `Bearer ${TOKEN}` } : {} })

  beforeAll(async () => {
    dir = tempDir('kehoach-contract-')
    // revision 1 kept in revisions/, revision 2 current (what writePlanFile leaves)
    const r1 = { ...plan, revision: 1, document: { ...plan.document, title: 'Bản đầu' } }
    mkdirSync(path.join(dir, 'revisions', plan.id), { recursive: true })
    writeFileSync(path.join(dir, 'revisions', plan.id, '1.json'), JSON.stringify(r1))
    writePlans(dir, [{ ...plan, revision: 2 }])
    s = await startServer({ dataDir: dir, port: 0, intervalMs: 200, token: TOKEN, accessLog: (l) => log.push(JSON.parse(l)) })
  })
  afterAll(async () => {
    await s.close()
    rmDir(dir)
  })

  it('documents every route once, each with a unique operationId, and the 401 of every protected one', async () => {
    const r = await get('/openapi.json', false)
    expect(r.status).toBe(200)
    const doc = (await r.json()) as { openapi: string; paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, unknown> } }
    expect(doc.openapi).toBe('3.1.0')
    const ops = Object.entries(doc.paths).flatMap(([p, m]) => Object.entries(m).map(([method, op]) => ({ p, method, op })))
    const opIds = ops.map((o) => o.op.operationId)
    expect(opIds.every(Boolean)).toBe(true)
    expect(new Set(opIds).size).toBe(opIds.length)
    expect(opIds).toEqual(expect.arrayContaining(['listPlans', 'getPlan', 'listEvents', 'exportTasks', 'exportPlanTasks', 'diffRevisions', 'metrics', 'probeRoute']))
    for (const { p, op } of ops) {
      if (p === '/health') continue
      expect(op.responses['401'], p).toBeDefined()
      expect(op.security, p).toEqual([{ bearer: [] }])
    }
    expect(doc.paths['/health']!.get!.responses['401']).toBeUndefined()
    expect(doc.paths['/citations/{number}']!.get!.parameters!.map((x) => x.name)).toContain('number')
    expect(doc.paths['/probe/{id}']!.get!.parameters!.map((x) => `${x.in}:${x.name}`)).toEqual(expect.arrayContaining(['path:id', 'query:n']))
    expect(doc.components.schemas.Plan).toBeDefined() // referenced, not repeated
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/docs'))).toBe(false)
  })

  it('validates a module route with its zod schema and guards it with the token', async () => {
    expect((await get(`/probe/${plan.id}?n=3`)).status).toBe(200)
    expect((await get(`/probe/${plan.id}?n=9`)).status).toBe(400)
    expect((await get(`/probe/${plan.id}?n=3`, false)).status).toBe(401)
  })

  it('renders the reference page without a token', async () => {
    const r = await get('/docs', false)
    const html = r.status === 302 || r.redirected ? await (await get(r.headers.get('location') ?? '/docs/', false)).text() : await r.text()
    expect(html).toMatch(/swagger/i)
  })

  it('writes one access-log line per request, with route, status and duration, the token never in it', async () => {
    const before = log.length
    await get('/plans?limit=1')
    await get('/plans/zzz', true)
    await fetch(new URL('/admin/queues?token=' + TOKEN, s.url))
    await new Promise((r) => setTimeout(r, 50))
    const lines = log.slice(before)
    expect(lines[0]).toMatchObject({ method: 'GET', url: '/plans?limit=1', route: '/plans', status: 200 })
    expect(typeof lines[0]!.ms).toBe('number')
    expect(lines[1]).toMatchObject({ status: 400, route: '/plans/:id' })
    expect(JSON.stringify(log)).not.toContain(TOKEN)
  })

  it('exports tasks as CSV with a BOM for Excel, NDJSON and iCalendar, for one plan and over filters', async () => {
    const csv = await get(`/plans/${plan.id}/tasks?format=csv&bom=true`)
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    const bytes = Buffer.from(await csv.arrayBuffer())
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(bytes.toString('utf8')).toContain('Rà soát hộ nghèo')
    const nd = await (await get('/tasks?format=ndjson&issuer=' + encodeURIComponent(plan.document.issuer.name ?? ''))).text()
    // the index keeps what the plan schema declares: `period` reaches the export once the schema has it
    const dated = 'period' in Task.shape
    const period = dated ? { start: '2024-06-01', end: '2024-06-30' } : { start: null, end: null }
    expect(nd.trim().split('\n').map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ planId: plan.id, ...period, timeline: 'Tháng 6/2024' })])
    const ics = await get('/tasks?format=ics')
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/)
    expect(ics.headers.get('x-kehoach-undated-tasks')).toBe(dated ? '0' : '1')
    if (dated) expect(await ics.text()).toContain('DTSTART;VALUE=DATE:20240601')
    expect((await get('/tasks?format=xlsx')).status).toBe(400)
  })

  it('diffs two revisions as JSON Patch; 404 for a revision not kept', async () => {
    const r = await get(`/plans/${plan.id}/revisions/1..2`)
    expect(r.status).toBe(200)
    const body = (await r.json()) as { changes: { op: string; path: string }[] }
    expect(body.changes).toEqual(expect.arrayContaining([
      { op: 'replace', path: '/revision', value: 2, old: 1 },
      { op: 'replace', path: '/document/title', value: plan.document.title, old: 'Bản đầu' },
    ]))
    expect((await get(`/plans/${plan.id}/revisions/1..7`)).status).toBe(404)
    expect((await get(`/plans/${plan.id}/revisions/1-2`)).status).toBe(400)
  })
})
