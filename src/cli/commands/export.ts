import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { BadArgumentError, FileAccessError } from '../../errors.js'
import { renderTasks, TASK_EXPORT_FORMATS, type TaskExportFormat } from '../../export/tasks.js'
import { describeIssues, PlanQueryParams, toQueryOptions } from '../../query/params.js'
import { selectedTaskRows } from '../../export/select.js'
import { indexFolder } from '../../store/indexer.js'
import { openStore } from '../../store/open.js'
import { runCommand } from '../exit.js'
import { option } from '../settings.js'
import { FILTER_OPTIONS, filterParams, type FilterCliOptions } from './query.js'

type ExportCliOptions = FilterCliOptions & { format: string; bom?: boolean; output?: string; limit?: string; verbose?: boolean }

/** `kehoach export tasks`: the tasks of the selected plans as rows (CSV, NDJSON) or calendar events (ICS). */
export function registerExport(program: Command): void {
  const exp = program.command('export').description('plans in forms trackers and spreadsheets open')
  const tasks = exp
    .command('tasks')
    .description('one row per task of every selected plan: deadline dates from tasks[].period, the printed timeline always')
    .addOption(option('data'))
    .addOption(option('db'))
    .addOption(option('format', { help: `${TASK_EXPORT_FORMATS.join(' | ')} (ics: all-day events for the tasks that have dates)`, default: 'csv' }))
    .option('--bom', 'start the CSV with a UTF-8 byte order mark, so that Excel reads Vietnamese correctly')
    .option('--output <file>', 'write here instead of stdout')
    .addOption(option('limit', { help: 'at most this many plans (default: all selected)' }))
  for (const o of filterOptions()) tasks.addOption(o)
  tasks
    .addOption(option('verbose'))
    .addHelpText('after', `
Examples:
  kehoach export tasks --data data --format csv --bom --output tasks.csv      # opens in Excel
  kehoach export tasks --data data --issuer "lao cai" --year 2024 --format ics > tasks.ics
  kehoach export tasks --data data --format ndjson | jq .`)
    .action((opts: ExportCliOptions) => runCommand(() => exportTasks(opts), opts.verbose))
}

/** the same filters as `kehoach query`, from its definitions */
const filterOptions = () => Object.values(FILTER_OPTIONS).map((make) => make())

async function exportTasks(opts: ExportCliOptions): Promise<number> {
  if (!(TASK_EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new BadArgumentError(`--format must be one of ${TASK_EXPORT_FORMATS.join(', ')}`)
  const parsed = PlanQueryParams.safeParse(filterParams({ ...opts, limit: opts.limit }))
  if (!parsed.success) throw new BadArgumentError(describeIssues(parsed.error))
  const store = await openStore({ dataDir: opts.data, db: opts.db })
  try {
    await indexFolder(opts.data, store)
    const rows = await selectedTaskRows(store, toQueryOptions(parsed.data))
    const { text, undated } = renderTasks(rows, opts.format as TaskExportFormat, { bom: opts.bom, now: new Date() })
    if (opts.output) await writeFile(opts.output, text).catch((e: Error) => { throw new FileAccessError(`cannot write ${opts.output}: ${e.message}`) })
    else process.stdout.write(text)
    process.stderr.write(`${rows.length} task(s)${opts.format === 'ics' ? `, ${rows.length - undated} with dates as events, ${undated} without dates left out` : ''}${opts.output ? ` → ${opts.output}` : ''}\n`)
    return 0
  } finally {
    await store.close()
  }
}
