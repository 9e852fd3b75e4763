/**
 * The queue dashboard (Bull Board) of a real `kehoach serve` (the CLI from dist/: run
 * `npm run build` first) on loopback, over real Redis: mounted at /admin/queues when Redis is
 * set, read-only without a token; with a token, nothing under /admin/queues (HTML, API,
 * static assets) answers without it, and `?token=` once sets a dashboard-only cookie.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisUrl } from '../../src/queue/connection.js'
import { ROOT, dropPrefix, redisUnavailable, uniquePrefix, waitFor } from '../queue/helpers.js'

const skip = await redisUnavailable()
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js')
const TOKEN = 'dashboard-test-token-0123456789'

type Serve = { child: ChildProcess; url: string; log: () => string }

async function serve(data: string, prefix: string, extra: string[]): Promise<Serve> {
  let log = ''
  const child = spawn(process.execPath, [CLI, 'serve', '--data', data, '--port', '0', '--redis', redisUrl(), ...extra], {
    env: { ...process.env, KEHOACH_QUEUE_PREFIX: prefix, KEHOACH_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => (log += d))
  child.stderr!.on('data', (d) => (log += d))
  const url = await waitFor('serve to listen', async () => /listening on (http:\/\/\S+)/.exec(log)?.[1], 30_000)
  return { child, url, log: () => log }
}

async function stop(s: Serve | undefined): Promise<void> {
  if (!s || s.child.exitCode !== null) return
  const exited = new Promise((r) => s.child.once('exit', r))
  s.child.kill('SIGTERM')
  await exited
}

describe.skipIf(skip !== null)('kehoach serve: queue dashboard at /admin/queues', () => {
  const prefix = uniquePrefix('dash')
  let dir: string
  let open: Serve
  let locked: Serve

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kehoach-dash-'))
    ;[open, locked] = await Promise.all([serve(dir, prefix, []), serve(dir, prefix, ['--token', TOKEN])])
  }, 60_000)
  afterAll(async () => {
    await Promise.all([stop(open), stop(locked)])
    await dropPrefix(prefix)
    await rm(dir, { recursive: true, force: true })
  }, 30_000)

  const get = async (base: string, p: string, init: RequestInit = {}) => {
    const r = await fetch(new URL(p, base), { redirect: 'manual', ...init })
    return { status: r.status, type: r.headers.get('content-type') ?? '', headers: r.headers, text: await r.text() }
  }

  it('without a token: the dashboard HTML, its static assets, and its API listing the three queues, read-only', async () => {
    expect(open.log()).toMatch(/queue dashboard at \/admin\/queues \(read-only/)
    const page = await get(open.url, '/admin/queues')
    expect(page.status, page.text).toBe(200)
    expect(page.type).toMatch(/text\/html/)
    expect(page.text).toMatch(/kehoach queues/)
    const asset = ((m) => m && `/admin/queues/${m[1]}`)(/src="(static\/js\/[^"]+)"/.exec(page.text))
    expect(asset, page.text.slice(0, 2000)).toBeTruthy()
    expect((await get(open.url, asset!)).status).toBe(200)

    const api = await get(open.url, '/admin/queues/api/queues')
    expect(api.status, api.text).toBe(200)
    const { queues } = JSON.parse(api.text) as { queues: { name: string; readOnlyMode: boolean }[] }
    expect(queues.map((q) => q.name).sort()).toEqual(['kehoach-assemble', 'kehoach-pages', 'kehoach-webhooks'])
    expect(queues.every((q) => q.readOnlyMode)).toBe(true)
  })

  it('with a token: 401 without it (HTML, API, assets); bearer or the ?token= cookie open it; the cookie opens nothing else', async () => {
    const page = await get(open.url, '/admin/queues')
    const asset = `/admin/queues/${/src="(static\/js\/[^"]+)"/.exec(page.text)![1]!}`
    for (const p of ['/admin/queues', '/admin/queues/', '/admin/queues/api/queues', asset, '/admin/queues/queue/kehoach-pages']) {
      expect((await get(locked.url, p)).status, p).toBe(401)
    }
    const auth = { headers: { authorization: `Bearer ${TOKEN}` } }
    expect((await get(locked.url, '/admin/queues', auth)).status).toBe(200)
    expect((await get(locked.url, asset, auth)).status).toBe(200)
    const api = await get(locked.url, '/admin/queues/api/queues', auth)
    expect(api.status).toBe(200)
    expect((JSON.parse(api.text) as { queues: { readOnlyMode: boolean }[] }).queues.every((q) => !q.readOnlyMode)).toBe(true)

    expect((await get(locked.url, '/admin/queues?token=wrong')).status).toBe(401)
    const login = await get(locked.url, `/admin/queues?token=${TOKEN}`)
    expect(login.status).toBe(303)
    expect(login.headers.get('location')).toBe('/admin/queues')
    const setCookie = login.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    expect(setCookie).toMatch(/Path=\/admin\/queues/)
    expect(setCookie).not.toContain(TOKEN)
    const cookie = { headers: { cookie: setCookie.split(';')[0]! } }
    expect((await get(locked.url, '/admin/queues', cookie)).status).toBe(200)
    expect((await get(locked.url, '/admin/queues/api/queues', cookie)).status).toBe(200)
    expect((await get(locked.url, asset, cookie)).status).toBe(200)
    expect((await get(locked.url, '/plans', cookie)).status).toBe(401) // dashboard cookie is not the API token
    // an action from another origin is refused even with the cookie
    const cross = await get(locked.url, '/admin/queues/api/queues/kehoach-pages/pause', { method: 'PUT', headers: { ...cookie.headers, origin: 'https://evil.example' } })
    expect(cross.status).toBe(403)
  })

  it('is not mounted with --no-dashboard', async () => {
    const s = await serve(dir, prefix, ['--no-dashboard'])
    try {
      expect((await get(s.url, '/admin/queues')).status).toBe(404)
    } finally {
      await stop(s)
    }
  })
})
