/**
 * BullMQ processor of the webhook queue: one POST per job. Not sandboxed (network I/O, no CPU).
 * A non-2xx answer or a network error throws, so BullMQ retries with exponential backoff;
 * 410 Gone stops at once (the receiver says it will never take it). Every attempt carries the
 * same body and `webhook-id` (receivers dedupe on it) and is signed afresh (Standard Webhooks:
 * `webhook-timestamp` is the attempt's time, so a late retry stays inside the receiver's replay window).
 */
import type { Job } from 'bullmq'
import { UnrecoverableError } from 'bullmq'
import type { WebhookJobData } from '../src/webhooks/jobs.js'
import { signedHeaders } from '../src/webhooks/payload.js'

export const DELIVERY_TIMEOUT_MS = 10_000

/**
 * The endpoint's secret by endpoint key (src/webhooks/config.ts): null for an endpoint configured
 * without one (sent unsigned), undefined for an endpoint this process does not know (the attempt
 * fails and is retried, rather than going out unsigned).
 */
export type SecretOf = (endpointKey: string) => string | null | undefined

export function webhookDeliverer(secretOf: SecretOf, now: () => number = Date.now) {
  return async function deliverWebhook(job: Job<WebhookJobData>): Promise<{ status: number }> {
    const { url, body, headers, endpoint } = job.data
    const msgId = job.data.msgId ?? headers['Idempotency-Key'] ?? job.id ?? ''
    const secret = secretOf(endpoint)
    if (secret === undefined) throw new Error(`endpoint ${url} is not configured in this process (webhooks.json / --webhook): cannot sign`)
    let res: Response
    try {
      res = await fetch(url, {
        method: 'POST',
        body,
        headers: { ...headers, ...signedHeaders(secret, msgId, body, now()), 'X-Kehoach-Delivery-Attempt': String(job.attemptsMade + 1) },
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      })
    } catch (error) {
      throw new Error(`POST ${url}: ${(error as Error).message}`)
    }
    await res.body?.cancel().catch(() => {})
    if (res.status === 410) throw new UnrecoverableError(`POST ${url}: 410 Gone`)
    if (res.status < 200 || res.status >= 300) throw new Error(`POST ${url}: HTTP ${res.status}`)
    return { status: res.status }
  }
}
