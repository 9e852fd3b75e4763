#!/usr/bin/env node
import { Command } from 'commander'
import { PIPELINE_VERSION } from '../version.js'
import { registerProcess } from './commands/process.js'
import { registerSchema } from './commands/schema.js'

const program = new Command()
  .name('kehoach')
  .description('Scanned Vietnamese administrative plans → structured, validated JSON')
  .version(PIPELINE_VERSION)
  .showHelpAfterError()

registerProcess(program)
registerSchema(program)

await program.parseAsync(process.argv)
