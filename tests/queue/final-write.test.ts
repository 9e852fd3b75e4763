/**
 * Queue mode when the final write of a document fails: a real `kehoach worker` process writes
 * plans to a disk that refuses them, while the ledger (the data folder) stays writable.
 *
 * When the failure report cannot be written either:
 *   - the assemble job fails after its retries with the real cause in its reason, and the worker
 *     log says it;
 *   - the document stays in progress in the ledger (no failed record pointing to no report), so
 *     `status` lists it as stuck: "failed in the queue without a failure record: <cause>";
 *   - once the disk takes writes again, a watcher's periodic reconciler re-queues it once and the
 *     worker writes exactly one plan JSON (no revision, no failure report left behind).
 * Two real disks of that kind: a full 64 KiB tmpfs in the worker's private mount namespace
 * (`unshare -rm`; repaired by restarting the worker outside it, as after a disk swap), and a
 * regular file put where the output folder was once the worker had started (ENOTDIR; repaired by
 * removing the file while the same worker runs on; needs no namespace).
 *
 * When the report can be written (an 8 KiB tmpfs: a plan does not fit, a report does): the
 * document fails for good with its report in the one place and format, the ledger's failed
 * record points to it, and the reconciler leaves it alone.
 *
 * When the plan is written but the ledger's done record is not (a full tmpfs on the worker's
 * ledger folder, the output disk fine): the retries of that run neither write a revision nor a
 * failure report contradicting the plan, and the reconciled run records the one plan as done.
 *
 * Redis is a private redis-server.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bullConnection } from '../../src/queue/connection.js'
import { DocumentQueue } from '../../src/queue/flow.js'
import { InboxWatcher, type IngestOutcome } from '../../src/ingest/watch.js'
import { statusReport } from '../../src/cli/commands/status.js'
import { contentId } from '../../src/ingest/content-id.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { namespacesAllowed } from '../helpers/namespaces.js'
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server.js'
import { RESCAN_MS, ROOT, drop, fixture, jsonFiles, tempDirs, uniquePrefix, waitFor } from './helpers.js'

const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js')
const GRACE_MS = 300
const RECONCILE_MS = 200
const FILE = 'hon-quan.gt.txt'
const ID = contentId(readFileSync(fixture(FILE)))
const NAMESPACES = namespacesAllowed()

type Dirs = Awaited<ReturnType<typeof tempDirs>>

/** `kehoach worker` processes of one test: started, awaited, stopped; `log` holds all their output. */
class Workers {
  log = ''
  private readonly own = new Map<ChildProcess, string>()

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {}

  /** `kehoach worker --data DATA --out OUT`, its command prefixed by `wrap` (e.g. `unshare … sh -c …`). */
  async start(dirs: Dirs, out: string, wrap: string[] = []): Promise<ChildProcess> {
    const args = [process.execPath, CLI, 'worker', '--data', dirs.data, '--out', out, '--concurrency', '1', '--no-progress']
    const [command, ...rest] = [...wrap, ...args]
    const child = spawn(command!, rest, {
      env: { ...process.env, REDIS_URL: this.redisUrl, KEHOACH_QUEUE_PREFIX: this.prefix },
      detached: true, // its own process group: the worker and its sandboxed children stop together
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.own.set(child, '')
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.on('data', (d) => {
        this.log += d
        this.own.set(child, this.own.get(child) + String(d))
      })
    }
    await waitFor('the worker taking jobs', async () => {
      if (child.exitCode !== null) throw new Error(`the worker exited early (code ${child.exitCode}):\n${this.log}`)
      return /^kehoach worker: .* page job/m.test(this.own.get(child)!)
    }, 30_000)
    return child
  }

  async stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    process.kill(-child.pid!, 'SIGTERM')
    await exited
  }

  async stopAll(): Promise<void> {
    for (const child of this.own.keys()) await this.stop(child)
  }
}

