/** Options and helpers shared by `kehoach watch` and `kehoach worker`. */
import path from 'node:path'
import { ExitCode } from '../../errors.js'
import { DEFAULT_DATA_DIR } from '../settings.js'
import type { ProgressLine } from '../progress.js'
import type { WorkerEvents } from '../../queue/workers.js'
import type { DocumentRef } from '../../queue/jobs.js'
import type { QueueEventHandlers } from '../../queue/events.js'

/** The sandboxed assemble workers load the model themselves: its path goes to them as KEHOACH_MODEL. */
export function modelEnv(modelPath: string | undefined): NodeJS.ProcessEnv {
  return modelPath ? { KEHOACH_MODEL: modelPath } : {}
}

export function dirs(opts: { data?: string; out?: string }): { dataDir: string; outDir: string } {
  const dataDir = path.resolve(opts.data ?? DEFAULT_DATA_DIR)
  const outDir = path.resolve(opts.out ?? path.join(dataDir, 'plans'))
  return { dataDir, outDir }
}

/**
 * Resolve on the first SIGTERM/SIGINT with the exit code to use (SIGTERM: 0, SIGINT: 130); a
 * second signal calls `force` (return active jobs to the queue now, do not wait).
 */
export function onShutdown(force: () => void): Promise<number> {
  return new Promise((resolve) => {
    let signalled = false
    const handler = (signal: NodeJS.Signals) => {
      if (signalled) {
        force()
        return
      }
      signalled = true
      resolve(signal === 'SIGINT' ? ExitCode.ctrlC : ExitCode.ok)
    }
    process.on('SIGTERM', handler)
    process.on('SIGINT', handler)
  })
}

/** Documents and pages done, on stderr: a redrawn line on a terminal, a line per document otherwise. */
export class QueueProgress {
  private readonly docs = new Map<string, { name: string; of: number; done: Set<number> }>()
  documentsDone = 0
  documentsFailed = 0
  pagesDone = 0

  constructor(private readonly ui: ProgressLine) {}

  known(doc: DocumentRef): void {
    if (!this.docs.has(doc.id)) this.docs.set(doc.id, { name: label(doc), of: doc.pageCount, done: new Set() })
  }

  workerEvents(): WorkerEvents {
    return {
      pageDone: ({ job, page }) => {
        this.known(job.data.doc)
        const d = this.docs.get(job.data.doc.id)!
        d.done.add(page)
        this.pagesDone++
        this.ui.update(`${this.summary()} · ${d.name} page ${d.done.size}/${d.of}`)
      },
      pageFailed: ({ id, page, of, error, final }) => {
        const name = this.docs.get(id)?.name ?? id.slice(0, 12)
        this.ui.log(`${final ? 'FAIL' : 'retry'} ${name} page ${page}/${of}: ${error.message.replace(/\nhint: /, '. ')}`)
      },
      documentDone: ({ doc, result }) => {
        this.documentsDone++
        this.docs.delete(doc.id)
        const warn = result.failedPages.length ? ` (${result.failedPages.length} page(s) unreadable, needs review)` : ''
        this.ui.log(`ok   ${label(doc)} → ${result.plan} (${doc.pageCount} p)${warn} · ${this.summary()}`)
      },
      documentFailed: ({ doc, error, final }) => {
        if (!final) return
        this.documentsFailed++
        this.docs.delete(doc.id)
        this.ui.log(`FAIL ${label(doc)}: ${error.message.replace(/\nhint: /, '. ')}`)
      },
      error: (error) => this.ui.log(`kehoach: worker error: ${error.message}`),
    }
  }

  /**
   * The same lines from the queue's event streams (listenQueueEvents): documents read by any
   * worker, here or on other machines. `kehoach watch` uses these; its own workers then only
   * report retries and worker errors (workerEvents would report each page twice).
   */
  queueEvents(): QueueEventHandlers {
    const entry = (id: string, doc: DocumentRef | null, of?: number) => {
      if (doc) this.known(doc)
      else if (!this.docs.has(id)) this.docs.set(id, { name: `${id.slice(0, 12)}…`, of: of ?? 0, done: new Set() })
      return this.docs.get(id)!
    }
    const nameOf = (id: string, doc: DocumentRef | null) => (doc ? label(doc) : this.docs.get(id)?.name ?? `${id.slice(0, 12)}…`)
    return {
      pageProgress: ({ id, doc, page, of, stage }) => {
        const d = entry(id, doc, of)
        this.ui.update(`${this.summary()} · ${d.name} page ${page}/${d.of || of}: ${stage}`)
      },
      pageDone: ({ id, doc, page }) => {
        const d = entry(id, doc)
        d.done.add(page)
        this.pagesDone++
        this.ui.update(`${this.summary()} · ${d.name} page ${d.done.size}/${d.of}`)
      },
      pageFailed: ({ id, doc, page, reason }) => {
        const d = entry(id, doc)
        this.ui.log(`FAIL ${d.name} page ${page}/${d.of}: ${reason.replace(/\nhint: /, '. ')}`)
      },
      documentDone: ({ id, doc, result }) => {
        const name = nameOf(id, doc)
        const of = doc?.pageCount ?? result.pages
        this.documentsDone++
        this.docs.delete(id)
        const warn = result.failedPages?.length ? ` (${result.failedPages.length} page(s) unreadable, needs review)` : ''
        this.ui.log(`ok   ${name} → ${result.plan ?? result.failure ?? '?'} (${of} p)${warn} · ${this.summary()}`)
      },
      documentFailed: ({ id, doc, reason }) => {
        const name = nameOf(id, doc)
        this.documentsFailed++
        this.docs.delete(id)
        this.ui.log(`FAIL ${name}: ${reason.replace(/\nhint: /, '. ')}`)
      },
      error: (error) => this.ui.log(`kehoach: queue events: ${error.message}`),
    }
  }

  /** What `kehoach watch` keeps from its own workers' events when progress comes from listenQueueEvents. */
  localWorkerEvents(): WorkerEvents {
    const all = this.workerEvents()
    return { pageFailed: (info) => (info.final ? undefined : all.pageFailed?.(info)), error: all.error }
  }

  summary(): string {
    const inFlight = [...this.docs.values()]
    const pages = inFlight.reduce((s, d) => s + d.done.size, 0)
    const of = inFlight.reduce((s, d) => s + d.of, 0)
    const failed = this.documentsFailed ? `, ${this.documentsFailed} failed` : ''
    const open = inFlight.length ? `, ${inFlight.length} in progress (pages ${pages}/${of})` : ''
    return `documents: ${this.documentsDone} done${failed}${open} · pages read: ${this.pagesDone}`
  }
}

export function label(doc: { fileName: string; subfolder: string | null }): string {
  return doc.subfolder ? `${doc.subfolder}/${doc.fileName}` : doc.fileName
}
