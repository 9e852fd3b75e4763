import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq'
import { Redis } from 'ioredis'
import { webhookDeliverer, type SecretOf } from '../../workers/webhook.js'
import { queuePrefix } from '../queue/names.js'
import type { DeadLetter, WebhookJobData } from './jobs.js'
import { DEAD_LETTER_KEY, WEBHOOK_QUEUE } from './names.js'

export type WebhookQueueOptions = { connection: ConnectionOptions; prefix?: string }

export function webhookQueue(o: WebhookQueueOptions): Queue<WebhookJobData> {
  return new Queue<WebhookJobData>(WEBHOOK_QUEUE, { connection: o.connection, prefix: o.prefix ?? queuePrefix() })
}

export function deadLetterKey(prefix = queuePrefix()): string {
  return `${prefix}:${DEAD_LETTER_KEY}`
}

const DEAD_LETTERS_KEPT = 1000

/**
 * Delivers webhook jobs in this process. A job that fails its last attempt (or gets 410) goes to
 * the dead-letter list (`<prefix>:webhooks:dead`, newest first), which `kehoach status` shows.
 */
export function startWebhookWorker(o: WebhookQueueOptions & { concurrency?: number; secretOf: SecretOf }): Worker<WebhookJobData> {
  const prefix = o.prefix ?? queuePrefix()
  const worker = new Worker<WebhookJobData>(WEBHOOK_QUEUE, webhookDeliverer(o.secretOf), { connection: o.connection, prefix, concurrency: o.concurrency ?? 4 })
  let redis: Redis | null = null
  worker.on('failed', (job: Job<WebhookJobData> | undefined, error: Error) => {
    if (!job) return
    const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1)
    if (!final) return
    const dead: DeadLetter = {
      jobId: job.id ?? '',
      url: job.data.url,
      event: job.data.event,
      planId: job.data.planId,
      idempotencyKey: job.data.headers['Idempotency-Key'] ?? null,
      attempts: job.attemptsMade,
      error: error.message,
      at: new Date().toISOString(),
    }
    void (async () => {
      redis ??= redisFrom(o.connection)
      await redis.multi().lpush(deadLetterKey(prefix), JSON.stringify(dead)).ltrim(deadLetterKey(prefix), 0, DEAD_LETTERS_KEPT - 1).exec()
    })().catch(() => {})
  })
  worker.on('error', () => {}) // connection errors: the worker reconnects by itself
  worker.on('closed', () => {
    redis?.disconnect()
  })
  return worker
}

export async function readDeadLetters(client: Redis, prefix = queuePrefix(), limit = 20): Promise<{ total: number; items: DeadLetter[] }> {
  const [total, items] = await Promise.all([client.llen(deadLetterKey(prefix)), client.lrange(deadLetterKey(prefix), 0, limit - 1)])
  return { total, items: items.map((s) => JSON.parse(s) as DeadLetter) }
}

/** A separate client from BullMQ connection options (an ioredis instance, `{ url, … }` or host/port). */
export function redisFrom(connection: ConnectionOptions): Redis {
  if (connection instanceof Redis) return connection.duplicate()
  const { url, ...rest } = connection as { url?: string } & Record<string, unknown>
  return url ? new Redis(url, { ...rest, maxRetriesPerRequest: 3 }) : new Redis({ ...rest, maxRetriesPerRequest: 3 })
}
