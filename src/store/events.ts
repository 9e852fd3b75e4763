import type { Plan } from '../schema/plan.js'
import type { EventType, StoreEvent } from './types.js'

/** A plan indexed: new (`created`), written by a person's review (`reviewed`), or by the machine again (`updated`). */
export function planEventType(known: boolean, plan: Plan): EventType {
  if (!known) return 'created'
  return plan.review && plan.review.revision === plan.revision ? 'reviewed' : 'updated'
}

/**
 * Feed cursors: "<epoch>-<seq>". The epoch is drawn when an index is created, so a cursor from a
 * deleted and rebuilt index is recognised as foreign and the feed starts again from the beginning
 * (at-least-once: a consumer may see an event twice, never miss one).
 */
export function cursorOf(epoch: string, seq: number): string {
  return `${epoch}-${seq}`
}

/** Sequence number to read after; 0 (everything) for no cursor or one from another index. */
export function parseCursor(cursor: string | null | undefined, epoch: string): number {
  if (!cursor) return 0
  const m = /^([0-9a-f]{1,32})-(\d{1,15})$/.exec(cursor)
  if (!m || m[1] !== epoch) return 0
  return Number(m[2])
}

export function isCursor(s: string): boolean {
  return /^[0-9a-f]{1,32}-\d{1,15}$/.test(s)
}

type EventRow = {
  seq: number | string
  type: StoreEvent['type']
  plan_id: string | null
  revision: number | string | null
  file: string | null
  code?: string | null
  stage?: string | null
  message?: string | null
  hint?: string | null
  at: string | Date
}

export function eventOf(epoch: string, r: EventRow): StoreEvent {
  return {
    cursor: cursorOf(epoch, Number(r.seq)),
    type: r.type,
    id: r.plan_id ?? null,
    revision: r.revision == null ? null : Number(r.revision),
    file: r.file ?? null,
    reason: r.code ? { code: r.code, stage: r.stage ?? null, message: r.message ?? '', hint: r.hint ?? null } : null,
    at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
  }
}
