import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { FileAccessError } from '../errors.js'
import { defaultIndexFile } from './indexer.js'
import { PostgresStore } from './postgres.js'
import { SqliteStore } from './sqlite.js'
import type { PlanStore } from './types.js'

export type OpenStoreOptions = {
  /** results folder (the JSON files, the source of truth) */
  dataDir: string
  /** postgres://… to index into PostgreSQL; default: SQLite at DATA/.kehoach/index.sqlite */
  db?: string | null
  now?: () => Date
}

/** The data folder must exist; the index is created on first use. */
export async function openStore(o: OpenStoreOptions): Promise<PlanStore> {
  const dataDir = path.resolve(o.dataDir)
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new FileAccessError(`data folder ${dataDir} does not exist`)
  }
  const db = o.db ?? process.env.KEHOACH_DB ?? null
  if (db && /^postgres(ql)?:\/\//.test(db)) return PostgresStore.open(db, { now: o.now })
  if (db) return new SqliteStore(path.resolve(db), { now: o.now })
  return new SqliteStore(defaultIndexFile(dataDir), { now: o.now })
}
