import { randomBytes } from 'node:crypto'
import { readdir, readFile, unlink } from 'node:fs/promises'
import { writeFileAtomic } from './atomic-file.js'
import path from 'node:path'
import type { Plan } from '../schema/plan.js'
import { outputWriteError, type ErrorReport } from '../errors.js'

/**
 * The one format of a failure report, written by intake (the watcher), processing (the queue's
 * assemble worker) and `kehoach process` alike, always to `<results>/failed/<file>.error.json`.
 * `file`: the input as it was given (path, or name under the inbox with its subfolder);
 * `input`: where its bytes are kept now, when kehoach kept them (DATA/failed/…, DATA/originals/…).
 */
export type FailureReport = ErrorReport & { file: string; sha256?: string | null; at: string; input?: string | null }

/**
 * `DIR/<id>.json`, written atomically: readers never see half a file.
 *
 * Revisions: when `DIR/<id>.json` already exists (the document is processed again, e.g. after a
 * model update), the file there is first copied to `DIR/revisions/<id>/<rev>.json` (its own
 * `revision`) and `plan.revision` is set to one more than any revision kept so far — on the object
 * passed in, so that callers report the number written. The current file is replaced with one
 * atomic rename, never moved away first: a reader or the indexer never sees the id vanish (which
 * would announce `removed`), and the index announces `document.updated` with the new revision.
 */
export async function writePlanFile(outDir: string, plan: Plan): Promise<string> {
  const target = path.join(outDir, `${plan.id}.json`)
  try {
    await keepPreviousRevision(outDir, target, plan)
    await writeFileAtomic(target, JSON.stringify(plan, null, 2) + '\n')
  } catch (error) {
    // the real cause (read-only, no space, permission) in the message; the temp file is already gone
    throw outputWriteError(target, error)
  }
  return target
}

/**
 * `DIR/<id>.json` when the queued run that started at `startedAt` (epoch ms: its enqueue time)
 * wrote it, else null. A plan records when its run ended and how long it took since the enqueue
 * (`processedAt`, `durationMs`), so their difference is the run's start: a retry of that run
 * (the ledger's done record failed after the plan was written) finds its own result here and
 * records it instead of writing it again as a second revision. A reprocess or a re-drop is
 * another run, enqueued at another time. A run whose clock was behind its enqueuer's
 * (`durationMs` 0) is not recognised: its retries write revisions as before, losing nothing.
 */
export async function planOfRun(outDir: string, id: string, startedAt: number): Promise<string | null> {
  const target = path.join(outDir, `${id}.json`)
  const processing = await readFile(target, 'utf8').then(
    (t) => (JSON.parse(t) as { processing?: { processedAt?: unknown; durationMs?: unknown } }).processing,
    () => undefined,
  )
  if (typeof processing?.processedAt !== 'string' || typeof processing.durationMs !== 'number') return null
  return Date.parse(processing.processedAt) - processing.durationMs === startedAt ? target : null
}

async function keepPreviousRevision(outDir: string, target: string, plan: Plan): Promise<void> {
  const previous = await readFile(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  if (!previous) return
  const revDir = revisionsDir(outDir, plan.id)
  const kept = await listRevisions(outDir, plan.id)
  const prevRev = revisionOf(previous) ?? Math.max(0, ...kept) + 1
  const keptPath = path.join(revDir, `${prevRev}.json`)
  // a copy already kept (a crash after this step, then a retry) is not overwritten
  if (!kept.includes(prevRev)) await writeFileAtomic(keptPath, previous)
  plan.revision = Math.max(prevRev, ...kept) + 1
}

/**
 * Fail fast, before any OCR, when the output folder cannot be written at all (read-only mount,
 * not ours): create it and write and remove a probe file. Throws OutputWriteError.
 */
export async function checkOutputWritable(outDir: string): Promise<void> {
  const probe = path.join(outDir, `.kehoach-write-probe-${randomBytes(4).toString('hex')}`)
  try {
    await writeFileAtomic(probe, 'probe\n')
  } catch (error) {
    throw outputWriteError(outDir, error)
  }
  await unlink(probe).catch(() => {})
}

/** `DIR/revisions/<id>/`: earlier results of a document, `<rev>.json` each. Not indexed. */
export function revisionsDir(outDir: string, id: string): string {
  if (!/^[0-9a-f]{64}$/.test(id)) throw new Error(`not a plan id: ${id}`)
  return path.join(outDir, 'revisions', id)
}

/** Revision numbers kept in `DIR/revisions/<id>/`, ascending. */
export async function listRevisions(outDir: string, id: string): Promise<number[]> {
  const names = await readdir(revisionsDir(outDir, id)).catch(() => [] as string[])
  return names.map((n) => /^(\d+)\.json$/.exec(n)?.[1]).filter((n): n is string => n !== undefined).map(Number).sort((a, b) => a - b)
}

function revisionOf(bytes: Buffer): number | null {
  try {
    const r = (JSON.parse(bytes.toString('utf8')) as { revision?: unknown }).revision
    return typeof r === 'number' && Number.isInteger(r) && r >= 1 ? r : null
  } catch {
    return null
  }
}

/**
 * `DIR/failed/<file>.error.json`: what failed, where, and how to fix it. A report of another
 * content under the same name is kept: this one gets `<file>-<sha8>.error.json`.
 *
 * Never throws: a report is written while something already went wrong, often the very disk it
 * would go to (full, read-only). Returns the path, or null when it could not be written — the
 * cause goes to `log` (stderr by default); the caller still has the failure to print and exit on.
 */
export async function writeFailureReport(
  outDir: string,
  fileName: string,
  report: FailureReport,
  log: (line: string) => void = (l) => process.stderr.write(`kehoach: ${l}\n`),
): Promise<string | null> {
  const dir = path.join(outDir, 'failed')
  let target = path.join(dir, `${path.basename(fileName)}.error.json`)
  try {
    const existing = await readFile(target, 'utf8').then((t) => JSON.parse(t) as FailureReport, () => null)
    if (existing?.sha256 && report.sha256 && existing.sha256 !== report.sha256) {
      target = path.join(dir, `${path.basename(fileName)}-${report.sha256.slice(0, 8)}.error.json`)
    }
    await writeFileAtomic(target, JSON.stringify(report, null, 2) + '\n')
    return target
  } catch (error) {
    log(`failure report for ${report.file} not written: ${outputWriteError(target, error).message}`)
    return null
  }
}

export { writeFileAtomic } from './atomic-file.js'
