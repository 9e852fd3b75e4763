/**
 * The inbox as a listing, for the watcher's rescan: what the OS events should have brought. A
 * file's identity (inbox-file.ts) tells whether it changed since an intake saw it.
 */
import { lstat, readdir } from 'node:fs/promises'
import path from 'node:path'
import { isIgnoredFileName } from './ignore.js'
import { identityKey } from './inbox-file.js'

/**
 * Every regular file under the inbox, by absolute path, with its identity: folders are entered
 * unless they are links (never followed) or ignored names; a folder that cannot be read is
 * skipped (the next listing tries again).
 */
export async function listInbox(root: string): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const dirsLeft = [root]
  while (dirsLeft.length) {
    const dir = dirsLeft.pop()!
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const e of entries) {
      const p = path.join(dir, e.name)
      if (isIgnoredFileName(p)) continue
      if (e.isDirectory()) dirsLeft.push(p)
      else if (e.isFile()) {
        const st = await lstat(p).catch(() => null)
        if (st?.isFile()) found.set(p, identityKey(st))
      }
    }
  }
  return found
}
