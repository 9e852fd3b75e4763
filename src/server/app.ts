import { timingSafeEqual, createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { z } from 'zod'
import { KehoachError } from '../errors.js'
import { PlanQueryParams, describeIssues, toQueryOptions } from '../query/params.js'
import { planJsonSchema } from '../schema/json-schema.js'
import { SCHEMA_VERSION } from '../schema/plan.js'
import { isCursor } from '../store/events.js'
import { findOriginal } from '../store/locate.js'
import type { PlanStore } from '../store/types.js'
import { openApiDocument, routeSpecs } from './openapi.js'
import { PAGE_HTML } from './page.js'
import { NoPageImage, pageImage } from './page-image.js'
import { queueDepths } from './queue-depths.js'
import { reviewRoutes } from './review.js'
import { dashboardAuth, isDashboardPath, mountDashboard, type DashboardOptions } from './dashboard.js'

export type ServerOptions = {
  dataDir: string
  store: PlanStore
  /** bearer token required on every route but `/`, `/health` when set */
  token?: string | null
  /** Redis URL: queue depths in /metrics */
  redisUrl?: string | null
  /** index now (before answering), when the caller keeps the index in step itself */
  refresh?: () => Promise<unknown>
  /** mount the queue dashboard (Bull Board) at /admin/queues: read-only without a token */
  dashboard?: DashboardOptions | null
  /** after the server wrote a file (a review): bring the index and webhooks in step (default: index now) */
  afterWrite?: () => Promise<unknown>
}

export const Id = z.string().regex(/^[0-9a-f]{64}$/, 'a plan id is 64 lower-case hex characters (sha256)')
export const IdParams = z.object({ id: Id }).strict()
export const PageImageParams = z.object({ id: Id, file: z.string().regex(/^[1-9]\d{0,3}\.png$/, 'a page image is <n>.png, n from 1') }).strict()
export const TextQuery = z.object({ raw: z.enum(['true', 'false']).optional() }).strict()
export const SearchQuery = PlanQueryParams.omit({ text: true }).extend({ q: z.string().trim().min(1).max(500) }).strict()
export const CitationParams = z.object({ '*': z.string().min(1).max(100) })
export const CitationQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional(), offset: z.coerce.number().int().min(0).max(10_000_000).optional() }).strict()
export const EventsQuery = z
  .object({
    after: z.string().max(64).refine((s) => s === '' || isCursor(s), 'a cursor from a previous event ("<epoch>-<seq>")').optional(),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
    wait: z.coerce.number().int().min(0).max(60).optional().describe('seconds to wait for an event when there is none yet (long poll)'),
  })
  .strict()

class BadRequest extends Error {}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value ?? {})
  if (!r.success) throw new BadRequest(describeIssues(r.error))
  return r.data
}

const MEDIA: Record<string, string> = {
  '.pdf': 'application/pdf', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff', '.tiff': 'image/tiff', '.txt': 'text/plain; charset=utf-8',
}

/**
 * The read-only HTTP API over one data folder. Plans come from the index; files (the original
 * scan) only from `DATA/originals/<id>.*`, found by listing that folder, never by a path taken
 * from the request.
 */
