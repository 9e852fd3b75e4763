/** Tasks as rows for trackers: CSV (optionally with a BOM for Excel), NDJSON or iCalendar. */
import { z } from 'zod'
import { selectedTaskRows } from '../../export/select.js'
import { MEDIA_TYPES, TASK_EXPORT_FORMATS, renderTasks, taskRows, type TaskExportFormat, type TaskRow } from '../../export/tasks.js'
import { PlanQueryParams, toQueryOptions } from '../../query/params.js'
import { BAD_REQUEST, IdParams, NOT_FOUND, raw, type ApiApp, type ServerContext } from '../context.js'

const ExportOptions = {
  format: z.enum(TASK_EXPORT_FORMATS).default('csv').describe('csv | ndjson | ics (all-day events for tasks with dates)'),
  bom: z.enum(['true', 'false']).optional().describe('true: start the CSV with a UTF-8 byte order mark (Excel then reads Vietnamese correctly)'),
}
export const PlanTasksQuery = z.object(ExportOptions).strict()
export const TasksQuery = PlanQueryParams.extend(ExportOptions).strict()

const exported = { 200: { description: 'one row per task', content: Object.fromEntries(Object.entries(MEDIA_TYPES).map(([f, t]) => [t.split(';')[0], raw(f, t).content[t]])) } }

export function registerExportRoutes(app: ApiApp, ctx: ServerContext): void {
  const tags = ['trackers']
  app.get('/plans/:id/tasks', { schema: { operationId: 'exportPlanTasks', tags, summary: "One plan's tasks as rows: dates from tasks[].period when parsed, the printed timeline always", params: IdParams, querystring: PlanTasksQuery, response: { ...exported, ...BAD_REQUEST, ...NOT_FOUND } } }, async (req, reply) => {
    const plan = await ctx.planOr404(req.params.id, reply)
    if (!plan) return reply
    return send(reply, taskRows(plan), req.query.format, req.query.bom === 'true', ctx.now(), `tasks-${plan.id.slice(0, 12)}`)
  })
  app.get('/tasks', { schema: { operationId: 'exportTasks', tags, summary: 'Tasks of every plan matching the filters of /plans (limit/offset select plans; all of them when absent)', querystring: TasksQuery, response: { ...exported, ...BAD_REQUEST } } }, async (req, reply) => {
    const { format, bom, ...filters } = req.query
    await ctx.refresh()
    return send(reply, await selectedTaskRows(ctx.store, toQueryOptions(filters)), format, bom === 'true', ctx.now(), 'tasks')
  })
}

function send(reply: import('fastify').FastifyReply, rows: TaskRow[], format: TaskExportFormat, bom: boolean, now: Date, name: string) {
  const { text, undated } = renderTasks(rows, format, { bom, now })
  if (format === 'ics') reply.header('X-Kehoach-Undated-Tasks', String(undated))
  return reply
    .type(MEDIA_TYPES[format])
    .header('Content-Disposition', `attachment; filename="${name}.${format === 'ndjson' ? 'ndjson' : format}"`)
    .send(text)
}
