/**
 * BullMQ processor of the webhook queue: one POST per job. Not sandboxed (network I/O, no CPU).
 * A non-2xx answer or a network error throws, so BullMQ retries with exponential backoff;
 * 410 Gone stops at once (the receiver says it will never take it). Retries resend the same
 * body, signature and Idempotency-Key, so a receiver that saw a lost 200 can drop the copy.
 */
import type { Job } from 'bullmq'
import { UnrecoverableError } from 'bullmq'
import type { WebhookJobData } from '../src/webhooks/jobs.js'

export const DELIVERY_TIMEOUT_MS = 10_000

export default async function deliverWebhook(job: Job<WebhookJobData>): Promise<{ status: number }> {
  const { url, body, headers } = job.data
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      body,
      headers: { ...headers, 'X-Kehoach-Delivery-Attempt': String(job.attemptsMade + 1) },
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
