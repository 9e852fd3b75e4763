/**
 * The persistent ledger of documents seen by queue mode, on disk in the data folder.
 *
 * Why on disk and not in Redis: BullMQ job ids deduplicate only while the jobs exist, and we
 * trim finished jobs (bounded retention); Redis may also be flushed or replaced. The ledger is
 * the durable answer to "was this content already taken in?".
 *
 * Layout (one small file per fact, sharded by the first two hex digits of the hash):
 *   DATA/ledger/ab/<sha256>.json                 the claim: first drop of this content
 *   DATA/ledger/ab/<sha256>.done.json            plan written (by the assemble worker)
 *   DATA/ledger/ab/<sha256>.failed.json          document failed for good
 *   DATA/ledger/ab/<sha256>.dup-<time>-<rand>.json  one per re-drop of the same content
 *
 * Why one marker file per hash and not an append-only log: watchers and workers on several
 * machines share this folder (NFS/SMB). Claiming is one atomic filesystem operation — the
 * claim is written completely to a temp file, then `link(2)`ed to its final name, which fails
 * with EEXIST if someone else got there first (the classic NFS-safe lock recipe; where hard
 * links are not supported, `open(O_CREAT|O_EXCL)` is used). No lock daemon, no read-modify-write,
 * no partial records after a crash, O(1) lookup by hash. An append-only log would need advisory
 * locks (fcntl over NFS depends on lockd, over SMB on the server) and a full read to look up.
 * Duplicates and completions are separate files with unique names for the same reason:
 * O_APPEND is not atomic over NFS.
 */
import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { link, mkdir, open, readFile, readdir, stat, unlink } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { syncDir, writeFileAtomic } from '../store/atomic-file.js'
import type { DocumentRef } from '../queue/jobs.js'

export type ClaimRecord = {
  id: string
  fileName: string
  subfolder: string | null
  /** original, relative to the data folder */
  original: string
  pageCount: number
  /** what was enqueued: enough to enqueue it again if Redis loses it */
  doc?: DocumentRef
  claimedAt: string
  host: string
  pid: number
}

export type DoneRecord = { id: string; plan: string; completedAt: string; failedPages: number[] }
export type FailedRecord = { id: string; code: string; message: string; report: string | null; failedAt: string }
export type DuplicateRecord = { id: string; fileName: string; subfolder: string | null; at: string; host: string; state: LedgerState }

export type LedgerState = 'done' | 'failed' | 'in-progress'

export type LedgerEntry = {
  claim: ClaimRecord | null
  done: DoneRecord | null
  failed: FailedRecord | null
  state: LedgerState
  /** when the claim file was created (its mtime) */
  claimedAtMs: number
}

const HEX64 = /^[0-9a-f]{64}$/

