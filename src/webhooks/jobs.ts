/** One delivery: everything needed to POST it, already signed (the secret never goes to Redis). */
export type WebhookJobData = {
  url: string
  endpoint: string
  event: string
  planId: string | null
  cursor: string
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
