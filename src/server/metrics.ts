/**
 * Prometheus metrics of `kehoach serve` (prom-client, one registry per server): process metrics,
 * HTTP request durations by route, the index's size, and — when Redis is configured — queue
 * depths and per-stage duration histograms. The stages run in the workers, so their durations are
 * read from the jobs BullMQ keeps after completion (`processedOn`, `finishedOn`): each scrape
 * observes the completed jobs it has not seen yet, so the histograms count each job once.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { ASSEMBLE_QUEUE, PAGES_QUEUE } from '../queue/names.js'
import type { PlanStore } from '../store/types.js'
import { WEBHOOK_QUEUE } from '../webhooks/names.js'
import { queueDepths, type JobTiming } from './queue-depths.js'

/** Queue → the pipeline stage its jobs run. */
export const STAGE_OF_QUEUE: Record<string, string> = {
  [PAGES_QUEUE]: 'page', // render, preprocess, OCR or text layer of one page
  [ASSEMBLE_QUEUE]: 'assemble', // normalize, layout, extract, validate, write the plan
  [WEBHOOK_QUEUE]: 'webhook', // one delivery attempt chain
}
const STAGE_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900]
const HTTP_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
/** completed jobs read per queue and scrape (BullMQ keeps a bounded number anyway) */
const RECENT_COMPLETED = 500
/** job keys remembered so that none is observed twice */
const SEEN_KEPT = 20_000

export class ServerMetrics {
  readonly registry = new Registry()
  private readonly http: Histogram<'method' | 'route' | 'status'>
  private readonly stage: Histogram<'stage'>
  private readonly wait: Histogram<'stage'>
  private readonly seen = new Set<string>()

  constructor(store: PlanStore, redisUrl: string | null) {
    collectDefaultMetrics({ register: this.registry })
    const registers = [this.registry]
    this.http = new Histogram({ name: 'kehoach_http_request_duration_seconds', help: 'HTTP requests served, by route and status.', labelNames: ['method', 'route', 'status'], buckets: HTTP_BUCKETS_S, registers })
    this.stage = new Histogram({ name: 'kehoach_stage_duration_seconds', help: 'Time a pipeline stage job ran (page: read one page; assemble: normalize→write one plan; webhook).', labelNames: ['stage'], buckets: STAGE_BUCKETS_S, registers })
    this.wait = new Histogram({ name: 'kehoach_stage_wait_seconds', help: 'Time a stage job waited in its queue before a worker took it.', labelNames: ['stage'], buckets: STAGE_BUCKETS_S, registers })
    storeGauges(store, registers)
    if (redisUrl) this.queueGauges(redisUrl, registers)
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method, route, status: String(status) }, seconds)
  }

  /** Completed jobs not seen before → the stage histograms. */
  observeJobs(jobs: JobTiming[]): void {
    for (const j of jobs) {
      const key = `${j.queue}:${j.jobId}:${j.finishedOn}`
      if (this.seen.has(key)) continue
      this.seen.add(key)
      const stage = STAGE_OF_QUEUE[j.queue] ?? j.queue
      this.stage.observe({ stage }, j.runMs / 1000)
      this.wait.observe({ stage }, j.waitMs / 1000)
    }
    for (const k of this.seen) {
      if (this.seen.size <= SEEN_KEPT) break
      this.seen.delete(k)
    }
  }

  private queueGauges(redisUrl: string, registers: Registry[]): void {
    // one Redis round per scrape: prom-client collects the metrics in parallel, so all three await it
    const depths = perScrape(async () => {
      const d = await queueDepths(redisUrl, { recentCompleted: RECENT_COMPLETED })
      if (d) this.observeJobs(d.completed)
      return d
    })
    new Gauge({ name: 'kehoach_redis_up', help: 'Whether Redis answered at the last scrape.', registers, async collect() { this.set((await depths()) ? 1 : 0) } })
    new Gauge({
      name: 'kehoach_queue_jobs', help: 'Jobs per queue and state.', labelNames: ['queue', 'state'], registers,
      async collect() {
        const d = await depths()
        this.reset()
        for (const [queue, counts] of Object.entries(d?.queues ?? {})) for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n)
      },
    })
    new Gauge({ name: 'kehoach_webhook_dead_letters', help: 'Webhook deliveries that failed every attempt.', registers, async collect() { this.set((await depths())?.deadLetters ?? 0) } })
  }

  async text(): Promise<string> {
    return this.registry.metrics()
  }
}

/** One call shared by every collector of the same scrape (they run in parallel), fresh on the next. */
function perScrape<T>(fn: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null
  return () => (pending ??= fn().finally(() => setTimeout(() => (pending = null), 0)))
}

function storeGauges(store: PlanStore, registers: Registry[]): void {
  const stats = perScrape(() => store.stats())
  new Gauge({ name: 'kehoach_documents_indexed', help: 'Plans in the index.', registers, async collect() { this.set((await stats()).plans) } })
  new Gauge({ name: 'kehoach_failures', help: 'Failure reports in the data folder.', registers, async collect() { this.set((await stats()).failures) } })
  new Counter({ name: 'kehoach_events_total', help: 'Events in the feed (created, updated, failed, removed).', registers, async collect() { this.reset(); this.inc((await stats()).events) } })
}
