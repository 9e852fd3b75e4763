#!/usr/bin/env node
import { Command } from 'commander'
import { PIPELINE_VERSION } from '../version.js'

const program = new Command()
  .name('kehoach')
  .description('Scanned Vietnamese administrative plans → structured, validated JSON')
  .version(PIPELINE_VERSION)
  .showHelpAfterError()

/**
 * The commands, in --help order: the archivist's first, then operators', analysts', maintainers'. Each
 * module is imported only when needed: a run of one command loads that command's module alone (the
 * others pull in the web server, BullMQ, Redis and SQL clients: ≈ 0.7 s of CPU at every start), while
 * --help, `help` and an unknown command load them all.
 */
const COMMANDS: [name: string, load: () => Promise<(program: Command) => void>][] = [
  ['process', async () => (await import('./commands/process.js')).registerProcess],
  ['normalize', async () => (await import('./commands/normalize.js')).registerNormalize],
  ['watch', async () => (await import('./commands/watch.js')).registerWatch],
  ['worker', async () => (await import('./commands/worker.js')).registerWorker],
  ['query', async () => (await import('./commands/query.js')).registerQuery],
  ['serve', async () => (await import('./commands/serve.js')).registerServe],
  ['reindex', async () => (await import('./commands/reindex.js')).registerReindex],
  ['status', async () => (await import('./commands/status.js')).registerStatus],
  ['reprocess', async () => (await import('./commands/reprocess.js')).registerReprocess],
  ['export', async () => (await import('./commands/export.js')).registerExport],
  ['review', async () => (await import('./commands/review.js')).registerReview],
  ['lm', async () => (await import('./commands/lm.js')).registerLm],
  ['schema', async () => (await import('./commands/schema.js')).registerSchema],
]

// the program has no options of its own but --version and --help: its first word is the command
const asked = process.argv.slice(2).find((a) => !a.startsWith('-'))
const one = COMMANDS.find(([name]) => name === asked)
for (const [, load] of one ? [one] : COMMANDS) (await load())(program)

await program.parseAsync(process.argv)
