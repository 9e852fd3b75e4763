import { Option, type Command } from 'commander'
import { BadArgumentError } from '../../errors.js'
import { FORMATS, formatRows, summaryRows, type Format } from '../../query/format.js'
import { describeIssues, PlanQueryParams, toQueryOptions } from '../../query/params.js'
import { indexFolder } from '../../store/indexer.js'
import { openStore } from '../../store/open.js'
import { runCommand } from '../exit.js'
import { option } from '../settings.js'

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

/** The plan filters as options, shared by `query` and `export tasks` (the same flags, the same help). */
export const FILTER_OPTIONS = {
  issuer: () => new Option('--issuer <text>', 'issuing body or its parent, partial, with or without diacritics'),
  type: () => new Option('--type <code|name>', 'document type: code as printed ("KH", "CTr") or name ("ke hoach")'),
  number: () => new Option('--number <text>', 'document number, partial ("1595", "154/KH-UBND")'),
  year: () => new Option('--year <yyyy>', 'year of the document'),
  from: () => new Option('--from <date>', 'dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)'),
  to: () => new Option('--to <date>', 'dated on or before (YYYY, YYYY-MM or YYYY-MM-DD)'),
  cites: () => new Option('--cites <number>', 'cites this document ("27/2022/ND-CP" finds "27/2022/NĐ-CP")'),
  targetBy: () => new Option('--target-by <yyyy>', 'has a quantified target due by this year'),
  text: () => new Option('-t, --text <words>', 'free text over title, text, legal bases and tasks, diacritics optional'),
  needsReview: () => new Option('--needs-review', 'only plans flagged for review'),
}

/** Filter options as commander parsed them → the URL-style parameters PlanQueryParams validates. */
export function filterParams(opts: FilterCliOptions & { sort?: string; order?: string; limit?: string; offset?: string }): Record<string, string> {
  return Object.fromEntries(
    Object.entries({
      issuer: opts.issuer, type: opts.type, number: opts.number, year: opts.year, from: opts.from, to: opts.to, cites: opts.cites,
      targetBy: opts.targetBy, text: opts.text, needsReview: opts.needsReview ? 'true' : undefined, sort: opts.sort, order: opts.order,
      limit: opts.limit, offset: opts.offset,
    }).filter((e): e is [string, string] => e[1] !== undefined),
  )
}

export function registerQuery(program: Command): void {
  const cmd = program
    .command('query')
    .description('find plans in a results folder: filters, free text without diacritics, or read-only SQL')
    .addOption(option('data'))
    .addOption(option('db'))
  for (const make of Object.values(FILTER_OPTIONS)) cmd.addOption(make())
  cmd
    .option('--sort <key>', 'date | year | number | issuer | title | indexed | relevance')
    .option('--order <dir>', 'asc | desc')
    .addOption(option('limit', { help: 'at most this many results (1–1000)', default: '50' }))
    .option('--offset <n>', 'skip this many results')
    .option('-f, --format <format>', `output: ${FORMATS.join(' | ')}`, 'table')
    .option('--sql <statement>', 'raw read-only SQL over plans, legal_bases, citations, targets, tasks, events (docs/store.md)')
    .option('--no-refresh', 'query the index as it is, without picking up new result files first')
    .addOption(option('verbose'))
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
  const parsed = PlanQueryParams.safeParse(filterParams(opts))
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
