/**
 * Review routes: the queue of what the machine was unsure of, one plan's reviewable fields, and
 * corrections written as revisions. A route module (context.ts): its zod schemas validate the
 * requests and document them; the server's bearer-token hook and error handler apply.
 */
import { z } from 'zod'
import { PlanQueryParams, toQueryOptions } from '../query/params.js'
import { NoPlan, planRevisions, ReviewConflict, reviewPlan } from '../store/review-files.js'
import { checkPaths, fieldTrace, fieldValue, REVIEW_FIELDS, ReviewInvalid, unsureFields } from '../store/reviews.js'
import type { Plan } from '../schema/plan.js'
import { BAD_REQUEST, ErrorBody, IdParams, NOT_FOUND, type ApiApp, type ServerContext } from './context.js'

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
const CONFLICT = { 409: ErrorBody.extend({ revision: z.number().int() }).describe('the plan changed since the revision named (or was already reviewed)') }

const Unsure = z.array(z.unknown()).describe('the fields still unsure, with why')
const Warnings = z.array(z.unknown()).describe("the plan's warnings, positioned")
const QueueResult = z.looseObject({ items: z.array(z.looseObject({ id: z.string(), unsure: Unsure, warnings: Warnings })), total: z.number() }).describe('plan summaries (as /plans) with what is unsure')
const PlanReview = z.looseObject({ id: z.string(), revision: z.number(), needsReview: z.boolean(), fields: z.array(z.unknown()), unsure: Unsure, warnings: Warnings, marks: z.array(z.unknown()), review: z.unknown() }).describe('the reviewable fields: value, confidence, rule, provenance')
const Reviewed = z.object({ id: z.string(), revision: z.number(), needsReview: z.boolean(), review: z.unknown(), unsure: Unsure }).describe('the revision written')
const Revisions = z.object({ id: z.string(), revisions: z.array(z.unknown()) }).describe('revisions, newest first')

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

export function registerReviewRoutes(app: ApiApp, ctx: ServerContext): void {
  const tags = ['review']
  app.get('/review', { schema: { operationId: 'reviewQueue', tags, summary: 'Review queue: plan summaries with what is unsure and the warnings (positioned); filters, sorting (sort=confidence), paging as /plans', querystring: ReviewQueueQuery, response: { 200: QueueResult, ...BAD_REQUEST } } }, async (req) => {
    const r = await ctx.store.query(toQueryOptions(req.query))
    const items = await Promise.all(
      r.items.map(async (s) => {
        const plan = await ctx.store.get(s.id)
        return { ...s, ...(plan ? reviewState(plan) : { unsure: [], warnings: [] }) }
      }),
    )
    return { ...r, items }
  })

  app.get('/plans/:id/review', { schema: { operationId: 'getPlanReview', tags, summary: 'The reviewable fields of a plan: value, confidence, rule, provenance; what is unsure; warnings; marks', params: IdParams, response: { 200: PlanReview, ...BAD_REQUEST, ...NOT_FOUND } } }, async (req, reply) => {
    const plan = await ctx.planOr404(req.params.id, reply)
    if (!plan) return reply
    return { id: plan.id, revision: plan.revision, needsReview: plan.quality.needsReview, fields: reviewFields(plan), ...reviewState(plan), marks: plan.marks, review: plan.review ?? null }
  })

  const reviewSchema = { operationId: 'reviewPlan', tags, summary: 'Correct and confirm fields: writes the next revision (who, when, old → new), announces `reviewed` on /events and `plan.reviewed` to webhooks; 409 when the plan changed since `revision`', params: IdParams, body: ReviewBody, response: { 200: Reviewed, ...BAD_REQUEST, ...NOT_FOUND, ...CONFLICT } }
  app.post('/plans/:id/review', { bodyLimit: BODY_LIMIT, schema: reviewSchema }, async (req, reply) => {
    const { id } = req.params
    try {
      const r = await reviewPlan(ctx.dataDir, id, req.body, ctx.now())
      await ctx.afterWrite()
      return { id, revision: r.plan.revision, needsReview: r.plan.quality.needsReview, review: r.record, unsure: unsureFields(r.plan) }
    } catch (error) {
      if (error instanceof NoPlan) return reply.code(404).send({ error: 'not-found', message: error.message })
      if (error instanceof ReviewConflict) return reply.code(409).send({ error: 'conflict', message: error.message, revision: error.current })
      if (error instanceof ReviewInvalid) return reply.code(400).send({ error: 'bad-request', message: error.message })
      throw error
    }
  })

  app.get('/plans/:id/revisions', { schema: { operationId: 'listRevisions', tags, summary: 'Revisions of a plan, newest first, each with the review that wrote it (null: the machine)', params: IdParams, response: { 200: Revisions, ...BAD_REQUEST, ...NOT_FOUND } } }, async (req, reply) => {
    const revisions = await planRevisions(ctx.dataDir, req.params.id)
    if (!revisions) return reply.code(404).send({ error: 'not-found', message: `no plan ${req.params.id}` })
    return { id: req.params.id, revisions }
  })
}
