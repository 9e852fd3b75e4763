import type { Command } from 'commander'
import { BadArgumentError } from '../../errors.js'
import { FORMATS, formatRows, summaryRows, type Format } from '../../query/format.js'
import { describeIssues, PlanQueryParams, toQueryOptions } from '../../query/params.js'
import { indexFolder } from '../../store/indexer.js'
import { openStore } from '../../store/open.js'
import { runCommand } from '../exit.js'

/** The plan filters shared by `query` and `reprocess`, as commander parses them. */
export type FilterCliOptions = {
  data: string
  db?: string
  issuer?: string
  type?: string
  number?: string
  year?: string
  from?: string
  to?: string
  cites?: string
  targetBy?: string
  text?: string
  needsReview?: boolean
}

type QueryCliOptions = FilterCliOptions & {
  sort?: string
  order?: string
  limit?: string
  offset?: string
  format: string
  sql?: string
  refresh: boolean
  verbose?: boolean
}

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('find plans in a results folder: filters, free text without diacritics, or read-only SQL')
    .option('-d, --data <dir>', 'results folder (kehoach process --out DIR, or the queue data folder)', process.env.KEHOACH_DATA ?? 'out')
    .option('--db <url>', 'index in PostgreSQL (postgres://…[?schema=name]) instead of DATA/.kehoach/index.sqlite')
    .option('--issuer <text>', 'issuing body or its parent, partial, with or without diacritics')
    .option('--type <code|name>', 'document type: code as printed ("KH", "CTr") or name ("ke hoach")')
    .option('--number <text>', 'document number, partial ("1595", "154/KH-UBND")')
    .option('--year <yyyy>', 'year of the document')
    .option('--from <date>', 'dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'dated on or before (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--cites <number>', 'cites this document ("27/2022/ND-CP" finds "27/2022/NĐ-CP")')
    .option('--target-by <yyyy>', 'has a quantified target due by this year')
    .option('-t, --text <words>', 'free text over title, text, legal bases and tasks, diacritics optional')
    .option('--needs-review', 'only plans flagged for review')
    .option('--sort <key>', 'date | year | number | issuer | title | indexed | relevance')
    .option('--order <dir>', 'asc | desc')
    .option('-n, --limit <n>', 'at most this many results (1–1000)', '50')
    .option('--offset <n>', 'skip this many results')
    .option('-f, --format <format>', `output: ${FORMATS.join(' | ')}`, 'table')
    .option('--sql <statement>', 'raw read-only SQL over plans, legal_bases, citations, targets, tasks, events (docs/store.md)')
    .option('--no-refresh', 'query the index as it is, without picking up new result files first')
    .option('-v, --verbose', 'print stack traces')
    .addHelpText(
      'after',
      `
Examples:
  kehoach query --data out --text "ke hoach giam ngheo"
  kehoach query --data out --issuer "binh phuoc" --from 2022 --to 2024 --format csv > plans.csv
  kehoach query --data out --cites 27/2022/ND-CP --format ndjson
  kehoach query --data out --sql "SELECT issuer, count(*) n FROM plans GROUP BY issuer ORDER BY n DESC"`,
    )
    .action((opts: QueryCliOptions) => runCommand(() => queryCommand(opts), opts.verbose))
}

export async function queryCommand(opts: QueryCliOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(opts.format)) throw new BadArgumentError(`--format must be one of ${FORMATS.join(', ')}`)
  const format = opts.format as Format
  const parsed = PlanQueryParams.safeParse(
    Object.fromEntries(
      Object.entries({
        issuer: opts.issuer, type: opts.type, number: opts.number, year: opts.year, from: opts.from, to: opts.to, cites: opts.cites,
        targetBy: opts.targetBy, text: opts.text, needsReview: opts.needsReview ? 'true' : undefined, sort: opts.sort, order: opts.order,
        limit: opts.limit, offset: opts.offset,
      }).filter(([, v]) => v !== undefined),
    ),
  )
  if (!parsed.success) throw new BadArgumentError(describeIssues(parsed.error))
  const store = await openStore({ dataDir: opts.data, db: opts.db })
  try {
    if (opts.refresh) {
      const r = await indexFolder(opts.data, store)
      for (const bad of r.invalid) process.stderr.write(`kehoach: skipped ${bad.file}: ${bad.message}\n`)
    }
    const width = (out as NodeJS.WriteStream).columns ?? 160
    if (opts.sql) {
      const r = await store.sql(opts.sql)
      out.write(formatRows(r, format, { width }))
      return 0
    }
    const q = toQueryOptions(parsed.data)
    const result = await store.query(q)
    const withScore = !!q.text
    out.write(formatRows(summaryRows(result.items, withScore), format, { width, full: result.items }))
    if (format === 'table' && result.total > result.offset + result.items.length) {
      process.stderr.write(`${result.items.length} of ${result.total} shown (--limit, --offset for more)\n`)
    }
    return 0
  } finally {
    await store.close()
  }
}
