import { createHash, randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Plan } from '../schema/plan.js'
import { StoreQueryError, StoreUnavailableError } from './errors.js'
import { cursorOf, eventOf, parseCursor, planEventType } from './events.js'
import { DEFAULT_LIMIT, filterSql, orderSql, page } from './filters.js'
import { numberKey, searchTerms } from './keys.js'
import { planRows, summaryOf, SUMMARY_COLUMNS } from './rows.js'
import { citationOf } from './sqlite.js'
import type {
  Change, CitationHit, FailureInfo, FileState, PlanStore, QueryOptions, QueryResult, SqlResult, StoreEvent, StoreStats,
} from './types.js'

/** tsvector values are capped at 1 MB: index at most this much folded body text per plan. */
const MAX_BODY_CHARS = 400_000
/** Full-text matches that get the full rank (over the whole text); the others are ordered by the title/bases/tasks rank. */
const RANK_CANDIDATES = 200

const DDL = (fold: string, trgm: string) => `
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS plans (
  rid bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  revision integer NOT NULL,
  schema_version text NOT NULL,
  type_code text, type_name text, type_f text,
  number text, number_key text,
  date text, year integer, place text,
  issuer text, issuer_parent text, issuer_f text NOT NULL DEFAULT '',
  title text, title_f text,
  signer_name text, signer_position text,
  page_count integer NOT NULL, text_origin text NOT NULL,
  needs_review boolean NOT NULL, ocr_confidence double precision,
  source_file text NOT NULL, file text NOT NULL, file_sha256 text NOT NULL,
  processed_at text NOT NULL, indexed_at text NOT NULL,
  target_year_min integer, min_confidence double precision,
  search tsvector NOT NULL,
  search_head tsvector NOT NULL DEFAULT ''::tsvector
);
-- indexes made before search_head existed: the column stays empty (rank 0) until 'kehoach reindex'
ALTER TABLE plans ADD COLUMN IF NOT EXISTS search_head tsvector NOT NULL DEFAULT ''::tsvector;
-- likewise min_confidence (review queue: confidenceBelow, sort=confidence): null until 'kehoach reindex'
ALTER TABLE plans ADD COLUMN IF NOT EXISTS min_confidence double precision;
CREATE TABLE IF NOT EXISTS plan_json (id text PRIMARY KEY, json jsonb NOT NULL);
CREATE INDEX IF NOT EXISTS plans_target_year ON plans (target_year_min);
CREATE INDEX IF NOT EXISTS plans_issuer_f ON plans (issuer_f);
CREATE INDEX IF NOT EXISTS plans_date ON plans (date);
CREATE INDEX IF NOT EXISTS plans_year ON plans (year);
CREATE INDEX IF NOT EXISTS plans_type ON plans (type_code);
CREATE INDEX IF NOT EXISTS plans_number_key ON plans (number_key);
CREATE INDEX IF NOT EXISTS plans_file ON plans (file);
CREATE INDEX IF NOT EXISTS plans_search ON plans USING gin (search);
${trgm}
CREATE TABLE IF NOT EXISTS legal_bases (
  plan_id text NOT NULL, ord integer NOT NULL, relation text NOT NULL, type text, number text, number_key text,
  date text, issuer text, subject text, text text NOT NULL, page integer, confidence double precision,
  PRIMARY KEY (plan_id, ord)
);
CREATE INDEX IF NOT EXISTS legal_bases_number_key ON legal_bases (number_key);
CREATE TABLE IF NOT EXISTS citations (
  plan_id text NOT NULL, ord integer NOT NULL, source text NOT NULL, type text, number text, number_key text,
  date text, issuer text, text text NOT NULL, in_preamble integer NOT NULL, page integer, confidence double precision,
  PRIMARY KEY (plan_id, ord)
);
CREATE INDEX IF NOT EXISTS citations_number_key ON citations (number_key, plan_id);
CREATE TABLE IF NOT EXISTS targets (
  plan_id text NOT NULL, ord integer NOT NULL, text text NOT NULL, value double precision NOT NULL, value_max double precision,
  unit text, deadline text, deadline_year integer, subject text, section text, page integer, confidence double precision,
  PRIMARY KEY (plan_id, ord)
);
CREATE INDEX IF NOT EXISTS targets_deadline_year ON targets (deadline_year, plan_id);
CREATE TABLE IF NOT EXISTS tasks (
  plan_id text NOT NULL, ord integer NOT NULL, task_id text, grp text, content text NOT NULL, timeline text,
  lead text, cooperating text NOT NULL, origin text NOT NULL, page integer, confidence double precision,
  PRIMARY KEY (plan_id, ord)
);
CREATE TABLE IF NOT EXISTS files (
  path text PRIMARY KEY, kind text NOT NULL, mtime_ms double precision NOT NULL, size bigint NOT NULL, sha256 text NOT NULL, plan_id text
);
CREATE TABLE IF NOT EXISTS failures (
  report text PRIMARY KEY, file text NOT NULL, plan_id text, code text NOT NULL, stage text, message text NOT NULL, hint text,
  retryable boolean, at text, sha256 text NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  seq bigserial PRIMARY KEY, type text NOT NULL, plan_id text, revision integer, file text,
  code text, stage text, message text, hint text, sha256 text, at text NOT NULL
);
CREATE INDEX IF NOT EXISTS events_plan ON events (plan_id, seq);
CREATE INDEX IF NOT EXISTS events_file ON events (file, seq);
CREATE TABLE IF NOT EXISTS state (key text PRIMARY KEY, value text NOT NULL);
-- kehoach_fold(text): the same folding as the index keys (marks removed, đ→d, lower case), for ad-hoc SQL.
CREATE OR REPLACE FUNCTION kehoach_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $f$ SELECT btrim(regexp_replace(lower(${fold}), '\\s+', ' ', 'g')) $f$;
`

