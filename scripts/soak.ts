/**
 * Soak test of queue mode under faults: N documents through `kehoach watch --no-workers` and two
 * `kehoach worker` processes (the CLI from dist/), while a worker is killed with SIGKILL every
 * --kill-every seconds (and a fresh one started) and Redis — a private redis-server without
 * persistence, on its own port — is killed and restarted --redis-restarts times mid-batch.
 *
 * Prints: documents in / JSON out / duplicates (documents whose result was written more than
 * once) / orphans (sandboxed children of killed workers still alive) / failed / stuck (claimed,
 * never done). Want: in = out, 0, 0, 0, 0.
 *
 *   npm run soak -- --docs 200          # default 200 small text documents
 *   npm run soak -- --docs 40 --timeout 900
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startPrivateRedis } from '../tests/helpers/redis-server.js'
import { alive, childrenOf } from '../tests/helpers/procs.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js')

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '200' },
    'kill-every': { type: 'string', default: '20' },
    'redis-restarts': { type: 'string', default: '2' },
    timeout: { type: 'string', default: '3600' },
    keep: { type: 'boolean', default: false },
  },
})
const N = Number(args.docs)
const KILL_EVERY_MS = Number(args['kill-every']) * 1000
const RESTARTS = Number(args['redis-restarts'])
const TIMEOUT_MS = Number(args.timeout) * 1000

const log = (line: string) => process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** N distinct small documents: real OCR-text fixtures, each with its own closing line (its own content hash). */
function documents(n: number): { name: string; text: string }[] {
  const sources = [path.join(ROOT, 'fixtures'), path.join(ROOT, 'fixtures', 'heldout')].flatMap((dir) =>
    readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(dir, f), 'utf8')),
  )
  return Array.from({ length: n }, (_, i) => ({ name: `soak-${String(i).padStart(4, '0')}.txt`, text: `${sources[i % sources.length]}\nBản số ${i + 1}\n` }))
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'kehoach-soak-'))
  const inbox = path.join(root, 'inbox')
  const data = path.join(root, 'data')
  const plans = path.join(data, 'plans')
  await mkdir(inbox, { recursive: true })
  const redis = await startPrivateRedis()
  const env = { ...process.env, REDIS_URL: redis.url, KEHOACH_QUEUE_PREFIX: 'soak' }
  const procs = new Set<ChildProcess>()
  const start = (name: string, argv: string[]) => {
    const p = spawn(process.execPath, [CLI, ...argv, '--no-progress'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    p.stderr!.on('data', (d: Buffer) => {
      for (const line of String(d).split('\n')) if (/FAIL|error|stuck|re-queued|REFUSED/i.test(line)) log(`${name}: ${line.trim()}`)
    })
    procs.add(p)
    p.once('exit', () => procs.delete(p))
    return p
  }
  // short locks: a killed worker's pages come back in seconds (production: 60 s + 30 s)
  const startWorker = (i: number) => start(`worker${i}`, ['worker', '--data', data, '--concurrency', '1', '--lock-duration', '10000', '--stalled-interval', '5000'])
  const watcher = start('watch', ['watch', '--no-workers', '--inbox', inbox, '--data', data, '--stable-ms', '500'])
  const workers = [startWorker(0), startWorker(1)]
  const killedChildren: number[] = []
  let kills = 0
  let restarts = 0
  const started = Date.now()
  const docs = documents(N)
  let interrupted = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (interrupted = true)) // stop, clean up, report

  try {
    for (const d of docs) {
      const target = path.join(inbox, d.name)
      await writeFile(`${target}.part`, d.text)
      await rename(`${target}.part`, target)
    }
    log(`${N} documents dropped; Redis ${redis.url} (no persistence); killing a worker every ${KILL_EVERY_MS / 1000} s`)
    let lastKill = Date.now()
    for (;;) {
      const out = (await readdir(plans).catch(() => [] as string[])).filter((n) => /^[0-9a-f]{64}\.json$/.test(n)).length
      if (out >= N || interrupted) break
      if (Date.now() - started > TIMEOUT_MS) {
        log(`timeout after ${TIMEOUT_MS / 1000} s`)
        break
      }
      if (Date.now() - lastKill >= KILL_EVERY_MS) {
        lastKill = Date.now()
        const i = kills++ % workers.length
        const victim = workers[i]!
        killedChildren.push(...childrenOf(victim.pid!))
        process.kill(victim.pid!, 'SIGKILL')
        workers[i] = startWorker(i)
        log(`killed worker${i} (pid ${victim.pid}) · ${out}/${N} JSON out`)
      }
      if (restarts < RESTARTS && out >= ((restarts + 1) * N) / (RESTARTS + 1)) {
        restarts++
        await redis.restart()
        log(`Redis killed and restarted (${restarts}/${RESTARTS}), every key lost · ${out}/${N} JSON out`)
      }
      await sleep(1000)
    }
    await sleep(3000) // let the last ledger records land
    await report(N, data, plans, killedChildren, Date.now() - started, { kills, restarts })
  } finally {
    watcher.kill('SIGTERM')
    for (const p of [...procs]) p.kill('SIGKILL')
    for (const pid of killedChildren) if (alive(pid)) process.kill(pid, 'SIGKILL')
    await redis.stop()
    if (!args.keep) await rm(root, { recursive: true, force: true })
    else log(`kept ${root}`)
  }
}

async function report(n: number, data: string, plans: string, killedChildren: number[], ms: number, faults: { kills: number; restarts: number }): Promise<void> {
  const out = (await readdir(plans).catch(() => [] as string[])).filter((f) => /^[0-9a-f]{64}\.json$/.test(f))
  // a document written twice keeps its earlier result under plans/revisions/<id>/
  const revised = await readdir(path.join(plans, 'revisions')).catch(() => [] as string[])
  const writtenTwice = (await Promise.all(out.map(async (f) => (JSON.parse(await readFile(path.join(plans, f), 'utf8')) as { revision?: number }).revision ?? 1))).filter((r) => r > 1).length
  // per document, as the ledger reads it (ledger.ts): done wins over a failure recorded by an earlier attempt
  const ledger = path.join(data, 'ledger')
  const names = new Set<string>()
  for (const shard of await readdir(ledger).catch(() => [] as string[])) for (const f of await readdir(path.join(ledger, shard))) names.add(f)
  const claims = [...names].map((f) => /^([0-9a-f]{64})\.json$/.exec(f)?.[1]).filter((id): id is string => Boolean(id))
  const done = claims.filter((id) => names.has(`${id}.done.json`)).length
  const failed = claims.filter((id) => !names.has(`${id}.done.json`) && names.has(`${id}.failed.json`)).length
  const failedThenDone = claims.filter((id) => names.has(`${id}.done.json`) && names.has(`${id}.failed.json`)).length
  const orphans = killedChildren.filter(alive).length
  const lines = [
    `documents in    ${n}`,
    `JSON out        ${out.length}`,
    `duplicates      ${Math.max(revised.length, writtenTwice)}`,
    `orphans         ${orphans} (of ${killedChildren.length} sandboxed children of killed workers)`,
    `failed          ${failed}${failedThenDone ? ` (and ${failedThenDone} with a failure recorded by an earlier attempt, then done)` : ''}`,
    `stuck           ${claims.length - done - failed} (claimed, neither done nor failed)`,
    `faults          ${faults.kills} worker kills (SIGKILL), ${faults.restarts} Redis restarts without persistence`,
    `elapsed         ${(ms / 1000).toFixed(0)} s`,
  ]
  process.stdout.write(lines.join('\n') + '\n')
}

await main()
