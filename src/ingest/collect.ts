import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { FileAccessError } from '../errors.js'
import { isIgnoredFileName } from './ignore.js'

export type InputFile = { path: string; subfolder: string | null }

/** Expand the command line: files as given, folders walked (sorted, hidden/temp files skipped). */
export async function collectInputs(paths: string[]): Promise<InputFile[]> {
  const out: InputFile[] = []
  for (const p of paths) {
    let s
    try {
      s = await stat(p)
    } catch (error) {
      throw new FileAccessError(`${p}: no such file or folder`, { cause: error })
    }
    if (s.isDirectory()) await walk(p, p, out)
    else out.push({ path: p, subfolder: null })
  }
  return out
}

async function walk(root: string, dir: string, out: InputFile[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))
  for (const e of entries) {
    if (isIgnoredFileName(e.name)) continue
    const full = path.join(dir, e.name)
    if (e.isDirectory()) await walk(root, full, out)
    else if (e.isFile()) {
      const rel = path.relative(root, dir)
      out.push({ path: full, subfolder: rel === '' ? null : rel.split(path.sep).join('/') })
    }
  }
}
