/**
 * Queue mode: a document dropped as several page images (`<name>_p1.png`, `<name>_p2.png`) is taken in
 * as one document once all its images are stable, stored as one original, and read page by page by the
 * sandboxed workers from dist/ (run `npm run build` first). Blank pages keep the test free of OCR time.
 */
import { readFile, readdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IngestOutcome } from '../../src/ingest/watch.js'
import { Plan } from '../../src/schema/plan.js'
import { jsonFiles, redisUnavailable, startQueueMode, waitFor, type QueueMode } from './helpers.js'

const skip = await redisUnavailable()

const whitePage = async (shade: number) =>
  sharp({ create: { width: 850, height: 1100, channels: 3, background: { r: shade, g: shade, b: shade } } }).png().toBuffer()

describe.skipIf(skip !== null)('kehoach watch: several page images', () => {
  let mode: QueueMode
  let dirs: QueueMode['dirs']
  const outcomes: IngestOutcome[] = []

  beforeAll(async () => {
    mode = await startQueueMode('watch-pages', { events: { outcome: (o) => outcomes.push(o) } })
    dirs = mode.dirs
  }, 30_000)

  afterAll(async () => {
    await mode?.close()
  }, 30_000)

  it('takes letter_p1.png and letter_p2.png in as one two-page document, and drains both from the inbox', async () => {
    for (const [name, shade] of [['letter_p2.png', 250], ['letter_p1.png', 245]] as const) {
      await writeFile(path.join(dirs.inbox, `${name}.part`), await whitePage(shade))
      await rename(path.join(dirs.inbox, `${name}.part`), path.join(dirs.inbox, name))
    }
    const files = await waitFor('one plan', async () => ((await jsonFiles(dirs.out)).length >= 1 ? jsonFiles(dirs.out) : null), 60_000)
    const plan = Plan.parse(JSON.parse(await readFile(path.join(dirs.out, files[0]!), 'utf8')))
    expect(plan.source).toMatchObject({ fileName: 'letter.pages', pageCount: 2 })
    expect(plan.source.parts!.map((p) => p.fileName)).toEqual(['letter_p1.png', 'letter_p2.png'])
    expect(plan.text.pages.map((p) => p.blank)).toEqual([true, true])
    await waitFor('inbox drained', async () => ((await readdir(dirs.inbox)).length === 0 ? true : null), 5_000)
    expect(outcomes.filter((o) => o.kind === 'queued')).toHaveLength(1)
    expect((await readdir(path.join(dirs.data, 'originals'))).filter((n) => !n.startsWith('.'))).toEqual([`${plan.id}.pages`])
  })
})
