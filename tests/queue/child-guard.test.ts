/**
 * `kill -9` of a parent leaves no orphan (src/queue/child-guard.ts, installed by die-with-parent.ts):
 *   - the guard itself: a child that would live forever (a timer keeps it busy) exits when its
 *     parent is SIGKILLed — through the IPC 'disconnect' (forked) or the ppid watchdog (spawned
 *     without IPC) — while the same child without the guard lives on (the control that shows the
 *     test can fail);
 *   - the real worker: its sandboxed page process, in the middle of a page, is gone after the
 *     worker is SIGKILLed. Real CLI from dist/, real Redis, SIGKILL to the worker's pid alone.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { pathToFileURL } from 'node:url'
import path from 'node:path'
import { Queue } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bullConnection, redisUrl } from '../../src/queue/connection.js'
import { DocumentQueue } from '../../src/queue/flow.js'
import { PAGES_QUEUE, pageJobId } from '../../src/queue/names.js'
import { PARENT_PID_ENV } from '../../src/queue/child-guard.js'
import { contentId } from '../../src/ingest/content-id.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { ROOT, dropPrefix, fixture, redisUnavailable, tempDirs, uniquePrefix, waitFor } from './helpers.js'
import { alive, childrenOf } from '../helpers/procs.js'

const skip = await redisUnavailable()
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js')

/**
 * Start `parent.mjs`, which starts `child.mjs` (forked with IPC, or spawned without; told the
 * parent's pid as startWorkers does) and prints its pid; the child imports the guard (or not),
 * `late`: only after 1.5 s, as a processor whose imports take long on a busy machine — then keeps
 * a timer running forever.
 */
async function parentWithChild(dir: string, how: 'fork' | 'spawn', guarded: boolean, late: boolean): Promise<{ parent: ChildProcess; child: number }> {
  const guard = pathToFileURL(path.join(ROOT, 'dist', 'src', 'queue', 'die-with-parent.js')).href
  const tag = `${how}-${guarded}-${late}`
  const child = path.join(dir, `child-${tag}.mjs`)
  const delay = late ? 'await new Promise((r) => setTimeout(r, 1500))\n' : ''
  await writeFile(child, `${delay}${guarded ? `await import(${JSON.stringify(guard)})\n` : ''}setInterval(() => {}, 1000)\n`)
  const parentFile = path.join(dir, `parent-${tag}.mjs`)
  const opts = `{ stdio: 'ignore', env: { ...process.env, ${PARENT_PID_ENV}: String(process.pid) } }`
  await writeFile(
    parentFile,
    `import { fork, spawn } from 'node:child_process'
     const c = ${how === 'fork' ? `fork(${JSON.stringify(child)}, ${opts})` : `spawn(process.execPath, [${JSON.stringify(child)}], ${opts})`}
     console.log(c.pid)
     setInterval(() => {}, 1000)\n`,
  )
  const parent = spawn(process.execPath, [parentFile], { stdio: ['ignore', 'pipe', 'inherit'] })
  const pid = await new Promise<number>((resolve) => parent.stdout!.once('data', (d) => resolve(Number(String(d).trim()))))
  return { parent, child: pid }
}

describe.skipIf(process.platform !== 'linux')('child guard: a child exits when its parent is killed with SIGKILL', () => {
  const leftovers: number[] = []
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kehoach-guard-'))
  })
  afterAll(async () => {
    for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL')
    await rm(dir, { recursive: true, force: true })
  })

  it.each([
    ['fork', false],
    ['spawn', false],
    ['fork', true],
    ['spawn', true],
  ] as const)('%s (guard loaded after the parent died: %s): the guarded child exits, the unguarded one lives on', async (how, late) => {
    const guarded = await parentWithChild(dir, how, true, late)
    const control = await parentWithChild(dir, how, false, late)
    leftovers.push(guarded.parent.pid!, guarded.child, control.parent.pid!, control.child)
    expect(alive(guarded.child) && alive(control.child)).toBe(true)
    for (const p of [guarded.parent, control.parent]) process.kill(p.pid!, 'SIGKILL')
    await waitFor('the guarded child to exit', async () => !alive(guarded.child), 15_000, 100)
    await new Promise((r) => setTimeout(r, late ? 1600 : 0)) // the control, too, is past its late start
    expect(alive(control.child)).toBe(true) // without the guard the orphan keeps running
  }, 30_000)
})

describe.skipIf(skip !== null || process.platform !== 'linux')('sandboxed children die with their worker', () => {
  const prefix = uniquePrefix('guard')
  let dirs: Awaited<ReturnType<typeof tempDirs>>
  let queue: DocumentQueue
  let pages: Queue
  let worker: ChildProcess | null = null
  let orphans: number[] = []
  let log = ''

  beforeAll(async () => {
    dirs = await tempDirs('guard')
    queue = new DocumentQueue({ connection: bullConnection(), prefix })
    pages = new Queue(PAGES_QUEUE, { connection: bullConnection(), prefix })
  })
  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL')
    for (const pid of orphans) if (alive(pid)) process.kill(pid, 'SIGKILL') // never leave one behind, even when the test fails
    await Promise.allSettled([queue?.close(), pages?.close()])
    await dropPrefix(prefix)
    await dirs?.cleanup()
  }, 30_000)

  it('kill -9 of the worker: its page process, busy in a page, exits within seconds', async () => {
    const bytes = readFileSync(fixture('hon-quan.gt.txt'))
    const id = contentId(bytes)
    const original = `originals/${id}.txt`
    await mkdir(path.join(dirs.data, 'originals'), { recursive: true })
    await copyFile(fixture('hon-quan.gt.txt'), path.join(dirs.data, original))
    await queue.enqueue({
      id, fileName: 'hon-quan.gt.txt', subfolder: null, kind: 'text', mediaType: 'text/plain', byteSize: bytes.length,
      pageCount: 1, original, limits: DEFAULT_LIMITS, enqueuedAt: new Date().toISOString(),
    })
    worker = spawn(process.execPath, [CLI, 'worker', '--data', dirs.data, '--concurrency', '1', '--no-progress'], {
      // the page waits 10 minutes before reading: the child is mid-job when its parent dies
      env: { ...process.env, REDIS_URL: redisUrl(), KEHOACH_QUEUE_PREFIX: prefix, KEHOACH_TEST_PAGE_DELAY_MS: '600000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    worker.stdout!.on('data', (d) => (log += d))
    worker.stderr!.on('data', (d) => (log += d))
    const pid = worker.pid!
    await waitFor('the page job running in a sandboxed child', async () => (await (await pages.getJob(pageJobId(id, 1)))?.isActive()) ?? false, 120_000)
    orphans = await waitFor('the sandboxed child', async () => (childrenOf(pid).length ? childrenOf(pid) : null), 10_000)

    const exited = new Promise((r) => worker!.once('exit', r))
    process.kill(pid, 'SIGKILL') // the worker alone, as the OOM killer does
    await exited
    await waitFor(`the orphaned children ${orphans.join(', ')} to exit\n${log}`, async () => orphans.every((c) => !alive(c)), 15_000, 100)
    expect(orphans.filter(alive)).toEqual([])
  }, 180_000)
})