export async function buildServer(o: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, maxParamLength: 8000, bodyLimit: 1024, return503OnClosing: true })
  const dataDir = path.resolve(o.dataDir)
  const originals = path.join(dataDir, 'originals')
  const requests = new Map<string, number>()
  const token = o.token ? createHash('sha256').update(o.token).digest() : null

  app.addHook('onRequest', async (req, reply) => {
    if (!token) return
    const url = req.url.split('?')[0]
    if (url === '/' || url === '/health' || url === '/favicon.ico') return
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')
    const given = m ? createHash('sha256').update(m[1].trim()).digest() : null
    const bearerOk = given !== null && timingSafeEqual(given, token)
    if (o.dashboard && o.token && isDashboardPath(url)) {
      if (!dashboardAuth(req, reply, o.token, bearerOk)) return reply
      return
    }
    if (!bearerOk) {
      reply.header('WWW-Authenticate', 'Bearer realm="kehoach"')
      return reply.code(401).send({ error: 'unauthorized', message: 'send Authorization: Bearer <token> (KEHOACH_TOKEN)' })
    }
  })
  app.addHook('onResponse', async (req, reply) => {
    const key = `${req.routeOptions.url ?? 'unmatched'} ${reply.statusCode}`
    requests.set(key, (requests.get(key) ?? 0) + 1)
  })
  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
    if (error instanceof BadRequest) return reply.code(400).send({ error: 'bad-request', message: error.message })
    if (error instanceof KehoachError && error.code === 'store.query') return reply.code(400).send({ error: 'bad-request', message: error.message })
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return reply.code(error.statusCode).send({ error: 'bad-request', message: error.message })
    return reply.code(500).send({ error: 'internal', message: error instanceof KehoachError ? `${error.message}. ${error.hint}` : 'internal error' })
  })
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'not-found', message: `no route ${req.method} ${req.url.split('?')[0].slice(0, 200)}` }))

  const refresh = async () => {
    if (o.refresh) await o.refresh()
  }
  const planOr404 = async (id: string, reply: FastifyReply) => {
    const plan = await o.store.get(id)
    if (!plan) {
      reply.code(404).send({ error: 'not-found', message: `no plan ${id}` })
      return null
    }
    return plan
  }

  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').header('Content-Security-Policy', CSP).send(PAGE_HTML))
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).header('Cache-Control', 'max-age=86400').send())
  app.get('/health', async () => {
    const s = await o.store.stats()
    return { status: 'ok', store: o.store.kind, plans: s.plans, failures: s.failures, lastEventAt: s.lastEventAt, schemaVersion: SCHEMA_VERSION }
  })
  app.get('/openapi.json', async () => openApiDocument())
  app.get('/schema', async (_req, reply) => reply.type('application/schema+json').send(planJsonSchema()))

  app.get('/plans', async (req) => {
    const q = parse(PlanQueryParams, req.query)
    await refresh()
    return o.store.query(toQueryOptions(q))
  })
  app.get('/search', async (req) => {
    const { q, ...rest } = parse(SearchQuery, req.query)
    await refresh()
    return o.store.search(q, toQueryOptions(rest))
  })
  app.get('/plans/:id', async (req, reply) => {
    const { id } = parse(IdParams, req.params)
    const plan = await planOr404(id, reply)
    return plan ?? reply
  })
  app.get('/plans/:id/text', async (req, reply) => {
    const { id } = parse(IdParams, req.params)
    const { raw } = parse(TextQuery, req.query)
    const plan = await planOr404(id, reply)
    if (!plan) return reply
    // pages separated by a form feed, like pdftotext
    const text = plan.text.pages.map((p) => (raw === 'true' ? p.raw : p.text)).join('\n\f')
    return reply.type('text/plain; charset=utf-8').send(text)
  })
  app.get('/plans/:id/source', async (req, reply) => {
    const { id } = parse(IdParams, req.params)
    const file = await findOriginal(originals, id)
    if (!file) return reply.code(404).send({ error: 'not-found', message: `no original for ${id} in the data folder's originals/` })
    const plan = await o.store.get(id)
    const name = (plan?.source.fileName ?? path.basename(file)).replace(/[^\p{L}\p{N}._ -]/gu, '_')
    return reply
      .type(MEDIA[path.extname(file).toLowerCase()] ?? 'application/octet-stream')
      .header('Content-Disposition', `inline; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .send(createReadStream(file))
  })
  app.get('/plans/:id/pages/:file', async (req, reply) => {
    const { id, file } = parse(PageImageParams, req.params)
    const n = Number(file.slice(0, -4))
    const plan = await planOr404(id, reply)
    if (!plan) return reply
    if (n > plan.source.pageCount) return reply.code(404).send({ error: 'not-found', message: `the document has ${plan.source.pageCount} page(s)` })
    const original = await findOriginal(originals, id)
    if (!original) return reply.code(404).send({ error: 'not-found', message: `no original for ${id} in the data folder's originals/` })
    try {
      const png = await pageImage(dataDir, id, n, original)
      return reply.type('image/png').header('Cache-Control', 'private, max-age=86400').header('X-Content-Type-Options', 'nosniff').send(createReadStream(png))
    } catch (error) {
      if (error instanceof NoPageImage) return reply.code(404).send({ error: 'not-found', message: error.message })
      throw error
    }
  })
  app.get('/citations/*', async (req) => {
    const number = parse(CitationParams, req.params)['*']
    const page = parse(CitationQuery, req.query)
    await refresh()
    return { number, items: await o.store.citations(number, page) }
  })
  app.get('/events', async (req, reply) => {
    const q = parse(EventsQuery, req.query)
    await refresh()
    let r = await o.store.events(q.after || null, q.limit ?? 1000)
    const until = Date.now() + (q.wait ?? 0) * 1000
    while (r.events.length === 0 && Date.now() < until && !closing) {
      await new Promise((res) => setTimeout(res, 250))
      await refresh()
      r = await o.store.events(q.after || null, q.limit ?? 1000)
    }
    reply.type('application/x-ndjson; charset=utf-8').header('X-Kehoach-Cursor', r.cursor)
    return r.events.map((e) => JSON.stringify(e) + '\n').join('')
  })
  app.get('/metrics', async (_req, reply) => {
    const s = await o.store.stats()
    const lines = [
      '# HELP kehoach_documents_indexed Plans in the index.',
      '# TYPE kehoach_documents_indexed gauge',
      `kehoach_documents_indexed ${s.plans}`,
      '# HELP kehoach_failures Failure reports in the data folder.',
      '# TYPE kehoach_failures gauge',
      `kehoach_failures ${s.failures}`,
      '# HELP kehoach_events_total Events in the feed (created, updated, failed, removed).',
      '# TYPE kehoach_events_total counter',
      `kehoach_events_total ${s.events}`,
      '# HELP kehoach_http_requests_total HTTP requests served, by route and status.',
      '# TYPE kehoach_http_requests_total counter',
      ...[...requests].map(([k, n]) => {
        const [route, status] = k.split(' ')
        return `kehoach_http_requests_total{route="${route.replace(/["\\\n]/g, '_')}",status="${status}"} ${n}`
      }),
    ]
    if (o.redisUrl) {
      const depths = await queueDepths(o.redisUrl)
      lines.push('# HELP kehoach_redis_up Whether Redis answered.', '# TYPE kehoach_redis_up gauge', `kehoach_redis_up ${depths ? 1 : 0}`)
      if (depths) {
        lines.push('# HELP kehoach_queue_jobs Jobs per queue and state.', '# TYPE kehoach_queue_jobs gauge')
        for (const [queue, counts] of Object.entries(depths.queues)) {
          for (const [state, n] of Object.entries(counts)) lines.push(`kehoach_queue_jobs{queue="${queue}",state="${state}"} ${n}`)
        }
        lines.push('# HELP kehoach_webhook_dead_letters Webhook deliveries that failed every attempt.', '# TYPE kehoach_webhook_dead_letters gauge', `kehoach_webhook_dead_letters ${depths.deadLetters}`)
      }
    }
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(lines.join('\n') + '\n')
  })

  await app.register(reviewRoutes, { dataDir, store: o.store, afterWrite: o.afterWrite })
  if (o.dashboard) await mountDashboard(app, { ...o.dashboard, readOnly: !token })

  let closing = false
  app.addHook('onClose', async () => {
    closing = true
  })
  void routeSpecs // the OpenAPI document lists the same routes
  return app
}

const CSP = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'"

export { findOriginal }

export type { FastifyRequest }
