/**
 * Ledger ↔ queue reconciliation: find documents the ledger has claimed (taken in, not done, not
 * failed) that the queue neither holds as waiting nor runs — Redis restarted without persistence,
 * a job trimmed or lost, a final write that failed and could not even record the failure — and
 * put each back in the queue once.
 *
 * The ledger on disk is the durable record; Redis is not (see ledger.ts). A claim younger than
 * `graceMs` is left alone (the watcher that made it is between claim and enqueue), and so is one
 * re-enqueued less than `graceMs` ago. Re-enqueues are numbered in the ledger and each number is
 * created exclusively, so several watchers reconciling one folder put a lost job back once.
 * After `maxRequeues` the document is only listed (by `kehoach status`): a document that fails
 * again and again without leaving a record points at a broken disk, not at a lost job.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { DocumentRef } from '../queue/jobs.js'
import type { Ledger } from './ledger.js'

/** What the reconciler needs from the queue (DocumentQueue in src/queue/flow.ts). */
export type QueueState = {
  /** BullMQ state of the document's flow, or null when Redis does not hold it */
  state(id: string): Promise<string | null>
  /** why the flow failed (its last attempt's error), or null */
  failedReason(id: string): Promise<string | null>
  enqueue(doc: DocumentRef): Promise<'added' | 'exists'>
}

/** Flow states in which the document is still on its way: nothing to do. */
const LIVE_STATES = new Set(['waiting', 'wait', 'waiting-children', 'active', 'delayed', 'prioritized', 'paused'])

/** Whether a flow in this state (null: not in Redis) is still on its way to a result. */
export function isLive(queueState: string | null): boolean {
  return queueState !== null && LIVE_STATES.has(queueState)
}

export const RECONCILE_DEFAULTS = {
  /** a claim or re-enqueue younger than this is left alone (claim → enqueue takes milliseconds) */
  graceMs: 30_000,
  /** how often the watcher reconciles: a lost document is back in the queue within graceMs + intervalMs */
  intervalMs: 10_000,
  /** re-enqueues of one claim before it is only reported */
  maxRequeues: 3,
  /** a re-dropped file of a claim this old, not live in the queue, is taken in again (another watcher's fresher claim is a race in progress) */
  redropGraceMs: 5_000,
} as const

export type StuckDocument = {
  id: string
  file: string
  claimedAt: string | null
  /** the flow's state in Redis (null: not there) */
  queueState: string | null
  why: string
  requeues: number
  doc: DocumentRef | null
}

function fileOf(doc: { fileName: string; subfolder: string | null }): string {
  return doc.subfolder ? `${doc.subfolder}/${doc.fileName}` : doc.fileName
}

/** `reason`: the failed flow's error, whose first line names the cause (e.g. `cannot write …: no space left on device (ENOSPC)`). */
function whyStuck(queueState: string | null, reason: string | null): string {
  if (queueState === null) return 'claimed in the ledger but not in the queue (Redis restarted or lost the job)'
  if (queueState === 'failed') {
    const cause = reason?.split('\n')[0]
    return `failed in the queue without a failure record (the report could not be written)${cause ? `: ${cause}` : ''}`
  }
  return `${queueState} in the queue without a done record (the result could not be recorded)`
}

/** Claimed documents that are neither queued, running nor done, older than the grace period. */
export async function findStuck(ledger: Ledger, queue: Pick<QueueState, 'state' | 'failedReason'>, opts: { graceMs?: number; now?: number } = {}): Promise<StuckDocument[]> {
  const grace = opts.graceMs ?? RECONCILE_DEFAULTS.graceMs
  const now = opts.now ?? Date.now()
  const stuck: StuckDocument[] = []
  for await (const entry of ledger.inProgress()) {
    if (now - entry.claimedAtMs < grace) continue
    const queueState = await queue.state(entry.id)
    if (isLive(queueState)) continue
    const requeues = await ledger.requeues(entry.id)
    if (requeues.lastMs !== null && now - requeues.lastMs < grace) continue
    const doc = entry.claim?.doc ?? null
    stuck.push({
      id: entry.id,
      file: entry.claim ? fileOf(entry.claim) : entry.id,
      claimedAt: entry.claim?.claimedAt ?? null,
      queueState,
      why: whyStuck(queueState, queueState === 'failed' ? await queue.failedReason(entry.id) : null),
      requeues: requeues.count,
      doc,
    })
  }
  return stuck
}

export type ReconcileResult = { requeued: StuckDocument[]; left: (StuckDocument & { reason: string })[] }

/** Put each stuck document back in the queue, once (see the file comment). */
export async function requeueStuck(
  ledger: Ledger,
  queue: QueueState,
  dataDir: string,
  stuck: StuckDocument[],
  opts: { maxRequeues?: number } = {},
): Promise<ReconcileResult> {
  const max = opts.maxRequeues ?? RECONCILE_DEFAULTS.maxRequeues
  const result: ReconcileResult = { requeued: [], left: [] }
  for (const s of stuck) {
    const leave = (reason: string) => result.left.push({ ...s, reason })
    if (!s.doc) {
      leave('its claim records no queue job to re-enqueue (written by an older kehoach)')
      continue
    }
    if (s.requeues >= max) {
      leave(`re-enqueued ${s.requeues} times already: see \`kehoach status\` and the worker log`)
      continue
    }
    if (!(await stat(path.join(dataDir, s.doc.original)).catch(() => null))) {
      leave(`its original ${s.doc.original} is missing from the data folder`)
      continue
    }
    // a round over many claims takes a while: the document may have finished, or been re-queued, since it was listed
    if ((await ledger.get(s.id))?.state !== 'in-progress' || isLive(await queue.state(s.id))) continue
    if (!(await ledger.recordRequeue(s.id, s.requeues + 1, s.why))) continue // another watcher did it
    await queue.enqueue(s.doc)
    result.requeued.push({ ...s, requeues: s.requeues + 1 })
  }
  return result
}

/** One round: find and re-enqueue. */
export async function reconcile(ledger: Ledger, queue: QueueState, dataDir: string, opts: { graceMs?: number; maxRequeues?: number } = {}): Promise<ReconcileResult> {
  return requeueStuck(ledger, queue, dataDir, await findStuck(ledger, queue, opts), opts)
}
