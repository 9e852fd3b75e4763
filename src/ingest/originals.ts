/**
 * Durable copies of what was dropped in the inbox. An input leaves the inbox only after its
 * bytes are safe elsewhere: written to a temp file in the target folder, fsynced, renamed into
 * place, and the folder fsynced — never delete first.
 *   DATA/originals/<sha256>.<ext>   accepted documents (page workers read them from here)
 *   DATA/failed/<name>              rejected inputs, beside <name>.error.json
 */
import { randomBytes } from 'node:crypto'
import { copyFile, mkdir, open, rename, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import type { InputKind } from './sniff.js'
import { syncDir, writeFileAtomic } from '../store/atomic-file.js'

const EXT_BY_MEDIA: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/tiff': '.tif',
  'text/plain': '.txt',
}

/** `originals/<id>.<ext>`, relative to the data folder (the extension of the dropped file, lower case). */
export function originalRelPath(id: string, fileName: string, kind?: InputKind, mediaType?: string): string {
  const ext = path.extname(fileName).toLowerCase()
  const safe = /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : (mediaType && EXT_BY_MEDIA[mediaType]) || (kind === 'text' ? '.txt' : '.bin')
  return path.join('originals', `${id}${safe}`)
}

/** Store the bytes at DATA/<rel> durably; a copy already there with the same size is kept. */
export async function storeOriginal(dataDir: string, rel: string, bytes: Uint8Array): Promise<string> {
  const target = path.join(dataDir, rel)
  const existing = await stat(target).catch(() => null)
  if (existing && existing.size === bytes.length) return target
  await writeFileAtomic(target, bytes)
  return target
}

/**
 * Move a rejected input to DATA/failed/, keeping its name (a `-<id8>` suffix when that name is
 * taken). Copy + fsync + rename, then remove the source: rename(2) alone fails across
 * filesystems (a mounted inbox). Returns the name it got in failed/.
 */
export async function moveToFailed(dataDir: string, source: string, id: string | null): Promise<string> {
  const dir = path.join(dataDir, 'failed')
  await mkdir(dir, { recursive: true })
  const base = path.basename(source)
  let name = base
  if (await stat(path.join(dir, name)).catch(() => null)) {
    const ext = path.extname(base)
    const suffix = id ? id.slice(0, 8) : randomBytes(4).toString('hex')
    name = `${base.slice(0, base.length - ext.length)}-${suffix}${ext}`
  }
  const target = path.join(dir, name)
  const tmp = path.join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`)
  await copyFile(source, tmp)
  const fh = await open(tmp, 'r+')
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
  await rename(tmp, target)
  await syncDir(dir)
  await unlink(source).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
  })
  return name
}
