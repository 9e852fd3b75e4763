import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { PostgresStore } from '../../src/store/postgres.js'
import { SqliteStore } from '../../src/store/sqlite.js'
import { defaultIndexFile } from '../../src/store/indexer.js'
import type { PlanStore } from '../../src/store/types.js'

export const PG_URL = process.env.KEHOACH_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test'

/** True when something answers on the PostgreSQL port (CI installs and starts it). */
export async function postgresAnswers(url = PG_URL): Promise<boolean> {
  const u = new URL(url)
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || 5432) })
    const done = (ok: boolean) => {
      s.destroy()
      resolve(ok)
    }
    s.setTimeout(1000, () => done(false))
    s.once('connect', () => done(true))
    s.once('error', () => done(false))
  })
}

export function tempDir(prefix = 'kehoach-store-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix))
}

export type Backend = { name: 'sqlite' | 'postgres'; open(dataDir: string): Promise<PlanStore>; dbUrl(): string | null; cleanup(): Promise<void> }

/** A back-end per test file: SQLite in the data folder, or a fresh PostgreSQL schema dropped afterwards. */
export function backend(name: 'sqlite' | 'postgres'): Backend {
  const schema = `kehoach_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const opened: PlanStore[] = []
  return {
    name,
    dbUrl: () => (name === 'postgres' ? `${PG_URL}?schema=${schema}` : null),
    async open(dataDir: string) {
      const s = name === 'sqlite' ? new SqliteStore(defaultIndexFile(dataDir)) : await PostgresStore.open(PG_URL, { schema })
      opened.push(s)
      return s
    },
    async cleanup() {
      for (const s of opened) await s.close().catch(() => {})
      opened.length = 0
      if (name === 'postgres') {
        const s = await PostgresStore.open(PG_URL, { schema })
        await s.dropSchema()
        await s.close()
      }
    },
  }
}

export function rmDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}
