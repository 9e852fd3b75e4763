#!/usr/bin/env node
import { Command } from 'commander'
import { PIPELINE_VERSION } from '../version.js'
import { registerProcess } from './commands/process.js'
import { registerNormalize } from './commands/normalize.js'
import { registerWatch } from './commands/watch.js'
import { registerWorker } from './commands/worker.js'
import { registerQuery } from './commands/query.js'
import { registerServe } from './commands/serve.js'
import { registerReindex } from './commands/reindex.js'
import { registerStatus } from './commands/status.js'
import { registerReprocess } from './commands/reprocess.js'
import { registerLm } from './commands/lm.js'
import { registerSchema } from './commands/schema.js'
import { registerExport } from './commands/export.js'
import { registerReview } from './commands/review.js'

const program = new Command()
  .name('kehoach')
  .description('Scanned Vietnamese administrative plans → structured, validated JSON')
  .version(PIPELINE_VERSION)
  .showHelpAfterError()

// Order = order in --help: the archivist's commands first, then operators', analysts', maintainers'.
for (const register of [
  registerProcess,
  registerNormalize,
  registerWatch,
  registerWorker,
  registerQuery,
  registerServe,
  registerReindex,
  registerStatus,
  registerReprocess,
  registerExport,
  registerReview,
  registerLm,
  registerSchema,
]) {
  register(program)
}

await program.parseAsync(process.argv)
