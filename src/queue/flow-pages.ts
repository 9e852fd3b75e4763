/**
 * The page executor of queue mode: a document's pages were read by the flow's child jobs
 * (workers/read-page.ts, on any worker), so the assemble parent does not read them — it collects
 * their outcomes. A page that failed after all its retries (`ignoreDependencyOnFailure`) is a
 * failed outcome with the job's failedReason. A page with neither a result nor a failure was not
 * read badly: Redis lost its job (a restart without persistence), and the document is not failed for
 * it — QueueStateLostError, and the reconciler queues the document again (src/ingest/reconcile.ts).
 */
import type { PageOutcome, PageExecutor } from '../pipeline.js'
import type { SourcePage } from '../schema/page.js'
import { reportFromReason } from './document.js'
import { parsePageJobId } from './names.js'
import { QueueStateLostError } from '../errors.js'

/** What the parent job knows of its children (BullMQ `getChildrenValues`, `getIgnoredChildrenFailures`). */
export type FlowChildren = {
  getChildrenValues<T>(): Promise<Record<string, T>>
  getIgnoredChildrenFailures(): Promise<Record<string, string>>
}

export function flowPages(parent: FlowChildren): PageExecutor {
  return async (doc) => {
    const [values, failures] = await Promise.all([parent.getChildrenValues<SourcePage>(), parent.getIgnoredChildrenFailures()])
    const read = new Map<number, SourcePage>()
    for (const [key, page] of Object.entries(values)) {
      const n = pageOfKey(key) ?? page?.page
      if (n && page) read.set(n, page)
    }
    const failed = new Map<number, string>()
    for (const [key, reason] of Object.entries(failures)) {
      const n = pageOfKey(key)
      if (n) failed.set(n, reason)
    }
    const lost = Array.from({ length: doc.pageCount }, (_, i) => i + 1).filter((p) => !read.has(p) && !failed.has(p))
    if (lost.length > 0) {
      throw new QueueStateLostError(`${doc.fileName}: the queue holds neither a result nor a failure for page ${lost.join(', ')}`, { stage: 'queue' })
    }
    return Array.from({ length: doc.pageCount }, (_, i): PageOutcome => {
      const page = i + 1
      const source = read.get(page)
      if (source) return { page, read: source }
      const reason = failed.get(page)!
      return { page, failed: { reason, report: reportFromReason(reason, 'page') } }
    })
  }
}

/** `prefix:queue:<sha>-p<n>` → n */
function pageOfKey(key: string): number | null {
  return parsePageJobId(key.slice(key.lastIndexOf(':') + 1))?.page ?? null
}
