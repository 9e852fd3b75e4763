/**
 * The inbox under hostile or awkward drops, with the real watcher (chokidar), real files, links,
 * FIFOs and real Redis (the queue of accepted files):
 *   - a symlink to a file outside, a symlinked folder, a hard link to a file outside, a FIFO: each
 *     reported (input.not-a-file, in OUT/failed) and left alone; nothing outside is read or deleted;
 *   - a copy that pauses longer than the stability window: the fragment is not taken (no failure,
 *     nothing quarantined); the whole file is taken once, when the copy goes on;
 *   - all of it while the inbox is also listed every RESCAN_MS: what an intake left in the inbox is
 *     not reported again while it stays unchanged;
 *   - a file whose event never comes (here: polling once an hour) is taken by the listing.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { lstat, mkdir, open, readFile, readdir, symlink, link, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bullConnection } from '../../src/queue/connection.js'
import { DocumentQueue } from '../../src/queue/flow.js'
import { InboxWatcher, type InboxEvents, type InboxOptions, type IngestOutcome } from '../../src/ingest/watch.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { dropPrefix, fixture, redisUnavailable, tempDirs, uniquePrefix, waitFor } from '../queue/helpers.js'

const skip = await redisUnavailable()
const STABLE_MS = 300
const RESCAN_MS = 100

type Inbox = { dirs: Awaited<ReturnType<typeof tempDirs>>; watcher: InboxWatcher; close: () => Promise<void> }

/** A started watcher on a fresh inbox, its queue on real Redis under its own prefix; `close` removes it all. */
async function openInbox(tag: string, options: Partial<InboxOptions>, events: InboxEvents, before?: (dirs: Inbox['dirs']) => Promise<void>): Promise<Inbox> {
  const prefix = uniquePrefix(tag)
  const dirs = await tempDirs(tag)
  await before?.(dirs)
  const queue = new DocumentQueue({ connection: bullConnection(), prefix })
  const watcher = new InboxWatcher({ inbox: dirs.inbox, dataDir: dirs.data, outDir: dirs.out, limits: DEFAULT_LIMITS, queue, stableMs: STABLE_MS, reconcileMs: 0, ...options }, events)
  await watcher.start()
  const close = async () => {
    await watcher.close()
    await queue.close()
    await dropPrefix(prefix)
    await dirs.cleanup()
  }
  return { dirs, watcher, close }
}

