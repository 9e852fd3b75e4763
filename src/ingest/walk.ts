import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { isIgnoredFileName } from './ignore.js'

/**
 * The regular files under `dir`, depth first in name order: folders are entered, links never
 * followed (readdir types a link as neither), hidden and temporary names skipped (ignore.ts). A
 * folder that cannot be read throws, or with `skipUnreadable` is passed over.
 */
export async function filesUnder(dir: string, opts: { skipUnreadable?: boolean } = {}): Promise<string[]> {
  const out: string[] = []
  const walk = async (d: string): Promise<void> => {
    const listed = readdir(d, { withFileTypes: true })
    const entries = (opts.skipUnreadable ? await listed.catch(() => []) : await listed).sort((a, b) => a.name.localeCompare(b.name))
    for (const e of entries) {
      if (isIgnoredFileName(e.name)) continue
      const full = path.join(d, e.name)
      if (e.isDirectory()) await walk(full)
      else if (e.isFile()) out.push(full)
    }
  }
  await walk(dir)
  return out
}
