import type { Queue } from 'bullmq'
import type { PlanStore } from '../store/types.js'
import type { WebhookSettings, Endpoint } from './config.js'
import type { WebhookJobData } from './jobs.js'
import { buildBody, idempotencyKey, webhookEventName } from './payload.js'

/**
 * Turns new feed events into delivery jobs, per endpoint, at least once: the endpoint's cursor
 * (kept in the index's `state` table) moves only after its jobs are in Redis, and the job id
 * `<endpoint>-<cursor>` makes a repeated enqueue (after a crash in between) a no-op in BullMQ.
 */
export class WebhookDispatcher {
  private pumping: Promise<number> | null = null
  private again = false

  constructor(
    private readonly store: PlanStore,
    private readonly queue: Queue<WebhookJobData>,
    private readonly settings: WebhookSettings,
  ) {}

  /** Enqueue everything new; returns the number of jobs added. Calls never overlap. */
  pump(): Promise<number> {
    if (this.pumping) {
      this.again = true
      return this.pumping
    }
    this.pumping = (async () => {
      let n = 0
      do {
        this.again = false
        for (const e of this.settings.endpoints) n += await this.pumpEndpoint(e)
      } while (this.again)
      return n
    })().finally(() => (this.pumping = null))
    return this.pumping
  }

  private async pumpEndpoint(ep: Endpoint): Promise<number> {
    const stateKey = `webhook:${ep.key}`
    let cursor = await this.store.getState(stateKey)
    if (cursor === null && ep.from === 'now') {
      cursor = (await this.store.events(null, 0)).cursor
      let page = await this.store.events(cursor, 10_000)
      while (page.events.length) {
        cursor = page.cursor
        page = await this.store.events(cursor, 10_000)
      }
      await this.store.setState(stateKey, cursor)
    }
    let added = 0
    for (;;) {
      const page = await this.store.events(cursor, 200)
      if (page.events.length === 0) break
      for (const e of page.events) {
        const name = webhookEventName(e)
        if (!name || !ep.events.includes(name)) continue
        const plan = e.id && name !== 'document.failed' ? await this.store.get(e.id) : null
        const samePlan = plan && plan.revision === e.revision ? plan : null
        const link = ep.include === 'link' && e.id && this.settings.publicUrl ? new URL(`plans/${e.id}`, this.settings.publicUrl.replace(/\/?$/, '/')).toString() : null
        const body = JSON.stringify(buildBody(e, name, link ? null : samePlan, link))
        const key = idempotencyKey(e, name)
        // signed at each attempt by the delivering worker (webhook-timestamp must be fresh), so the
        // secret never goes to Redis; webhook-id = the idempotency key, the same on every retry
        const headers: Record<string, string> = {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'kehoach-webhooks/1',
          'X-Kehoach-Event': name,
          'X-Kehoach-Cursor': e.cursor,
          'Idempotency-Key': key,
        }
        await this.queue.add(
          name,
          { url: ep.url, endpoint: ep.key, event: name, planId: e.id, cursor: e.cursor, msgId: key, body, headers },
          {
            jobId: `${ep.key}-${e.cursor}`,
            attempts: this.settings.attempts,
            backoff: { type: 'exponential', delay: this.settings.backoffMs },
            removeOnComplete: { age: 7 * 24 * 3600 },
            removeOnFail: false,
          },
        )
        added++
      }
      cursor = page.cursor
      await this.store.setState(stateKey, cursor)
    }
    return added
  }
}
