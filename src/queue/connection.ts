/**
 * Redis for the queue mode: one URL (REDIS_URL, default redis://127.0.0.1:6379), a fast and
 * clear failure when nothing answers, and a warning when the server may evict queue keys.
 */
import { Redis } from 'ioredis'
import type { ConnectionOptions } from 'bullmq'
import { RedisUnavailableError } from '../errors.js'

import { redisUrl } from './redis-url.js'

export { DEFAULT_REDIS_URL, redisUrl } from './redis-url.js'

/**
 * Options for BullMQ's own connections. `maxRetriesPerRequest: null` is what BullMQ requires
 * for workers (blocking commands must wait through a reconnect instead of failing the job).
 */
export function bullConnection(url: string = redisUrl()): ConnectionOptions {
  return { url, maxRetriesPerRequest: null }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return url
  }
}

export type RedisCheck = {
  /** `maxmemory-policy`, or null when the server forbids CONFIG (managed Redis often does) */
  maxmemoryPolicy: string | null
  /** a line to print on stderr when queue keys could be evicted */
  warning: string | null
}

/**
 * Ping Redis once, with a short timeout and no reconnect loop, so that `kehoach watch` says
 * "Redis is not running" in a couple of seconds instead of retrying forever. Then read
 * `maxmemory-policy`: BullMQ needs `noeviction`, or Redis may silently drop job keys under
 * memory pressure and documents vanish half-done.
 */
export async function checkRedis(url: string = redisUrl(), timeoutMs = 3000): Promise<RedisCheck> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  })
  let lastError: Error | null = null
  client.on('error', (e: Error) => (lastError = e)) // reported below, not as an unhandled 'error' event
  try {
    await withTimeout(client.connect().then(() => client.ping()), timeoutMs)
  } catch (cause) {
    client.disconnect()
    const why = (lastError as Error | null)?.message ?? (cause instanceof Error ? cause.message : String(cause))
    throw new RedisUnavailableError(`Redis at ${redactUrl(url)} does not answer (${why})`, { cause, stage: 'queue' })
  }
  try {
    let policy: string | null = null
    try {
      const reply = (await withTimeout(client.call('CONFIG', 'GET', 'maxmemory-policy'), timeoutMs)) as unknown
      if (Array.isArray(reply) && typeof reply[1] === 'string') policy = reply[1]
    } catch {
      policy = null // CONFIG renamed or forbidden: we cannot tell, and say nothing
    }
    const warning =
      policy !== null && policy !== 'noeviction'
        ? `warning: Redis maxmemory-policy is "${policy}", not "noeviction": under memory pressure Redis may evict queue keys ` +
          `and documents can be lost mid-way. Set \`maxmemory-policy noeviction\` (redis.conf or --maxmemory-policy).`
        : null
    return { maxmemoryPolicy: policy, warning }
  } finally {
    client.disconnect()
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}
