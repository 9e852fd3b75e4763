import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { Plan } from '../schema/plan.js'
import { SCHEMA_VERSION } from '../schema/plan.js'
import type { StoreEvent } from '../store/types.js'
import type { WebhookEventName } from './config.js'

export type WebhookBody = {
  type: WebhookEventName
  /** the feed cursor of this event: GET /events?after=<cursor> continues from here */
  cursor: string
  at: string
  id: string | null
  revision: number | null
  schemaVersion: string
  file: string | null
  reason: StoreEvent['reason']
  plan?: Plan | null
  link?: string | null
}

export function webhookEventName(e: StoreEvent): WebhookEventName | null {
  const names: Partial<Record<StoreEvent['type'], WebhookEventName>> = {
    created: 'document.created', updated: 'document.updated', failed: 'document.failed', reviewed: 'plan.reviewed',
  }
  return names[e.type] ?? null
}

/** `<id>-<rev>-<event>`: the same delivery always carries the same key (receivers dedupe on it). */
export function idempotencyKey(e: StoreEvent, name: WebhookEventName): string {
  const id = e.id ?? `file${createHash('sha256').update(e.file ?? e.cursor).digest('hex').slice(0, 16)}`
  return `${id}-${e.revision ?? 0}-${name.replace(/^(document|plan)\./, '')}`
}

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>` */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

/** For receivers (and tests): constant-time check of X-Kehoach-Signature. */
export function verifySignature(secret: string, body: string | Buffer, header: string | undefined): boolean {
  if (!header) return false
  const want = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`)
  const got = Buffer.from(header)
  return want.length === got.length && timingSafeEqual(want, got)
}

export function buildBody(e: StoreEvent, name: WebhookEventName, plan: Plan | null, link: string | null): WebhookBody {
  return {
    type: name,
    cursor: e.cursor,
    at: e.at,
    id: e.id,
    revision: e.revision,
    schemaVersion: SCHEMA_VERSION,
    file: e.file,
    reason: e.reason,
    ...(plan !== undefined && link === null ? { plan } : {}),
    ...(link !== null ? { link } : {}),
  }
}