describe.skipIf(skip !== null)('the inbox takes only regular files of its own, and only complete ones', () => {
  let inbox: Inbox
  let dirs: Inbox['dirs']
  const outcomes: IngestOutcome[] = []
  const errors: unknown[] = []
  let outside: string

  beforeAll(async () => {
    inbox = await openInbox('inbox', { rescanMs: RESCAN_MS }, { outcome: (o) => outcomes.push(o), error: (_f, e) => errors.push(e) }, async (d) => {
      outside = path.join(d.root, 'outside')
      await mkdir(path.join(outside, 'folder'), { recursive: true })
      await writeFile(path.join(outside, 'secret.txt'), 'root:x:0:0:root:/root:/bin/bash\n')
      await writeFile(path.join(outside, 'folder', 'ke-hoach.txt'), readFileSync(fixture('hon-quan.gt.txt')))
    })
    dirs = inbox.dirs
  }, 30_000)

  afterAll(async () => {
    await inbox?.close()
  }, 30_000)

  it('reports links, hard links and FIFOs, leaves them and what they point to alone, and still takes a real file', async () => {
    await symlink(path.join(outside, 'secret.txt'), path.join(dirs.inbox, 'passwd.txt'))
    await symlink(path.join(outside, 'folder'), path.join(dirs.inbox, 'shared-folder'))
    await link(path.join(outside, 'secret.txt'), path.join(dirs.inbox, 'hard.txt'))
    execFileSync('mkfifo', [path.join(dirs.inbox, 'pipe.txt')])
    await writeFile(path.join(dirs.inbox, 'real.txt'), readFileSync(fixture('lao-cai.gt.txt')))

    const rejected = await waitFor(
      'four refusals',
      async () => {
        const r = outcomes.filter((o) => o.kind === 'rejected')
        return r.length >= 4 ? r : null
      },
      20_000,
    )
    const queued = await waitFor('the real file queued', async () => outcomes.find((o) => o.kind === 'queued'), 20_000)
    const names = rejected.map((o) => path.basename(o.file)).sort()
    expect(names).toEqual(['hard.txt', 'passwd.txt', 'pipe.txt', 'shared-folder'])
    for (const o of rejected) if (o.kind === 'rejected') expect(o.report.code).toBe('input.not-a-file')
    expect(queued.kind === 'queued' && queued.doc.fileName).toBe('real.txt')

    // nothing outside the inbox was read into the data folder, moved or deleted
    expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toMatch(/^root:/)
    expect(await readdir(path.join(outside, 'folder'))).toEqual(['ke-hoach.txt'])
    const originals = await readdir(path.join(dirs.data, 'originals'))
    const secretId = createHash('sha256').update(readFileSync(path.join(outside, 'secret.txt'))).digest('hex')
    expect(originals.some((n) => n.startsWith(secretId))).toBe(false)
    expect(originals).toHaveLength(1) // real.txt only
    // the entries are left where they are; only the real file left the inbox
    expect((await readdir(dirs.inbox)).sort()).toEqual(['hard.txt', 'passwd.txt', 'pipe.txt', 'shared-folder'])
    expect((await lstat(path.join(dirs.inbox, 'passwd.txt'))).isSymbolicLink()).toBe(true)
    // each refusal has a report in the one place for failure reports
    const reports = await readdir(path.join(dirs.out, 'failed'))
    for (const n of names) expect(reports).toContain(`${n}.error.json`)
    const report = JSON.parse(await readFile(path.join(dirs.out, 'failed', 'passwd.txt.error.json'), 'utf8'))
    expect(report).toMatchObject({ code: 'input.not-a-file', file: 'passwd.txt', retryable: false })
    expect(report.message).toMatch(/symbolic link/)
    await new Promise((r) => setTimeout(r, RESCAN_MS * 5)) // several listings of the inbox later
    expect(outcomes.filter((o) => o.kind === 'rejected')).toHaveLength(4) // each reported once
    expect(errors).toEqual([])
  }, 60_000)

  it('a copy that pauses longer than the stability window is taken once, whole, when it goes on', async () => {
    const bytes = readFileSync(fixture('lao-cai.digital.pdf'))
    const target = path.join(dirs.inbox, 'paused.pdf')
    const fh = await open(target, 'w')
    await fh.write(bytes.subarray(0, Math.floor(bytes.length * 0.4)))
    await fh.sync()
    const waiting = await waitFor('the fragment seen as incomplete', async () => outcomes.find((o) => o.kind === 'incomplete' && o.file === target), 20_000)
    expect(waiting.kind === 'incomplete' && waiting.reason).toMatch(/%%EOF/)
    await new Promise((r) => setTimeout(r, STABLE_MS * 3)) // the pause goes on, well past the window
    expect(existsSync(target)).toBe(true) // the fragment stays in the inbox
    expect(outcomes.filter((o) => o.kind === 'incomplete' && o.file === target)).toHaveLength(1) // not re-read by each listing
    await fh.write(bytes.subarray(Math.floor(bytes.length * 0.4)))
    await fh.close()

    const id = createHash('sha256').update(bytes).digest('hex')
    const queued = await waitFor('the whole file queued', async () => outcomes.find((o) => o.kind === 'queued' && o.doc.id === id), 30_000)
    expect(queued.kind === 'queued' && queued.doc.fileName).toBe('paused.pdf')
    await inbox.watcher.idle()
    expect(outcomes.filter((o) => o.file === target && o.kind !== 'incomplete').map((o) => o.kind)).toEqual(['queued'])
    expect(existsSync(path.join(dirs.data, 'failed'))).toBe(false) // nothing quarantined
    expect(existsSync(target)).toBe(false)
  }, 60_000)
})

describe.skipIf(skip !== null)('a file whose file-system event never comes', () => {
  let inbox: Inbox
  let dirs: Inbox['dirs']
  let watcher: InboxWatcher
  const outcomes: IngestOutcome[] = []

  beforeAll(async () => {
    // polling once an hour: after the start, no event reports a new file (as when the system's
    // inotify watches run out and a new subfolder goes unwatched)
    inbox = await openInbox('inbox-rescan', { rescanMs: 0, poll: true, pollInterval: 3_600_000 }, { outcome: (o) => outcomes.push(o) })
    ;({ dirs, watcher } = inbox)
  }, 30_000)

  afterAll(async () => {
    await inbox?.close()
  }, 30_000)

  it('is taken when the inbox is listed, once, and the next listing finds nothing left to do', async () => {
    const target = path.join(dirs.inbox, 'so-noi-vu', 'ke-hoach.txt')
    await mkdir(path.dirname(target))
    await writeFile(target, readFileSync(fixture('lao-cai.gt.txt')))
    await new Promise((r) => setTimeout(r, STABLE_MS * 3))
    expect(outcomes).toEqual([]) // no event came
    expect(await watcher.rescanNow()).toEqual([target])
    const queued = await waitFor('the listed file queued', async () => outcomes.find((o) => o.kind === 'queued'), 20_000)
    expect(queued.kind === 'queued' && queued.doc.subfolder).toBe('so-noi-vu')
    await watcher.idle()
    expect(existsSync(target)).toBe(false)
    expect(await watcher.rescanNow()).toEqual([])
    expect(outcomes.map((o) => o.kind)).toEqual(['queued'])
  }, 60_000)
})
