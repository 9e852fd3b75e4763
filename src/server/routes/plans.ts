/** Plans: list, search, one plan, its text, its original, its page images, citing plans. */
import { createReadStream } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { PlanQueryParams, toQueryOptions } from '../../query/params.js'
import { Plan } from '../../schema/plan.js'
import { findOriginal } from '../../store/locate.js'
import { BAD_REQUEST, Id, IdParams, NOT_FOUND, raw, type ApiApp, type ServerContext } from '../context.js'
import { NoPageImage, pageImage } from '../page-image.js'

export const PageImageParams = z.object({ id: Id, file: z.string().regex(/^[1-9]\d{0,3}\.png$/, 'a page image is <n>.png, n from 1') }).strict()
export const TextQuery = z.object({ raw: z.enum(['true', 'false']).optional().describe('true: the text before normalization') }).strict()
export const SearchQuery = PlanQueryParams.omit({ text: true }).extend({ q: z.string().trim().min(1).max(500).describe('words, with or without diacritics') }).strict()
export const CitationParams = z.object({ '*': z.string().min(1).max(100).describe('a document number; slashes may stay unencoded') })
export const CitationQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional(), offset: z.coerce.number().int().min(0).max(10_000_000).optional() }).strict()

const Summary = z.object({
  id: z.string(), revision: z.number().int(), number: z.string().nullable(), date: z.string().nullable(), issuer: z.string().nullable(),
  title: z.string().nullable(), score: z.number().optional(), snippet: z.string().optional(),
}).loose()
export const QueryResult = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(Summary) }).describe('a page of plan summaries')

const MEDIA: Record<string, string> = {
  '.pdf': 'application/pdf', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff', '.tiff': 'image/tiff', '.txt': 'text/plain; charset=utf-8',
}
const NO_ORIGINAL = (id: string) => ({ error: 'not-found', message: `no original for ${id} in the data folder's originals/` })

export function registerPlanRoutes(app: ApiApp, ctx: ServerContext): void {
  const tags = ['plans']
  app.get('/plans', { schema: { operationId: 'listPlans', tags, summary: 'List plans: filters, sorting, pagination', querystring: PlanQueryParams, response: { 200: QueryResult, ...BAD_REQUEST } } }, async (req) => {
    await ctx.refresh()
    return ctx.store.query(toQueryOptions(req.query))
  })
  app.get('/search', { schema: { operationId: 'searchPlans', tags, summary: 'Full-text search over title, text, legal bases and tasks; diacritics optional; filters as /plans', querystring: SearchQuery, response: { 200: QueryResult, ...BAD_REQUEST } } }, async (req) => {
    const { q, ...rest } = req.query
    await ctx.refresh()
    return ctx.store.search(q, toQueryOptions(rest))
  })
  app.get('/plans/:id', { schema: { operationId: 'getPlan', tags, summary: 'One plan, the whole JSON (its JSON Schema at /schema)', params: IdParams, response: { 200: Plan, ...BAD_REQUEST, ...NOT_FOUND } } }, async (req, reply) => {
    return (await ctx.planOr404(req.params.id, reply)) ?? reply
  })
  app.get('/plans/:id/text', { schema: { operationId: 'getPlanText', tags, summary: 'The normalized text, pages separated by a form feed (raw=true: before normalization)', params: IdParams, querystring: TextQuery, response: { 200: raw('text', 'text/plain'), ...BAD_REQUEST, ...NOT_FOUND } } }, async (req, reply) => {
    const plan = await ctx.planOr404(req.params.id, reply)
    if (!plan) return reply
    // pages separated by a form feed, like pdftotext
    const text = plan.text.pages.map((p) => (req.query.raw === 'true' ? p.raw : p.text)).join('\n\f')
    return reply.type('text/plain; charset=utf-8').send(text)
  })
  registerFileRoutes(app, ctx)
  app.get('/citations/*', { schema: { operationId: 'listCitingPlans', tags, summary: 'Plans citing a document number ("27/2022/ND-CP" finds "27/2022/NĐ-CP")', params: CitationParams, querystring: CitationQuery, response: { 200: z.object({ number: z.string(), items: z.array(z.unknown()) }).describe('citing plans with the clause'), ...BAD_REQUEST } } }, async (req) => {
    const number = req.params['*']
    await ctx.refresh()
    return { number, items: await ctx.store.citations(number, req.query) }
  })
}

/** The original file and its page images: only from DATA/originals/<id>.*, found by listing. */
function registerFileRoutes(app: ApiApp, ctx: ServerContext): void {
  const tags = ['plans']
  app.get('/plans/:id/source', { schema: { operationId: 'getPlanSource', tags, summary: 'The original file (DATA/originals/<id>.*)', params: IdParams, response: { 200: raw('the file as received', 'application/octet-stream'), ...BAD_REQUEST, ...NOT_FOUND } } }, async (req, reply) => {
    const { id } = req.params
    const file = await findOriginal(ctx.originals, id)
    if (!file) return reply.code(404).send(NO_ORIGINAL(id))
    const plan = await ctx.store.get(id)
    const name = (plan?.source.fileName ?? path.basename(file)).replace(/[^\p{L}\p{N}._ -]/gu, '_')
    return reply
      .type(MEDIA[path.extname(file).toLowerCase()] ?? 'application/octet-stream')
      .header('Content-Disposition', `inline; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .send(createReadStream(file))
  })
  app.get('/plans/:id/pages/:file', { schema: { operationId: 'getPageImage', tags, summary: 'A page of the original as PNG, ~100 dpi (PDF and image originals; cached in DATA/.kehoach/pages); file = <n>.png', params: PageImageParams, response: { 200: raw('the page image', 'image/png'), ...BAD_REQUEST, ...NOT_FOUND } } }, async (req, reply) => {
    const { id, file } = req.params
    const n = Number(file.slice(0, -4))
    const plan = await ctx.planOr404(id, reply)
    if (!plan) return reply
    if (n > plan.source.pageCount) return reply.code(404).send({ error: 'not-found', message: `the document has ${plan.source.pageCount} page(s)` })
    const original = await findOriginal(ctx.originals, id)
    if (!original) return reply.code(404).send(NO_ORIGINAL(id))
    try {
      const png = await pageImage(ctx.dataDir, id, n, original)
      return reply.type('image/png').header('Cache-Control', 'private, max-age=86400').header('X-Content-Type-Options', 'nosniff').send(createReadStream(png))
    } catch (error) {
      if (error instanceof NoPageImage) return reply.code(404).send({ error: 'not-found', message: error.message })
      throw error
    }
  })
}
