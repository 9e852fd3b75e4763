import type { Command } from 'commander'
import { Redis } from 'ioredis'
import { bullConnection, redactUrl, redisUrl } from '../../queue/connection.js'
import { inspectQueues, type InFlightDocument, type QueueFailure } from '../../queue/inspect.js'
import { BadArgumentError } from '../../errors.js'
import { queuePrefix } from '../../queue/names.js'
import { queueDepths } from '../../server/queue-depths.js'
import { indexFolder } from '../../store/indexer.js'
import { openStore } from '../../store/open.js'
import { readDeadLetters } from '../../webhooks/queue.js'
import type { DeadLetter } from '../../webhooks/jobs.js'
import type { FailureInfo } from '../../store/types.js'
import { runCommand } from '../exit.js'
import { option } from '../settings.js'

type StatusOptions = { data: string; db?: string; redis?: string; limit: string; json?: boolean; format?: string; verbose?: boolean }

export type StatusReport = {
  data: string
  index: { location: string; plans: number; failures: number; events: number; lastEventAt: string | null }
  recentFailures: FailureInfo[]
  redis: { url: string; up: boolean; queues: Record<string, Record<string, number>> | null; deadLetters: { total: number; items: DeadLetter[] } | null }
  /** documents in the queue not finished yet (null: Redis not answering) */
  inFlight: InFlightDocument[] | null
  /** failed page and assemble jobs still kept in Redis, newest first, with BullMQ's failedReason */
  queueFailures: QueueFailure[] | null
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('index size, recent failures with reasons, queue depths, documents in flight with their progress, failed jobs and webhook dead letters (when Redis answers)')
    .addOption(option('data'))
    .addOption(option('db'))
    .addOption(option('redis'))
    .addOption(option('limit', { help: 'recent failures and dead letters to list', default: '10' }))
    .option('--format <format>', 'text or json', 'text')
    .option('--json', 'print the report as JSON (= --format json)')
    .option('-v, --verbose', 'print stack traces')
    .action((opts: StatusOptions) => runCommand(() => statusCommand(opts), opts.verbose))
}

export async function statusReport(opts: { data: string; db?: string; redis?: string; limit?: number }): Promise<StatusReport> {
  const limit = opts.limit ?? 10
  const store = await openStore({ dataDir: opts.data, db: opts.db })
  let index: StatusReport['index']
  let recentFailures: FailureInfo[]
  try {
    await indexFolder(opts.data, store)
    const s = await store.stats()
    index = { location: store.location, plans: s.plans, failures: s.failures, events: s.events, lastEventAt: s.lastEventAt }
    recentFailures = await store.failures(limit)
  } finally {
    await store.close()
  }
  const url = opts.redis ?? redisUrl()
  const prefix = queuePrefix()
  const depths = await queueDepths(url, { prefix })
  let deadLetters: StatusReport['redis']['deadLetters'] = null
  let inFlight: InFlightDocument[] | null = null
  let queueFailures: QueueFailure[] | null = null
  if (depths) {
    try {
      const q = await inspectQueues({ connection: { ...bullConnection(url), maxRetriesPerRequest: 1, connectTimeout: 1500 }, prefix }, Math.max(limit, 50))
      inFlight = q.inFlight
      queueFailures = q.failures.slice(0, limit)
    } catch {
      inFlight = null
    }
    const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 1500, lazyConnect: true })
    client.on('error', () => {})
    try {
      await client.connect()
      deadLetters = await readDeadLetters(client, prefix, limit)
    } catch {
      deadLetters = null
    } finally {
      client.disconnect()
    }
  }
  return { data: opts.data, index, recentFailures, redis: { url: redactUrl(url), up: depths !== null, queues: depths?.queues ?? null, deadLetters }, inFlight, queueFailures }
}

async function statusCommand(opts: StatusOptions): Promise<number> {
  const format = opts.json ? 'json' : (opts.format ?? 'text')
  if (format !== 'text' && format !== 'json') throw new BadArgumentError(`--format wants text or json, got ${JSON.stringify(opts.format)}`)
  const r = await statusReport({ data: opts.data, db: opts.db, redis: opts.redis, limit: Math.max(1, Number(opts.limit) || 10) })
  if (format === 'json') {
    process.stdout.write(JSON.stringify(r, null, 2) + '\n')
    return 0
  }
  const out: string[] = []
  out.push(`index     ${r.index.location}`)
  out.push(`          ${r.index.plans} plans, ${r.index.failures} failed inputs, ${r.index.events} events (last ${r.index.lastEventAt ?? '—'})`)
  if (r.recentFailures.length) {
    out.push('', 'recent failures')
    for (const f of r.recentFailures) out.push(`  ${f.at ?? '          —'}  ${f.file}: ${f.code}: ${f.message}${f.hint ? `. ${f.hint}` : ''}`)
  }
  out.push('', `redis     ${r.redis.url} ${r.redis.up ? '' : '(not answering: queue depths unknown)'}`.trimEnd())
  if (r.redis.queues) {
    for (const [q, c] of Object.entries(r.redis.queues)) {
      out.push(`  ${q.padEnd(18)} waiting ${c.waiting ?? 0}  active ${c.active ?? 0}  delayed ${c.delayed ?? 0}  failed ${c.failed ?? 0}  completed ${c.completed ?? 0}`)
    }
  }
  if (r.inFlight) {
    out.push('', r.inFlight.length ? `in flight: ${r.inFlight.length} document(s)` : 'in flight: none')
    for (const d of r.inFlight) {
      const failed = d.pages.failed ? `, ${d.pages.failed} failed` : ''
      const active = d.active.length ? ` · reading ${d.active.map((a) => `p${a.page}${a.stage ? ` (${a.stage})` : ''}`).join(', ')}` : ''
      out.push(`  ${d.file}: pages ${d.pages.done}/${d.pages.of}${failed} · ${d.state}${active} · since ${d.enqueuedAt ?? '—'} (${d.id.slice(0, 12)}…)`)
    }
  }
  if (r.queueFailures?.length) {
    out.push('', 'failed jobs in the queue (newest first)')
    for (const f of r.queueFailures) {
      out.push(`  ${f.at ?? '—'}  ${f.file ?? f.id.slice(0, 12)}${f.page ? ` page ${f.page}` : ''}: ${f.reason.replace(/\nhint: /, '. ').split('\n')[0]} (${f.attempts} attempt(s))`)
    }
  }
  if (r.redis.deadLetters) {
    out.push('', `webhook dead letters: ${r.redis.deadLetters.total}`)
    for (const d of r.redis.deadLetters.items) out.push(`  ${d.at}  ${d.event} ${d.planId ?? ''} → ${d.url}: ${d.error} (${d.attempts} attempts)`)
  }
  process.stdout.write(out.join('\n') + '\n')
  return 0
}
