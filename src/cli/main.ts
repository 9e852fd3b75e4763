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
 * lives in `./commands/<name>.js` and exports `register<Name>`; a module is imported only when needed: a
 * run of one command loads that command's module alone (the others pull in the web server, BullMQ,
 * Redis and SQL clients: ≈ 0.7 s of CPU at every start), while --help, `help` and an unknown command
 * load them all.
 */
const COMMANDS = ['process', 'normalize', 'watch', 'worker', 'query', 'serve', 'reindex', 'status', 'reprocess', 'export', 'review', 'lm', 'schema'] as const

async function register(name: (typeof COMMANDS)[number]): Promise<void> {
  const mod = (await import(`./commands/${name}.js`)) as Record<string, (program: Command) => void>
  mod[`register${name[0]!.toUpperCase()}${name.slice(1)}`]!(program)
}

// the program has no options of its own but --version and --help: its first word is the command
const asked = process.argv.slice(2).find((a) => !a.startsWith('-'))
const one = COMMANDS.find((name) => name === asked)
for (const name of one ? [one] : COMMANDS) await register(name)

await program.parseAsync(process.argv)