export class Ledger {
  readonly dir: string

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'ledger')
  }

  private file(id: string, suffix = ''): string {
    if (!HEX64.test(id)) throw new Error(`not a sha256 id: ${id}`)
    return path.join(this.dir, id.slice(0, 2), `${id}${suffix}.json`)
  }

  /**
   * Take this content in. `claimed: true` for exactly one caller per hash, whatever the number
   * of watchers; the others get the existing entry (a duplicate, or a race they lost).
   */
  async claim(
    rec: Omit<ClaimRecord, 'claimedAt' | 'host' | 'pid'>,
  ): Promise<{ claimed: true } | { claimed: false; existing: LedgerEntry }> {
    const target = this.file(rec.id)
    await mkdir(path.dirname(target), { recursive: true })
    const full: ClaimRecord = { ...rec, claimedAt: new Date().toISOString(), host: os.hostname(), pid: process.pid }
    const data = JSON.stringify(full, null, 2) + '\n'
    const tmp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    await writeDurable(tmp, data, 'wx')
    try {
      await link(tmp, target)
      await syncDir(path.dirname(target))
      return { claimed: true }
    } catch (error) {
      if (code(error) === 'EEXIST') return { claimed: false, existing: (await this.get(rec.id))! }
      if (code(error) !== 'EPERM' && code(error) !== 'ENOTSUP' && code(error) !== 'EOPNOTSUPP') throw error
      // no hard links on this filesystem: exclusive create instead
      try {
        await writeDurable(target, data, 'wx')
        await syncDir(path.dirname(target))
        return { claimed: true }
      } catch (e2) {
        if (code(e2) === 'EEXIST') return { claimed: false, existing: (await this.get(rec.id))! }
        throw e2
      }
    } finally {
      await unlink(tmp).catch(() => {})
    }
  }

  async get(id: string): Promise<LedgerEntry | null> {
    let claimedAtMs: number
    try {
      claimedAtMs = (await stat(this.file(id))).mtimeMs
    } catch (error) {
      if (code(error) === 'ENOENT') return null
      throw error
    }
    const [claim, done, failed] = await Promise.all([
      readJson<ClaimRecord>(this.file(id)),
      readJson<DoneRecord>(this.file(id, '.done')),
      readJson<FailedRecord>(this.file(id, '.failed')),
    ])
    const state: LedgerState = done ? 'done' : failed ? 'failed' : 'in-progress'
    return { claim, done, failed, state, claimedAtMs }
  }

  async markDone(rec: Omit<DoneRecord, 'completedAt'>): Promise<void> {
    await writeFileAtomic(this.file(rec.id, '.done'), JSON.stringify({ ...rec, completedAt: new Date().toISOString() }, null, 2) + '\n')
  }

  async markFailed(rec: Omit<FailedRecord, 'failedAt'>): Promise<void> {
    await writeFileAtomic(this.file(rec.id, '.failed'), JSON.stringify({ ...rec, failedAt: new Date().toISOString() }, null, 2) + '\n')
  }

  /**
   * Count a finished document as in progress again (it is being processed anew): its done and
   * failed records are removed, the claim stays (the watcher's recovery re-enqueues an in-progress
   * claim that Redis lost); a document never claimed (processed with `kehoach process`) is claimed.
   */
  async reopen(rec: Omit<ClaimRecord, 'claimedAt' | 'host' | 'pid'>): Promise<void> {
    for (const suffix of ['.done', '.failed']) {
      await unlink(this.file(rec.id, suffix)).catch((error: unknown) => {
        if (code(error) !== 'ENOENT') throw error
      })
    }
    if (!(await this.get(rec.id))) await this.claim(rec)
  }

  /** One file per re-drop: the record that the content came again, and when. */
  async recordDuplicate(rec: Omit<DuplicateRecord, 'at' | 'host'>): Promise<string> {
    const at = new Date().toISOString()
    const target = this.file(rec.id, `.dup-${at.replace(/[:.]/g, '')}-${randomBytes(3).toString('hex')}`)
    await writeFileAtomic(target, JSON.stringify({ ...rec, at, host: os.hostname() }, null, 2) + '\n')
    return target
  }

  async duplicates(id: string): Promise<DuplicateRecord[]> {
    const dir = path.dirname(this.file(id))
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(`${id}.dup-`) && n.endsWith('.json'))
    const recs = await Promise.all(names.sort().map((n) => readJson<DuplicateRecord>(path.join(dir, n))))
    return recs.filter((r): r is DuplicateRecord => r !== null)
  }

  /** Claims with neither a done nor a failed record: documents that should be in the queue (names only, then reads). */
  async *inProgress(): AsyncGenerator<LedgerEntry & { id: string }> {
    const shards = await readdir(this.dir).catch(() => [] as string[])
    for (const shard of shards.sort()) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue
      const names = new Set(await readdir(path.join(this.dir, shard)).catch(() => [] as string[]))
      for (const n of [...names].sort()) {
        const m = /^([0-9a-f]{64})\.json$/.exec(n)
        if (!m || names.has(`${m[1]}.done.json`) || names.has(`${m[1]}.failed.json`)) continue
        const entry = await this.get(m[1]!)
        if (entry && entry.state === 'in-progress') yield { ...entry, id: m[1]! }
      }
    }
  }
}

async function writeDurable(file: string, data: string, flags: 'wx' | 'w'): Promise<void> {
  const fh = await open(file, flags === 'wx' ? constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY : 'w')
  try {
    await fh.writeFile(data)
    await fh.sync()
  } finally {
    await fh.close()
  }
}


async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T
  } catch {
    return null
  }
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}
