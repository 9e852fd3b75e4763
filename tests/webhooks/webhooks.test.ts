import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { statusReport } from '../../src/cli/commands/status.js'
import { startServer, type RunningServer } from '../../src/server/start.js'
import { sign, verifyWebhook } from '../../src/webhooks/payload.js'
import { makePlan, samplePlans, writeFailure, writePlans } from '../helpers/plans.js'
import { rmDir, tempDir } from '../helpers/stores.js'

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const redisUp = await new Redis(REDIS, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 })
  .connect()
  .then(() => true, () => false)
if (!redisUp) console.warn(`Redis does not answer at ${REDIS}: skipping webhook tests (CI starts it).`)

type Delivery = { key: string; msgId: string; timestamp: number; event: string; signatureOk: boolean; attempt: number; status: number; body: Record<string, unknown> }

/** A webhook receiver on loopback: answers 500 to the first attempt of every delivery, then `okStatus`. */
async function receiver(secret: string, options: { failFirst: boolean; okStatus?: number }) {
  const deliveries: Delivery[] = []
  const seen = new Set<string>()
  const server = http.createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (d) => (raw += d))
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'])
      const status = options.failFirst && !seen.has(key) ? 500 : (options.okStatus ?? 200)
      seen.add(key)
      deliveries.push({
        key,
        msgId: String(req.headers['webhook-id']),
        timestamp: Number(req.headers['webhook-timestamp']),
        event: String(req.headers['x-kehoach-event']),
        signatureOk: verifyWebhook(secret, req.headers, raw),
        attempt: Number(req.headers['x-kehoach-delivery-attempt']),
        status,
        body: JSON.parse(raw),
      })
      res.writeHead(status).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  return { url, deliveries, close: () => new Promise<void>((r) => server.close(() => r())) }
}

async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function dropPrefix(prefix: string): Promise<void> {
  const r = new Redis(REDIS)
  let cursor = '0'
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
    cursor = next
    if (keys.length) await r.del(...keys)
  } while (cursor !== '0')
  r.disconnect()
}

describe('Standard Webhooks signature check (what a receiver runs)', () => {
  const body = '{"type":"document.created"}'
  const now = 1_800_000_000_000
  const ts = now / 1000
  const headers = (secret: string, t = ts, id = 'msg_1') => ({ 'webhook-id': id, 'webhook-timestamp': String(t), 'webhook-signature': sign(secret, id, t, body) })

  it('accepts the delivery as signed, with a raw secret or a whsec_ base64 one', () => {
    expect(verifyWebhook('s3cret', headers('s3cret'), body, now)).toBe(true)
    const b64 = 'whsec_' + Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')
    expect(verifyWebhook(b64, headers(b64), body, now)).toBe(true)
    // the whsec_ key is the decoded bytes: the same string used raw signs differently
    expect(sign(b64, 'msg_1', ts, body)).not.toBe(sign(b64.slice(6), 'msg_1', ts, body))
  })

  it('refuses a replay outside the 5-minute window, a changed body, id or timestamp, a wrong secret', () => {
    expect(verifyWebhook('s3cret', headers('s3cret', ts - 301), body, now)).toBe(false)
    expect(verifyWebhook('s3cret', headers('s3cret', ts + 301), body, now)).toBe(false)
    expect(verifyWebhook('s3cret', headers('s3cret', ts - 299), body, now)).toBe(true)
    expect(verifyWebhook('s3cret', headers('s3cret'), body + ' ', now)).toBe(false)
    expect(verifyWebhook('s3cret', { ...headers('s3cret'), 'webhook-id': 'msg_2' }, body, now)).toBe(false)
    expect(verifyWebhook('s3cret', { ...headers('s3cret'), 'webhook-timestamp': String(ts - 1) }, body, now)).toBe(false)
    expect(verifyWebhook('other', headers('s3cret'), body, now)).toBe(false)
    expect(verifyWebhook('s3cret', {}, body, now)).toBe(false)
  })

  it('accepts when one of several space-separated signatures matches (key rotation)', () => {
    const h = headers('new')
    expect(verifyWebhook('new', { ...h, 'webhook-signature': `v1,AAAA ${h['webhook-signature']}` }, body, now)).toBe(true)
  })
})

