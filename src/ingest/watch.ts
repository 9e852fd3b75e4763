/**
 * The inbox of queue mode: watch a folder (and its subfolders), take in each file once it has
 * stopped changing, and enqueue it by content hash.
 *
 * For one file, in this order (nothing is ever deleted before its bytes are safe elsewhere):
 *   1. wait until size and mtime are stable for `stableMs` (chokidar's awaitWriteFinish checks
 *      the size; we check the mtime again around the read);
 *   2. read and hash; a hash the ledger knows → a duplicate: one line on stderr, one record in
 *      the ledger, the file leaves the inbox (its bytes are already in DATA/originals);
 *   3. prepareDocument (sniff, page count): bad input → DATA/failed/<name> + <name>.error.json;
 *   4. copy to DATA/originals/<id>.<ext> (temp, fsync, rename);
 *   5. claim the hash in the ledger (atomic: one winner among watchers on a shared folder);
 *   6. add the flow to the queue; 7. remove the file from the inbox.
 * A crash between 5 and 6 leaves a claim without a flow: `recoverPending` (run at start) and a
 * re-drop both re-enqueue such documents once the claim is older than `graceMs`.
 */
import { readdir, readFile, stat, unlink } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import { prepareDocument } from '../pipeline.js'
import type { Limits } from '../limits.js'
import { toErrorReport, type ErrorReport } from '../errors.js'
import { writeFailureReport } from '../store/plan-files.js'
import { contentId } from './content-id.js'
import { isIgnoredFileName } from './ignore.js'
import { groupFileName, groupPageImages, joinParts, pageImageName, partsId, type DocumentPart } from './page-parts.js'
import { Ledger, type LedgerEntry } from './ledger.js'
import { moveToFailed, originalRelPath, storeOriginal } from './originals.js'
import type { DocumentRef } from '../queue/jobs.js'

/** What the watcher needs from the queue (DocumentQueue in src/queue/flow.ts). */
export type Enqueuer = {
  has(id: string): Promise<boolean>
  enqueue(doc: DocumentRef): Promise<'added' | 'exists'>
}

export type InboxOptions = {
  inbox: string
  dataDir: string
  limits: Limits
  queue: Enqueuer
  forceOcr?: boolean
  /** poll the folder instead of OS events (NFS/SMB mounts deliver no events) */
  poll?: boolean
  /** polling interval, ms (default 1000) */
  pollInterval?: number
  /** a file must keep its size and mtime this long before it is taken (default 2000 ms) */
  stableMs?: number
  /** a claim without a flow in Redis is re-enqueued when older than this (default 60 s) */
  graceMs?: number
  /** files taken in at once (default 2) */
  concurrency?: number
  /** a file whose intake failed for an unexpected reason (Redis down, disk full) is tried again after this long (default 30 s) */
  retryMs?: number
}

export type IngestOutcome =
  | { kind: 'queued'; file: string; doc: DocumentRef; requeued?: boolean }
  | { kind: 'duplicate'; file: string; id: string; state: LedgerEntry['state']; record: string }
  | { kind: 'failed'; file: string; id: string | null; report: ErrorReport; reportPath: string; movedTo: string }
  | { kind: 'skipped'; file: string; reason: string }

export type InboxEvents = {
  outcome?: (o: IngestOutcome) => void
  error?: (file: string, error: unknown) => void
}

export class InboxWatcher {
  readonly ledger: Ledger
  readonly inbox: string
  private watcher: FSWatcher | null = null
  private readonly active = new Set<string>()
  private readonly waiting: string[] = []
  private running = 0
  private closed = false
  private idleWaiters: (() => void)[] = []
  private readonly retries = new Set<NodeJS.Timeout>()

  constructor(
    private readonly opts: InboxOptions,
    private readonly events: InboxEvents = {},
  ) {
    this.inbox = path.resolve(opts.inbox)
    this.ledger = new Ledger(opts.dataDir)
  }

