import { createHash } from 'node:crypto'
import { existsSync, watch, type FSWatcher } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { Plan } from '../schema/plan.js'
import type { Change, FailureInfo, FileState, PlanStore, StoreEvent } from './types.js'

/**
 * The JSON files are the source of truth; the index follows them. A results folder is either
 * `kehoach process --out DIR` (DIR/<id>.json, DIR/failed/*.error.json) or a queue-mode data folder
 * (DATA/plans/<id>.json, DATA/failed/…, DATA/originals/<id>.*): both are read.
 */
export function planDirs(dataDir: string): string[] {
  return [dataDir, path.join(dataDir, 'plans')]
}
export function failedDirs(dataDir: string): string[] {
  return [path.join(dataDir, 'failed'), path.join(dataDir, 'plans', 'failed')]
}
/** `DATA/.kehoach/`: the index, webhook settings. Never served. */
export function stateDir(dataDir: string): string {
  return path.join(dataDir, '.kehoach')
}
export function defaultIndexFile(dataDir: string): string {
  return path.join(stateDir(dataDir), 'index.sqlite')
}

export type IndexReport = {
  scanned: number
  changed: number
  unchanged: number
  removed: number
  invalid: { file: string; message: string }[]
  events: StoreEvent[]
  ms: number
}

export type IndexOptions = { batchSize?: number; concurrency?: number }

type Found = { rel: string; abs: string; kind: 'plan' | 'failure'; mtimeMs: number; size: number }

/**
 * Brings the index in step with the folder: new and changed files (mtime+size first, then sha256)
 * are (re)indexed, vanished ones removed. Safe to call at any time, from any number of processes.
 */
export async function indexFolder(dataDir: string, store: PlanStore, options: IndexOptions = {}): Promise<IndexReport> {
  const started = performance.now()
  const batchSize = options.batchSize ?? 250
  const concurrency = options.concurrency ?? 16
  const known = new Map((await store.files()).map((f) => [f.path, f]))
  const found = [
    ...(await listJson(dataDir, planDirs(dataDir), 'plan', (n) => n.endsWith('.json') && !n.endsWith('.error.json'))),
    ...(await listJson(dataDir, failedDirs(dataDir), 'failure', (n) => n.endsWith('.error.json'))),
  ]
  const report: IndexReport = { scanned: found.length, changed: 0, unchanged: 0, removed: 0, invalid: [], events: [], ms: 0 }
  const seen = new Set(found.map((f) => f.rel))
  let batch: Change[] = []
  const flush = async () => {
    if (batch.length === 0) return
    const b = batch
    batch = []
    report.events.push(...(await store.apply(b)))
  }

  const todo = found.filter((f) => {
    const k = known.get(f.rel)
    const same = k && k.kind === f.kind && k.mtimeMs === f.mtimeMs && k.size === f.size
    if (same) report.unchanged++
    return !same
  })
  for (let i = 0; i < todo.length; i += concurrency) {
    const slice = todo.slice(i, i + concurrency)
    const read = await Promise.all(slice.map((f) => readFile(f.abs).then((b) => [f, b] as const, () => [f, null] as const)))
    for (const [f, bytes] of read) {
      if (bytes === null) continue // vanished between listing and reading: next scan removes it
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      const k = known.get(f.rel)
      const state: FileState = { path: f.rel, kind: f.kind, mtimeMs: f.mtimeMs, size: f.size, sha256, planId: null }
      if (k && k.sha256 === sha256 && k.kind === f.kind) {
        batch.push({ kind: 'touch', file: { ...state, planId: k.planId } })
        report.unchanged++
        continue
      }
      report.changed++
      if (f.kind === 'failure') {
        batch.push({ kind: 'failure', failure: failureOf(f.rel, bytes), file: state })
        continue
      }
      const parsed = parsePlanFile(bytes)
      if (!parsed.ok) {
        report.invalid.push({ file: f.rel, message: parsed.message })
        if (k?.planId) batch.push({ kind: 'remove-file', path: f.rel })
        batch.push({ kind: 'touch', file: state })
        continue
      }
      batch.push({ kind: 'upsert', plan: parsed.plan, file: { ...state, planId: parsed.plan.id } })
    }
    if (batch.length >= batchSize) await flush()
  }
  for (const rel of known.keys()) {
    if (seen.has(rel)) continue
    report.removed++
    batch.push({ kind: 'remove-file', path: rel })
  }
  await flush()
  report.ms = Math.round(performance.now() - started)
  return report
}

