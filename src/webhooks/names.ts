/** Webhook delivery queue (same Redis prefix as the pipeline queues: KEHOACH_QUEUE_PREFIX). */
export const WEBHOOK_QUEUE = 'kehoach-webhooks'
/** Redis list `<prefix>:webhooks:dead`: deliveries that failed every attempt (newest first). */
export const DEAD_LETTER_KEY = 'webhooks:dead'
