/**
 * The inbox of queue mode: watch a folder (and its subfolders), take in each file once it is
 * complete, and enqueue it by content hash.
 *
 * For one file, in this order (nothing is ever deleted before its bytes are safe elsewhere, and
 * nothing but the regular file that was read is ever deleted — inbox-file.ts):
 *   1. wait until size and mtime are stable for `stableMs` (chokidar's awaitWriteFinish checks
 *      the size; we check the mtime again around the read);
 *   2. read it only if it is a regular file of the inbox's own (no symlink, FIFO, device, hard
 *      link, symlinked folder): anything else is reported and left alone;
 *   3. check that the copy is complete (complete.ts: PDF trailer, PNG IEND, JPEG EOI, TIFF decodes):
 *      a fragment stays in the inbox and is taken when it changes again; one unchanged for
 *      `incompleteMs` is reported (still left in place);
 *   4. hash; a hash the ledger knows → a duplicate (one record in the ledger, the file leaves the
 *      inbox), unless its earlier attempt never completed and the queue does not hold it: then
 *      it is taken in again;
 *   5. prepareDocument (sniff, page count): bad input → DATA/failed/<name>, report in OUT/failed/;
 *   6. copy to DATA/originals/<id>.<ext> (temp, fsync, rename); 7. claim the hash in the ledger
 *      (atomic: one winner among watchers on a shared folder); 8. add the flow to the queue;
 *      9. remove the file from the inbox.
 * Every `reconcileMs` the ledger is reconciled with the queue (reconcile.ts): a claim whose flow
 * Redis lost (restart without persistence, a crash between 7 and 8, a failed final write) is
 * re-enqueued, once.
 * Every `rescanMs` the inbox is also listed (list-inbox.ts): a file whose event the OS never delivered
 * (the system's limit of inotify watches reached, so a new subfolder is not watched; an event
 * queue overflow) is taken all the same. A file an intake left in the inbox (a fragment, a link,
 * a page waiting for its first page) is looked at again only when it changes.
 */
import { lstat, readdir, realpath } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import { prepareDocument } from '../pipeline.js'
import type { Limits } from '../limits.js'
import { CorruptInputError, UnsafeInputError, toErrorReport, type ErrorReport, type KehoachError } from '../errors.js'
import { writeFailureReport } from '../store/plan-files.js'
import { contentId } from './content-id.js'
import { incompleteReason } from './complete.js'
import { isIgnoredFileName } from './ignore.js'
import { listInbox } from './list-inbox.js'
import { groupFileName, groupPageImages, joinParts, pageImageName, partsId, type DocumentPart } from './page-parts.js'
import { identityKey, readInboxFile, removeInboxFile, type FileIdentity } from './inbox-file.js'
import { Ledger, type LedgerEntry } from './ledger.js'
import { keepFailedInput, originalRelPath, storeOriginal } from './originals.js'
import { RECONCILE_DEFAULTS, isLive, reconcile, type QueueState, type ReconcileResult } from './reconcile.js'
import { sniffInput } from './sniff.js'
import type { DocumentRef } from '../queue/jobs.js'

/** What the watcher needs from the queue (DocumentQueue in src/queue/flow.ts). */
export type Enqueuer = QueueState

export const INBOX_DEFAULTS = {
  /**
   * A file must keep its size and mtime this long before it is read. Copies over SMB/NFS and
   * slow scanners pause for seconds; the completeness check (complete.ts) catches longer pauses
   * of PDFs and images, this window is all a text file has.
   */
  stableMs: 10_000,
  /** a file that still looks incomplete after this long unchanged is reported (and left in the inbox) */
  incompleteMs: 5 * 60_000,
  /** files taken in at once */
  concurrency: 2,
  /** a file whose intake failed for an unexpected reason (Redis down, disk full) is tried again after this long */
  retryMs: 30_000,
  /**
   * how often the inbox is listed besides the OS events: the bound on how late a file whose event
   * was lost is taken. Listing an inbox of hundreds of files costs milliseconds.
   */
  rescanMs: 30_000,
} as const

