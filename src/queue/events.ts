/**
 * Progress of documents read by any worker — this process or `kehoach worker` on other
 * machines — from BullMQ's event streams (QueueEvents: progress, completed, failed) of the
 * pages and assemble queues. What `kehoach watch` shows, with or without its own workers.
 *
 * 'failed' in the event stream means failed for good (a retried attempt goes back to
 * delayed/wait, not to failed). Events are handled one after the other, in stream order, so
 * "page 2/2 done" is always reported before "document done" even though the document's name
 * is looked up (once, then cached) from its assemble job.
 */
import { Queue, QueueEvents, type ConnectionOptions } from 'bullmq'
import type { AssembleJobData, AssembleJobResult, DocumentRef, PageProgress } from './jobs.js'
import { ASSEMBLE_QUEUE, PAGES_QUEUE, assembleJobId, parsePageJobId } from './names.js'

export type QueueEventHandlers = {
  pageProgress?: (info: { id: string; doc: DocumentRef | null } & PageProgress) => void
  pageDone?: (info: { id: string; doc: DocumentRef | null; page: number }) => void
  pageFailed?: (info: { id: string; doc: DocumentRef | null; page: number; reason: string }) => void
  documentDone?: (info: { id: string; doc: DocumentRef | null; result: AssembleJobResult }) => void
  documentFailed?: (info: { id: string; doc: DocumentRef | null; reason: string }) => void
  error?: (error: Error) => void
}

export type QueueEventsListener = { close(): Promise<void> }

export async function listenQueueEvents(setup: { connection: ConnectionOptions; prefix: string }, on: QueueEventHandlers): Promise<QueueEventsListener> {
  const opts = { connection: setup.connection, prefix: setup.prefix }
  const pages = new QueueEvents(PAGES_QUEUE, opts)
  const assemble = new QueueEvents(ASSEMBLE_QUEUE, opts)
  const lookup = new Queue<AssembleJobData>(ASSEMBLE_QUEUE, opts)
  lookup.on('error', () => {})
  const docs = new Map<string, DocumentRef | null>()
  const docOf = async (id: string): Promise<DocumentRef | null> => {
    if (docs.has(id)) return docs.get(id)!
    let doc: DocumentRef | null = null
    try {
      doc = (await lookup.getJob(assembleJobId(id)))?.data.doc ?? null
    } catch {
      doc = null
    }
    if (doc || docs.size < 10_000) docs.set(id, doc)
    return doc
  }
  let chain = Promise.resolve()
  const serial = (task: () => Promise<void>) => {
    chain = chain.then(task).catch((e: Error) => on.error?.(e))
  }

  pages.on('progress', ({ jobId, data }) => {
    const parsed = parsePageJobId(jobId)
    if (!parsed || !data || typeof data !== 'object') return
    serial(async () => on.pageProgress?.({ id: parsed.id, doc: await docOf(parsed.id), ...(data as PageProgress) }))
  })
  pages.on('completed', ({ jobId }) => {
    const parsed = parsePageJobId(jobId)
    if (parsed) serial(async () => on.pageDone?.({ id: parsed.id, doc: await docOf(parsed.id), page: parsed.page }))
  })
  pages.on('failed', ({ jobId, failedReason }) => {
    const parsed = parsePageJobId(jobId)
    if (parsed) serial(async () => on.pageFailed?.({ id: parsed.id, doc: await docOf(parsed.id), page: parsed.page, reason: failedReason }))
  })
  assemble.on('completed', ({ jobId, returnvalue }) => {
    serial(async () => {
      const doc = await docOf(jobId)
      docs.delete(jobId)
      on.documentDone?.({ id: jobId, doc, result: returnvalue as unknown as AssembleJobResult })
    })
  })
  assemble.on('failed', ({ jobId, failedReason }) => {
    serial(async () => {
      const doc = await docOf(jobId)
      docs.delete(jobId)
      on.documentFailed?.({ id: jobId, doc, reason: failedReason })
    })
  })
  for (const q of [pages, assemble]) q.on('error', (e) => on.error?.(e))

  await Promise.all([pages.waitUntilReady(), assemble.waitUntilReady()])
  return {
    async close() {
      await Promise.allSettled([pages.close(), assemble.close()])
      await chain
      await lookup.close().catch(() => {})
    },
  }
}
