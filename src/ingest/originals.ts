/**
 * Durable copies of what was dropped in the inbox. An input leaves the inbox only after its
 * bytes are safe elsewhere: written to a temp file in the target folder, fsynced, renamed into
 * place, and the folder fsynced — never delete first.
 *   DATA/originals/<sha256>.<ext>   accepted documents (page workers read them from here)
 *   DATA/failed/<name>              rejected inputs, beside <name>.error.json
 */
import { randomBytes } from 'node:crypto'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { InputKind } from './sniff.js'
import { writeFileAtomic } from '../store/atomic-file.js'

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
 * Keep a rejected input's bytes in DATA/failed/, under its name (a `-<id8>` suffix when that name
 * is taken), durably (temp, fsync, rename). The bytes are the ones that were read, never a copy
 * by path: the inbox entry is removed by the caller only if it is still that same file.
 * Returns the path it got.
 */
export async function keepFailedInput(dataDir: string, fileName: string, bytes: Uint8Array, id: string | null): Promise<string> {
  const dir = path.join(dataDir, 'failed')
  const base = path.basename(fileName)
  let name = base
  if (await stat(path.join(dir, name)).catch(() => null)) {
    const ext = path.extname(base)
    const suffix = id ? id.slice(0, 8) : randomBytes(4).toString('hex')
    name = `${base.slice(0, base.length - ext.length)}-${suffix}${ext}`
  }
  const target = path.join(dir, name)
  await writeFileAtomic(target, bytes)
  return target
}
