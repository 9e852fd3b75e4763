/**
 * Review routes: the queue of what the machine was unsure of, one plan's reviewable fields, and
 * corrections written as revisions. A Fastify plugin (`app.register(reviewRoutes, …)`); the
 * server's bearer-token hook and error handler apply. Requests are validated with the zod schemas
 * below, which `reviewRouteSpecs` lists for the OpenAPI document.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import { describeIssues, PlanQueryParams, toQueryOptions } from '../query/params.js'
import { indexFolder } from '../store/indexer.js'
import { NoPlan, planRevisions, ReviewConflict, reviewPlan } from '../store/review-files.js'
import { checkPaths, fieldTrace, fieldValue, REVIEW_FIELDS, ReviewInvalid, unsureFields } from '../store/reviews.js'
import type { PlanStore } from '../store/types.js'
import type { Plan } from '../schema/plan.js'

export type ReviewRouteOptions = {
  dataDir: string
  store: PlanStore
  /** after a review is written: bring the index (and the webhooks) in step; default indexFolder */
  afterWrite?: () => Promise<unknown>
  now?: () => Date
}

const Id = z.string().regex(/^[0-9a-f]{64}$/, 'a plan id is 64 lower-case hex characters (sha256)')
export const ReviewIdParams = z.object({ id: Id }).strict()
export const ReviewQueueQuery = PlanQueryParams.omit({ text: true })
export const ReviewBody = z
  .object({
    fields: z.record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.null()])).default({})
      .describe('corrected values by field path ("document.number"); null: the document leaves it blank'),
    confirm: z.array(z.string().max(100)).max(50).default([]).describe('field paths whose value the reviewer confirms'),
    reviewer: z.string().trim().min(1).max(200).describe('who reviews (name or login)'),
    revision: z.number().int().min(1).optional().describe('the revision the reviewer edited; required once the plan has been reviewed'),
  })
  .strict()
  .superRefine((b, ctx) => {
    try {
      checkPaths(b)
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, path: ['fields'] })
    }
  })

/** The review body is small, but larger than the server's 1 KiB default (titles run long). */
const BODY_LIMIT = 64 * 1024

export const reviewRouteSpecs = [
  { method: 'get', path: '/review', summary: 'Review queue: plan summaries with what is unsure and the warnings (positioned); filters, sorting (sort=confidence), paging as /plans', query: ReviewQueueQuery },
  { method: 'get', path: '/plans/{id}/review', summary: 'The reviewable fields of a plan: value, confidence, rule, provenance; what is unsure; warnings; marks', params: ReviewIdParams },
  { method: 'post', path: '/plans/{id}/review', summary: 'Correct and confirm fields: writes the next revision (who, when, old → new), announces `reviewed` on /events and `plan.reviewed` to webhooks; 409 when the plan changed since `revision`', params: ReviewIdParams, body: ReviewBody },
  { method: 'get', path: '/plans/{id}/revisions', summary: 'Revisions of a plan, newest first, each with the review that wrote it (null: the machine)', params: ReviewIdParams },
] as const

function parse<T extends z.ZodType>(schema: T, value: unknown, reply: FastifyReply): z.infer<T> | null {
  const r = schema.safeParse(value ?? {})
  if (r.success) return r.data
  reply.code(400).send({ error: 'bad-request', message: describeIssues(r.error) })
  return null
}

/** Every reviewable field of a plan, in the order the page shows them. */
export function reviewFields(plan: Plan) {
  return Object.entries(REVIEW_FIELDS).map(([p, spec]) => {
    const t = fieldTrace(plan, p)
    return { path: p, label: spec.label, value: fieldValue(plan.document, p), confidence: t?.confidence ?? null, rule: t?.rule ?? null, prov: t?.prov ?? null }
  })
}

function reviewState(plan: Plan) {
  return { unsure: unsureFields(plan), warnings: plan.quality.warnings.filter((w) => w.severity === 'warning') }
}

export async function reviewRoutes(app: FastifyInstance, o: ReviewRouteOptions): Promise<void> {
  const now = o.now ?? (() => new Date())
  const afterWrite = o.afterWrite ?? (() => indexFolder(o.dataDir, o.store))

  app.get('/review', async (req, reply) => {
    const q = parse(ReviewQueueQuery, req.query, reply)
    if (!q) return reply
    const r = await o.store.query(toQueryOptions(q))
    const items = await Promise.all(
      r.items.map(async (s) => {
        const plan = await o.store.get(s.id)
        return { ...s, ...(plan ? reviewState(plan) : { unsure: [], warnings: [] }) }
      }),
    )
    return { ...r, items }
  })

  app.get('/plans/:id/review', async (req, reply) => {
    const p = parse(ReviewIdParams, req.params, reply)
    if (!p) return reply
    const plan = await o.store.get(p.id)
    if (!plan) return reply.code(404).send({ error: 'not-found', message: `no plan ${p.id}` })
    const marks = (plan as Plan & { marks?: unknown[] }).marks ?? []
    return { id: plan.id, revision: plan.revision, needsReview: plan.quality.needsReview, fields: reviewFields(plan), ...reviewState(plan), marks, review: plan.review ?? null }
  })

  app.post('/plans/:id/review', { bodyLimit: BODY_LIMIT }, async (req, reply) => {
    const p = parse(ReviewIdParams, req.params, reply)
    if (!p) return reply
    const body = parse(ReviewBody, req.body, reply)
    if (!body) return reply
    try {
      const r = await reviewPlan(o.dataDir, p.id, body, now())
      await afterWrite()
      return { id: p.id, revision: r.plan.revision, needsReview: r.plan.quality.needsReview, review: r.record, unsure: unsureFields(r.plan) }
    } catch (error) {
      if (error instanceof NoPlan) return reply.code(404).send({ error: 'not-found', message: error.message })
      if (error instanceof ReviewConflict) return reply.code(409).send({ error: 'conflict', message: error.message, revision: error.current })
      if (error instanceof ReviewInvalid) return reply.code(400).send({ error: 'bad-request', message: error.message })
      throw error
    }
  })

  app.get('/plans/:id/revisions', async (req, reply) => {
    const p = parse(ReviewIdParams, req.params, reply)
    if (!p) return reply
    const revisions = await planRevisions(o.dataDir, p.id)
    if (!revisions) return reply.code(404).send({ error: 'not-found', message: `no plan ${p.id}` })
    return { id: p.id, revisions }
  })
}
