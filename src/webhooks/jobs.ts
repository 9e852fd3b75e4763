/**
 * One delivery: everything needed to POST it but the signature, which the delivering worker adds at
 * each attempt from the endpoint's secret held in its own memory (the secret never goes to Redis).
 */
export type WebhookJobData = {
  url: string
  endpoint: string
  event: string
  planId: string | null
  cursor: string
  /** Standard Webhooks `webhook-id`: the same on every attempt (receivers dedupe on it) */
  msgId: string
  body: string
  headers: Record<string, string>
}

export type DeadLetter = {
  jobId: string
  url: string
  event: string
  planId: string | null
  idempotencyKey: string | null
  attempts: number
  error: string
  at: string
}
