import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { ASSEMBLE_QUEUE, PAGES_QUEUE, queuePrefix } from '../queue/names.js'
import { WEBHOOK_QUEUE, DEAD_LETTER_KEY } from '../webhooks/names.js'

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const
export type QueueDepths = Record<string, Record<string, number>>

/**
 * Job counts of the pipeline and webhook queues, or null when Redis does not answer within
 * `timeoutMs` (status and /metrics then say so instead of hanging).
 */
export async function queueDepths(url: string, options: { prefix?: string; timeoutMs?: number } = {}): Promise<{ queues: QueueDepths; deadLetters: number } | null> {
  const prefix = options.prefix ?? queuePrefix()
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: options.timeoutMs ?? 1500, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null })
  probe.on('error', () => {})
  try {
    await probe.connect()
    await probe.ping()
  } catch {
    probe.disconnect()
    return null
  }
  try {
    const queues: QueueDepths = {}
    for (const name of [PAGES_QUEUE, ASSEMBLE_QUEUE, WEBHOOK_QUEUE]) {
      const q = new Queue(name, { connection: probe, prefix })
      try {
        queues[name] = await q.getJobCounts(...QUEUE_STATES)
      } finally {
        await q.close()
      }
    }
    const deadLetters = await probe.llen(`${prefix}:${DEAD_LETTER_KEY}`)
    return { queues, deadLetters }
  } finally {
    probe.disconnect()
  }
}
