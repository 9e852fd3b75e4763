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

/**
 * Standard Webhooks (standardwebhooks.com): the signed content is `<webhook-id>.<webhook-timestamp>.<body>`,
 * HMAC-SHA256, base64, sent as `webhook-signature: v1,<base64>`. A secret written `whsec_<base64>` is
 * the base64-decoded key (what the Standard Webhooks libraries generate); any other secret is used as
 * its UTF-8 bytes (their `format: "raw"`).
 */
export function signingKey(secret: string): Buffer {
  return secret.startsWith(SECRET_PREFIX) ? Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64') : Buffer.from(secret, 'utf8')
}

export const SECRET_PREFIX = 'whsec_'
/** Receivers refuse a delivery whose timestamp is further than this from their clock (replay window). */
export const REPLAY_TOLERANCE_S = 5 * 60

export function sign(secret: string, msgId: string, timestampS: number, body: string | Buffer): string {
  const mac = createHmac('sha256', signingKey(secret)).update(`${msgId}.${timestampS}.`).update(body).digest('base64')
  return `v1,${mac}`
}

/** The three Standard Webhooks headers for one attempt, signed now. */
export function signedHeaders(secret: string | null, msgId: string, body: string, nowMs: number): Record<string, string> {
  const ts = Math.floor(nowMs / 1000)
  return { 'webhook-id': msgId, 'webhook-timestamp': String(ts), ...(secret ? { 'webhook-signature': sign(secret, msgId, ts, body) } : {}) }
}

/**
 * For receivers (and tests): the Standard Webhooks check. False unless one of the space-separated
 * `v1,` signatures matches (constant time) and the timestamp is within `toleranceS` of `nowMs`.
 */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string | Buffer,
  nowMs = Date.now(),
  toleranceS = REPLAY_TOLERANCE_S,
): boolean {
  const one = (k: string) => {
    const v = headers[k]
    return Array.isArray(v) ? v[0] : v
  }
  const id = one('webhook-id')
  const ts = Number(one('webhook-timestamp'))
  const sigs = one('webhook-signature')
  if (!id || !sigs || !Number.isInteger(ts) || Math.abs(nowMs / 1000 - ts) > toleranceS) return false
  const want = Buffer.from(sign(secret, id, ts, body))
  return sigs.split(' ').some((s) => {
    const got = Buffer.from(s)
    return got.length === want.length && timingSafeEqual(got, want)
  })
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
