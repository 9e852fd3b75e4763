/**
 * `kehoach status --format json` (the CLI from dist/) lists a document in flight: a flow
 * enqueued with no worker running shows with its file name and 0/N pages.
 */
import { spawn } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bullConnection, redisUrl } from '../../src/queue/connection.js'
import { DocumentQueue } from '../../src/queue/flow.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import type { StatusReport } from '../../src/cli/commands/status.js'
import { ROOT, dropPrefix, redisUnavailable, tempDirs, uniquePrefix } from './helpers.js'

const skip = await redisUnavailable()
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js')

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe.skipIf(skip !== null)('kehoach status: documents in flight', () => {
  const prefix = uniquePrefix('status')
  let dirs: Awaited<ReturnType<typeof tempDirs>>
  let queue: DocumentQueue
  const id = 'ab'.repeat(32)

  beforeAll(async () => {
    dirs = await tempDirs('status')
    await mkdir(dirs.out, { recursive: true })
    queue = new DocumentQueue({ connection: bullConnection(), prefix })
    await queue.enqueue({
      id, fileName: 'ke-hoach-3-trang.pdf', subfolder: 'so-noi-vu', kind: 'pdf', mediaType: 'application/pdf', byteSize: 1234,
      pageCount: 3, original: `originals/${id}.pdf`, limits: DEFAULT_LIMITS, enqueuedAt: new Date().toISOString(),
    })
  })
  afterAll(async () => {
    await queue?.close()
    await dropPrefix(prefix)
    await dirs?.cleanup()
  })

  it('--format json shows the flow with its file name and 0/3 pages; text output too', async () => {
    const env = { REDIS_URL: redisUrl(), KEHOACH_QUEUE_PREFIX: prefix }
    const r = await run(['status', '--data', dirs.out, '--format', 'json'], env)
    expect(r.code, r.stderr).toBe(0)
    const report = JSON.parse(r.stdout) as StatusReport
    expect(report.redis.up).toBe(true)
    expect(report.inFlight).toHaveLength(1)
    const d = report.inFlight![0]!
    expect(d).toMatchObject({ id, file: 'so-noi-vu/ke-hoach-3-trang.pdf', state: 'waiting-children', pages: { done: 0, failed: 0, of: 3 }, active: [] })
    expect(report.queueFailures).toEqual([])

    const text = await run(['status', '--data', dirs.out], env)
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/in flight: 1 document/)
    expect(text.stdout).toMatch(/so-noi-vu\/ke-hoach-3-trang\.pdf: pages 0\/3 · waiting-children/)

    const bad = await run(['status', '--data', dirs.out, '--format', 'xml'], env)
    expect(bad.code).not.toBe(0)
  })
})
