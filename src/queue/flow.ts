/**
 * The producer side: one document = one BullMQ flow, N page children under an `assemble`
 * parent, added atomically (all jobs or none).
 */
import { FlowProducer, Queue, type ConnectionOptions } from 'bullmq'
import { ASSEMBLE_JOB_OPTIONS, PAGE_JOB_OPTIONS, type AssembleJobData, type DocumentRef, type PageJobData } from './jobs.js'
import { ASSEMBLE_QUEUE, PAGES_QUEUE, assembleJobId, pageJobId, queuePrefix } from './names.js'

export type QueueSetup = { connection: ConnectionOptions; prefix?: string }

export class DocumentQueue {
  private readonly producer: FlowProducer
  private readonly assemble: Queue<AssembleJobData>
  readonly prefix: string

  constructor(setup: QueueSetup) {
    this.prefix = setup.prefix ?? queuePrefix()
    this.producer = new FlowProducer({ connection: setup.connection, prefix: this.prefix })
    this.assemble = new Queue<AssembleJobData>(ASSEMBLE_QUEUE, { connection: setup.connection, prefix: this.prefix })
    // connection errors surface on the calls below; keep them from becoming unhandled 'error' events
    this.producer.on('error', () => {})
    this.assemble.on('error', () => {})
  }

  /** Whether Redis still holds this document's flow (in any state). */
  async has(id: string): Promise<boolean> {
    return (await this.assemble.getJob(assembleJobId(id))) != null
  }

  /** The state of the document's flow in Redis (BullMQ's job state of its parent), or null when Redis does not hold it. */
  async state(id: string): Promise<string | null> {
    const job = await this.assemble.getJob(assembleJobId(id))
    if (!job) return null
    const state = await job.getState()
    return state === 'unknown' ? null : state
  }

  /** Why the document's flow failed (BullMQ's failedReason: the last attempt's error), or null when it did not fail or Redis does not hold it. */
  async failedReason(id: string): Promise<string | null> {
    return (await this.assemble.getJob(assembleJobId(id)))?.failedReason || null
  }

  /**
   * Add the document's flow. Job ids are derived from the content hash: while the flow is
   * waiting or running, a second call adds nothing. The ledger decides what is a duplicate, so
   * a finished flow still kept in Redis (retention) when the watcher has a fresh claim — an
   * operator cleared the ledger record to process the file again — is removed and added anew.
   */
  async enqueue(doc: DocumentRef): Promise<'added' | 'exists'> {
    const existing = await this.assemble.getJob(assembleJobId(doc.id))
    if (existing) {
      const state = await existing.getState()
      if (state !== 'completed' && state !== 'failed') return 'exists'
      await existing.remove({ removeChildren: true })
    }
    const children = Array.from({ length: doc.pageCount }, (_, i) => ({
      name: 'read-page',
      queueName: PAGES_QUEUE,
      data: { doc, page: i + 1 } satisfies PageJobData,
      opts: { ...PAGE_JOB_OPTIONS, jobId: pageJobId(doc.id, i + 1) },
    }))
    await this.producer.add({
      name: 'assemble',
      queueName: ASSEMBLE_QUEUE,
      data: { doc } satisfies AssembleJobData,
      opts: { ...ASSEMBLE_JOB_OPTIONS, jobId: assembleJobId(doc.id) },
      children,
    })
    return 'added'
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.producer.close(), this.assemble.close()])
  }
}
