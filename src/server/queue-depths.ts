import { Queue, type Job } from 'bullmq'
import { Redis } from 'ioredis'
import { ASSEMBLE_QUEUE, PAGES_QUEUE, queuePrefix } from '../queue/names.js'
import { WEBHOOK_QUEUE, DEAD_LETTER_KEY } from '../webhooks/names.js'

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const
export type QueueDepths = Record<string, Record<string, number>>
/** A finished job's timings (ms): waited in the queue, then ran. */
export type JobTiming = { queue: string; jobId: string; finishedOn: number; waitMs: number; runMs: number }

/**
 * Job counts of the pipeline and webhook queues, or null when Redis does not answer within
 * `timeoutMs` (status and /metrics then say so instead of hanging).
 */
export async function queueDepths(
  url: string,
  options: { prefix?: string; timeoutMs?: number; recentCompleted?: number } = {},
): Promise<{ queues: QueueDepths; deadLetters: number; completed: JobTiming[] } | null> {
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
    const completed: JobTiming[] = []
    for (const name of [PAGES_QUEUE, ASSEMBLE_QUEUE, WEBHOOK_QUEUE]) {
      const q = new Queue(name, { connection: probe, prefix })
      try {
        queues[name] = await q.getJobCounts(...QUEUE_STATES)
        if (options.recentCompleted) completed.push(...timings(name, await q.getJobs(['completed'], 0, options.recentCompleted - 1)))
      } finally {
        await q.close()
      }
    }
    const deadLetters = await probe.llen(`${prefix}:${DEAD_LETTER_KEY}`)
    return { queues, deadLetters, completed }
  } finally {
    probe.disconnect()
  }
}

function timings(queue: string, jobs: Job[]): JobTiming[] {
  return jobs.flatMap((j) =>
    j?.id && j.finishedOn && j.processedOn ? [{ queue, jobId: j.id, finishedOn: j.finishedOn, waitMs: Math.max(0, j.processedOn - j.timestamp), runMs: Math.max(0, j.finishedOn - j.processedOn) }] : [],
  )
}
