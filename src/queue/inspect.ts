/**
 * What the queue holds right now, for `kehoach status`: documents in flight (assemble
 * parents not finished, with pages done from their children) and recent failed jobs with
 * their reasons. Read-only; no worker needed.
 */
import { Queue, type ConnectionOptions, type Job } from 'bullmq'
import type { AssembleJobData, PageJobData, PageProgress } from './jobs.js'
import { ASSEMBLE_QUEUE, PAGES_QUEUE, parsePageJobId } from './names.js'

export type InFlightDocument = {
  id: string
  file: string
  /** the assemble parent's state: waiting-children (pages being read), waiting/active (assembling), delayed (retry) */
  state: string
  pages: { done: number; failed: number; of: number }
  /** page jobs running now, with their last reported progress */
  active: { page: number; stage: string | null; attempt: number }[]
  enqueuedAt: string | null
}

export type QueueFailure = { queue: string; id: string; page: number | null; file: string | null; reason: string; attempts: number; at: string | null }

const PARENT_STATES = ['active', 'waiting', 'waiting-children', 'delayed', 'prioritized'] as const

function fileOf(doc: { fileName: string; subfolder: string | null } | undefined): string | null {
  if (!doc) return null
  return doc.subfolder ? `${doc.subfolder}/${doc.fileName}` : doc.fileName
}

export async function inspectQueues(
  setup: { connection: ConnectionOptions; prefix: string },
  limit = 50,
): Promise<{ inFlight: InFlightDocument[]; failures: QueueFailure[] }> {
  const assemble = new Queue<AssembleJobData>(ASSEMBLE_QUEUE, { connection: setup.connection, prefix: setup.prefix })
  const pages = new Queue<PageJobData>(PAGES_QUEUE, { connection: setup.connection, prefix: setup.prefix })
  assemble.on('error', () => {})
  pages.on('error', () => {})
  try {
    const [parents, activePages] = await Promise.all([
      assemble.getJobs([...PARENT_STATES], 0, limit - 1, true),
      pages.getJobs(['active'], 0, 999, true),
    ])
    const activeByDoc = new Map<string, InFlightDocument['active']>()
    for (const job of activePages) {
      const parsed = parsePageJobId(job.id)
      if (!parsed) continue
      const p = job.progress as Partial<PageProgress> | number
      const list = activeByDoc.get(parsed.id) ?? []
      list.push({ page: parsed.page, stage: typeof p === 'object' && p && typeof p.stage === 'string' ? p.stage : null, attempt: job.attemptsMade + 1 })
      activeByDoc.set(parsed.id, list)
    }
    const inFlight: InFlightDocument[] = []
    for (const job of parents.filter((j): j is Job<AssembleJobData> => Boolean(j?.id))) {
      const doc = job.data.doc
      const [state, deps] = await Promise.all([job.getState(), job.getDependenciesCount()])
      const failed = (deps.failed ?? 0) + (deps.ignored ?? 0)
      inFlight.push({
        id: job.id!,
        file: fileOf(doc) ?? job.id!,
        state,
        pages: { done: deps.processed ?? 0, failed, of: doc?.pageCount ?? (deps.processed ?? 0) + (deps.unprocessed ?? 0) + failed },
        active: (activeByDoc.get(job.id!) ?? []).sort((a, b) => a.page - b.page),
        enqueuedAt: doc?.enqueuedAt ?? (job.timestamp ? new Date(job.timestamp).toISOString() : null),
      })
    }
    inFlight.sort((a, b) => (a.enqueuedAt ?? '').localeCompare(b.enqueuedAt ?? ''))

    const failures: QueueFailure[] = []
    for (const [queue, q] of [[ASSEMBLE_QUEUE, assemble], [PAGES_QUEUE, pages]] as const) {
      const jobs = (await (q as Queue).getJobs(['failed'], 0, limit - 1, false)) as Job<AssembleJobData | PageJobData>[]
      for (const job of jobs) {
        if (!job?.id) continue
        const parsed = parsePageJobId(job.id)
        failures.push({
          queue,
          id: parsed?.id ?? job.id,
          page: parsed?.page ?? null,
          file: fileOf(job.data?.doc),
          reason: job.failedReason ?? '',
          attempts: job.attemptsMade,
          at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        })
      }
    }
    failures.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''))
    return { inFlight, failures: failures.slice(0, limit) }
  } finally {
    await Promise.allSettled([assemble.close(), pages.close()])
  }
}