export type PostgresStoreOptions = { schema?: string; now?: () => Date; max?: number }

/**
 * PostgreSQL index (`--db postgres://…[?schema=name]`): for many writers or a shared server.
 * Folded columns are computed in JS (same keys as SQLite); `unaccent` backs `kehoach_fold()`.
 */
export class PostgresStore implements PlanStore {
  readonly kind = 'postgres' as const
  readonly location: string
  readonly schema: string
  private readonly pool: pg.Pool
  private readonly now: () => Date
  private epoch = ''

  private constructor(url: string, options: PostgresStoreOptions) {
    const u = new URL(url)
    this.schema = options.schema ?? u.searchParams.get('schema') ?? 'kehoach'
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) throw new StoreUnavailableError(`bad schema name ${JSON.stringify(this.schema)}: use [a-z_][a-z0-9_]*`)
    u.searchParams.delete('schema')
    if (u.password) u.password = '***'
    this.location = `${u.toString()} (schema ${this.schema})`
    const conn = new URL(url)
    conn.searchParams.delete('schema')
    this.now = options.now ?? (() => new Date())
    this.pool = new pg.Pool({ connectionString: conn.toString(), max: options.max ?? 8, options: `-c search_path=${this.schema},public` })
    this.pool.on('error', () => {}) // idle client errors surface on the next query
  }

  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const s = new PostgresStore(url, options)
    try {
      await s.init()
    } catch (error) {
      await s.pool.end().catch(() => {})
      if (error instanceof StoreUnavailableError) throw error
      throw new StoreUnavailableError(`PostgreSQL at ${s.location}: ${(error as Error).message}`, { cause: error })
    }
    return s
  }

  private async init(): Promise<void> {
    const c = await this.pool.connect()
    try {
      await c.query(`SELECT pg_advisory_lock(hashtext('kehoach-init'))`)
      try {
        await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`)
        let fold = `translate(t, 'đĐ', 'dD')`
        try {
          await c.query('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public')
        } catch {
          // not installed (postgresql-contrib) or no right to create it: fold without it
        }
        const ext = await c.query<{ ns: string }>(`SELECT extnamespace::regnamespace::text AS ns FROM pg_extension WHERE extname = 'unaccent'`)
        if (ext.rows[0]) fold = `${ext.rows[0].ns}.unaccent('${ext.rows[0].ns}.unaccent'::regdictionary, translate(t, 'đĐ', 'dD'))`
        let trgm = ''
        try {
          await c.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public')
        } catch {
          // not installed or no right to create it: partial matches scan instead
        }
        const tg = await c.query<{ ns: string }>(`SELECT extnamespace::regnamespace::text AS ns FROM pg_extension WHERE extname = 'pg_trgm'`)
        if (tg.rows[0]) {
          const ops = `${tg.rows[0].ns}.gin_trgm_ops`
          trgm = `CREATE INDEX IF NOT EXISTS plans_issuer_trgm ON plans USING gin (issuer_f ${ops});
CREATE INDEX IF NOT EXISTS plans_number_trgm ON plans USING gin (number_key ${ops});`
        }
        await c.query(DDL(fold, trgm))
        const r = await c.query<{ value: string }>(
          `INSERT INTO meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO UPDATE SET value = meta.value RETURNING value`,
          [randomBytes(4).toString('hex')],
        )
        this.epoch = r.rows[0].value
      } finally {
        await c.query(`SELECT pg_advisory_unlock(hashtext('kehoach-init'))`)
      }
    } finally {
      c.release()
    }
  }

  async upsert(plan: Plan, file?: Partial<FileState>): Promise<StoreEvent | null> {
    const json = JSON.stringify(plan)
    const f: FileState = {
      path: file?.path ?? `${plan.id}.json`, kind: 'plan', mtimeMs: file?.mtimeMs ?? 0, size: file?.size ?? json.length,
      sha256: file?.sha256 ?? createHash('sha256').update(json).digest('hex'), planId: plan.id,
    }
    const [e] = await this.apply([{ kind: 'upsert', plan, file: f }])
    return e ?? null
  }

  async remove(id: string): Promise<StoreEvent | null> {
    const r = await this.pool.query<{ file: string }>('SELECT file FROM plans WHERE id = $1', [id])
    if (!r.rows[0]) return null
    const [e] = await this.apply([{ kind: 'remove-file', path: r.rows[0].file }])
    return e ?? null
  }

  async apply(changes: Change[]): Promise<StoreEvent[]> {
    const c = await this.pool.connect()
    try {
      await c.query('BEGIN')
      // one writer at a time per schema, so two indexers never both emit `created`
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kehoach-write-${this.schema}`])
      const out: StoreEvent[] = []
      for (const ch of changes) {
        const e = await this.applyOne(c, ch)
        if (e) out.push(e)
      }
      await c.query('COMMIT')
      return out
    } catch (error) {
      await c.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      c.release()
    }
  }

  private async applyOne(c: pg.PoolClient, ch: Change): Promise<StoreEvent | null> {
    const at = this.now().toISOString()
    if (ch.kind === 'touch') {
      await putFile(c, ch.file)
      return null
    }
    if (ch.kind === 'remove-file') {
      await c.query('DELETE FROM files WHERE path = $1', [ch.path])
      await c.query('DELETE FROM failures WHERE report = $1', [ch.path])
      const r = await c.query<{ id: string; revision: number }>('SELECT id, revision FROM plans WHERE file = $1', [ch.path])
      if (!r.rows[0]) return null
      await deletePlan(c, r.rows[0].id)
      return this.event(c, { type: 'removed', plan_id: r.rows[0].id, revision: r.rows[0].revision, file: ch.path, at })
    }
    if (ch.kind === 'failure') {
      await putFile(c, ch.file)
      const prev = await c.query<{ sha256: string }>('SELECT sha256 FROM failures WHERE report = $1', [ch.file.path])
      const f = ch.failure
      await c.query(
        `INSERT INTO failures (report, file, plan_id, code, stage, message, hint, retryable, at, sha256) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
         ON CONFLICT (report) DO UPDATE SET file = EXCLUDED.file, plan_id = EXCLUDED.plan_id, code = EXCLUDED.code, stage = EXCLUDED.stage, message = EXCLUDED.message,
           hint = EXCLUDED.hint, retryable = EXCLUDED.retryable, at = EXCLUDED.at, sha256 = EXCLUDED.sha256`,
        [ch.file.path, f.file, f.planId, f.code, f.stage, f.message, f.hint, f.retryable, f.at, ch.file.sha256],
      )
      if (prev.rows[0]?.sha256 === ch.file.sha256) return null
      // after `reindex`, a report already announced is not announced again
      const last = await c.query<{ sha256: string | null }>(`SELECT sha256 FROM events WHERE file = $1 AND type = 'failed' ORDER BY seq DESC LIMIT 1`, [ch.file.path])
      if (!prev.rows[0] && last.rows[0]?.sha256 === ch.file.sha256) return null
      return this.event(c, { type: 'failed', plan_id: f.planId, revision: null, file: ch.file.path, code: f.code, stage: f.stage, message: f.message, hint: f.hint, sha256: ch.file.sha256, at })
    }
    const { plan, file } = ch
    const prev = await c.query<{ file_sha256: string; file: string }>('SELECT file_sha256, file FROM plans WHERE id = $1', [plan.id])
    await putFile(c, file)
    const p0 = prev.rows[0]
    if (p0 && p0.file_sha256 === file.sha256) {
      if (p0.file !== file.path) await c.query('UPDATE plans SET file = $1 WHERE id = $2', [file.path, plan.id])
      return null
    }
    if (p0) await deletePlan(c, plan.id)
    const rows = planRows(plan, file.path, file.sha256, at)
    const p = { ...rows.plan, needs_review: rows.plan.needs_review === 1 } as Record<string, unknown>
    const cols = Object.keys(p)
    const vals = cols.map((k) => p[k])
    const n = cols.length
    const s = rows.search
    await c.query(
      `INSERT INTO plans (${cols.join(', ')}, search, search_head) SELECT ${cols.map((_, i) => `$${i + 1}`).join(', ')}, h || setweight(to_tsvector('simple', $${n + 4}), 'D'), h
       FROM (SELECT setweight(to_tsvector('simple', $${n + 1}), 'A') || setweight(to_tsvector('simple', $${n + 2}), 'B') ||
        setweight(to_tsvector('simple', $${n + 3}), 'C') AS h) x`,
      [...vals, s.title, s.bases, s.tasks, s.body.slice(0, MAX_BODY_CHARS)],
    )
    await c.query('INSERT INTO plan_json (id, json) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET json = EXCLUDED.json', [plan.id, rows.json])
    await insertAll(c, 'legal_bases', rows.legalBases)
    await insertAll(c, 'citations', rows.citations)
    await insertAll(c, 'targets', rows.targets)
    await insertAll(c, 'tasks', rows.tasks)
    // The event log outlives `reindex`: a plan already announced with these bytes is not announced again.
    const last = p0
      ? null
      : (await c.query<{ type: string; sha256: string | null }>(
          `SELECT type, sha256 FROM events WHERE plan_id = $1 AND type IN ('created', 'updated', 'reviewed', 'removed') ORDER BY seq DESC LIMIT 1`, [plan.id],
        )).rows[0]
    const known = !!p0 || (last != null && last.type !== 'removed')
    if (!p0 && known && last?.sha256 === file.sha256) return null
    return this.event(c, { type: planEventType(known, plan), plan_id: plan.id, revision: plan.revision, file: file.path, sha256: file.sha256, at })
  }

  private async event(
    c: pg.PoolClient,
    e: { type: StoreEvent['type']; plan_id: string | null; revision: number | null; file: string | null; at: string; code?: string; stage?: string | null; message?: string; hint?: string | null; sha256?: string },
  ): Promise<StoreEvent> {
    const r = await c.query<{ seq: string }>(
      'INSERT INTO events (type, plan_id, revision, file, code, stage, message, hint, sha256, at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING seq',
      [e.type, e.plan_id, e.revision, e.file, e.code ?? null, e.stage ?? null, e.message ?? null, e.hint ?? null, e.sha256 ?? null, e.at],
    )
    return eventOf(this.epoch, { seq: Number(r.rows[0].seq), ...e })
  }

  async get(id: string): Promise<Plan | null> {
    const r = await this.pool.query<{ json: Plan }>('SELECT json FROM plan_json WHERE id = $1', [id])
    return r.rows[0]?.json ?? null
  }

  async query(o: QueryOptions): Promise<QueryResult> {
    const f = filterSql(o, 'postgres')
    const terms = o.text ? searchTerms(o.text) : []
    const { limit, offset } = page(o)
    if (o.text && terms.length === 0) return { total: 0, limit, offset, items: [] }
    const cols = SUMMARY_COLUMNS.map((c) => `p.${c}`).join(', ')
    if (terms.length === 0) {
      const w = f.where.length ? `WHERE ${f.where.join(' AND ')}` : ''
      const total = await this.pool.query<{ n: string }>(numbered(`SELECT count(*) AS n FROM plans p ${w}`), f.params)
      const rows = await this.pool.query(numbered(`SELECT ${cols} FROM plans p ${w} ${orderSql(o, false, 'score')} LIMIT ? OFFSET ?`), [...f.params, limit, offset])
      return { total: Number(total.rows[0].n), limit, offset, items: rows.rows.map(summaryOf) }
    }
    // Full text. Matching uses the GIN index on `search` (whole text); ranking every match would
    // detoast every matching tsvector (body text, kilobytes each). Instead the matches are collected
    // once (ids and a rank over `search_head`: title, legal bases, tasks — small, stored inline),
    // counted, and only the best RANK_CANDIDATES by that rank get the full `ts_rank_cd` over
    // `search` that orders the page. Other sorts need no rank at all.
    const where = ['p.search @@ q.q', ...f.where]
    const relevance = (o.sort ?? 'relevance') === 'relevance'
    const window = Math.max(RANK_CANDIDATES, offset + limit)
    const ord = orderSql(o, true, 'score')
    const sql = relevance
      ? `WITH q AS (SELECT to_tsquery('simple', ?) AS q),
         m AS MATERIALIZED (SELECT p.rid, ts_rank_cd(p.search_head, q.q) AS head FROM plans p, q WHERE ${where.join(' AND ')}),
         top AS (SELECT rid FROM m ORDER BY head DESC, rid LIMIT ${window}),
         ranked AS (SELECT ${cols}, p.title_f, ts_rank_cd(p.search, q.q) AS score FROM top JOIN plans p ON p.rid = top.rid, q)
         SELECT p.*, (SELECT count(*) FROM m) AS total_n,
                ts_headline('simple', coalesce(p.title_f, ''), q.q, 'StartSel=[, StopSel=], HighlightAll=true') AS snippet
         FROM (SELECT * FROM ranked p ${ord} LIMIT ? OFFSET ?) p, q ${ord}`
      : `WITH q AS (SELECT to_tsquery('simple', ?) AS q),
         m AS MATERIALIZED (SELECT p.rid FROM plans p, q WHERE ${where.join(' AND ')}),
         pg AS (SELECT ${cols}, p.title_f FROM m JOIN plans p ON p.rid = m.rid ${ord} LIMIT ? OFFSET ?)
         SELECT p.*, ts_rank_cd(x.search, q.q) AS score, (SELECT count(*) FROM m) AS total_n,
                ts_headline('simple', coalesce(p.title_f, ''), q.q, 'StartSel=[, StopSel=], HighlightAll=true') AS snippet
         FROM pg p JOIN plans x ON x.id = p.id, q ${ord}`
    const r = await this.pool.query(numbered(sql), [tsQuery(terms), ...f.params, limit, offset])
    let total = r.rows[0] ? Number(r.rows[0].total_n) : 0
    if (!r.rows[0] && offset > 0) {
      const c = await this.pool.query<{ n: string }>(numbered(`SELECT count(*) AS n FROM plans p, to_tsquery('simple', ?) q WHERE ${where.map((x) => x.replace('q.q', 'q')).join(' AND ')}`), [tsQuery(terms), ...f.params])
      total = Number(c.rows[0].n)
    }
    return { total, limit, offset, items: r.rows.map(summaryOf) }
  }

  async search(q: string, o: QueryOptions = {}): Promise<QueryResult> {
    return this.query({ ...o, text: q })
  }

  async citations(number: string, o: { limit?: number; offset?: number } = {}): Promise<CitationHit[]> {
    const key = numberKey(number)
    if (!key) return []
    const r = await this.pool.query(
      `SELECT c.plan_id, p.number AS plan_number, p.title AS plan_title, p.issuer AS plan_issuer, p.date AS plan_date,
              c.source, c.type, c.number, c.date, c.issuer, c.text
       FROM citations c JOIN plans p ON p.id = c.plan_id
       WHERE c.number_key = $1 ORDER BY p.date DESC NULLS LAST, c.plan_id, c.ord LIMIT $2 OFFSET $3`,
      [key, o.limit ?? DEFAULT_LIMIT, o.offset ?? 0],
    )
    return r.rows.map(citationOf)
  }

  async events(after?: string | null, limit = 1000): Promise<{ events: StoreEvent[]; cursor: string }> {
    const from = parseCursor(after, this.epoch)
    const r = await this.pool.query('SELECT * FROM events WHERE seq > $1 ORDER BY seq LIMIT $2', [from, limit])
    const events = r.rows.map((row) => eventOf(this.epoch, row))
    return { events, cursor: events.length ? events[events.length - 1].cursor : cursorOf(this.epoch, from) }
  }

  async failures(limit = 20): Promise<FailureInfo[]> {
    const r = await this.pool.query('SELECT * FROM failures ORDER BY at DESC NULLS LAST, file LIMIT $1', [limit])
    return r.rows.map((x) => ({
      report: x.report, file: x.file, planId: x.plan_id, code: x.code, stage: x.stage, message: x.message, hint: x.hint, retryable: x.retryable, at: x.at,
    }))
  }

  async files(): Promise<FileState[]> {
    const r = await this.pool.query('SELECT * FROM files')
    return r.rows.map((x) => ({ path: x.path, kind: x.kind, mtimeMs: Number(x.mtime_ms), size: Number(x.size), sha256: x.sha256, planId: x.plan_id }))
  }

  async stats(): Promise<StoreStats> {
    const r = await this.pool.query<{ plans: string; failures: string; events: string; last: string | null }>(
      `SELECT (SELECT count(*) FROM plans) AS plans, (SELECT count(*) FROM failures) AS failures,
              (SELECT count(*) FROM events) AS events, (SELECT at FROM events ORDER BY seq DESC LIMIT 1) AS last`,
    )
    const x = r.rows[0]
    return { plans: Number(x.plans), failures: Number(x.failures), events: Number(x.events), lastEventAt: x.last }
  }

  /** Read-only: one statement (extended protocol), in a READ ONLY transaction, with a time limit. */
  async sql(text: string): Promise<SqlResult> {
    const c = await this.pool.connect()
    try {
      await c.query('BEGIN TRANSACTION READ ONLY')
      await c.query(`SET LOCAL statement_timeout = '30s'`)
      const r = await c.query({ text, queryMode: 'extended' } as pg.QueryConfig)
      return { columns: r.fields.map((f) => f.name), rows: r.rows }
    } catch (error) {
      throw new StoreQueryError((error as Error).message)
    } finally {
      await c.query('ROLLBACK').catch(() => {})
      c.release()
    }
  }

  async reset(): Promise<void> {
    await this.pool.query('TRUNCATE plans, plan_json, legal_bases, citations, targets, tasks, files, failures')
  }

  async getState(key: string): Promise<string | null> {
    const r = await this.pool.query<{ value: string }>('SELECT value FROM state WHERE key = $1', [key])
    return r.rows[0]?.value ?? null
  }

  async setState(key: string, value: string): Promise<void> {
    await this.pool.query('INSERT INTO state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value])
  }

  /** Drops this store's schema (tests and `reindex --drop`). */
  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`)
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}

async function putFile(c: pg.PoolClient, f: FileState): Promise<void> {
  await c.query(
    `INSERT INTO files (path, kind, mtime_ms, size, sha256, plan_id) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (path) DO UPDATE SET kind = EXCLUDED.kind, mtime_ms = EXCLUDED.mtime_ms, size = EXCLUDED.size, sha256 = EXCLUDED.sha256, plan_id = EXCLUDED.plan_id`,
    [f.path, f.kind, f.mtimeMs, f.size, f.sha256, f.planId],
  )
}

async function deletePlan(c: pg.PoolClient, id: string): Promise<void> {
  for (const t of ['legal_bases', 'citations', 'targets', 'tasks']) await c.query(`DELETE FROM ${t} WHERE plan_id = $1`, [id])
  await c.query('DELETE FROM plans WHERE id = $1', [id])
  await c.query('DELETE FROM plan_json WHERE id = $1', [id])
}

/** Multi-row INSERT, in chunks that stay under PostgreSQL's 65535 parameters. */
async function insertAll(c: pg.PoolClient, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return
  const cols = Object.keys(rows[0])
  const per = Math.floor(60_000 / cols.length)
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per)
    const values: unknown[] = []
    const tuples = chunk.map((r, j) => `(${cols.map((k, m) => (values.push(r[k]), `$${j * cols.length + m + 1}`)).join(', ')})`)
    await c.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')}`, values)
  }
}

/** `?` placeholders → `$1…$n` (our generated SQL has no literal question marks). */
function numbered(sql: string): string {
  let i = 0
  return sql.replace(/\?/g, () => `$${++i}`)
}

/** Folded words → tsquery: all must occur, the last as a prefix. Words are letters and digits only. */
export function tsQuery(terms: string[]): string {
  return terms.map((t, i) => (i === terms.length - 1 ? `${t}:*` : t)).join(' & ')
}
