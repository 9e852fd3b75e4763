import { readFile, readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { BadArgumentError, FileAccessError } from '../errors.js'
import { Plan } from '../schema/plan.js'
import { planDirs } from './indexer.js'

const HEX64 = /^[0-9a-f]{64}$/

/**
 * `DATA/originals/<id>.<ext>`: found by listing that folder, never by joining outside text into a
 * path, and it must resolve (symlinks followed) inside the folder.
 */
export async function findOriginal(originals: string, id: string): Promise<string | null> {
  if (!HEX64.test(id)) return null
  let names: string[]
  try {
    names = await readdir(originals)
  } catch {
    return null
  }
  const name = names.find((n) => n.startsWith(`${id}.`) && !n.endsWith('.tmp'))
  if (!name) return null
  const file = path.join(originals, name)
  try {
    const [real, root] = await Promise.all([realpath(file), realpath(originals)])
    if (!real.startsWith(root + path.sep)) return null
    if (!(await stat(real)).isFile()) return null
    return real
  } catch {
    return null
  }
}

/** The current result of a document: `DATA/<id>.json` (kehoach process) or `DATA/plans/<id>.json` (queue mode). */
export async function findPlanFile(dataDir: string, id: string): Promise<string | null> {
  if (!HEX64.test(id)) return null
  for (const dir of planDirs(dataDir)) {
    const file = path.join(dir, `${id}.json`)
    if (await stat(file).then((s) => s.isFile(), () => false)) return file
  }
  return null
}

/** Full ids of the plan files whose id starts with `prefix` (≥ 8 hex characters): for ids typed by people. */
export async function idsByPrefix(dataDir: string, prefix: string): Promise<string[]> {
  const p = prefix.toLowerCase()
  if (!/^[0-9a-f]{8,64}$/.test(p)) return []
  const out = new Set<string>()
  for (const dir of planDirs(dataDir)) {
    for (const n of await readdir(dir).catch(() => [] as string[])) {
      const m = /^([0-9a-f]{64})\.json$/.exec(n)
      if (m && m[1]!.startsWith(p)) out.add(m[1]!)
    }
  }
  return [...out].sort()
}

/** A stored document: its current result and its original (what `kehoach reprocess` needs). */
export type StoredDocument = {
  id: string
  /** current result, absolute */
  planFile: string
  /** folder of the current result: the new revision is written there */
  outDir: string
  /** the original, absolute */
  original: string
  fileName: string
  subfolder: string | null
  revision: number
  /** a document given as several page images: its images, in page order, joined in the original */
  parts?: { fileName: string; byteSize: number }[]
}

export async function locateDocument(dataDir: string, id: string): Promise<StoredDocument> {
  const planFile = await findPlanFile(dataDir, id)
  if (!planFile) throw new BadArgumentError(`no result for ${id} in ${dataDir} (looked for <id>.json and plans/<id>.json)`)
  const original = await findOriginal(path.join(dataDir, 'originals'), id)
  if (!original) {
    throw new FileAccessError(
      `no original for ${id} in ${path.join(dataDir, 'originals')}: only documents whose original was kept can be processed again ` +
        '(queue mode keeps them; after `kehoach process`, copy the file to originals/<id>.<ext>)',
    )
  }
  let plan: Plan
  try {
    plan = Plan.parse(JSON.parse(await readFile(planFile, 'utf8')))
  } catch (error) {
    throw new FileAccessError(`${planFile} is not a readable plan: ${(error as Error).message.slice(0, 300)}`, { cause: error })
  }
  const parts = plan.source.parts?.map(({ fileName, byteSize }) => ({ fileName, byteSize }))
  return { id, planFile, outDir: path.dirname(planFile), original, fileName: plan.source.fileName, subfolder: plan.source.subfolder, revision: plan.revision, ...(parts ? { parts } : {}) }
}
