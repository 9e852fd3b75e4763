/** Process exit codes (after OCRmyPDF's exceptions.py): one meaning each. */
export const ExitCode = {
  ok: 0,
  badArgs: 1,
  inputFailed: 2,
  missingDependency: 3,
  invalidOutput: 4,
  fileAccess: 5,
  redisUnavailable: 6,
  other: 15,
  ctrlC: 130,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/**
 * One class per failure: a stable `code`, the exit code, whether a retry can help,
 * and a hint that says the fix. Deep code throws these; the CLI and workers decide what to do.
 */
export abstract class KehoachError extends Error {
  abstract readonly code: string
  abstract readonly hint: string
  readonly exitCode: ExitCode = ExitCode.inputFailed
  readonly retryable: boolean = false
  /** pipeline stage that failed: ingest, pdf, image, ocr, normalize, extract, schema, store */
  stage = 'ingest'

  constructor(message: string, options?: { cause?: unknown; stage?: string }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined)
    this.name = new.target.name
    if (options?.stage) this.stage = options.stage
  }

  toReport(): ErrorReport {
    return { code: this.code, stage: this.stage, message: this.message, hint: this.hint, retryable: this.retryable }
  }
}

export type ErrorReport = { code: string; stage: string; message: string; hint: string; retryable: boolean }

export class BadArgumentError extends KehoachError {
  code = 'args.invalid'
  override readonly exitCode: ExitCode = ExitCode.badArgs
  stage = 'cli'
  hint = 'See `kehoach <command> --help`.'
}

export class EmptyInputError extends KehoachError {
  code = 'input.empty'
  hint = 'The file has no bytes: copy it again from its source.'
}

export class UnsupportedInputError extends KehoachError {
  code = 'input.unsupported'
  hint = 'kehoach reads PDF, PNG, JPEG, TIFF and UTF-8 text files.'
}

export class CorruptInputError extends KehoachError {
  code = 'input.corrupt'
  hint = 'The file is damaged or truncated: copy it again, or repair it (qpdf in.pdf out.pdf) and retry.'
}

export class EncryptedPdfError extends KehoachError {
  code = 'input.encrypted'
  hint = 'Remove the password (qpdf --decrypt --password=… in.pdf out.pdf), then retry.'
}

export class InputTooLargeError extends KehoachError {
  code = 'input.too-large'
  hint = 'Split the document (qpdf --split-pages) or raise the limit (--max-pages, --max-pixels).'
}

export class MissingDependencyError extends KehoachError {
  code = 'env.missing-dependency'
  override readonly exitCode: ExitCode = ExitCode.missingDependency
  hint = 'Run `npm ci` in the kehoach folder to install the OCR model and native modules.'
}

export class InvalidOutputError extends KehoachError {
  code = 'output.invalid'
  override readonly exitCode: ExitCode = ExitCode.invalidOutput
  stage = 'schema'
  hint = 'This is a bug in kehoach: please report it with the input file.'
}

export class RedisUnavailableError extends KehoachError {
  code = 'env.redis-unavailable'
  override readonly exitCode: ExitCode = ExitCode.redisUnavailable
  override readonly retryable: boolean = true
  hint = 'Start Redis (redis-server) or set REDIS_URL; `kehoach process` works without Redis.'
}

export class FileAccessError extends KehoachError {
  code = 'env.file-access'
  override readonly exitCode: ExitCode = ExitCode.fileAccess
  hint = 'Check that the path exists and is readable, and that the output folder is writable.'
}

/**
 * A result or report could not be written: the output disk is full or read-only, or the folder
 * is not ours. Per document (the batch goes on); the message names the cause in words.
 */
export class OutputWriteError extends KehoachError {
  code = 'output.write'
  override readonly exitCode: ExitCode = ExitCode.fileAccess
  override readonly retryable: boolean = true
  stage = 'store'
  hint = 'Free space on the output disk, or make the output folder writable (mounted read-write, owned by this user), then run again.'
}

/** errno codes of a failed write, in the words an operator acts on. */
const WRITE_FAILURE_CAUSES: Record<string, string> = {
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'folder missing or not creatable',
  ENOTDIR: 'a path component is not a folder',
  EIO: 'input/output error (disk or network share)',
}

/** `cannot write <target>: no space left on device (ENOSPC)`; a KehoachError passes through. */
export function outputWriteError(target: string, cause: unknown): KehoachError {
  if (cause instanceof KehoachError) return cause
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code
  const words = errno ? (WRITE_FAILURE_CAUSES[errno] ?? (cause as Error).message) : String((cause as Error)?.message ?? cause)
  return new OutputWriteError(`cannot write ${target}: ${words}${errno ? ` (${errno})` : ''}`, { cause, stage: 'store' })
}

/**
 * An inbox entry that is not a regular file of the inbox's own: a symlink, a device, a FIFO, a
 * socket, a file with other hard links or behind a symlinked folder. Reported and left alone:
 * reading it could leak a file from elsewhere, and removing it could delete someone else's data.
 */
export class UnsafeInputError extends KehoachError {
  code = 'input.not-a-file'
  hint = 'The inbox takes regular files only: copy the document itself into the inbox (not a link, device or pipe). The entry was left where it is.'
}

/**
 * A queue-mode document whose page results are gone from Redis (restarted without persistence, keys
 * evicted): neither a page's result nor its failure is there. Not a fault of the document: no failure
 * is recorded for it, the claim stays in progress, and the ledger ↔ queue reconciler queues it again.
 */
export class QueueStateLostError extends KehoachError {
  code = 'queue.state-lost'
  override readonly exitCode: ExitCode = ExitCode.redisUnavailable
  override readonly retryable: boolean = true
  stage = 'queue'
  hint = 'Redis lost the page results (a restart without persistence?): the document is queued again by the reconciler.'
}

/**
 * No page of a document could be read: the document fails for good, with the first page's own
 * failure (its code and hint say the fix, e.g. input.too-large → split the document).
 */
export class NoPageReadError extends KehoachError {
  readonly code: string
  readonly hint: string

  constructor(fileName: string, first: ErrorReport) {
    super(`no page of ${fileName} could be read: ${first.message}`, { stage: first.stage })
    this.code = first.code
    this.hint = first.hint
  }
}

/** Wrap anything thrown into a report; unknown errors are retryable (they may be transient). */
export function toErrorReport(error: unknown, stage = 'unknown'): ErrorReport {
  if (error instanceof KehoachError) return error.toReport()
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'internal', stage, message, hint: 'Unexpected error: run with --verbose and report it.', retryable: true }
}
