/**
 * The Redis URL of the queue mode, apart from the connection code: the CLI's settings name its
 * default in every command's options, and importing it from connection.ts loaded ioredis (≈ 0.2 s of
 * CPU) into every `kehoach process` run, which never talks to Redis.
 */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379'

export function redisUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.REDIS_URL?.trim() || DEFAULT_REDIS_URL
}