  /** Start watching; resolves once the initial scan is done (files already there are queued for intake). */
  async start(): Promise<void> {
    const stableMs = this.opts.stableMs ?? 2000
    const root = this.inbox
    this.watcher = watch(root, {
      ignoreInitial: false,
      persistent: true,
      usePolling: Boolean(this.opts.poll),
      interval: this.opts.pollInterval ?? 1000,
      binaryInterval: this.opts.pollInterval ?? 1000,
      awaitWriteFinish: { stabilityThreshold: stableMs, pollInterval: Math.max(50, Math.min(500, stableMs / 4)) },
      ignored: (p: string) => path.resolve(p) !== root && isIgnoredFileName(p),
    })
    this.watcher.on('add', (p: string) => this.schedule(path.resolve(p)))
    this.watcher.on('error', (e: unknown) => this.events.error?.(root, e))
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()))
  }

  /** Stop watching; files being taken in are finished (never left half-moved). */
  async close(): Promise<void> {
    this.closed = true
    this.waiting.length = 0
    for (const t of this.retries) clearTimeout(t)
    await this.watcher?.close()
    await this.idle()
  }

  /** Resolves when no file is being taken in or waiting. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private schedule(file: string): void {
    if (this.closed || this.active.has(file)) return
    this.active.add(file)
    this.waiting.push(file)
    this.pump()
  }

  private pump(): void {
    const limit = this.opts.concurrency ?? 2
    while (this.running < limit && this.waiting.length) {
      const file = this.waiting.shift()!
      this.running++
      this.ingestWhenStable(file)
        .then((o) => o && this.events.outcome?.(o))
        .catch((e: unknown) => {
          this.events.error?.(file, e)
          // the file is still in the inbox (it leaves only after a successful intake): try again later
          const retry: NodeJS.Timeout = setTimeout(() => {
            this.retries.delete(retry)
            this.schedule(file)
          }, this.opts.retryMs ?? 30_000)
          retry.unref()
          this.retries.add(retry)
        })
        .finally(() => {
          this.running--
          this.active.delete(file)
          this.pump()
          if (this.running === 0 && this.waiting.length === 0) for (const w of this.idleWaiters.splice(0)) w()
        })
    }
  }

  /** chokidar saw the size settle; make sure the mtime did too, and that nothing wrote during the read. */
  private async ingestWhenStable(file: string): Promise<IngestOutcome | null> {
    const stableMs = this.opts.stableMs ?? 2000
    for (;;) {
      if (this.closed) return null
      const before = await stat(file).catch(() => null)
      if (!before) return { kind: 'skipped', file, reason: 'gone before it was read (taken by another watcher?)' }
      const age = Date.now() - before.mtimeMs
      if (age < stableMs) {
        await sleep(stableMs - age + 50)
        continue
      }
      let bytes: Buffer
      try {
        bytes = await readFile(file)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'skipped', file, reason: 'gone before it was read' }
        throw error
      }
      const after = await stat(file).catch(() => null)
      if (!after) return { kind: 'skipped', file, reason: 'gone while it was read' }
      if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || after.size !== bytes.length) continue
      const pages = await siblingPageImages(file)
      if (!pages) return ingestFile(file, bytes, this.inbox, this.opts, this.ledger)
      if (pages[0] !== file) return { kind: 'skipped', file, reason: `taken in with ${path.basename(pages[0]!)} as one document` }
      const group = await this.readGroupWhenStable(pages)
      if (group) return ingestFile(file, group.bytes, this.inbox, this.opts, this.ledger, group)
    }
  }

  /**
   * The page images of one document (`<name>_p<N>`, src/ingest/page-parts.ts), read once none of
   * them has changed for `stableMs`; null when one went away meanwhile (the caller looks again).
   */
  private async readGroupWhenStable(files: string[]): Promise<PageGroup | null> {
    const stableMs = this.opts.stableMs ?? 2000
    for (;;) {
      if (this.closed) return null
      const stats = await Promise.all(files.map((f) => stat(f).catch(() => null)))
      if (stats.some((s) => !s)) return null
      const age = Date.now() - Math.max(...stats.map((s) => s!.mtimeMs))
      if (age < stableMs) {
        await sleep(stableMs - age + 50)
        continue
      }
      const parts = await Promise.all(files.map(async (f) => ({ fileName: path.basename(f), bytes: new Uint8Array(await readFile(f)) })))
      return { files, fileName: groupFileName(files[0]!), ...joinParts(parts) }
    }
  }

  /**
   * Re-enqueue documents the ledger has claimed but Redis does not hold (Redis flushed, or a
   * watcher died between claim and enqueue). Returns how many were re-enqueued.
   */
  async recoverPending(): Promise<number> {
    let n = 0
    const grace = this.opts.graceMs ?? 60_000
    for await (const entry of this.ledger.inProgress()) {
      if (!entry.claim?.doc || Date.now() - entry.claimedAtMs < grace) continue
      if (await this.opts.queue.has(entry.id)) continue
      const exists = await stat(path.join(this.opts.dataDir, entry.claim.doc.original)).catch(() => null)
      if (!exists) continue
      if ((await this.opts.queue.enqueue(entry.claim.doc)) === 'added') {
        n++
        this.events.outcome?.({ kind: 'queued', file: entry.claim.fileName, doc: entry.claim.doc, requeued: true })
      }
    }
    return n
  }
}

