/**
 * The inbox as a listing, for the watcher's rescan: what the OS events should have brought. A
 * file's identity (inbox-file.ts) tells whether it changed since an intake saw it.
 */
import { lstat } from 'node:fs/promises'
import { identityKey } from './inbox-file.js'
import { filesUnder } from './walk.js'

/**
 * Every regular file under the inbox, by absolute path, with its identity (walk.ts: links never
 * followed, ignored names skipped); a folder that cannot be read is skipped (the next listing
 * tries again).
 */
export async function listInbox(root: string): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (const file of await filesUnder(root, { skipUnreadable: true })) {
    const st = await lstat(file).catch(() => null)
    if (st?.isFile()) found.set(file, identityKey(st))
  }
  return found
}
