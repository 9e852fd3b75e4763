import { readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
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
