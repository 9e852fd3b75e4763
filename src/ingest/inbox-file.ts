/**
 * Reading and removing one inbox entry without ever reaching outside the inbox.
 *
 * An inbox is a folder other people (and their tools) write into. The watcher must take in only
 * regular files that are the inbox's own, and remove only the file whose bytes it has safely
 * copied — never the target of a link. So:
 *   - a symlink, a FIFO (reading it would block), a device, a socket: refused;
 *   - a file with more than one hard link: refused (its other name may be anywhere on the disk,
 *     e.g. a hard link to /etc/passwd; removing our name would not remove the file either);
 *   - a file whose folder resolves outside the inbox (a symlinked subfolder): refused, so that a
 *     link to /home/x never has its files read or deleted;
 *   - a file the watcher could not remove after taking it in (a folder it cannot write, another
 *     user's file in a sticky folder): refused instead of being processed again and again.
 * The file is opened with O_NOFOLLOW and checked again on the open descriptor (same device and
 * inode as the lstat), so a swap between the check and the read is caught. Removal checks the
 * identity again: a path that now names something else is left alone.
 */
import { constants } from 'node:fs'
import { access, lstat, open, realpath, stat, unlink } from 'node:fs/promises'
import path from 'node:path'

/** The sticky bit of a folder's mode (chmod +t, e.g. /tmp): only a file's owner may remove it (POSIX stat.h). */
const S_ISVTX = 0o1000

/** What identifies the file that was read: removal happens only while the path still names it. */
export type FileIdentity = { dev: number; ino: number; size: number; mtimeMs: number }

/** A file identity as one comparable string (an lstat result will do): equal while the path names the same, unchanged file. */
export function identityKey(s: FileIdentity): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`
}

export type InboxRead =
  | { kind: 'file'; bytes: Buffer; identity: FileIdentity }
  | { kind: 'unsafe'; reason: string }
  | { kind: 'gone' }
  /** written to (or replaced) while it was being read: try again once it is stable */
  | { kind: 'changing' }

/** Why an lstat result is not a regular file of the inbox's own, or null when it is one. */
export function notARegularFile(s: { isSymbolicLink(): boolean; isFile(): boolean; isFIFO(): boolean; isBlockDevice(): boolean; isCharacterDevice(): boolean; isSocket(): boolean; isDirectory(): boolean; nlink: number }): string | null {
  if (s.isSymbolicLink()) return 'a symbolic link (the inbox never follows links)'
  if (s.isFIFO()) return 'a named pipe (FIFO), not a file'
  if (s.isBlockDevice() || s.isCharacterDevice()) return 'a device, not a file'
  if (s.isSocket()) return 'a socket, not a file'
  if (s.isDirectory()) return null
  if (!s.isFile()) return 'not a regular file'
  if (s.nlink > 1) return `a file with ${s.nlink} hard links (another name elsewhere points to the same bytes)`
  return null
}

/** Whether `file`'s folder, resolved, is the inbox or inside it. */
async function insideInbox(inboxReal: string, file: string): Promise<boolean> {
  const dirReal = await realpath(path.dirname(file)).catch(() => null)
  if (!dirReal) return false
  const rel = path.relative(inboxReal, dirReal)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/** Null when the watcher can remove `file` from its folder, else why not. */
async function removable(file: string, fileUid: number): Promise<string | null> {
  const dir = path.dirname(file)
  if (!(await access(dir, constants.W_OK | constants.X_OK).then(() => true, () => false))) {
    return 'in a folder kehoach cannot write, so it could not be removed after being taken in'
  }
  const uid = process.getuid?.() ?? 0
  const d = await stat(dir)
  if (uid !== 0 && d.mode & S_ISVTX && fileUid !== uid && d.uid !== uid) {
    return "another user's file in a sticky folder, so it could not be removed after being taken in"
  }
  return null
}

/** Read one inbox entry, only if it is a regular file of the inbox's own. */
export async function readInboxFile(inboxReal: string, file: string): Promise<InboxRead> {
  const before = await lstat(file).catch(() => null)
  if (!before) return { kind: 'gone' }
  const why = notARegularFile(before) ?? (before.isDirectory() ? 'a folder' : null)
  if (why) return { kind: 'unsafe', reason: why }
  if (!(await insideInbox(inboxReal, file))) return { kind: 'unsafe', reason: 'reached through a symbolic link to a folder outside the inbox' }
  const cannotRemove = await removable(file, before.uid)
  if (cannotRemove) return { kind: 'unsafe', reason: cannotRemove }

  let fh
  try {
    // O_NOFOLLOW: a symlink swapped in since the lstat fails here; O_NONBLOCK: a FIFO swapped in does not hang
    fh = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { kind: 'gone' }
    if (code === 'ELOOP') return { kind: 'changing' }
    throw error
  }
  try {
    const opened = await fh.stat()
    if (!opened.isFile() || opened.dev !== before.dev || opened.ino !== before.ino) return { kind: 'changing' }
    const bytes = await fh.readFile()
    const after = await fh.stat()
    if (after.size !== opened.size || after.mtimeMs !== opened.mtimeMs || bytes.length !== after.size) return { kind: 'changing' }
    return { kind: 'file', bytes, identity: { dev: after.dev, ino: after.ino, size: after.size, mtimeMs: after.mtimeMs } }
  } finally {
    await fh.close()
  }
}

/**
 * Remove the file that was read, and only it: when the path now names another file (replaced,
 * swapped for a link, written to again, or a folder above it swapped for a link) it is left alone. Returns whether
 * the file is gone from the inbox.
 */
export async function removeInboxFile(inboxReal: string, file: string, identity: FileIdentity): Promise<boolean> {
  const now = await lstat(file).catch(() => null)
  if (!now) return true
  const same = now.isFile() && now.dev === identity.dev && now.ino === identity.ino
  // written to again since it was read (same inode, new bytes): keep it, it is taken in again when stable
  const rewritten = now.size !== identity.size || now.mtimeMs !== identity.mtimeMs
  if (!same || rewritten || !(await insideInbox(inboxReal, file))) return false
  await unlink(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
  })
  return true
}