async function listJson(root: string, dirs: string[], kind: Found['kind'], want: (name: string) => boolean): Promise<Found[]> {
  const out: Found[] = []
  for (const dir of dirs) {
    let names: string[]
    try {
      names = await readdir(dir)
    } catch {
      continue
    }
    for (const name of names) {
      if (name.startsWith('.') || !want(name)) continue
      const abs = path.join(dir, name)
      try {
        const st = await stat(abs)
        if (!st.isFile()) continue
        out.push({ rel: path.relative(root, abs).split(path.sep).join('/'), abs, kind, mtimeMs: st.mtimeMs, size: st.size })
      } catch {
        // removed while listing
      }
    }
  }
  return out
}

function parsePlanFile(bytes: Buffer): { ok: true; plan: Plan } | { ok: false; message: string } {
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch (error) {
    return { ok: false, message: `not JSON: ${(error as Error).message}` }
  }
  const r = Plan.safeParse(json)
  if (!r.success) return { ok: false, message: `not a kehoach plan: ${r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` }
  return { ok: true, plan: r.data }
}

function failureOf(rel: string, bytes: Buffer): FailureInfo {
  const name = path.basename(rel).replace(/\.error\.json$/, '')
  try {
    const j = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
    const str = (v: unknown) => (typeof v === 'string' ? v : null)
    const id = str(j.sha256) ?? str(j.id)
    return {
      file: str(j.file) ?? name,
      planId: id && /^[0-9a-f]{64}$/.test(id) ? id : null,
      code: str(j.code) ?? 'unknown',
      stage: str(j.stage),
      message: str(j.message) ?? '(no message in the error report)',
      hint: str(j.hint),
      retryable: typeof j.retryable === 'boolean' ? j.retryable : null,
      at: str(j.at),
    }
  } catch {
    return { file: name, planId: null, code: 'report.unreadable', stage: null, message: 'the error report is not JSON', hint: null, retryable: null, at: null }
  }
}

export type FolderWatch = {
  /** index now (and wait), e.g. after a write the caller knows about */
  refresh(): Promise<IndexReport | null>
  close(): Promise<void>
}

/**
 * Keeps the index in step: indexes on start, then on file-system change (debounced) and every
 * `intervalMs` as a safety net (fs.watch misses events on some file systems). Runs never overlap.
 */
export function watchFolder(
  dataDir: string,
  store: PlanStore,
  options: { intervalMs?: number; debounceMs?: number; onReport?: (r: IndexReport) => void; onError?: (e: unknown) => void } = {},
): FolderWatch {
  let running: Promise<IndexReport | null> | null = null
  let again = false
  let closed = false
  const run = (): Promise<IndexReport | null> => {
    if (closed) return Promise.resolve(null)
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      let last: IndexReport | null = null
      do {
        again = false
        try {
          last = await indexFolder(dataDir, store)
          if (last.changed || last.removed) options.onReport?.(last)
        } catch (error) {
          options.onError?.(error)
        }
      } while (again && !closed)
      return last
    })().finally(() => (running = null))
    return running
  }
  let timer: NodeJS.Timeout | null = null
  const poke = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void run(), options.debounceMs ?? 200)
  }
  const watchers: FSWatcher[] = []
  for (const dir of [...planDirs(dataDir), ...failedDirs(dataDir)]) {
    if (!existsSync(dir)) continue
    try {
      const w = watch(dir, { persistent: false }, poke)
      w.on('error', () => {})
      watchers.push(w)
    } catch {
      // polling covers it
    }
  }
  const interval = setInterval(() => void run(), options.intervalMs ?? 5000)
  interval.unref()
  void run()
  return {
    refresh: async () => {
      if (running) await running
      return run()
    },
    close: async () => {
      closed = true
      clearInterval(interval)
      if (timer) clearTimeout(timer)
      for (const w of watchers) w.close()
      await running
    },
  }
}
