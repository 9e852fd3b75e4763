/**
 * `kehoach watch --no-workers` reports documents read by a remote worker: a real
 * `kehoach worker` process and a real watcher process (both the CLI from dist/), one Redis
 * prefix, one data folder; a plain-text file dropped in the inbox (no OCR) → the watcher's
 * stderr says the document is done, from BullMQ's event streams.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisUrl } from '../../src/queue/connection.js'
import { RESCAN_MS, ROOT, drop, dropPrefix, jsonFiles, redisUnavailable, tempDirs, uniquePrefix, waitFor } from './helpers.js'

const skip = await redisUnavailable()
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js')

describe.skipIf(skip !== null)('kehoach watch --no-workers: progress of remote workers', () => {
  const prefix = uniquePrefix('remote')
  let dirs: Awaited<ReturnType<typeof tempDirs>>
  const procs: { child: ChildProcess; log: string }[] = []

  function start(args: string[]): { child: ChildProcess; log: string } {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, REDIS_URL: redisUrl(), KEHOACH_QUEUE_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const p = { child, log: '' }
    child.stdout!.on('data', (d) => (p.log += d))
    child.stderr!.on('data', (d) => (p.log += d))
    procs.push(p)
    return p
  }

  beforeAll(async () => {
    dirs = await tempDirs('remote')
  })
  afterAll(async () => {
    await Promise.all(
      procs.map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }),
    )
    await dropPrefix(prefix)
    await dirs?.cleanup()
  }, 60_000)

  it('the watcher (no workers of its own) reports the document the worker finished', async () => {
    const worker = start(['worker', '--data', dirs.data, '--out', dirs.out, '--concurrency', '1'])
    const watcher = start(['watch', '--no-workers', '--inbox', dirs.inbox, '--data', dirs.data, '--out', dirs.out, '--stable-ms', '300', '--rescan-ms', String(RESCAN_MS)])
    await waitFor('both started', async () => /kehoach worker: /.test(worker.log) && /kehoach watch: /.test(watcher.log), 30_000)

    await drop('hon-quan.gt.txt', dirs.inbox)
    await waitFor('the plan', async () => (await jsonFiles(dirs.out)).length === 1, 90_000)
    const line = await waitFor('the watcher to report it done', async () => /^ok {3}hon-quan\.gt\.txt → .*\.json \(\d+ p\).*$/m.exec(watcher.log)?.[0], 20_000)
    const [plan] = await jsonFiles(dirs.out)
    expect(line).toContain(plan!.replace(/\.json$/, ''))
    expect(watcher.log).toMatch(/queued hon-quan\.gt\.txt/)
    expect(watcher.log).toMatch(/no workers/)
    // one line per document (stderr is not a TTY: no redrawn progress line)
    expect(watcher.log.match(/^ok {3}hon-quan/gm)).toHaveLength(1)
    expect(watcher.log).not.toContain('\r')

    const exited = new Promise<number | null>((r) => watcher.child.once('exit', (code) => r(code)))
    watcher.child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(watcher.log).toMatch(/stopped · documents: 1 done/)
  })
})