/** A several-image document in the inbox: its files, its name, its parts joined in `bytes`. */
type PageGroup = { files: string[]; fileName: string; bytes: Uint8Array; parts: DocumentPart[] }

/** The sorted page images that belong with `file` in its folder, or null when it has none. */
async function siblingPageImages(file: string): Promise<string[] | null> {
  if (!pageImageName(file)) return null
  const dir = path.dirname(file)
  const names = await readdir(dir).catch(() => [] as string[])
  const group = groupPageImages(names.filter((n) => !isIgnoredFileName(n)).map((n) => path.join(dir, n))).find((g) => g.parts?.includes(file))
  return group?.parts ?? null
}

/**
 * Steps 2–7 above for one file whose bytes were read while stable; `group`: the page images of a
 * several-image document (`file` its first page, `bytes` all of them joined).
 */
export async function ingestFile(
  file: string,
  bytes: Uint8Array,
  inbox: string,
  opts: InboxOptions,
  ledger: Ledger,
  group?: PageGroup,
): Promise<IngestOutcome> {
  const fileName = group?.fileName ?? path.basename(file)
  const rel = path.relative(inbox, path.dirname(file))
  const subfolder = rel && !rel.startsWith('..') ? rel.split(path.sep).join('/') : null
  const id = group ? partsId(bytes, group.parts) : contentId(bytes)
  const files = group?.files ?? [file]

  const known = await ledger.get(id)
  if (known) return duplicateOrRecover(files, bytes, id, subfolder, known, opts, ledger)

  let doc: DocumentRef
  try {
    const prepared = await prepareDocument({ fileName, bytes, subfolder, ...(group ? { parts: group.parts } : {}) }, opts.limits)
    doc = {
      id,
      fileName,
      subfolder,
      kind: prepared.kind,
      mediaType: prepared.mediaType,
      byteSize: prepared.byteSize,
      pageCount: prepared.pageCount,
      ...(prepared.parts ? { parts: prepared.parts } : {}),
      original: originalRelPath(id, fileName, prepared.kind, prepared.mediaType),
      limits: opts.limits,
      forceOcr: opts.forceOcr,
      enqueuedAt: new Date().toISOString(),
    }
  } catch (error) {
    const report = toErrorReport(error, 'ingest')
    const movedTo = await moveToFailed(opts.dataDir, file, id)
    for (const other of files.slice(1)) await moveToFailed(opts.dataDir, other, id) // a group's other pages go with it
    const reportPath = await writeFailureReport(opts.dataDir, movedTo, {
      ...report,
      file: subfolder ? `${subfolder}/${fileName}` : fileName,
      sha256: id,
      at: new Date().toISOString(),
    })
    return { kind: 'failed', file, id, report, reportPath, movedTo: path.join(opts.dataDir, 'failed', movedTo) }
  }

  await storeOriginal(opts.dataDir, doc.original, bytes)
  const claim = await ledger.claim({ id, fileName, subfolder, original: doc.original, pageCount: doc.pageCount, doc })
  if (!claim.claimed) return duplicateOrRecover(files, bytes, id, subfolder, claim.existing, opts, ledger)
  await opts.queue.enqueue(doc)
  await removeFromInbox(files)
  return { kind: 'queued', file, doc }
}

async function duplicateOrRecover(
  files: string[],
  bytes: Uint8Array,
  id: string,
  subfolder: string | null,
  known: LedgerEntry,
  opts: InboxOptions,
  ledger: Ledger,
): Promise<IngestOutcome> {
  const doc = known.claim?.doc
  // Claimed but not finished, and Redis does not hold the flow: our own earlier attempt failed
  // between claim and enqueue (Redis was down), or the claim is old and Redis lost it (flushed).
  // Take it in again (same job ids). A fresh claim of another process is a race in progress.
  const ownClaim = known.claim?.host === os.hostname() && known.claim?.pid === process.pid
  if (
    known.state === 'in-progress' &&
    doc &&
    (ownClaim || Date.now() - known.claimedAtMs >= (opts.graceMs ?? 60_000)) &&
    !(await opts.queue.has(id))
  ) {
    await storeOriginal(opts.dataDir, doc.original, bytes)
    await opts.queue.enqueue(doc)
    await removeFromInbox(files)
    return { kind: 'queued', file: files[0]!, doc, requeued: true }
  }
  const record = await ledger.recordDuplicate({ id, fileName: path.basename(files[0]!), subfolder, state: known.state })
  // the content is safe in DATA/originals already (stored before the first claim)
  await removeFromInbox(files)
  return { kind: 'duplicate', file: files[0]!, id, state: known.state, record }
}

async function removeFromInbox(files: string[]): Promise<void> {
  for (const file of files) {
    await unlink(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