describe.skipIf(!redisUp)('webhooks', () => {
  const prefix = `kehoach-test-${randomBytes(4).toString('hex')}`
  const secret = 'whsec-test'
  const [a, b] = samplePlans()
  let dir: string
  let s: RunningServer | null = null
  let hook: Awaited<ReturnType<typeof receiver>>
  const before = process.env.KEHOACH_QUEUE_PREFIX

  beforeAll(async () => {
    process.env.KEHOACH_QUEUE_PREFIX = prefix
    dir = tempDir('kehoach-hooks-')
    writePlans(dir, [a, b])
    writeFailure(dir, 'broken.pdf')
    hook = await receiver(secret, { failFirst: true })
    mkdirSync(path.join(dir, '.kehoach'), { recursive: true })
    writeFileSync(path.join(dir, '.kehoach', 'webhooks.json'), JSON.stringify({ endpoints: [{ url: hook.url, secret }], attempts: 4, backoffMs: 50 }))
  })
  afterAll(async () => {
    await s?.close()
    await hook.close()
    await dropPrefix(prefix)
    rmDir(dir)
    if (before === undefined) delete process.env.KEHOACH_QUEUE_PREFIX
    else process.env.KEHOACH_QUEUE_PREFIX = before
  })

  it('delivers created and failed events, signed, retried after a 500, once after success', async () => {
    s = await startServer({ dataDir: dir, port: 0, redisUrl: REDIS, queuePrefix: prefix, intervalMs: 200 })
    const ok = () => hook.deliveries.filter((x) => x.status === 200)
    await until(() => ok().length === 3)
    expect(hook.deliveries.every((x) => x.signatureOk)).toBe(true)
    expect(hook.deliveries.every((x) => x.msgId === x.key)).toBe(true) // webhook-id: the same on every retry
    expect(hook.deliveries.filter((x) => x.status === 500)).toHaveLength(3) // each first attempt
    expect(ok().every((x) => x.attempt === 2)).toBe(true)
    const keys0 = ok().map((x) => x.key)
    expect(keys0).toEqual(expect.arrayContaining([`${a.id}-1-created`, `${b.id}-1-created`, expect.stringMatching(/^file[0-9a-f]{16}-0-failed$/)]))
    const created = ok().find((x) => x.key === `${a.id}-1-created`)!
    expect(created.event).toBe('document.created')
    expect(created.body).toMatchObject({ type: 'document.created', id: a.id, revision: 1, plan: { id: a.id } })
    const failed = ok().find((x) => x.event === 'document.failed')!
    expect(failed.body).toMatchObject({ reason: { code: 'input.corrupt' }, file: 'failed/broken.pdf.error.json' })

    // a new revision → document.updated
    writePlans(dir, [makePlan({ seed: 'a', issuer: 'Ủy ban nhân dân tỉnh Bình Phước', title: 'Bản sửa', revision: 2, number: '154/KH-UBND', date: '2022-03-10' })])
    await until(() => ok().some((x) => x.key === `${a.id}-2-updated`))
    expect(ok().find((x) => x.key === `${a.id}-2-updated`)!.body).toMatchObject({ type: 'document.updated', revision: 2, plan: { revision: 2, document: { title: 'Bản sửa' } } })

    // no duplicate after success: pump again, re-index, restart the server
    await s.webhooks!.pump()
    await s.watch.refresh()
    await s.close()
    s = await startServer({ dataDir: dir, port: 0, redisUrl: REDIS, queuePrefix: prefix, intervalMs: 200 })
    await s.webhooks!.pump()
    await new Promise((r) => setTimeout(r, 800))
    const keys = ok().map((x) => x.key)
    expect(keys.length).toBe(4)
    expect(new Set(keys).size).toBe(4)
  })

  it('puts deliveries that never succeed in the dead-letter list shown by status', async () => {
    // one installation per key prefix: the first server (another configuration) stops, or its worker
    // would take these jobs and, not knowing the endpoint's secret, refuse to send them unsigned
    await s?.close()
    s = null
    const down = await receiver(secret, { failFirst: false, okStatus: 503 })
    const dir2 = tempDir('kehoach-hooks-dead-')
    writePlans(dir2, [a])
    mkdirSync(path.join(dir2, '.kehoach'), { recursive: true })
    writeFileSync(path.join(dir2, '.kehoach', 'webhooks.json'), JSON.stringify({ endpoints: [{ url: down.url, secret }], attempts: 2, backoffMs: 20 }))
    const s2 = await startServer({ dataDir: dir2, port: 0, redisUrl: REDIS, queuePrefix: prefix })
    try {
      await until(() => down.deliveries.length === 2)
      let st = await statusReport({ data: dir2, redis: REDIS })
      const end = Date.now() + 5000
      while ((st.redis.deadLetters?.total ?? 0) === 0 && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 100))
        st = await statusReport({ data: dir2, redis: REDIS })
      }
      expect(st.redis.up).toBe(true)
      expect(st.redis.deadLetters!.items[0]).toMatchObject({ url: down.url, event: 'document.created', planId: a.id, attempts: 2, idempotencyKey: `${a.id}-1-created` })
      expect(st.redis.deadLetters!.items[0].error).toMatch(/503/)
      expect(st.redis.queues!['kehoach-webhooks'].failed).toBeGreaterThanOrEqual(1)
    } finally {
      await s2.close()
      await down.close()
      rmDir(dir2)
    }
  })
})