export type InboxOptions = {
  inbox: string
  dataDir: string
  /** where failure reports go (`OUT/failed/`, the one place for them); default DATA/plans */
  outDir?: string
  limits: Limits
  queue: Enqueuer
  forceOcr?: boolean
  /** poll the folder instead of OS events (NFS/SMB mounts deliver no events) */
  poll?: boolean
  /** polling interval, ms (default 1000) */
  pollInterval?: number
  stableMs?: number
  incompleteMs?: number
  /** a claim not live in Redis is re-enqueued when older than this (RECONCILE_DEFAULTS.graceMs) */
  graceMs?: number
  /** how often the ledger is reconciled with the queue (RECONCILE_DEFAULTS.intervalMs; 0: never) */
  reconcileMs?: number
  maxRequeues?: number
  concurrency?: number
  retryMs?: number
  /** how often the inbox is listed besides the OS events (INBOX_DEFAULTS.rescanMs; 0: never) */
  rescanMs?: number
}

export type IngestOutcome =
  | { kind: 'queued'; file: string; doc: DocumentRef; requeued?: boolean }
  | { kind: 'duplicate'; file: string; id: string; state: LedgerEntry['state']; record: string }
  | { kind: 'failed'; file: string; id: string | null; report: ErrorReport; reportPath: string | null; movedTo: string }
  /** not a regular file of the inbox's own: reported, left where it is */
  | { kind: 'rejected'; file: string; report: ErrorReport; reportPath: string | null }
  /** a copy still on its way: left in the inbox; reportPath set once it stayed so for incompleteMs */
  | { kind: 'incomplete'; file: string; reason: string; reportPath?: string | null }
  | { kind: 'skipped'; file: string; reason: string }

export type InboxEvents = {
  outcome?: (o: IngestOutcome) => void
  error?: (file: string, error: unknown) => void
  /** a reconcile round that re-enqueued something, or found a document it leaves to the operator (once per document) */
  reconciled?: (r: ReconcileResult) => void
  /** the watcher works on in a degraded way (part of the inbox unwatched, found by listing only): said once per cause */
  notice?: (message: string) => void
}

/** What one intake needs besides the file. */
type IntakeContext = { inboxReal: string; outDir: string; opts: InboxOptions; ledger: Ledger }

type Incomplete = { identity: FileIdentity; since: number; reported: boolean }

/** An inbox file that was read, and what identifies it (it is removed only while the path still names it). */
type InboxEntry = { file: string; identity: FileIdentity; bytes: Uint8Array }

/** A several-image document in the inbox (`<name>_p<N>`, page-parts.ts): its files, its name, its parts joined in `bytes`. */
type PageGroup = { entries: InboxEntry[]; fileName: string; bytes: Uint8Array; parts: DocumentPart[] }

const sameIdentity = (a: FileIdentity, b: FileIdentity) => identityKey(a) === identityKey(b)

export class InboxWatcher {
  readonly ledger: Ledger
  readonly inbox: string
  private inboxReal = ''
  private watcher: FSWatcher | null = null
  private readonly active = new Set<string>()
  private readonly waiting: string[] = []
  private running = 0
  private closed = false
  private idleWaiters: (() => void)[] = []
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly incomplete = new Map<string, Incomplete>()
  private reconcileTimer: NodeJS.Timeout | null = null
  private reconciling: Promise<ReconcileResult | null> | null = null
  private readonly reportedLeft = new Set<string>()
  private lastReconcileError = ''
  private rescanTimer: NodeJS.Timeout | null = null
  /** files an intake left in the inbox, by path: the identity they had then (rescan skips them until it changes) */
  private readonly leftInInbox = new Map<string, string>()
  /** files whose intake failed unexpectedly and that wait for their retry (rescan leaves them to it) */
  private readonly retrying = new Set<string>()
  private readonly watchErrors = new Set<string>()

  constructor(
    private readonly opts: InboxOptions,
    private readonly events: InboxEvents = {},
  ) {
    this.inbox = path.resolve(opts.inbox)
    this.ledger = new Ledger(opts.dataDir)
  }

  private get ctx(): IntakeContext {
    return { inboxReal: this.inboxReal, outDir: this.opts.outDir ?? path.join(this.opts.dataDir, 'plans'), opts: this.opts, ledger: this.ledger }
  }

