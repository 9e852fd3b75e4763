import type { Queue, Worker } from 'bullmq'
import { bullConnection, DEFAULT_REDIS_URL } from '../queue/connection.js'
import { queuePrefix } from '../queue/names.js'
import { indexFolder, watchFolder, type FolderWatch } from '../store/indexer.js'
import { openStore } from '../store/open.js'
import type { PlanStore } from '../store/types.js'
import { loadWebhookSettings } from '../webhooks/config.js'
import { WebhookDispatcher } from '../webhooks/dispatch.js'
import type { WebhookJobData } from '../webhooks/jobs.js'
import { startWebhookWorker, webhookQueue } from '../webhooks/queue.js'
import { buildServer } from './app.js'
import type { ApiApp } from './context.js'

export type StartOptions = {
  dataDir: string
  db?: string | null
  port?: number
  host?: string
  token?: string | null
  /** Redis URL: queue depths in /metrics; webhook delivery (default REDIS_URL or 127.0.0.1:6379 when webhooks are set) */
  redisUrl?: string | null
  /** BullMQ key prefix (default KEHOACH_QUEUE_PREFIX or "kehoach") */
  queuePrefix?: string
  /** re-index period (ms); file-system events trigger it sooner */
  intervalMs?: number
  /** --webhook URLs and secret (DATA/.kehoach/webhooks.json is read too); worker: deliver in this process */
  webhooks?: { urls?: string[]; secret?: string | null; worker?: boolean }
  log?: (line: string) => void
  /** one JSON line per HTTP request */
  accessLog?: ((line: string) => void) | null
  /** mount the queue dashboard at /admin/queues when redisUrl is set (default true) */
  dashboard?: boolean
}

export type RunningServer = {
  url: string
  app: ApiApp
  store: PlanStore
  watch: FolderWatch
  webhooks: WebhookDispatcher | null
  close(): Promise<void>
}

/** `kehoach serve`: index the folder, keep the index in step, push webhooks, answer HTTP (loopback by default). */
export async function startServer(o: StartOptions): Promise<RunningServer> {
  const log = o.log ?? (() => {})
  const settings = await loadWebhookSettings(o.dataDir, o.webhooks ?? {})
  const store = await openStore({ dataDir: o.dataDir, db: o.db })
  const first = await indexFolder(o.dataDir, store)
  log(`indexed ${first.scanned} files (${first.changed} new or changed) in ${first.ms} ms → ${store.location}`)
  for (const bad of first.invalid) log(`skipped ${bad.file}: ${bad.message}`)

  let queue: Queue<WebhookJobData> | null = null
  let worker: Worker<WebhookJobData> | null = null
  let dispatcher: WebhookDispatcher | null = null
  if (settings.endpoints.length) {
    const prefix = o.queuePrefix ?? queuePrefix()
    const connection = bullConnection(o.redisUrl ?? DEFAULT_REDIS_URL)
    queue = webhookQueue({ connection, prefix })
    if (o.webhooks?.worker !== false) {
      const secrets = new Map(settings.endpoints.map((e) => [e.key, e.secretValue]))
      worker = startWebhookWorker({ connection, prefix, secretOf: (key) => secrets.get(key) })
    }
    dispatcher = new WebhookDispatcher(store, queue, settings)
    const n = await dispatcher.pump()
    log(`webhooks: ${settings.endpoints.length} endpoint(s); ${n} deliveries queued`)
  }
  const pump = () => {
    dispatcher?.pump().catch((e: Error) => log(`webhooks: ${e.message}`))
  }
  const watch = watchFolder(o.dataDir, store, {
    intervalMs: o.intervalMs ?? 5000,
    onReport: (r) => {
      log(`indexed ${r.changed} changed, ${r.removed} removed file(s)`)
      if (r.events.length) pump()
    },
    onError: (e) => log(`index error: ${(e as Error).message}`),
  })
  const dashboard = o.redisUrl && o.dashboard !== false ? { connection: bullConnection(o.redisUrl), prefix: o.queuePrefix ?? queuePrefix() } : null
  const app = await buildServer({ dataDir: o.dataDir, store, token: o.token, redisUrl: o.redisUrl ?? null, dashboard, accessLog: o.accessLog, afterWrite: () => watch.refresh() })
  if (dashboard) log(`queue dashboard at /admin/queues${o.token ? ' (token: Authorization header, or ?token= once in a browser)' : ' (read-only: no token set)'}`)
  const url = await app.listen({ port: o.port ?? 8080, host: o.host ?? '127.0.0.1' })
  return {
    url,
    app,
    store,
    watch,
    webhooks: dispatcher,
    async close() {
      await app.close()
      await watch.close()
      await dispatcher?.pump().catch(() => 0)
      await worker?.close()
      await queue?.close()
      await store.close()
    },
  }
}
