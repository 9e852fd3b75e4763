/**
 * Shared setup of the queue-mode tests: real Redis (REDIS_URL or 127.0.0.1:6379), a unique
 * BullMQ key prefix per test file run (removed afterwards), temp folders, real fixture files.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { bullConnection, checkRedis, redisUrl } from '../../src/queue/connection.js'
import { DocumentQueue } from '../../src/queue/flow.js'
import { startWorkers, type RunningWorkers } from '../../src/queue/workers.js'
import { InboxWatcher, type InboxEvents, type InboxOptions } from '../../src/ingest/watch.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const FIXTURES = path.join(ROOT, 'fixtures')
export const fixture = (name: string) => path.join(FIXTURES, name)
/**
 * Test watchers list their inbox this often besides the file-system events, so a test does not
 * hang on an event the OS did not deliver (a machine whose inotify watches ran out).
 */
export const RESCAN_MS = 1000

/** null when Redis answers, else the reason (tests are then skipped with that message). */
export async function redisUnavailable(): Promise<string | null> {
  try {
    await checkRedis(redisUrl(), 1500)
    return null
  } catch (error) {
    const why = `queue tests skipped: ${(error as Error).message} — start redis-server or set REDIS_URL`
    console.warn(why)
    return why
  }
}

export function uniquePrefix(tag: string): string {
  return `kh-test-${tag}-${process.pid}-${Date.now().toString(36)}`
}

/** Delete every key under the prefix (SCAN, not KEYS: never blocks a shared Redis). */
export async function dropPrefix(prefix: string): Promise<void> {
  const client = new Redis(redisUrl(), { maxRetriesPerRequest: 1 })
  try {
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500)
      cursor = next
      if (keys.length) await client.del(...keys)
    } while (cursor !== '0')
  } finally {
    client.disconnect()
  }
}

export async function tempDirs(tag: string): Promise<{ root: string; inbox: string; data: string; out: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), `kehoach-${tag}-`))
  const dirs = { root, inbox: path.join(root, 'inbox'), data: path.join(root, 'data'), out: path.join(root, 'data', 'plans') }
  await mkdir(dirs.inbox, { recursive: true })
  await mkdir(dirs.data, { recursive: true })
  return { ...dirs, cleanup: () => rm(root, { recursive: true, force: true }) }
}

/** Copy a fixture into the inbox the way a person does: write under a temp name, then rename. */
export async function drop(fixtureName: string, inbox: string, as = fixtureName): Promise<string> {
  const target = path.join(inbox, as)
  await mkdir(path.dirname(target), { recursive: true })
  const partial = `${target}.part` // ignored by the watcher until renamed
  await copyFile(fixture(fixtureName), partial)
  const { rename } = await import('node:fs/promises')
  await rename(partial, target)
  return target
}

export async function jsonFiles(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort()
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v) return v
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

export type QueueMode = {
  dirs: Awaited<ReturnType<typeof tempDirs>>
  queue: DocumentQueue
  workers: RunningWorkers
  watcher: InboxWatcher
  /** watcher, workers and queue closed, the prefix's keys and the temp folders removed */
  close: () => Promise<void>
}

/** Queue mode in this process: temp folders, a DocumentQueue, sandboxed workers (dist/), an inbox watcher. */
export async function startQueueMode(
  tag: string,
  o: { concurrency?: number; watcher?: Partial<InboxOptions>; events?: InboxEvents } = {},
): Promise<QueueMode> {
  const prefix = uniquePrefix(tag)
  const dirs = await tempDirs(tag)
  const connection = bullConnection()
  const queue = new DocumentQueue({ connection, prefix })
  const workers = await startWorkers({ connection, prefix, dataDir: dirs.data, outDir: dirs.out, concurrency: o.concurrency ?? 1 })
  const watcher = new InboxWatcher(
    { inbox: dirs.inbox, dataDir: dirs.data, outDir: dirs.out, limits: DEFAULT_LIMITS, queue, stableMs: 300, rescanMs: RESCAN_MS, ...o.watcher },
    o.events ?? {},
  )
  await watcher.start()
  const close = async () => {
    await watcher.close()
    await workers.close()
    await queue.close()
    await dropPrefix(prefix)
    await dirs.cleanup()
  }
  return { dirs, queue, workers, watcher, close }
}