  /** Start watching; resolves once the initial scan is done (files already there are queued for intake). */
  async start(): Promise<void> {
    const stableMs = this.opts.stableMs ?? INBOX_DEFAULTS.stableMs
    const root = this.inbox
    this.inboxReal = await realpath(root)
    this.watcher = watch(root, {
      ignoreInitial: false,
      persistent: true,
      followSymlinks: false, // a link is reported, never followed (chokidar follows by default)
      usePolling: Boolean(this.opts.poll),
      interval: this.opts.pollInterval ?? 1000,
      binaryInterval: this.opts.pollInterval ?? 1000,
      awaitWriteFinish: { stabilityThreshold: stableMs, pollInterval: Math.max(50, Math.min(500, stableMs / 4)) },
      ignored: (p: string) => path.resolve(p) !== root && isIgnoredFileName(p),
    })
    // 'change': a fragment left in the inbox is taken again once its copy goes on
    for (const event of ['add', 'change'] as const) this.watcher.on(event, (p: string) => void this.onEvent(path.resolve(p)))
    this.watcher.on('addDir', (p: string) => void this.rejectIfLink(path.resolve(p)))
    this.watcher.on('error', (e: unknown) => this.watchError(e))
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()))
    const every = this.opts.reconcileMs ?? RECONCILE_DEFAULTS.intervalMs
    if (every > 0) {
      this.reconcileTimer = setInterval(() => void this.reconcileNow(), every)
      this.reconcileTimer.unref()
    }
    const rescanEvery = this.opts.rescanMs ?? INBOX_DEFAULTS.rescanMs
    if (rescanEvery > 0) {
      this.rescanTimer = setInterval(() => void this.rescanNow(), rescanEvery)
      this.rescanTimer.unref()
    }
  }

  /**
   * List the inbox now (also run every `rescanMs`) and take in every regular file no event
   * brought: not being taken in, not waiting for a retry, not left in the inbox unchanged by an
   * earlier intake. Returns the files it scheduled.
   */
  async rescanNow(): Promise<string[]> {
    if (this.closed) return []
    const found = await listInbox(this.inbox)
    for (const file of this.leftInInbox.keys()) if (!found.has(file)) this.leftInInbox.delete(file)
    const scheduled: string[] = []
    for (const [file, identity] of found) {
      if (this.active.has(file) || this.retrying.has(file) || this.leftInInbox.get(file) === identity) continue
      this.schedule(file)
      scheduled.push(file)
    }
    return scheduled
  }

  /**
   * A folder or file chokidar could not watch because the system's watches ran out (ENOSPC,
   * EMFILE): nothing is lost while the inbox is listed, so it is a notice, said once per cause.
   */
  private watchError(e: unknown): void {
    const code = (e as NodeJS.ErrnoException)?.code ?? ''
    if (code !== 'ENOSPC' && code !== 'EMFILE') return this.events.error?.(this.inbox, e)
    if (this.watchErrors.has(code)) return
    this.watchErrors.add(code)
    const every = this.opts.rescanMs ?? INBOX_DEFAULTS.rescanMs
    const fallback = every > 0 ? `new files there are found by listing the inbox every ${every / 1000} s` : 'new files there are not seen (--rescan-ms is 0)'
    this.events.notice?.(`cannot watch part of the inbox: the system's file watchers ran out (${code}; raise fs.inotify.max_user_watches or max_user_instances); ${fallback}`)
  }

  /** Stop watching; files being taken in are finished (never left half-moved). */
  async close(): Promise<void> {
    this.closed = true
    this.waiting.length = 0
    for (const t of this.timers) clearTimeout(t)
    if (this.reconcileTimer) clearInterval(this.reconcileTimer)
    if (this.rescanTimer) clearInterval(this.rescanTimer)
    await this.watcher?.close()
    await this.reconciling
    await this.idle()
  }

  /** Resolves when no file is being taken in or waiting. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /**
   * One reconcile round now (also run every `reconcileMs`): re-enqueue the documents the ledger
   * claims and the queue lost. Null when Redis did not answer (the next round tries again).
   */
  reconcileNow(): Promise<ReconcileResult | null> {
    this.reconciling ??= reconcile(this.ledger, this.opts.queue, this.opts.dataDir, { graceMs: this.opts.graceMs, maxRequeues: this.opts.maxRequeues })
      .then((r) => {
        this.lastReconcileError = ''
        for (const d of r.requeued) this.events.outcome?.({ kind: 'queued', file: d.file, doc: d.doc!, requeued: true })
        const fresh = { requeued: r.requeued, left: r.left.filter((d) => !this.reportedLeft.has(d.id)) }
        for (const d of fresh.left) this.reportedLeft.add(d.id)
        if (fresh.requeued.length || fresh.left.length) this.events.reconciled?.(fresh)
        return r
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error)
        if (message !== this.lastReconcileError) this.events.error?.('reconcile', error) // once per cause, not every round
        this.lastReconcileError = message
        return null
      })
      .finally(() => (this.reconciling = null))
    return this.reconciling
  }

  /** Re-enqueue what Redis lost (run at start). Returns how many documents were re-enqueued. */
  async recoverPending(): Promise<number> {
    return (await this.reconcileNow())?.requeued.length ?? 0
  }

  private later(ms: number, fn: () => void): void {
    const t: NodeJS.Timeout = setTimeout(() => {
      this.timers.delete(t)
      fn()
    }, ms)
    t.unref()
    this.timers.add(t)
  }

  /** A file event: taken up unless an intake (the listing's, say) already left this very file in the inbox. */
  private async onEvent(file: string): Promise<void> {
    const seen = this.leftInInbox.get(file)
    if (seen && seen === (await lstat(file).then(identityKey, () => null))) return
    this.schedule(file)
  }

  private schedule(file: string): void {
    if (this.closed || this.active.has(file)) return
    this.active.add(file)
    this.waiting.push(file)
    this.pump()
  }

  private pump(): void {
    const limit = this.opts.concurrency ?? INBOX_DEFAULTS.concurrency
    while (this.running < limit && this.waiting.length) {
      const file = this.waiting.shift()!
      this.running++
      this.ingestWhenStable(file)
        .then(async (o) => {
          if (o) this.events.outcome?.(o)
          await this.noteLeftInInbox(file)
        })
        .catch((e: unknown) => {
          this.events.error?.(file, e)
          // the file is still in the inbox (it leaves only after a successful intake): try again later
          this.retrying.add(file)
          this.later(this.opts.retryMs ?? INBOX_DEFAULTS.retryMs, () => {
            this.retrying.delete(file)
            this.schedule(file)
          })
        })
        .finally(() => {
          this.running--
          this.active.delete(file)
          this.pump()
          if (this.running === 0 && this.waiting.length === 0) for (const w of this.idleWaiters.splice(0)) w()
        })
    }
  }

  /** After an intake: a file still in the inbox is remembered as it is, so a rescan does not take it up again unchanged. */
  private async noteLeftInInbox(file: string): Promise<void> {
    const identity = await lstat(file).then(identityKey, () => null)
    if (identity) this.leftInInbox.set(file, identity)
    else this.leftInInbox.delete(file)
  }

  /** chokidar saw the size settle; make sure the mtime did too, that the entry is safe to read, and that the copy is complete. */
  private async ingestWhenStable(file: string): Promise<IngestOutcome | null> {
    const stableMs = this.opts.stableMs ?? INBOX_DEFAULTS.stableMs
    for (;;) {
      if (this.closed) return null
      const before = await lstat(file).catch(() => null)
      if (!before) return this.gone(file, 'gone before it was read (taken by another watcher?)')
      const age = Date.now() - before.mtimeMs
      if (before.isFile() && age < stableMs) {
        await sleep(stableMs - age + 50)
        continue
      }
      const read = await readInboxFile(this.inboxReal, file)
      if (read.kind === 'gone') return this.gone(file, 'gone while it was read')
      if (read.kind === 'changing') continue
      if (read.kind === 'unsafe') return rejectEntry(file, read.reason, this.ctx)
      const reason = this.incompleteReason(file, read.bytes)
      if (reason) return this.waitForTheRest(file, read.identity, reason)
      this.incomplete.delete(file)
      const pages = await siblingPageImages(file)
      if (!pages) return ingestFile([{ file, identity: read.identity, bytes: read.bytes }], read.bytes, this.ctx)
      if (pages[0] !== file) return { kind: 'skipped', file, reason: `taken in with ${path.basename(pages[0]!)} as one document` }
      const group = await this.readGroupWhenStable(pages)
      if (group) return ingestFile(group.entries, group.bytes, this.ctx, group)
    }
  }

  /**
   * The page images of one document, read (each as safely as a single file) once none of them
   * has changed for `stableMs`; null when one went away or changed meanwhile (the caller looks again).
   */
  private async readGroupWhenStable(files: string[]): Promise<PageGroup | null> {
    const stableMs = this.opts.stableMs ?? INBOX_DEFAULTS.stableMs
    for (;;) {
      if (this.closed) return null
      const stats = await Promise.all(files.map((f) => lstat(f).catch(() => null)))
      if (stats.some((s) => !s)) return null
      const age = Date.now() - Math.max(...stats.map((s) => s!.mtimeMs))
      if (age < stableMs) {
        await sleep(stableMs - age + 50)
        continue
      }
      const entries: InboxEntry[] = []
      for (const file of files) {
        const read = await readInboxFile(this.inboxReal, file)
        if (read.kind !== 'file') return null
        entries.push({ file, identity: read.identity, bytes: read.bytes })
      }
      const joined = joinParts(entries.map((e) => ({ fileName: path.basename(e.file), bytes: e.bytes })))
      return { entries, fileName: groupFileName(files[0]!), ...joined }
    }
  }

  private gone(file: string, reason: string): IngestOutcome {
    this.incomplete.delete(file)
    return { kind: 'skipped', file, reason }
  }

  /** Null when the bytes look like a complete file (or are not a format we read: the pre-checks reject those). */
  private incompleteReason(file: string, bytes: Buffer): string | null {
    let sniffed
    try {
      sniffed = sniffInput(bytes, path.basename(file))
    } catch {
      return null
    }
    return incompleteReason(bytes, sniffed)
  }

  /**
   * A fragment: leave it in the inbox. It is taken when it changes again ('change' event); if it
   * stays the same for `incompleteMs`, a report says so once (the file still stays: a copy that
   * resumes later is then taken, and nothing is quarantined on a guess).
   */
  private async waitForTheRest(file: string, identity: FileIdentity, reason: string): Promise<IngestOutcome | null> {
    const giveUpMs = this.opts.incompleteMs ?? INBOX_DEFAULTS.incompleteMs
    const seen = this.incomplete.get(file)
    if (!seen || !sameIdentity(seen.identity, identity)) {
      this.incomplete.set(file, { identity, since: Date.now(), reported: false })
      this.later(giveUpMs + 50, () => this.schedule(file))
      return { kind: 'incomplete', file, reason }
    }
    if (seen.reported || Date.now() - seen.since < giveUpMs) return null
    seen.reported = true
    const minutes = Math.round(giveUpMs / 6000) / 10
    const error = new CorruptInputError(
      `${path.basename(file)} looks incomplete (${reason}) and has not changed for ${minutes} min; it stays in the inbox and is taken in when it changes`,
    )
    const reportPath = await reportFailure(file, error, null, null, this.ctx)
    return { kind: 'incomplete', file, reason, reportPath }
  }

  /** A symlinked folder in the inbox: chokidar does not enter it (followSymlinks: false); say so once. */
  private async rejectIfLink(dir: string): Promise<void> {
    if (dir === this.inbox || !(await lstat(dir).catch(() => null))?.isSymbolicLink()) return
    const o = await rejectEntry(dir, 'a symbolic link to a folder (the inbox never follows links)', this.ctx).catch((e: unknown) => {
      this.events.error?.(dir, e)
      return null
    })
    if (o) this.events.outcome?.(o)
  }
}

