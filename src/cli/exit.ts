import { ExitCode, KehoachError, toErrorReport } from '../errors.js'

/** `file: reason. hint` — one line a person can act on; the stack only with --verbose. */
export function describeFailure(file: string, error: unknown, verbose = false): string {
  const r = toErrorReport(error)
  const line = `${file}: ${r.message.replace(/\.$/, '')}. ${r.hint}`
  return verbose && error instanceof Error && error.stack ? `${line}\n${error.stack}` : line
}

export function exitCodeOf(error: unknown): number {
  return error instanceof KehoachError ? error.exitCode : ExitCode.other
}

/** Top-level handler for a command's promise: print, pick the exit code, never a raw stack. */
export async function runCommand(fn: () => Promise<number | void>, verbose = false): Promise<void> {
  try {
    const code = await fn()
    process.exitCode = code ?? ExitCode.ok
  } catch (error) {
    process.stderr.write(`kehoach: ${describeFailure('error', error, verbose).replace(/^error: /, '')}\n`)
    process.exitCode = exitCodeOf(error)
  }
}
