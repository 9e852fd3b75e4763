import { mkdir, open, rename, unlink } from 'node:fs/promises'
import path from 'node:path'
import type { Plan } from '../schema/plan.js'
import type { ErrorReport } from '../errors.js'

export type FailureReport = ErrorReport & { file: string; sha256?: string | null; at: string }

/** `DIR/<id>.json`, written atomically: readers never see half a file. */
export async function writePlanFile(outDir: string, plan: Plan): Promise<string> {
  const target = path.join(outDir, `${plan.id}.json`)
  await writeFileAtomic(target, JSON.stringify(plan, null, 2) + '\n')
  return target
}

/** `DIR/failed/<file>.error.json`: what failed, where, and how to fix it. */
export async function writeFailureReport(outDir: string, fileName: string, report: FailureReport): Promise<string> {
  const target = path.join(outDir, 'failed', `${path.basename(fileName)}.error.json`)
  await writeFileAtomic(target, JSON.stringify(report, null, 2) + '\n')
  return target
}

/** Temp file in the same folder, fsync, rename: the POSIX recipe for an atomic replace. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true })
  const tmp = `${target}.${process.pid}.${Date.now().toString(36)}.tmp`
  const fh = await open(tmp, 'w')
  try {
    await fh.writeFile(data)
    await fh.sync()
  } finally {
    await fh.close()
  }
  try {
    await rename(tmp, target)
  } catch (error) {
    await unlink(tmp).catch(() => {})
    throw error
  }
}