/** The file as it was dropped: its path under the inbox, with `/` separators. */
function inboxName(file: string, ctx: IntakeContext): string {
  const rel = path.relative(path.resolve(ctx.opts.inbox), file)
  return rel && !rel.startsWith('..') ? rel.split(path.sep).join('/') : path.basename(file)
}

/** Write the failure report in the one place and format (OUT/failed/<name>.error.json); null when it could not be written. */
function reportFailure(file: string, error: unknown, id: string | null, input: string | null, ctx: IntakeContext): Promise<string | null> {
  return writeFailureReport(ctx.outDir, path.basename(file), {
    ...toErrorReport(error, 'ingest'),
    file: inboxName(file, ctx),
    sha256: id,
    at: new Date().toISOString(),
    input,
  })
}

/** Not a regular file of the inbox's own: reported, never read, never removed. */
async function rejectEntry(file: string, reason: string, ctx: IntakeContext): Promise<IngestOutcome> {
  const error: KehoachError = new UnsafeInputError(`${inboxName(file, ctx)} is ${reason}`)
  const reportPath = await reportFailure(file, error, null, null, ctx)
  return { kind: 'rejected', file, report: error.toReport(), reportPath }
}

/** The sorted page images that belong with `file` in its folder, or null when it has none. */
async function siblingPageImages(file: string): Promise<string[] | null> {
  if (!pageImageName(file)) return null
  const dir = path.dirname(file)
  const names = await readdir(dir).catch(() => [] as string[])
  const group = groupPageImages(names.filter((n) => !isIgnoredFileName(n)).map((n) => path.join(dir, n))).find((g) => g.parts?.includes(file))
  return group?.parts ?? null
}

