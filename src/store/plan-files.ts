import { readdir, readFile } from 'node:fs/promises'
import { writeFileAtomic } from './atomic-file.js'
import path from 'node:path'
import type { Plan } from '../schema/plan.js'
import type { ErrorReport } from '../errors.js'

export type FailureReport = ErrorReport & { file: string; sha256?: string | null; at: string }

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
  const previous = await readFile(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  if (previous) {
    const revDir = revisionsDir(outDir, plan.id)
    const kept = await listRevisions(outDir, plan.id)
    const prevRev = revisionOf(previous) ?? Math.max(0, ...kept) + 1
    const keptPath = path.join(revDir, `${prevRev}.json`)
    // a copy already kept (a crash after this step, then a retry) is not overwritten
    if (!kept.includes(prevRev)) await writeFileAtomic(keptPath, previous)
    plan.revision = Math.max(prevRev, ...kept) + 1
  }
  await writeFileAtomic(target, JSON.stringify(plan, null, 2) + '\n')
  return target
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

/** `DIR/failed/<file>.error.json`: what failed, where, and how to fix it. */
export async function writeFailureReport(outDir: string, fileName: string, report: FailureReport): Promise<string> {
  const target = path.join(outDir, 'failed', `${path.basename(fileName)}.error.json`)
  await writeFileAtomic(target, JSON.stringify(report, null, 2) + '\n')
  return target
}

export { writeFileAtomic } from './atomic-file.js'