/** A worker in its own mount namespace, writing plans to a tmpfs of `size` mounted on `out`, filled up to `fill` bytes. */
const onTmpfs = (size: string, fill: number) => [
  'unshare', '-rm', 'sh', '-c',
  [`mount -t tmpfs -o size=${size} tmpfs "$0"`, `head -c ${fill} /dev/zero > "$0/filler" 2>/dev/null`, 'exec "$@"'].join('\n'),
]

/** A disk that refuses the final write and the failure report: where plans go, a worker on it, its repair. */
type BrokenDisk = {
  name: string
  skip: boolean
  out(dirs: Dirs): string
  cause: RegExp
  startWorker(w: Workers, dirs: Dirs): Promise<ChildProcess>
  /** make the disk take writes again; returns the worker that will finish the document */
  repair(w: Workers, dirs: Dirs, worker: ChildProcess): Promise<ChildProcess>
}

const DISKS: BrokenDisk[] = [
  {
    name: 'a full disk (tmpfs in a private mount namespace)',
    skip: !NAMESPACES,
    out: (dirs) => path.join(dirs.root, 'plans-disk'),
    cause: /no space left on device \(ENOSPC\)/,
    async startWorker(w, dirs) {
      const out = this.out(dirs)
      await mkdir(out)
      return w.start(dirs, out, [...onTmpfs('64k', 1_000_000), out]) // full to the last block
    },
    async repair(w, dirs, worker) {
      // the namespace (and its full tmpfs) ends with the worker; the next worker writes to a disk with room
      await w.stop(worker)
      return w.start(dirs, this.out(dirs))
    },
  },
  {
    name: 'a regular file where the output folder was (ENOTDIR)',
    skip: false,
    out: (dirs) => path.join(dirs.root, 'results', 'plans'),
    cause: /a path component is not a folder \(ENOTDIR\)/,
    async startWorker(w, dirs) {
      const worker = await w.start(dirs, this.out(dirs)) // it creates the output folder at start: taken away afterwards
      await rm(path.join(dirs.root, 'results'), { recursive: true })
      await writeFile(path.join(dirs.root, 'results'), 'not a folder\n')
      return worker
    },
    async repair(_w, dirs, worker) {
      await rm(path.join(dirs.root, 'results'))
      return worker
    },
  },
]

