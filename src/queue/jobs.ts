/**
 * What travels in a job (small JSON: no file bytes — page jobs read the durable original from
 * the shared data folder) and the options of each job kind.
 */
import type { JobsOptions } from 'bullmq'
import type { PreparedDocument } from '../document.js'
import type { Limits } from '../limits.js'
import type { SourcePage } from '../schema/page.js'

/** One document, as the flow carries it: PreparedDocument without the bytes. */
export type DocumentRef = Omit<PreparedDocument, 'bytes'> & {
  /** the durable copy, relative to the data folder (`originals/<id>.<ext>`), so that machines may mount it anywhere */
  original: string
  limits: Limits
  forceOcr?: boolean
  /** reprocess: the previous result's reviewed fields are not carried into the new revision */
  discardReviews?: boolean
  /** ISO time the watcher enqueued it */
  enqueuedAt: string
}

export type PageJobData = { doc: DocumentRef; page: number }
export type PageJobResult = SourcePage
export type AssembleJobData = { doc: DocumentRef }
export type AssembleJobResult = { id: string; plan: string | null; failure: string | null; pages: number; failedPages: number[] }

/** `job.updateProgress` payload of page jobs. */
export type PageProgress = { stage: string; page: number; of: number }

const HOUR = 3600
const DAY = 24 * HOUR

/**
 * Retention is bounded both ways: finished jobs are trimmed by age and count (Redis holds
 * nothing forever; the ledger on disk is the record). Page results live on in the parent's
 * `processed` hash after a child is removed, so trimming children does not lose pages.
 * Failed jobs are kept longer: they are what an operator looks at.
 */
export const PAGE_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 }, // 5 s, 10 s
  // A page that fails for good does not block the document: the parent runs, sees the
  // failure with getIgnoredChildrenFailures(), and assembles the other pages with a warning.
  ignoreDependencyOnFailure: true,
  removeOnComplete: { age: DAY, count: 5_000 },
  removeOnFail: { age: 7 * DAY, count: 5_000 },
}

export const ASSEMBLE_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { age: 7 * DAY, count: 1_000 },
  removeOnFail: { age: 30 * DAY, count: 1_000 },
}
