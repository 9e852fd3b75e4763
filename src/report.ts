import type { Warning } from './schema/plan.js'

export type Position = { page: number; line?: number; column?: number }

/**
 * Collects positioned messages for one document (after vfile-message): `info`/`warn` land in
 * `quality.warnings[]`; `fail` throws, because a stage that cannot go on must say so.
 */
export class Report {
  readonly warnings: Warning[] = []
  readonly reviewReasons: string[] = []

  info(message: string, position: Position | null, code: string, extra: Pick<Warning, 'actual' | 'expected'> = {}): void {
    this.warnings.push({ severity: 'info', code, message, position, ...extra })
  }

  warn(message: string, position: Position | null, code: string, extra: Pick<Warning, 'actual' | 'expected'> = {}): void {
    this.warnings.push({ severity: 'warning', code, message, position, ...extra })
  }

  /** Mark the document for human review (a key field missing or unsure), with the reason. */
  needsReview(reason: string): void {
    this.reviewReasons.push(reason)
  }

  fail(error: Error): never {
    throw error
  }
}
