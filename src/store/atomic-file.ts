import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, unlink } from 'node:fs/promises'
import path from 'node:path'

/**
 * Temp file in the same folder (exclusive create, random name: safe with several writers), fsync,
 * rename, fsync the folder: the POSIX recipe for a replace that survives a crash and that readers
 * never see half done.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true })
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`)
  const fh = await open(tmp, 'wx')
  try {
    try {
      await fh.writeFile(data)
      await fh.sync()
    } finally {
      await fh.close()
    }
    await rename(tmp, target)
  } catch (error) {
    // a full disk fails the write, a vanished folder the rename: never leave the temp file behind
    await unlink(tmp).catch(() => {})
    throw error
  }
  await syncDir(path.dirname(target))
}

/** Make a rename or a new file in `dir` durable. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r')
    try {
      await fh.sync()
    } finally {
      await fh.close()
    }
  } catch {
    // some filesystems (and Windows) do not allow fsync on a folder
  }
}
