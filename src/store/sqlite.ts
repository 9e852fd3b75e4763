import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Plan } from '../schema/plan.js'
import { StoreQueryError } from './errors.js'
import { DEFAULT_LIMIT, filterSql, orderSql, page } from './filters.js'
import { numberKey, searchTerms } from './keys.js'
import { planRows, summaryOf, SUMMARY_COLUMNS } from './rows.js'
import type {
  Change, CitationHit, FailureInfo, FileState, PlanStore, QueryOptions, QueryResult, SqlResult, StoreEvent, StoreStats,
} from './types.js'
import { cursorOf, parseCursor, eventOf, planEventType } from './events.js'

/** Bump when a derived table changes: an older index file is rebuilt (the event log is kept). */
const INDEX_VERSION = '3'
const DERIVED = ['plans', 'plan_json', 'plans_fts', 'legal_bases', 'citations', 'targets', 'tasks', 'files', 'failures']

/** Tables and views of the `--sql` surface: docs/store.md describes every column. */
const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS plans (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  revision INTEGER NOT NULL,
  schema_version TEXT NOT NULL,
  type_code TEXT, type_name TEXT, type_f TEXT,
  number TEXT, number_key TEXT,
  date TEXT, year INTEGER, place TEXT,
  issuer TEXT, issuer_parent TEXT, issuer_f TEXT NOT NULL DEFAULT '',
  title TEXT, title_f TEXT,
  signer_name TEXT, signer_position TEXT,
  page_count INTEGER NOT NULL, text_origin TEXT NOT NULL,
  needs_review INTEGER NOT NULL, ocr_confidence REAL,
  source_file TEXT NOT NULL, file TEXT NOT NULL, file_sha256 TEXT NOT NULL,
  processed_at TEXT NOT NULL, indexed_at TEXT NOT NULL,
  target_year_min INTEGER, min_confidence REAL
);
CREATE TABLE IF NOT EXISTS plan_json (id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS plans_target_year ON plans (target_year_min);
CREATE INDEX IF NOT EXISTS plans_issuer_f ON plans (issuer_f);
CREATE INDEX IF NOT EXISTS plans_date ON plans (date);
CREATE INDEX IF NOT EXISTS plans_year ON plans (year);
CREATE INDEX IF NOT EXISTS plans_type ON plans (type_code);
CREATE INDEX IF NOT EXISTS plans_number_key ON plans (number_key);
CREATE INDEX IF NOT EXISTS plans_file ON plans (file);
CREATE TABLE IF NOT EXISTS legal_bases (
  plan_id TEXT NOT NULL, ord INTEGER NOT NULL, relation TEXT NOT NULL, type TEXT, number TEXT, number_key TEXT,
  date TEXT, issuer TEXT, subject TEXT, text TEXT NOT NULL, page INTEGER, confidence REAL,
  PRIMARY KEY (plan_id, ord)
);
CREATE INDEX IF NOT EXISTS legal_bases_number_key ON legal_bases (number_key);
CREATE TABLE IF NOT EXISTS citations (
  plan_id TEXT NOT NULL, ord INTEGER NOT NULL, source TEXT NOT NULL, type TEXT, number TEXT, number_key TEXT,
  date TEXT, issuer TEXT, text TEXT NOT NULL, in_preamble INTEGER NOT NULL, page INTEGER, confidence REAL,
  PRIMARY KEY (plan_id, ord)
);
CREATE INDEX IF NOT EXISTS citations_number_key ON citations (number_key, plan_id);
CREATE TABLE IF NOT EXISTS targets (
  plan_id TEXT NOT NULL, ord INTEGER NOT NULL, text TEXT NOT NULL, value REAL NOT NULL, value_max REAL, unit TEXT,
  deadline TEXT, deadline_year INTEGER, subject TEXT, section TEXT, page INTEGER, confidence REAL,
  PRIMARY KEY (plan_id, ord)
);
CREATE INDEX IF NOT EXISTS targets_deadline_year ON targets (deadline_year, plan_id);
CREATE TABLE IF NOT EXISTS tasks (
  plan_id TEXT NOT NULL, ord INTEGER NOT NULL, task_id TEXT, grp TEXT, content TEXT NOT NULL, timeline TEXT,
  lead TEXT, cooperating TEXT NOT NULL, origin TEXT NOT NULL, page INTEGER, confidence REAL,
  PRIMARY KEY (plan_id, ord)
);
CREATE VIRTUAL TABLE IF NOT EXISTS plans_fts USING fts5 (
  title, body, bases, tasks, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY, kind TEXT NOT NULL, mtime_ms REAL NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, plan_id TEXT
);
CREATE TABLE IF NOT EXISTS failures (
  report TEXT PRIMARY KEY, file TEXT NOT NULL, plan_id TEXT, code TEXT NOT NULL, stage TEXT, message TEXT NOT NULL, hint TEXT,
  retryable INTEGER, at TEXT, sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, plan_id TEXT, revision INTEGER, file TEXT,
  code TEXT, stage TEXT, message TEXT, hint TEXT, sha256 TEXT, at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_plan ON events (plan_id, seq);
CREATE INDEX IF NOT EXISTS events_file ON events (file, seq);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`

/** FTS5 column weights for bm25(): title, body, legal bases, tasks. */
const BM25 = 'bm25(plans_fts, 10.0, 1.0, 4.0, 2.0)'

export type SqliteStoreOptions = { now?: () => Date }

/** Default index: one file beside the JSON results, no set-up. better-sqlite3 is synchronous. */
export class SqliteStore implements PlanStore {
  readonly kind = 'sqlite' as const
  readonly location: string
  private readonly db: Database.Database
  private readonly epoch: string
  private readonly now: () => Date
  private ro: Database.Database | null = null

  constructor(readonly file: string, options: SqliteStoreOptions = {}) {
    mkdirSync(path.dirname(file), { recursive: true })
    this.location = file
    this.now = options.now ?? (() => new Date())
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('busy_timeout = 5000')
    this.db.pragma('cache_size = -65536') // 64 MiB
    this.db.pragma('mmap_size = 268435456')
    this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
    const version = this.db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'index_version'`).get()?.value
    if (version !== INDEX_VERSION) {
      // new file, or one written by an older kehoach: derived tables are rebuilt by the next indexFolder
      for (const t of DERIVED) this.db.exec(`DROP TABLE IF EXISTS ${t}`)
      this.db.exec(DDL)
      this.db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('index_version', ?)`).run(INDEX_VERSION)
    }
    this.db.exec(DDL)
    const get = this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?')
    let epoch = get.get('epoch')?.value
    if (!epoch) {
      epoch = randomBytes(4).toString('hex')
      this.db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('epoch', epoch)
      epoch = get.get('epoch')!.value
    }
    this.epoch = epoch
  }

  async upsert(plan: Plan, file?: Partial<FileState>): Promise<StoreEvent | null> {
    const json = JSON.stringify(plan)
    const f: FileState = {
      path: file?.path ?? `${plan.id}.json`,
      kind: 'plan',
      mtimeMs: file?.mtimeMs ?? 0,
      size: file?.size ?? json.length,
      sha256: file?.sha256 ?? createHash('sha256').update(json).digest('hex'),
      planId: plan.id,
    }
    const [e] = await this.apply([{ kind: 'upsert', plan, file: f }])
    return e ?? null
  }

  async remove(id: string): Promise<StoreEvent | null> {
    const row = this.db.prepare<[string], { file: string }>('SELECT file FROM plans WHERE id = ?').get(id)
    if (!row) return null
    const [e] = await this.apply([{ kind: 'remove-file', path: row.file }])
    return e ?? null
  }

  async apply(changes: Change[]): Promise<StoreEvent[]> {
    // IMMEDIATE: take the write lock before reading, so two indexers never both emit `created`.
    return this.db.transaction(() => changes.flatMap((c) => this.applyOne(c) ?? [])).immediate()
  }

  private applyOne(c: Change): StoreEvent | null {
    const at = this.now().toISOString()
    const db = this.db
    if (c.kind === 'touch') {
      this.putFile(c.file)
      return null
    }
    if (c.kind === 'remove-file') {
      db.prepare('DELETE FROM files WHERE path = ?').run(c.path)
      db.prepare('DELETE FROM failures WHERE report = ?').run(c.path)
      const row = db.prepare<[string], { id: string; revision: number }>('SELECT id, revision FROM plans WHERE file = ?').get(c.path)
      if (!row) return null
      this.deletePlan(row.id)
      return this.event({ type: 'removed', plan_id: row.id, revision: row.revision, file: c.path, at })
    }
    if (c.kind === 'failure') {
      this.putFile(c.file)
      const prev = db.prepare<[string], { sha256: string }>('SELECT sha256 FROM failures WHERE report = ?').get(c.file.path)
      const f = c.failure
      db.prepare(
        `INSERT OR REPLACE INTO failures (report, file, plan_id, code, stage, message, hint, retryable, at, sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(c.file.path, f.file, f.planId, f.code, f.stage, f.message, f.hint, f.retryable == null ? null : f.retryable ? 1 : 0, f.at, c.file.sha256)
      if (prev?.sha256 === c.file.sha256) return null
      // after `reindex`, a report already announced is not announced again
      const last = db.prepare<[string], { sha256: string | null }>(`SELECT sha256 FROM events WHERE file = ? AND type = 'failed' ORDER BY seq DESC LIMIT 1`).get(c.file.path)
      if (!prev && last?.sha256 === c.file.sha256) return null
      return this.event({ type: 'failed', plan_id: f.planId, revision: null, file: c.file.path, code: f.code, stage: f.stage, message: f.message, hint: f.hint, sha256: c.file.sha256, at })
    }
    const { plan, file } = c
    const prev = db.prepare<[string], { file_sha256: string; file: string }>('SELECT file_sha256, file FROM plans WHERE id = ?').get(plan.id)
    this.putFile(file)
    if (prev && prev.file_sha256 === file.sha256) {
      if (prev.file !== file.path) db.prepare('UPDATE plans SET file = ? WHERE id = ?').run(file.path, plan.id)
      return null
    }
    if (prev) this.deletePlan(plan.id)
    this.insertPlan(plan, file, at)
    // The event log outlives `reindex`: a plan already announced with these bytes is not announced again.
    const last = prev ? null : db.prepare<[string], { type: string; sha256: string | null }>(
      `SELECT type, sha256 FROM events WHERE plan_id = ? AND type IN ('created', 'updated', 'reviewed', 'removed') ORDER BY seq DESC LIMIT 1`,
    ).get(plan.id)
    const known = !!prev || (last != null && last.type !== 'removed')
    if (!prev && known && last?.sha256 === file.sha256) return null
    return this.event({ type: planEventType(known, plan), plan_id: plan.id, revision: plan.revision, file: file.path, sha256: file.sha256, at })
  }

  private putFile(f: FileState): void {
    this.db
      .prepare('INSERT OR REPLACE INTO files (path, kind, mtime_ms, size, sha256, plan_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(f.path, f.kind, f.mtimeMs, f.size, f.sha256, f.planId)
  }

  private insertPlan(plan: Plan, file: FileState, at: string): void {
    const rows = planRows(plan, file.path, file.sha256, at)
    const db = this.db
    const p = rows.plan
    const cols = Object.keys(p)
    const info = db
      .prepare(`INSERT INTO plans (${cols.join(', ')}) VALUES (${cols.map((k) => '@' + k).join(', ')})`)
      .run(p)
    const rid = Number(info.lastInsertRowid)
    db.prepare('INSERT OR REPLACE INTO plan_json (id, json) VALUES (?, ?)').run(plan.id, rows.json)
    db.prepare('INSERT INTO plans_fts (rowid, title, body, bases, tasks) VALUES (?, ?, ?, ?, ?)').run(
      rid, rows.search.title, rows.search.body, rows.search.bases, rows.search.tasks,
    )
    insertAll(db, 'legal_bases', rows.legalBases)
    insertAll(db, 'citations', rows.citations)
    insertAll(db, 'targets', rows.targets)
    insertAll(db, 'tasks', rows.tasks)
  }

  private deletePlan(id: string): void {
    const db = this.db
    const row = db.prepare<[string], { rid: number }>('SELECT rid FROM plans WHERE id = ?').get(id)
    if (!row) return
    db.prepare('DELETE FROM plans_fts WHERE rowid = ?').run(row.rid)
    for (const t of ['legal_bases', 'citations', 'targets', 'tasks']) db.prepare(`DELETE FROM ${t} WHERE plan_id = ?`).run(id)
    db.prepare('DELETE FROM plans WHERE rid = ?').run(row.rid)
    db.prepare('DELETE FROM plan_json WHERE id = ?').run(id)
  }

  private event(e: {
    type: StoreEvent['type']; plan_id: string | null; revision: number | null; file: string | null; at: string
    code?: string; stage?: string | null; message?: string; hint?: string | null; sha256?: string
  }): StoreEvent {
    const info = this.db
      .prepare('INSERT INTO events (type, plan_id, revision, file, code, stage, message, hint, sha256, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.type, e.plan_id, e.revision, e.file, e.code ?? null, e.stage ?? null, e.message ?? null, e.hint ?? null, e.sha256 ?? null, e.at)
    return eventOf(this.epoch, { seq: Number(info.lastInsertRowid), ...e })
  }

  async get(id: string): Promise<Plan | null> {
    const row = this.db.prepare<[string], { json: string }>('SELECT json FROM plan_json WHERE id = ?').get(id)
    return row ? (JSON.parse(row.json) as Plan) : null
  }

  async query(o: QueryOptions): Promise<QueryResult> {
    const { where, params } = filterSql(o, 'sqlite')
    const terms = o.text ? searchTerms(o.text) : []
    const { limit, offset } = page(o)
    const cols = SUMMARY_COLUMNS.map((c) => `p.${c}`).join(', ')
    if (o.text && terms.length === 0) return { total: 0, limit, offset, items: [] }
    if (terms.length === 0) {
      const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
      const total = (this.db.prepare(`SELECT count(*) AS n FROM plans p ${w}`).get(...params) as { n: number }).n
      const rows = this.db
        .prepare(`SELECT ${cols} FROM plans p ${w} ${orderSql(o, false, '')} LIMIT ? OFFSET ?`)
        .all(...params, limit, offset) as Record<string, unknown>[]
      return { total, limit, offset, items: rows.map(summaryOf) }
    }
    const match = ftsQuery(terms)
    const w = ['plans_fts MATCH ?', ...where].join(' AND ')
    const from = 'FROM plans_fts JOIN plans p ON p.rid = plans_fts.rowid'
    const total = (this.db.prepare(`SELECT count(*) AS n ${from} WHERE ${w}`).get(match, ...params) as { n: number }).n
    // bm25() is lower-is-better; we publish -bm25 so that a higher score is a better match.
    const rows = this.db
      .prepare(
        `SELECT ${cols}, -${BM25} AS score, snippet(plans_fts, -1, '[', ']', '…', 12) AS snippet
         ${from} WHERE ${w} ${orderSql(o, true, 'score')} LIMIT ? OFFSET ?`,
      )
      .all(match, ...params, limit, offset) as Record<string, unknown>[]
    return { total, limit, offset, items: rows.map(summaryOf) }
  }

  async search(q: string, o: QueryOptions = {}): Promise<QueryResult> {
    return this.query({ ...o, text: q })
  }

  async citations(number: string, o: { limit?: number; offset?: number } = {}): Promise<CitationHit[]> {
    const key = numberKey(number)
    if (!key) return []
    const rows = this.db
      .prepare(
        `SELECT c.plan_id, p.number AS plan_number, p.title AS plan_title, p.issuer AS plan_issuer, p.date AS plan_date,
                c.source, c.type, c.number, c.date, c.issuer, c.text
         FROM citations c JOIN plans p ON p.id = c.plan_id
         WHERE c.number_key = ? ORDER BY p.date DESC NULLS LAST, c.plan_id, c.ord LIMIT ? OFFSET ?`,
      )
      .all(key, o.limit ?? DEFAULT_LIMIT, o.offset ?? 0) as Record<string, unknown>[]
    return rows.map(citationOf)
  }

  async events(after?: string | null, limit = 1000): Promise<{ events: StoreEvent[]; cursor: string }> {
    const from = parseCursor(after, this.epoch)
    const rows = this.db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?').all(from, limit) as Record<string, unknown>[]
    const events = rows.map((r) => eventOf(this.epoch, r as never))
    return { events, cursor: events.length ? events[events.length - 1].cursor : cursorOf(this.epoch, from) }
  }

  async failures(limit = 20): Promise<FailureInfo[]> {
    const rows = this.db.prepare('SELECT * FROM failures ORDER BY at DESC NULLS LAST, file LIMIT ?').all(limit) as Record<string, unknown>[]
    return rows.map((r) => ({
      report: String(r.report), file: String(r.file), planId: (r.plan_id as string) ?? null, code: String(r.code), stage: (r.stage as string) ?? null,
      message: String(r.message), hint: (r.hint as string) ?? null, retryable: r.retryable == null ? null : r.retryable === 1, at: (r.at as string) ?? null,
    }))
  }

  async files(): Promise<FileState[]> {
    const rows = this.db.prepare('SELECT * FROM files').all() as Record<string, unknown>[]
    return rows.map((r) => ({
      path: String(r.path), kind: r.kind as FileState['kind'], mtimeMs: Number(r.mtime_ms), size: Number(r.size),
      sha256: String(r.sha256), planId: (r.plan_id as string) ?? null,
    }))
  }

  async stats(): Promise<StoreStats> {
    const n = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n
    const last = this.db.prepare('SELECT at FROM events ORDER BY seq DESC LIMIT 1').get() as { at: string } | undefined
    return { plans: n('SELECT count(*) AS n FROM plans'), failures: n('SELECT count(*) AS n FROM failures'), events: n('SELECT count(*) AS n FROM events'), lastEventAt: last?.at ?? null }
  }

  /** Read-only: a second connection opened read-only, and only statements that read. */
  async sql(text: string): Promise<SqlResult> {
    this.ro ??= new Database(this.file, { readonly: true, fileMustExist: true })
    let stmt: Database.Statement
    try {
      stmt = this.ro.prepare(text)
    } catch (error) {
      throw new StoreQueryError((error as Error).message)
    }
    if (!stmt.reader || !stmt.readonly) throw new StoreQueryError('only read-only statements that return rows (SELECT, WITH …) are allowed')
    try {
      const rows = stmt.all() as Record<string, unknown>[]
      return { columns: stmt.columns().map((c) => c.name), rows }
    } catch (error) {
      throw new StoreQueryError((error as Error).message)
    }
  }

  async reset(): Promise<void> {
    this.db.transaction(() => {
      for (const t of DERIVED) this.db.exec(`DELETE FROM ${t}`)
    })()
  }

  async getState(key: string): Promise<string | null> {
    return (this.db.prepare<[string], { value: string }>('SELECT value FROM state WHERE key = ?').get(key)?.value) ?? null
  }

  async setState(key: string, value: string): Promise<void> {
    this.db.prepare('INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)').run(key, value)
  }

  async close(): Promise<void> {
    this.ro?.close()
    this.db.close()
  }
}

function insertAll(db: Database.Database, table: string, rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return
  const cols = Object.keys(rows[0])
  const stmt = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((k) => '@' + k).join(', ')})`)
  for (const r of rows) stmt.run(r)
}

/** Folded words → an FTS5 query: every word must occur, the last one as a prefix ("giam ngh" finds "giảm nghèo"). */
export function ftsQuery(terms: string[]): string {
  return terms.map((t, i) => `"${t.replace(/"/g, '""')}"${i === terms.length - 1 ? '*' : ''}`).join(' ')
}

export function citationOf(r: Record<string, unknown>): CitationHit {
  return {
    planId: String(r.plan_id),
    planNumber: (r.plan_number as string) ?? null,
    planTitle: (r.plan_title as string) ?? null,
    planIssuer: (r.plan_issuer as string) ?? null,
    planDate: (r.plan_date as string) ?? null,
    source: r.source as CitationHit['source'],
    type: (r.type as string) ?? null,
    number: (r.number as string) ?? null,
    date: (r.date as string) ?? null,
    issuer: (r.issuer as string) ?? null,
    text: String(r.text),
  }
}
