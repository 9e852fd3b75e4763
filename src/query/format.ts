import type { PlanSummary } from '../store/types.js'

/** Output formats of `kehoach query`: a table for people, JSON/NDJSON/CSV for programs. */
export const FORMATS = ['table', 'json', 'ndjson', 'csv'] as const
export type Format = (typeof FORMATS)[number]

export type Rows = { columns: string[]; rows: Record<string, unknown>[] }

/** Summaries → flat rows (the columns of the table and the CSV). */
export function summaryRows(items: PlanSummary[], withScore: boolean): Rows {
  const columns = ['id', 'date', 'type', 'number', 'issuer', 'title', ...(withScore ? ['score', 'snippet'] : [])]
  const rows = items.map((s) => ({
    id: s.id,
    date: s.date,
    type: s.type.code ?? s.type.name,
    number: s.number,
    issuer: s.issuer,
    title: s.title,
    ...(withScore ? { score: s.score == null ? null : Number(s.score.toPrecision(3)), snippet: s.snippet ?? null } : {}),
  }))
  return { columns, rows }
}

export function formatRows(r: Rows, format: Format, options: { width?: number; full?: unknown[] } = {}): string {
  switch (format) {
    case 'json':
      return JSON.stringify(options.full ?? r.rows, null, 2) + '\n'
    case 'ndjson':
      return (options.full ?? r.rows).map((x) => JSON.stringify(x) + '\n').join('')
    case 'csv':
      return [r.columns.map(csvCell).join(','), ...r.rows.map((row) => r.columns.map((c) => csvCell(row[c])).join(','))].join('\r\n') + '\r\n'
    case 'table':
      return table(r, options.width ?? 160)
  }
}

/**
 * RFC 4180 cell. Text that a spreadsheet would run as a formula (=, +, @, a tab, or - before a
 * non-digit) gets a leading apostrophe (OWASP "CSV injection").
 */
export function csvCell(v: unknown): string {
  if (v == null) return ''
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v)
  if (typeof v === 'string' && /^([=+@\t\r]|-(?![\d.]))/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Aligned columns, long cells cut with "…" so that a row fits the terminal; the id shortened to 12. */
function table(r: Rows, width: number): string {
  if (r.rows.length === 0) return '(no results)\n'
  const cell = (c: string, v: unknown) => {
    if (v == null) return ''
    const s = (typeof v === 'object' ? JSON.stringify(v) : String(v)).replace(/\s+/g, ' ')
    return c === 'id' && /^[0-9a-f]{64}$/.test(s) ? s.slice(0, 12) : s
  }
  const cells = r.rows.map((row) => r.columns.map((c) => cell(c, row[c])))
  const natural = r.columns.map((c, i) => Math.max(c.length, ...cells.map((row) => [...row[i]].length)))
  const budget = Math.max(width - 2 * (r.columns.length - 1), r.columns.length * 4)
  const widths = [...natural]
  // shrink the widest column until the row fits
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const i = widths.indexOf(Math.max(...widths))
    if (widths[i] <= 8) break
    widths[i]--
  }
  const fit = (s: string, w: number) => {
    const chars = [...s]
    return chars.length > w ? chars.slice(0, w - 1).join('') + '…' : s + ' '.repeat(w - chars.length)
  }
  const line = (vals: string[]) => vals.map((v, i) => fit(v, widths[i])).join('  ').trimEnd()
  return [line(r.columns), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n') + '\n'
}
