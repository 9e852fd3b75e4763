import type { Command } from 'commander'
import { indexFolder } from '../../store/indexer.js'
import { openStore } from '../../store/open.js'
import { runCommand } from '../exit.js'
import { option } from '../settings.js'

type ReindexOptions = { data: string; db?: string; verbose?: boolean }

export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description('rebuild the search index from the JSON files (the source of truth); the event feed and its cursors are kept')
    .addOption(option('data'))
    .addOption(option('db'))
    .addOption(option('verbose'))
    .action((opts: ReindexOptions) => runCommand(() => reindexCommand(opts), opts.verbose))
}

async function reindexCommand(opts: ReindexOptions): Promise<number> {
  const store = await openStore({ dataDir: opts.data, db: opts.db })
  try {
    await store.reset()
    const r = await indexFolder(opts.data, store)
    for (const bad of r.invalid) process.stderr.write(`kehoach: skipped ${bad.file}: ${bad.message}\n`)
    const s = await store.stats()
    process.stderr.write(
      `kehoach reindex: ${s.plans} plans, ${s.failures} failure reports from ${r.scanned} files in ${r.ms} ms → ${store.location}` +
        `${r.events.length ? ` (${r.events.length} new events)` : ''}\n`,
    )
    return 0
  } finally {
    await store.close()
  }
}