describe('queue mode: a final write that fails', () => {
  let redis: PrivateRedis
  beforeAll(async () => {
    redis = await startPrivateRedis()
  }, 30_000)
  afterAll(async () => {
    delete process.env.KEHOACH_QUEUE_PREFIX
    await redis?.stop()
  })

  /** Temp folders, a queue under a fresh prefix, an intake watcher (no reconciler of its own), workers. */
  async function setup(run: (s: { dirs: Dirs; queue: DocumentQueue; intake: InboxWatcher; workers: Workers; outcomes: IngestOutcome[] }) => Promise<void>, out: (dirs: Dirs) => string) {
    const prefix = uniquePrefix('final-write')
    process.env.KEHOACH_QUEUE_PREFIX = prefix // statusReport reads the prefix from the environment, like the CLI
    const dirs = await tempDirs('final-write')
    const queue = new DocumentQueue({ connection: bullConnection(redis.url), prefix })
    const workers = new Workers(redis.url, prefix)
    const outcomes: IngestOutcome[] = []
    const intake = new InboxWatcher(
      { inbox: dirs.inbox, dataDir: dirs.data, outDir: out(dirs), limits: DEFAULT_LIMITS, queue, stableMs: 200, graceMs: GRACE_MS, reconcileMs: 0, rescanMs: RESCAN_MS },
      { outcome: (o) => outcomes.push(o) },
    )
    try {
      await intake.start()
      await run({ dirs, queue, intake, workers, outcomes })
    } finally {
      await intake.close()
      await workers.stopAll()
      await queue.close()
      await dirs.cleanup()
    }
  }

  /** A watcher that only reconciles, every RECONCILE_MS, on an empty inbox of its own. */
  async function reconciler(dirs: Dirs, queue: DocumentQueue, out: string, requeued: string[]): Promise<InboxWatcher> {
    const inbox = path.join(dirs.root, 'inbox-reconciler')
    await mkdir(inbox)
    const w = new InboxWatcher(
      { inbox, dataDir: dirs.data, outDir: out, limits: DEFAULT_LIMITS, queue, stableMs: 200, graceMs: GRACE_MS, reconcileMs: RECONCILE_MS, rescanMs: RESCAN_MS },
      { outcome: (o) => o.kind === 'queued' && o.requeued && requeued.push(o.doc.id) },
    )
    await w.start()
    return w
  }

  const failedForGood = (queue: DocumentQueue) => waitFor('the assemble job failed for good', async () => (await queue.state(ID)) === 'failed', 120_000, 250)

  for (const disk of DISKS) {
    it.skipIf(disk.skip)(`${disk.name}, no report either: stuck with its cause, re-queued once after the repair, one plan written`, async () => {
      await setup(async ({ dirs, queue, intake, workers, outcomes }) => {
        const out = disk.out(dirs)
        let worker = await disk.startWorker(workers, dirs)
        await drop(FILE, dirs.inbox)
        await waitFor('the document queued', async () => outcomes.some((o) => o.kind === 'queued'), 20_000)

        await failedForGood(queue) // every attempt fails on the write (assemble retries with backoff: 10 s, 20 s)
        const failLine = new RegExp(`FAIL ${FILE.replace(/[.]/g, '\\.')}: cannot write .*${ID}\\.json: ${disk.cause.source}`)
        // the worker logs the failure once its 'failed' event arrives, just after Redis records the state
        await waitFor('the worker logging the failure with its cause', async () => failLine.test(workers.log), 10_000)
        expect((await intake.ledger.get(ID))?.state, 'no report: left to the reconciler, not recorded as failed').toBe('in-progress')

        await new Promise((r) => setTimeout(r, GRACE_MS + 50))
        const status = await statusReport({ data: dirs.data, redis: redis.url, graceMs: GRACE_MS })
        expect(status.stuck).toEqual([
          expect.objectContaining({ id: ID, file: FILE, queueState: 'failed', requeues: 0, why: expect.stringMatching(/^failed in the queue without a failure record/) }),
        ])
        expect(status.stuck![0]!.why).toMatch(disk.cause) // the cause, on the stuck document's own line

        worker = await disk.repair(workers, dirs, worker)
        const requeued: string[] = []
        const periodic = await reconciler(dirs, queue, out, requeued)
        try {
          await waitFor('the plan written', async () => (await jsonFiles(out)).length > 0, 120_000, 250)
          await waitFor('done in the ledger', async () => (await intake.ledger.get(ID))?.state === 'done', 20_000)
          await waitFor('the flow completed', async () => (await queue.state(ID)) === 'completed', 20_000)
          await new Promise((r) => setTimeout(r, GRACE_MS + 4 * RECONCILE_MS)) // more rounds, past the grace: nothing left to do
        } finally {
          await periodic.close()
        }

        expect(requeued).toEqual([ID]) // once, by the periodic reconciler
        const shard = await readdir(path.join(dirs.data, 'ledger', ID.slice(0, 2)))
        expect(shard.filter((n) => n.startsWith(`${ID}.requeue-`))).toEqual([`${ID}.requeue-1.json`])
        expect(shard).not.toContain(`${ID}.failed.json`)
        expect(await readdir(out)).toEqual([`${ID}.json`]) // one plan: no revision, no failure report, no temp file
        expect(JSON.parse(await readFile(path.join(out, `${ID}.json`), 'utf8'))).toMatchObject({ id: ID })
        expect((await statusReport({ data: dirs.data, redis: redis.url, graceMs: GRACE_MS })).stuck).toEqual([])
      }, disk.out)
    }, 300_000)
  }

  it.skipIf(!NAMESPACES)('a full ledger disk after the plan was written: the retries write no revision and no report, the reconciled run records its one plan as done', async () => {
    const out = (dirs: Dirs) => path.join(dirs.root, 'results')
    await setup(async ({ dirs, queue, intake, workers, outcomes }) => {
      // the worker sees a full tmpfs where the ledger records of this document go; the plans folder is fine
      const shard = path.join(dirs.data, 'ledger', ID.slice(0, 2))
      await mkdir(shard, { recursive: true })
      let worker = await workers.start(dirs, out(dirs), [...onTmpfs('64k', 1_000_000), shard])
      await drop(FILE, dirs.inbox)
      await waitFor('the document queued', async () => outcomes.some((o) => o.kind === 'queued'), 20_000)
      await failedForGood(queue) // each try fails on the done record (ENOSPC)
      expect(await readdir(out(dirs))).toEqual([`${ID}.json`]) // written once: no revisions/, no failed/ report
      expect((await intake.ledger.get(ID))?.state).toBe('in-progress')

      await workers.stop(worker) // the repair: a worker outside the namespace, whose ledger takes writes
      worker = await workers.start(dirs, out(dirs))
      const requeued: string[] = []
      const periodic = await reconciler(dirs, queue, out(dirs), requeued)
      try {
        await waitFor('done in the ledger', async () => (await intake.ledger.get(ID))?.state === 'done', 120_000, 250)
      } finally {
        await periodic.close()
      }
      expect(requeued).toEqual([ID])
      expect(await readdir(out(dirs))).toEqual([`${ID}.json`])
      expect(JSON.parse(await readFile(path.join(out(dirs), `${ID}.json`), 'utf8'))).toMatchObject({ id: ID, revision: 1 })
      expect((await intake.ledger.get(ID))?.done?.plan).toBe(path.join(out(dirs), `${ID}.json`))
    }, out)
  }, 300_000)

  it.skipIf(!NAMESPACES)('a disk with room for the report but not the plan: failed for good, its report in the one place and format, left alone by the reconciler', async () => {
    const out = (dirs: Dirs) => path.join(dirs.root, 'small-disk')
    await setup(async ({ dirs, queue, intake, workers, outcomes }) => {
      await mkdir(out(dirs))
      const worker = await workers.start(dirs, out(dirs), [...onTmpfs('8k', 0), out(dirs)])
      await drop(FILE, dirs.inbox)
      await waitFor('the document queued', async () => outcomes.some((o) => o.kind === 'queued'), 20_000)
      await failedForGood(queue)

      const entry = await waitFor('the ledger failed record', async () => {
        const e = await intake.ledger.get(ID)
        return e?.state === 'failed' ? e : null
      }, 10_000)
      const reportPath = path.join(out(dirs), 'failed', `${FILE}.error.json`)
      expect(entry.failed).toMatchObject({ code: 'output.write', report: reportPath })
      // the tmpfs is seen only inside the worker's mount namespace: read it there, through /proc
      const report = JSON.parse(await readFile(`/proc/${worker.pid}/root${reportPath}`, 'utf8')) as Record<string, unknown>
      expect(Object.keys(report).sort()).toEqual(['at', 'code', 'file', 'hint', 'input', 'message', 'retryable', 'sha256', 'stage'])
      expect(report).toMatchObject({ code: 'output.write', file: FILE, sha256: ID, retryable: true, input: expect.stringMatching(new RegExp(`^originals/${ID}\\.`)) })
      expect(report.message).toMatch(new RegExp(`^cannot write .*${ID}\\.json: no space left on device \\(ENOSPC\\)$`))
      expect(report.hint).toMatch(/Free space on the output disk/)
      expect(await readdir(`/proc/${worker.pid}/root${out(dirs)}`)).not.toContain(`${ID}.json`)

      await new Promise((r) => setTimeout(r, GRACE_MS + 50))
      expect((await statusReport({ data: dirs.data, redis: redis.url, graceMs: GRACE_MS })).stuck).toEqual([]) // it has its record
      const requeued: string[] = []
      const periodic = await reconciler(dirs, queue, out(dirs), requeued)
      await new Promise((r) => setTimeout(r, 4 * RECONCILE_MS))
      await periodic.close()
      expect(requeued).toEqual([])
    }, out)
  }, 300_000)
})
