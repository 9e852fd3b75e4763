import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { BadArgumentError } from '../errors.js'
import { stateDir } from '../store/indexer.js'

export const WEBHOOK_EVENTS = ['document.created', 'document.updated', 'document.failed', 'plan.reviewed'] as const
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number]

export const Endpoint = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    /** HMAC-SHA256 key; `secretEnv` names an environment variable holding it instead */
    secret: z.string().min(1).optional(),
    secretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).default([...WEBHOOK_EVENTS]),
    /** "json": the plan in the body; "link": its URL under `publicUrl` (small bodies) */
    include: z.enum(['json', 'link']).default('json'),
    /** first start: deliver the feed from the beginning (nothing lost) or only new events */
    from: z.enum(['beginning', 'now']).default('beginning'),
  })
  .strict()
export type Endpoint = z.infer<typeof Endpoint> & { key: string; secretValue: string | null }

export const WebhooksFile = z
  .object({
    endpoints: z.array(Endpoint),
    /** base URL of `kehoach serve` as trackers reach it, for links */
    publicUrl: z.url().optional(),
    attempts: z.number().int().min(1).max(50).default(10),
    /** first retry delay (ms); doubles each attempt */
    backoffMs: z.number().int().min(10).max(3_600_000).default(2000),
  })
  .strict()
export type WebhookSettings = Omit<z.infer<typeof WebhooksFile>, 'endpoints'> & { endpoints: Endpoint[] }

/** A stable short key per endpoint URL: job ids, the delivery cursor's name. */
export function endpointKey(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 12)
}

function resolve(e: z.infer<typeof Endpoint>, env: NodeJS.ProcessEnv): Endpoint {
  const secretValue = e.secret ?? (e.secretEnv ? env[e.secretEnv] ?? null : null)
  if (e.secretEnv && !secretValue) throw new BadArgumentError(`webhook ${e.url}: environment variable ${e.secretEnv} (secretEnv) is not set`)
  return { ...e, key: endpointKey(e.url), secretValue }
}

/**
 * Endpoints from `DATA/.kehoach/webhooks.json` plus `--webhook URL` (with `--webhook-secret`).
 * No file and no flag: no webhooks.
 */
export async function loadWebhookSettings(
  dataDir: string,
  cli: { urls?: string[]; secret?: string | null } = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<WebhookSettings> {
  const file = path.join(stateDir(dataDir), 'webhooks.json')
  let raw: unknown = { endpoints: [] }
  try {
    raw = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new BadArgumentError(`${file}: ${(error as Error).message}`)
  }
  const parsed = WebhooksFile.safeParse(raw)
  if (!parsed.success) throw new BadArgumentError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const endpoints = parsed.data.endpoints.map((e) => resolve(e, env))
  for (const url of cli.urls ?? []) {
    const e = Endpoint.safeParse({ url, secret: cli.secret ?? undefined })
    if (!e.success) throw new BadArgumentError(`--webhook ${url}: ${e.error.issues.map((i) => i.message).join('; ')}`)
    if (!endpoints.some((x) => x.url === url)) endpoints.push(resolve(e.data, env))
  }
  return { ...parsed.data, endpoints }
}
