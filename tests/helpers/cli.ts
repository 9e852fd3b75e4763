// A kehoach CLI with the analyst commands only, run as a child process by the tests
// (src/cli/main.ts wires the same register functions into the real binary).
import { Command } from 'commander'
import { registerQuery } from '../../src/cli/commands/query.js'

const program = new Command().name('kehoach').exitOverride((e) => {
  process.exitCode = e.exitCode === 0 ? 0 : 1
  throw e
})
registerQuery(program)
const extra = [
  ['serve', '../../src/cli/commands/serve.js', 'registerServe'],
  ['reindex', '../../src/cli/commands/reindex.js', 'registerReindex'],
  ['status', '../../src/cli/commands/status.js', 'registerStatus'],
  ['reprocess', '../../src/cli/commands/reprocess.js', 'registerReprocess'],
  ['process', '../../src/cli/commands/process.js', 'registerProcess'],
  ['review', '../../src/cli/commands/review.js', 'registerReview'],
] as const
for (const [, mod, fn] of extra) {
  try {
    const m = (await import(mod)) as Record<string, (p: Command) => void>
    m[fn](program)
  } catch {
    // not written yet
  }
}
try {
  await program.parseAsync(process.argv)
} catch {
  // commander printed it
}