/** Remove what was read from the inbox, each file only while its path still names it. */
async function removeEntries(entries: InboxEntry[], ctx: IntakeContext): Promise<void> {
  for (const e of entries) await removeInboxFile(ctx.inboxReal, e.file, e.identity)
}

/**
 * Steps 4–9 above for regular files whose bytes were read while stable: one file, or the page
 * images of a several-image document (`group`: entries[0] is its first page, `bytes` all joined).
 */
async function ingestFile(entries: InboxEntry[], bytes: Uint8Array, ctx: IntakeContext, group?: PageGroup): Promise<IngestOutcome> {
  const { opts, ledger } = ctx
  const file = entries[0]!.file
  const fileName = group?.fileName ?? path.basename(file)
  const rel = path.relative(path.resolve(opts.inbox), path.dirname(file))
  const subfolder = rel && !rel.startsWith('..') ? rel.split(path.sep).join('/') : null
  const id = group ? partsId(bytes, group.parts) : contentId(bytes)

  const known = await ledger.get(id)
  if (known) return duplicateOrRecover(entries, bytes, id, subfolder, known, ctx)

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
    // a group's pages go to DATA/failed together, each under its own name
    const kept = []
    for (const e of entries) kept.push(await keepFailedInput(opts.dataDir, path.basename(e.file), e.bytes, id))
    await removeEntries(entries, ctx)
    const reportPath = await reportFailure(file, error, id, path.relative(opts.dataDir, kept[0]!), ctx)
    return { kind: 'failed', file, id, report: toErrorReport(error, 'ingest'), reportPath, movedTo: kept[0]! }
  }

  await storeOriginal(opts.dataDir, doc.original, bytes)
  const claim = await ledger.claim({ id, fileName, subfolder, original: doc.original, pageCount: doc.pageCount, doc })
  if (!claim.claimed) return duplicateOrRecover(entries, bytes, id, subfolder, claim.existing, ctx)
  await opts.queue.enqueue(doc)
  await removeEntries(entries, ctx)
  return { kind: 'queued', file, doc }
}

