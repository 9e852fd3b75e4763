/**
 * What every route module of `kehoach serve` gets: the Fastify instance typed for zod schemas and
 * the server's shared state. A route module is `(app: ApiApp, ctx: ServerContext) => void` that
 * declares each route with zod schemas (`params`, `querystring`, `body`, `response`) plus an
 * `operationId`, `summary` and `tags`: the same schemas validate the request and produce the
 * OpenAPI document (@fastify/swagger + fastify-type-provider-zod), so nothing is listed twice.
 * app.ts lists the modules in ROUTE_MODULES.
 */
import path from 'node:path'
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Plan } from '../schema/plan.js'
import { indexFolder } from '../store/indexer.js'
import type { PlanStore } from '../store/types.js'

export type ApiApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>

export type ServerContext = {
  dataDir: string
  /** DATA/originals: files are found there by listing, never by a path taken from the request */
  originals: string
  store: PlanStore
  /** bring the index up to date before answering (when the caller keeps it in step itself) */
  refresh(): Promise<void>
  /** the plan, or a 404 already sent (then null) */
  planOr404(id: string, reply: FastifyReply): Promise<Plan | null>
  /** after the server wrote a file (a review): bring the index and the webhooks in step */
  afterWrite(): Promise<void>
  /** true once the server is closing: long polls end */
  closing(): boolean
  now(): Date
}

export const Id = z.string().regex(/^[0-9a-f]{64}$/, 'a plan id is 64 lower-case hex characters (sha256)').describe('sha256 of the source file')
export const IdParams = z.object({ id: Id }).strict()

export const ErrorBody = z.object({ error: z.string(), message: z.string() }).describe('what went wrong, in one line')
/** Responses most routes share; spread into `response`. */
export const BAD_REQUEST = { 400: ErrorBody.describe('invalid parameter (too long, wrong shape, unknown)') }
export const NOT_FOUND = { 404: ErrorBody.describe('no such plan (or file)') }

/** A non-JSON body, documented by media type only. */
export const raw = (description: string, mediaType: string) => ({
  description,
  content: { [mediaType]: { schema: z.unknown().meta({ type: 'string', ...(/^(image|application\/(pdf|octet))/.test(mediaType) ? { format: 'binary' } : {}) }) } },
})

export function serverContext(
  o: { dataDir: string; store: PlanStore; refresh?: () => Promise<unknown>; afterWrite?: () => Promise<unknown> },
  closing: () => boolean,
): ServerContext {
  const dataDir = path.resolve(o.dataDir)
  return {
    dataDir,
    originals: path.join(dataDir, 'originals'),
    store: o.store,
    refresh: async () => {
      if (o.refresh) await o.refresh()
    },
    afterWrite: async () => {
      await (o.afterWrite ? o.afterWrite() : indexFolder(dataDir, o.store))
    },
    planOr404: async (id, reply) => {
      const plan = await o.store.get(id)
      if (!plan) reply.code(404).send({ error: 'not-found', message: `no plan ${id}` })
      return plan
    },
    closing,
    now: () => new Date(),
  }
}
