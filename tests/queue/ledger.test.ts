/** The on-disk ledger and the Redis check: no queue needed (the ledger test runs without Redis). */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { Ledger } from '../../src/ingest/ledger.js'
import { checkRedis } from '../../src/queue/connection.js'
import { RedisUnavailableError } from '../../src/errors.js'
import { ROOT, tempDirs } from './helpers.js'

const ID = 'ab'.repeat(32)

describe('ledger', () => {
  it('gives each hash to exactly one claimer, across concurrent calls and processes', async () => {
    const dirs = await tempDirs('ledger')
    try {
      const rec = { id: ID, fileName: 'a.pdf', subfolder: null, original: `originals/${ID}.pdf`, pageCount: 1 }
      const local = await Promise.all(Array.from({ length: 16 }, () => new Ledger(dirs.data).claim(rec)))
      expect(local.filter((r) => r.claimed)).toHaveLength(1)
      for (const l of local) if (!l.claimed) expect(l.existing.state).toBe('in-progress')
      expect(await readdir(path.join(dirs.data, 'ledger', 'ab'))).toEqual([`${ID}.json`]) // no temp files left

      // four processes race for the same 40 hashes, like watchers on several machines
      const ids = Array.from({ length: 40 }, (_, i) => createHash('sha256').update(String(i)).digest('hex'))
      const script = `const { Ledger } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/ingest/ledger.ts')).href)})
        const l = new Ledger(process.argv[1]); const won = []
        for (const id of ${JSON.stringify(ids)}) if ((await l.claim({ id, fileName: 'f', subfolder: null, original: 'o', pageCount: 1 })).claimed) won.push(id)
        console.log(JSON.stringify(won))`
      const runs = await Promise.all(
        Array.from({ length: 4 }, () =>
          promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dirs.data], { cwd: ROOT }),
        ),
      )
      const won = runs.flatMap((r) => JSON.parse(r.stdout) as string[])
      expect(won.sort()).toEqual([...ids].sort()) // every hash claimed once, none twice

      const ledger = new Ledger(dirs.data)
      await ledger.recordDuplicate({ id: ID, fileName: 'b.pdf', subfolder: 'x', state: 'in-progress' })
      await ledger.markDone({ id: ID, plan: '/out/x.json', failedPages: [] })
      expect((await ledger.get(ID))?.state).toBe('done')
      expect(await ledger.duplicates(ID)).toMatchObject([{ fileName: 'b.pdf', subfolder: 'x', state: 'in-progress' }])
      let pending = 0
      for await (const _ of ledger.inProgress()) pending++
      expect(pending).toBe(40) // the raced ones: claimed, not done
    } finally {
      await dirs.cleanup()
    }
  }, 60_000)
})

describe('checkRedis', () => {
  it('fails fast and clearly when nothing answers', async () => {
    const started = Date.now()
    const error = await checkRedis('redis://127.0.0.1:1', 1500).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RedisUnavailableError)
    expect((error as RedisUnavailableError).message).toMatch(/127\.0\.0\.1:1 does not answer/)
    expect(Date.now() - started).toBeLessThan(3000)
  })
})
