import { z } from 'zod'
import { PlanQueryParams } from '../query/params.js'
import { Plan, SCHEMA_VERSION } from '../schema/plan.js'
import { PIPELINE_VERSION } from '../version.js'

type Spec = {
  method: 'get'
  path: string
  summary: string
  params?: z.ZodObject
  query?: z.ZodObject
  responses: Record<string, { description: string; content?: string; schema?: Record<string, unknown> }>
}

// Kept here, not imported from app.ts, so that the document does not depend on the server module.
const Id = z.string().regex(/^[0-9a-f]{64}$/).describe('sha256 of the source file')
const SearchQuery = PlanQueryParams.omit({ text: true }).extend({ q: z.string().min(1).max(500).describe('words, with or without diacritics') })
const Page = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional(), offset: z.coerce.number().int().min(0).optional() })
const Events = z.object({
  after: z.string().max(64).optional().describe('cursor of the last event seen; empty or absent: from the beginning'),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
  wait: z.coerce.number().int().min(0).max(60).optional().describe('long poll: seconds to wait when there is no new event'),
})

const json = (description: string, ref?: string) => ({ description, content: 'application/json', schema: ref ? { $ref: ref } : undefined })
const err = { description: 'invalid parameter (too long, wrong shape)', content: 'application/json', schema: { $ref: '#/components/schemas/Error' } }

export const routeSpecs: Spec[] = [
  { method: 'get', path: '/plans', summary: 'List plans: filters, sorting, pagination', query: PlanQueryParams, responses: { 200: json('a page of plan summaries', '#/components/schemas/QueryResult'), 400: err } },
  { method: 'get', path: '/plans/{id}', summary: 'One plan, the whole JSON (schema at /schema)', params: z.object({ id: Id }), responses: { 200: json('the plan', '#/components/schemas/Plan'), 400: err, 404: json('no such plan') } },
  { method: 'get', path: '/plans/{id}/text', summary: 'The normalized text, pages separated by a form feed (raw=true: before normalization)', params: z.object({ id: Id }), query: z.object({ raw: z.enum(['true', 'false']).optional() }), responses: { 200: { description: 'text', content: 'text/plain' }, 400: err, 404: json('no such plan') } },
  { method: 'get', path: '/plans/{id}/pages/{n}.png', summary: 'A page of the original as PNG, ~100 dpi (PDF and image originals; cached in DATA/.kehoach/pages)', params: z.object({ id: Id, n: z.coerce.number().int().min(1) }), responses: { 200: { description: 'the page image', content: 'image/png' }, 400: err, 404: json('no such page, no original, or a plain-text original') } },
  { method: 'get', path: '/plans/{id}/source', summary: 'The original file (DATA/originals/<id>.*)', params: z.object({ id: Id }), responses: { 200: { description: 'the file as received', content: 'application/octet-stream' }, 400: err, 404: json('no original kept') } },
  { method: 'get', path: '/search', summary: 'Full-text search over title, text, legal bases and tasks; diacritics optional; filters as /plans', query: SearchQuery, responses: { 200: json('ranked plan summaries with a snippet', '#/components/schemas/QueryResult'), 400: err } },
  { method: 'get', path: '/citations/{number}', summary: 'Plans citing a document number ("27/2022/ND-CP" finds "27/2022/NĐ-CP"; slashes may stay unencoded)', params: z.object({ number: z.string().min(1).max(100) }), query: Page, responses: { 200: json('citing plans with the clause'), 400: err } },
  { method: 'get', path: '/events', summary: 'NDJSON feed of created/updated/failed/removed events; each line has a durable `cursor` (also in X-Kehoach-Cursor)', query: Events, responses: { 200: { description: 'one event per line', content: 'application/x-ndjson' }, 400: err } },
  { method: 'get', path: '/schema', summary: 'JSON Schema of the plan JSON', responses: { 200: { description: 'JSON Schema 2020-12', content: 'application/schema+json' } } },
  { method: 'get', path: '/health', summary: 'Liveness and index size (no token needed)', responses: { 200: json('ok') } },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics: documents indexed, failures, queue depths when Redis is configured', responses: { 200: { description: 'Prometheus text format', content: 'text/plain' } } },
  { method: 'get', path: '/openapi.json', summary: 'This document', responses: { 200: json('OpenAPI 3.1') } },
]

function parameters(where: 'path' | 'query', o?: z.ZodObject): Record<string, unknown>[] {
  if (!o) return []
  const js = z.toJSONSchema(o, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>>; required?: string[] }
  return Object.entries(js.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema
    return { name, in: where, required: where === 'path' || (js.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest }
  })
}

let cached: Record<string, unknown> | null = null

/** OpenAPI 3.1 (JSON Schema 2020-12 inside), generated from the same zod schemas the routes validate with. */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of routeSpecs) {
    paths[r.path] ??= {}
    paths[r.path][r.method] = {
      summary: r.summary,
      parameters: [...parameters('path', r.params), ...parameters('query', r.query)],
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([code, v]) => [
          code,
          { description: v.description, ...(v.content ? { content: { [v.content]: v.schema ? { schema: v.schema } : {} } } : {}) },
        ]),
      ),
    }
  }
  const { $schema: _s, ...planSchema } = z.toJSONSchema(Plan, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>
  cached = {
    openapi: '3.1.0',
    info: { title: 'kehoach', version: PIPELINE_VERSION, description: `Read-only API over extracted Vietnamese plans (plan schema ${SCHEMA_VERSION}). Send Authorization: Bearer <token> when the server has one.` },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Plan: planSchema,
        Error: { type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' } }, required: ['error', 'message'] },
        QueryResult: {
          type: 'object',
          required: ['total', 'limit', 'offset', 'items'],
          properties: {
            total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' },
            items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, revision: { type: 'integer' }, number: { type: ['string', 'null'] }, date: { type: ['string', 'null'] }, issuer: { type: ['string', 'null'] }, title: { type: ['string', 'null'] }, score: { type: 'number' }, snippet: { type: 'string' } } } },
          },
        },
      },
    },
    security: [{ bearer: [] }, {}],
    paths,
  }
  return cached
}
