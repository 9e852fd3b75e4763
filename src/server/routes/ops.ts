/** Operations: liveness, the plan's JSON Schema, Prometheus metrics. */
import { z } from 'zod'
import { planJsonSchema } from '../../schema/json-schema.js'
import { SCHEMA_VERSION } from '../../schema/plan.js'
import { raw, type ApiApp, type ServerContext } from '../context.js'
import type { ServerMetrics } from '../metrics.js'

const Health = z.object({
  status: z.literal('ok'), store: z.enum(['sqlite', 'postgres']), plans: z.number().int(), failures: z.number().int(),
  lastEventAt: z.string().nullable(), schemaVersion: z.string(),
})

export function registerOpsRoutes(app: ApiApp, ctx: ServerContext, metrics: ServerMetrics): void {
  const tags = ['operations']
  app.get('/health', { schema: { operationId: 'health', tags, summary: 'Liveness and index size (no token needed)', security: [], response: { 200: Health } } }, async () => {
    const s = await ctx.store.stats()
    return { status: 'ok' as const, store: ctx.store.kind, plans: s.plans, failures: s.failures, lastEventAt: s.lastEventAt, schemaVersion: SCHEMA_VERSION }
  })
  app.get('/schema', { schema: { operationId: 'getPlanSchema', tags, summary: 'JSON Schema (2020-12) of the plan JSON', response: { 200: raw('JSON Schema 2020-12', 'application/schema+json') } } }, async (_req, reply) =>
    reply.type('application/schema+json').send(planJsonSchema()),
  )
  app.get('/metrics', { schema: { operationId: 'metrics', tags, summary: 'Prometheus metrics: process, HTTP durations, index size; queue depths and per-stage durations when Redis is configured', response: { 200: raw('Prometheus text format 0.0.4', 'text/plain') } } }, async (_req, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.text()),
  )
}
