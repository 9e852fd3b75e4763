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
import { existsSync } from 'node:fs'
import path from 'node:path'
import { Ledger } from '../../ingest/ledger.js'
import { RECONCILE_DEFAULTS, findStuck, requeueStuck, type StuckDocument } from '../../ingest/reconcile.js'
import { DocumentQueue } from '../../queue/flow.js'
import { option } from '../settings.js'

type StatusOptions = { data: string; db?: string; redis?: string; limit: string; json?: boolean; format?: string; requeue?: boolean; verbose?: boolean }

/** A document claimed in the ledger and neither queued, running nor done (reconcile.ts). */
export type StuckEntry = Omit<StuckDocument, 'doc'>

export type StatusReport = {
  data: string
  /** null when the index could not be opened or updated (indexError says why: a full disk, a database down) */
  index: { location: string; plans: number; failures: number; events: number; lastEventAt: string | null } | null
  indexError: string | null
  recentFailures: FailureInfo[]
  redis: { url: string; up: boolean; queues: Record<string, Record<string, number>> | null; deadLetters: { total: number; items: DeadLetter[] } | null }
  /** documents in the queue not finished yet (null: Redis not answering) */
  inFlight: InFlightDocument[] | null
  /** failed page and assemble jobs still kept in Redis, newest first, with BullMQ's failedReason */
  queueFailures: QueueFailure[] | null
  /**
   * Queue mode: documents the ledger (DATA/ledger) has claimed that the queue neither holds nor
   * finished — lost by a Redis restart, a lost job, a failed final write. `kehoach watch` re-queues
   * them; `status --requeue` does it now. null: no ledger here, or Redis not answering.
   */
  stuck: StuckEntry[] | null
  /** what `--requeue` re-queued now */
  requeued: StuckEntry[]
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
    .option('--requeue', 'queue mode: re-queue now the documents claimed in the ledger but lost by the queue (once each)')
    .option('-v, --verbose', 'print stack traces')
    .action((opts: StatusOptions) => runCommand(() => statusCommand(opts), opts.verbose))
}

/** `graceMs`: claims younger than this are not called stuck (default RECONCILE_DEFAULTS.graceMs). */
export async function statusReport(opts: { data: string; db?: string; redis?: string; limit?: number; requeue?: boolean; graceMs?: number }): Promise<StatusReport> {
  const limit = opts.limit ?? 10
  const { index, indexError, recentFailures } = await indexStatus(opts.data, opts.db, limit)
  const url = opts.redis ?? redisUrl()
  const prefix = queuePrefix()
  const depths = await queueDepths(url, { prefix })
  let deadLetters: StatusReport['redis']['deadLetters'] = null
  let inFlight: InFlightDocument[] | null = null
  let queueFailures: QueueFailure[] | null = null
  let ledger: { stuck: StuckEntry[] | null; requeued: StuckEntry[] } = { stuck: null, requeued: [] }
  if (depths) {
    const connection = { ...bullConnection(url), maxRetriesPerRequest: 1, connectTimeout: 1500 }
    try {
      const q = await inspectQueues({ connection, prefix }, Math.max(limit, 50))
      inFlight = q.inFlight
      queueFailures = q.failures.slice(0, limit)
    } catch {
      inFlight = null
    }
    ledger = await ledgerStatus(opts.data, connection, prefix, opts.requeue ?? false, opts.graceMs ?? RECONCILE_DEFAULTS.graceMs)
    deadLetters = await deadLettersOf(url, prefix, limit)
  }
  return {
    data: opts.data,
    index,
    indexError,
    recentFailures,
    redis: { url: redactUrl(url), up: depths !== null, queues: depths?.queues ?? null, deadLetters },
    inFlight,
    queueFailures,
    stuck: ledger.stuck,
    requeued: ledger.requeued,
  }
}

/** The index's counts and recent failures; a disk too full to update it is reported, not fatal. */
async function indexStatus(data: string, db: string | undefined, limit: number): Promise<Pick<StatusReport, 'index' | 'indexError' | 'recentFailures'>> {
  try {
    const store = await openStore({ dataDir: data, db })
    try {
      await indexFolder(data, store)
      const s = await store.stats()
      const index = { location: store.location, plans: s.plans, failures: s.failures, events: s.events, lastEventAt: s.lastEventAt }
      return { index, indexError: null, recentFailures: await store.failures(limit) }
    } finally {
      await store.close()
    }
  } catch (error) {
    return { index: null, indexError: error instanceof Error ? error.message : String(error), recentFailures: [] }
  }
}

/**
 * The queue-mode data folder holding the ledger: DATA itself, or its parent when `--data` is the
 * plans folder (DATA/plans, the default output of `watch`). Null when neither has a ledger.
 */
function queueDataDir(data: string): string | null {
  for (const dir of [path.resolve(data), path.dirname(path.resolve(data))]) if (existsSync(path.join(dir, 'ledger'))) return dir
  return null
}

async function ledgerStatus(
  data: string,
  connection: ReturnType<typeof bullConnection>,
  prefix: string,
  requeue: boolean,
  graceMs: number,
): Promise<{ stuck: StuckEntry[] | null; requeued: StuckEntry[] }> {
  const dataDir = queueDataDir(data)
  if (!dataDir) return { stuck: null, requeued: [] }
  const ledger = new Ledger(dataDir)
  const queue = new DocumentQueue({ connection, prefix })
  const strip = ({ doc: _doc, ...rest }: StuckDocument): StuckEntry => rest
  try {
    const stuck = await findStuck(ledger, queue, { graceMs })
    const requeued = requeue ? (await requeueStuck(ledger, queue, dataDir, stuck)).requeued : []
    return { stuck: stuck.map(strip), requeued: requeued.map(strip) }
  } catch {
    return { stuck: null, requeued: [] }
  } finally {
    await queue.close()
  }
}

async function deadLettersOf(url: string, prefix: string, limit: number): Promise<StatusReport['redis']['deadLetters']> {
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 1500, lazyConnect: true })
  client.on('error', () => {})
  try {
    await client.connect()
    return await readDeadLetters(client, prefix, limit)
  } catch {
    return null
  } finally {
    client.disconnect()
  }
}

async function statusCommand(opts: StatusOptions): Promise<number> {
  const format = opts.json ? 'json' : (opts.format ?? 'text')
  if (format !== 'text' && format !== 'json') throw new BadArgumentError(`--format wants text or json, got ${JSON.stringify(opts.format)}`)
  const r = await statusReport({ data: opts.data, db: opts.db, redis: opts.redis, limit: Math.max(1, Number(opts.limit) || 10), requeue: opts.requeue })
  if (format === 'json') {
    process.stdout.write(JSON.stringify(r, null, 2) + '\n')
    return 0
  }
  const out: string[] = []
  if (r.index) {
    out.push(`index     ${r.index.location}`)
    out.push(`          ${r.index.plans} plans, ${r.index.failures} failed inputs, ${r.index.events} events (last ${r.index.lastEventAt ?? '—'})`)
  } else out.push(`index     not available: ${r.indexError}`)
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
  if (r.stuck?.length) {
    out.push('', `stuck: ${r.stuck.length} document(s) claimed in the ledger, neither queued, running nor done` +
      (r.requeued.length ? ` (${r.requeued.length} re-queued now)` : ' (`kehoach watch` re-queues them; `kehoach status --requeue` does it now)'))
    for (const d of r.stuck) out.push(`  ${d.file}: ${d.why} · claimed ${d.claimedAt ?? '—'} · re-queued ${d.requeues}× (${d.id.slice(0, 12)}…)`)
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
