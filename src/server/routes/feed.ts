/** For trackers: the event feed, and what changed between two revisions of a plan. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { diffJson } from '../../export/diff.js'
import { isCursor } from '../../store/events.js'
import { findPlanFile } from '../../store/locate.js'
import { revisionsDir } from '../../store/plan-files.js'
import { BAD_REQUEST, Id, NOT_FOUND, raw, type ApiApp, type ServerContext } from '../context.js'

export const EventsQuery = z
  .object({
    after: z.string().max(64).refine((s) => s === '' || isCursor(s), 'a cursor from a previous event ("<epoch>-<seq>")').optional().describe('cursor of the last event seen; empty or absent: from the beginning'),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
    wait: z.coerce.number().int().min(0).max(60).optional().describe('seconds to wait for an event when there is none yet (long poll)'),
  })
  .strict()
export const RevisionRangeParams = z
  .object({ id: Id, range: z.string().regex(/^[1-9]\d{0,5}\.\.[1-9]\d{0,5}$/, 'two revision numbers: <a>..<b>').describe('<a>..<b>, e.g. 1..2') })
  .strict()
const Change = z.object({ op: z.enum(['add', 'remove', 'replace']), path: z.string().describe('JSON Pointer'), value: z.unknown().optional(), old: z.unknown().optional() })
const RevisionDiff = z.object({ id: z.string(), from: z.number().int(), to: z.number().int(), changes: z.array(Change) }).describe('JSON Patch (RFC 6902) operations from revision a to b; replace and remove also carry the old value')

const LONG_POLL_STEP_MS = 250

export function registerFeedRoutes(app: ApiApp, ctx: ServerContext): void {
  app.get('/events', { schema: { operationId: 'listEvents', tags: ['trackers'], summary: 'NDJSON feed of created/updated/failed/removed events; each line has a durable `cursor` (also in X-Kehoach-Cursor)', querystring: EventsQuery, response: { 200: raw('one event per line', 'application/x-ndjson'), ...BAD_REQUEST } } }, async (req, reply) => {
    const q = req.query
    await ctx.refresh()
    let r = await ctx.store.events(q.after || null, q.limit ?? 1000)
    const until = Date.now() + (q.wait ?? 0) * 1000
    while (r.events.length === 0 && Date.now() < until && !ctx.closing()) {
      await new Promise((res) => setTimeout(res, LONG_POLL_STEP_MS))
      await ctx.refresh()
      r = await ctx.store.events(q.after || null, q.limit ?? 1000)
    }
    reply.type('application/x-ndjson; charset=utf-8').header('X-Kehoach-Cursor', r.cursor)
    return r.events.map((e) => JSON.stringify(e) + '\n').join('')
  })
  app.get('/plans/:id/revisions/:range', { schema: { operationId: 'diffRevisions', tags: ['trackers'], summary: 'What changed between two revisions of a plan (the current one and those kept in revisions/<id>/)', params: RevisionRangeParams, response: { 200: RevisionDiff, ...BAD_REQUEST, ...NOT_FOUND } } }, async (req, reply) => {
    const { id, range } = req.params
    const [a, b] = range.split('..').map(Number) as [number, number]
    const [from, to] = await Promise.all([readRevision(ctx.dataDir, id, a), readRevision(ctx.dataDir, id, b)])
    const missing = [[a, from], [b, to]].filter(([, p]) => !p).map(([n]) => n)
    if (missing.length) return reply.code(404).send({ error: 'not-found', message: `plan ${id} has no revision ${missing.join(' or ')} kept` })
    return { id, from: a, to: b, changes: diffJson(from, to) }
  })
}

/** Revision `rev` of a plan: the current file when it is that revision, else `revisions/<id>/<rev>.json` beside it. */
export async function readRevision(dataDir: string, id: string, rev: number): Promise<unknown | null> {
  const current = await findPlanFile(dataDir, id)
  if (!current) return null
  const read = (f: string) => readFile(f, 'utf8').then((t) => JSON.parse(t) as { revision?: number }, () => null)
  const plan = await read(current)
  if (plan?.revision === rev) return plan
  return read(path.join(revisionsDir(path.dirname(current), id), `${rev}.json`))
}
