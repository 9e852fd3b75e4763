import { createHash, timingSafeEqual } from 'node:crypto'
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { KehoachError } from '../errors.js'
import { describeIssues } from '../query/params.js'
import type { PlanStore } from '../store/types.js'
import { serverContext, type ApiApp, type ServerContext } from './context.js'
import { dashboardAuth, isDashboardPath, mountDashboard, type DashboardOptions } from './dashboard.js'
import { ServerMetrics } from './metrics.js'
import { isPublicPath, registerOpenApi } from './openapi.js'
import { PAGE_HTML } from './page.js'
import { registerExportRoutes } from './routes/exports.js'
import { registerFeedRoutes } from './routes/feed.js'
import { registerPlanRoutes } from './routes/plans.js'
import { registerOpsRoutes } from './routes/ops.js'
import { registerReviewRoutes } from './review.js'

export type ServerOptions = {
  dataDir: string
  store: PlanStore
  /** bearer token required on every route but the public ones (/, /health, /openapi.json, /docs) when set */
  token?: string | null
  /** Redis URL: queue depths and stage durations in /metrics */
  redisUrl?: string | null
  /** index now (before answering), when the caller keeps the index in step itself */
  refresh?: () => Promise<unknown>
  /** mount the queue dashboard (Bull Board) at /admin/queues: read-only without a token */
  dashboard?: DashboardOptions | null
  /** one line per request (JSON), e.g. to stdout; none when absent */
  accessLog?: ((line: string) => void) | null
  /** after the server wrote a file (a review): bring the index and webhooks in step (default: index now) */
  afterWrite?: () => Promise<unknown>
}

/**
 * The route modules, in the order of the OpenAPI document. Each declares its routes with zod
 * schemas and an operationId (see context.ts); a new module is added here.
 */
export const ROUTE_MODULES: ((app: ApiApp, ctx: ServerContext) => void)[] = [registerPlanRoutes, registerFeedRoutes, registerExportRoutes, registerReviewRoutes]

const CSP = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'"
const JSON_BODY_LIMIT = 1024

/**
 * The HTTP API over one data folder. Plans come from the index; files (the original scan) only
 * from `DATA/originals/<id>.*`, found by listing that folder, never by a path taken from the request.
 */
export async function buildServer(o: ServerOptions): Promise<ApiApp> {
  const app = Fastify({ logger: false, routerOptions: { maxParamLength: 8000 }, bodyLimit: JSON_BODY_LIMIT, return503OnClosing: true }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  // response schemas document the API; bodies go out as they are (plans are validated when written)
  app.setSerializerCompiler(() => (data) => JSON.stringify(data))
  let closing = false
  app.addHook('onClose', async () => {
    closing = true
  })
  const ctx = serverContext(o, () => closing)
  const metrics = new ServerMetrics(o.store, o.redisUrl ?? null)

  addAuth(app, o)
  addRequestLog(app, metrics, o.accessLog ?? null)
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'not-found', message: `no route ${req.method} ${req.url.split('?')[0].slice(0, 200)}` }))

  await registerOpenApi(app)
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').header('Content-Security-Policy', CSP).send(PAGE_HTML))
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) => reply.code(204).header('Cache-Control', 'max-age=86400').send())
  registerOpsRoutes(app, ctx, metrics)
  for (const register of ROUTE_MODULES) register(app, ctx)
  if (o.dashboard) await mountDashboard(app, { ...o.dashboard, readOnly: !o.token })
  return app
}

/** Bearer token on every non-public route (constant-time compare of hashes); the dashboard also takes its cookie. */
function addAuth(app: ApiApp, o: ServerOptions): void {
  const token = o.token ? createHash('sha256').update(o.token).digest() : null
  app.addHook('onRequest', async (req, reply) => {
    if (!token) return
    const url = req.url.split('?')[0]
    if (isPublicPath(url)) return
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
}

/** Request durations into the metrics, and one JSON line per request into the access log (tokens in the query redacted). */
function addRequestLog(app: ApiApp, metrics: ServerMetrics, accessLog: ((line: string) => void) | null): void {
  app.addHook('onResponse', async (req: FastifyRequest, reply: FastifyReply) => {
    const route = req.routeOptions.url ?? 'unmatched'
    const seconds = reply.elapsedTime / 1000
    metrics.observeRequest(req.method, route, reply.statusCode, seconds)
    if (!accessLog) return
    accessLog(
      JSON.stringify({
        time: new Date().toISOString(),
        ip: req.ip,
        method: req.method,
        url: req.url.replace(/([?&]token=)[^&]*/gi, '$1[redacted]').slice(0, 500),
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        bytes: Number(reply.getHeader('content-length')) || undefined,
        agent: req.headers['user-agent']?.slice(0, 200),
      }),
    )
  })
}

function errorHandler(error: Error & { statusCode?: number }, _req: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({ path: [v.instancePath.replace(/^\//, '').replace(/\//g, '.')].filter(Boolean), message: v.message ?? 'invalid' }))
    return reply.code(400).send({ error: 'bad-request', message: describeIssues({ issues } as never) })
  }
  if (error instanceof KehoachError && error.code === 'store.query') return reply.code(400).send({ error: 'bad-request', message: error.message })
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return reply.code(error.statusCode).send({ error: 'bad-request', message: error.message })
  return reply.code(500).send({ error: 'internal', message: error instanceof KehoachError ? `${error.message}. ${error.hint}` : 'internal error' })
}
