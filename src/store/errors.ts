import { ExitCode, KehoachError } from '../errors.js'

/** A `--sql` statement or a filter the index refused. */
export class StoreQueryError extends KehoachError {
  code = 'store.query'
  override readonly exitCode: ExitCode = ExitCode.badArgs
  stage = 'store'
  hint = 'Only read-only SQL over the tables in docs/store.md (plans, legal_bases, citations, targets, tasks, events) is allowed.'
}

/** The index database cannot be opened or reached. */
export class StoreUnavailableError extends KehoachError {
  code = 'store.unavailable'
  override readonly exitCode: ExitCode = ExitCode.fileAccess
  override readonly retryable: boolean = true
  stage = 'store'
  hint = 'Check --data (a folder of results) and --db (postgres://… reachable); `kehoach reindex` rebuilds the index from the JSON files.'
}
