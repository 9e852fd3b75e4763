/**
 * Tasks as rows for trackers: one row per `tasks[]` entry of each plan, with the plan's number,
 * date and issuer beside it, written as CSV (RFC 4180, optional UTF-8 BOM so that Excel reads
 * Vietnamese), NDJSON or an iCalendar file (RFC 5545). Dates come from `tasks[].period` (ISO dates
 * parsed from the printed timeline by the table stage) when the plan has it; otherwise only the
 * printed `timeline` is given and the task has no date (never a guessed one).
 */
import type { Plan, Task } from '../schema/plan.js'
import { csvCell } from '../query/format.js'

export const TASK_EXPORT_FORMATS = ['csv', 'ndjson', 'ics'] as const
export type TaskExportFormat = (typeof TASK_EXPORT_FORMATS)[number]

export const MEDIA_TYPES: Record<TaskExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
}

/** What the table stage writes in `tasks[].period`; read defensively (older plans lack it). */
type Period = { start?: string | null; end?: string | null; recurrence?: string | null }

export type TaskRow = {
  planId: string
  revision: number
  documentNumber: string | null
  documentDate: string | null
  issuer: string | null
  taskId: string | null
  group: string | null
  content: string
  lead: string | null
  cooperating: string
  timeline: string | null
  start: string | null
  end: string | null
  recurrence: string | null
  origin: Task['origin']
  confidence: number
  page: number | null
}

export const TASK_COLUMNS: (keyof TaskRow)[] = [
  'planId', 'revision', 'documentNumber', 'documentDate', 'issuer', 'taskId', 'group', 'content', 'lead',
  'cooperating', 'timeline', 'start', 'end', 'recurrence', 'origin', 'confidence', 'page',
]

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function periodOf(t: Task): { start: string | null; end: string | null; recurrence: string | null } {
  const p = (t as Task & { period?: Period | null }).period
  const date = (v: unknown) => (typeof v === 'string' && ISO_DATE.test(v) ? v : null)
  return { start: date(p?.start), end: date(p?.end), recurrence: typeof p?.recurrence === 'string' ? p.recurrence : null }
}

export function taskRows(plan: Plan): TaskRow[] {
  const d = plan.document
  return plan.tasks.map((t) => ({
    planId: plan.id,
    revision: plan.revision,
    documentNumber: d.number,
    documentDate: d.date,
    issuer: d.issuer?.name ?? null,
    taskId: t.id,
    group: t.group,
    content: t.content,
    lead: t.lead,
    cooperating: t.cooperating.join('; '),
    timeline: t.timeline,
    ...periodOf(t),
    origin: t.origin,
    confidence: t.confidence,
    page: t.prov?.page ?? null,
  }))
}

export function tasksCsv(rows: TaskRow[], options: { bom?: boolean; header?: boolean } = {}): string {
  const lines = rows.map((r) => TASK_COLUMNS.map((c) => csvCell(r[c])).join(','))
  if (options.header !== false) lines.unshift(TASK_COLUMNS.join(','))
  return (options.bom ? '\uFEFF' : '') + lines.map((l) => l + '\r\n').join('')
}

export function tasksNdjson(rows: TaskRow[]): string {
  return rows.map((r) => JSON.stringify(r) + '\n').join('')
}

/** RFC 5545 text value: backslash, semicolon, comma and newlines escaped. */
function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = []
  let cur = ''
  let bytes = 0
  for (const ch of line) {
    const n = Buffer.byteLength(ch)
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(cur)
      cur = ''
      bytes = 0
    }
    cur += ch
    bytes += n
  }
  out.push(cur)
  return out.join('\r\n ')
}

const compact = (iso: string) => iso.replace(/-/g, '')
function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** Recurrence words the table stage may write → RRULE frequency; anything else stays in the description. */
const RRULE_FREQ: Record<string, string> = {
  daily: 'DAILY', weekly: 'WEEKLY', monthly: 'MONTHLY', quarterly: 'MONTHLY;INTERVAL=3', yearly: 'YEARLY', annually: 'YEARLY', annual: 'YEARLY',
}

function rrule(recurrence: string | null): string | null {
  if (!recurrence) return null
  if (/^FREQ=/i.test(recurrence)) return recurrence.toUpperCase()
  const f = RRULE_FREQ[recurrence.toLowerCase()]
  return f ? `FREQ=${f}` : null
}

function vevent(r: TaskRow, index: number, stamp: string): string[] | null {
  const start = r.start ?? r.end
  if (!start) return null
  // all-day event: DTEND is exclusive, so the day after the period's last day
  const end = nextDay(r.end && r.end >= start ? r.end : start)
  const rule = rrule(r.recurrence)
  const about = [r.documentNumber && `Văn bản: ${r.documentNumber}`, r.lead && `Chủ trì: ${r.lead}`, r.cooperating && `Phối hợp: ${r.cooperating}`, r.timeline && `Thời gian: ${r.timeline}`]
  return [
    'BEGIN:VEVENT',
    `UID:${r.planId}-${r.revision}-${r.taskId ?? index}-${index}@kehoach`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${compact(start)}`,
    `DTEND;VALUE=DATE:${compact(end)}`,
    ...(rule ? [`RRULE:${rule}`] : []),
    `SUMMARY:${icsText(r.content)}`,
    `DESCRIPTION:${icsText(about.filter(Boolean).join('\n'))}`,
    'END:VEVENT',
  ]
}

/**
 * One VEVENT per task that has a date (all-day, from `period`); tasks without one are left out and
 * counted, since a calendar cannot show them. `stamp` is DTSTAMP (UTC, `YYYYMMDDTHHMMSSZ`).
 */
export function tasksIcs(rows: TaskRow[], stamp: string): { text: string; undated: number } {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//kehoach//tasks//VI', 'CALSCALE:GREGORIAN']
  let undated = 0
  rows.forEach((r, i) => {
    const ev = vevent(r, i, stamp)
    if (ev) lines.push(...ev)
    else undated++
  })
  lines.push('END:VCALENDAR')
  return { text: lines.map(fold).join('\r\n') + '\r\n', undated }
}

export function icsStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

/** Rows in the chosen format. */
export function renderTasks(rows: TaskRow[], format: TaskExportFormat, o: { bom?: boolean; now: Date }): { text: string; undated: number } {
  if (format === 'csv') return { text: tasksCsv(rows, { bom: o.bom }), undated: 0 }
  if (format === 'ndjson') return { text: tasksNdjson(rows), undated: 0 }
  return tasksIcs(rows, icsStamp(o.now))
}