/**
 * Content the ledger knows. Claimed but never completed, and the queue does not hold it live:
 * the earlier attempt was lost (Redis restarted, a crash between claim and enqueue, our own
 * enqueue failed) — take it in again, once (the same numbered re-enqueue record the reconciler
 * uses). A fresh claim of another process is a race in progress; everything else is a duplicate.
 */
async function duplicateOrRecover(
  entries: InboxEntry[],
  bytes: Uint8Array,
  id: string,
  subfolder: string | null,
  known: LedgerEntry,
  ctx: IntakeContext,
): Promise<IngestOutcome> {
  const { opts, ledger } = ctx
  const file = entries[0]!.file
  const doc = known.claim?.doc
  const ownClaim = known.claim?.host === os.hostname() && known.claim?.pid === process.pid
  const settled = ownClaim || Date.now() - known.claimedAtMs >= RECONCILE_DEFAULTS.redropGraceMs
  if (known.state === 'in-progress' && doc && settled && !isLive(await opts.queue.state(id))) {
    await storeOriginal(opts.dataDir, doc.original, bytes)
    const n = (await ledger.requeues(id)).count + 1
    if (await ledger.recordRequeue(id, n, 'dropped again while its earlier attempt had not completed')) {
      await opts.queue.enqueue(doc)
      await removeEntries(entries, ctx)
      return { kind: 'queued', file, doc, requeued: true }
    }
  }
  const record = await ledger.recordDuplicate({ id, fileName: path.basename(file), subfolder, state: known.state })
  // the content is safe in DATA/originals already (stored before the first claim)
  await removeEntries(entries, ctx)
  return { kind: 'duplicate', file, id, state: known.state, record }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
