/**
 * Queue names, key prefix and job ids of the queue mode. One document is one flow:
 * page children (`<sha256>-p<page>`) in the pages queue under one parent (`<sha256>`)
 * in the assemble queue. Ids contain no `:` (BullMQ uses it as its key separator), so a
 * re-enqueued document or a retried page lands on the same job instead of a second one.
 */
export const PAGES_QUEUE = 'kehoach-pages'
export const ASSEMBLE_QUEUE = 'kehoach-assemble'

/** Redis key prefix (BullMQ's `prefix`); tests use a unique one per run. */
export function queuePrefix(env: NodeJS.ProcessEnv = process.env): string {
  return env.KEHOACH_QUEUE_PREFIX?.trim() || 'kehoach'
}

export function pageJobId(sha256: string, page: number): string {
  return `${sha256}-p${page}`
}

export function assembleJobId(sha256: string): string {
  return sha256
}

/** `<sha256>-p<page>` → { id, page }; null for anything else. */
export function parsePageJobId(jobId: string | undefined): { id: string; page: number } | null {
  const m = /^([0-9a-f]{64})-p(\d+)$/.exec(jobId ?? '')
  return m ? { id: m[1]!, page: Number(m[2]) } : null
}
