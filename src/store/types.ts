import type { Plan } from '../schema/plan.js'

/** Filters shared by `kehoach query`, `GET /plans` and both index back-ends. */
export type PlanFilters = {
  /** issuing body (name or parent), partial, with or without diacritics */
  issuer?: string
  /** type code exactly as printed ("KH", "CTr": case matters) or type name folded ("ke hoach") */
  type?: string
  /** document number, partial, with or without diacritics and spaces */
  number?: string
  year?: number
  /** ISO date lower bound (inclusive); "2024" and "2024-06" are accepted */
  from?: string
  /** ISO date upper bound (inclusive); "2024" and "2024-06" are accepted */
  to?: string
  /** plans citing this document number (legal bases and citations), diacritics and spaces ignored */
  cites?: string
  /** plans with at least one target whose deadline year is ≤ this year */
  targetBy?: number
  /** free text, diacritics ignored; all words must occur (last one as a prefix) */
  text?: string
  needsReview?: boolean
  /** plans with a reviewable header field whose confidence is below this (0–1) */
  confidenceBelow?: number
}

export const SORT_KEYS = ['date', 'year', 'number', 'issuer', 'title', 'indexed', 'confidence', 'relevance'] as const
export type SortKey = (typeof SORT_KEYS)[number]

export type QueryOptions = PlanFilters & {
  sort?: SortKey
  order?: 'asc' | 'desc'
  limit?: number
  offset?: number
}

/** One row of a result list: the fields people scan, not the whole plan. */
export type PlanSummary = {
  id: string
  revision: number
  type: { name: string | null; code: string | null }
  number: string | null
  date: string | null
  year: number | null
  issuer: string | null
  issuerParent: string | null
  title: string | null
  pageCount: number
  textOrigin: string
  needsReview: boolean
  file: string
  indexedAt: string
  /** lowest confidence among the reviewable header fields */
  minConfidence: number | null
  /** full-text rank, higher is better (only for text queries) */
  score?: number
  /** matching passage, folded text with [brackets] around hits (only for text queries) */
  snippet?: string
}

export type QueryResult = { total: number; limit: number; offset: number; items: PlanSummary[] }

/** A plan that cites a given document number, with the citing clause. */
export type CitationHit = {
  planId: string
  planNumber: string | null
  planTitle: string | null
  planIssuer: string | null
  planDate: string | null
  source: 'legal-basis' | 'citation'
  type: string | null
  number: string | null
  date: string | null
  issuer: string | null
  text: string
}

export const EVENT_TYPES = ['created', 'updated', 'reviewed', 'failed', 'removed'] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** One entry of the durable feed; `cursor` is opaque and survives restarts and `reindex`. */
export type StoreEvent = {
  cursor: string
  type: EventType
  id: string | null
  revision: number | null
  /** file (relative to the data folder) that caused the event */
  file: string | null
  /** failures: why */
  reason: { code: string; stage: string | null; message: string; hint: string | null } | null
  at: string
}

/** What the indexer learnt about a file on disk. */
export type FileState = { path: string; kind: 'plan' | 'failure'; mtimeMs: number; size: number; sha256: string; planId: string | null }

export type FailureInfo = {
  /** the error report, relative to the data folder: "failed/scan.pdf.error.json" (set by the index) */
  report?: string
  /** the input that failed */
  file: string
  planId: string | null
  code: string
  stage: string | null
  message: string
  hint: string | null
  retryable: boolean | null
  at: string | null
}

/** A batch of changes applied in one transaction (the indexer's unit of work). */
export type Change =
  | { kind: 'upsert'; plan: Plan; file: FileState }
  | { kind: 'remove-file'; path: string }
  | { kind: 'touch'; file: FileState }
  | { kind: 'failure'; failure: FailureInfo; file: FileState }

export type SqlResult = { columns: string[]; rows: Record<string, unknown>[] }

export type StoreStats = { plans: number; failures: number; events: number; lastEventAt: string | null }

/**
 * The index over the JSON files (which stay the source of truth). Two implementations:
 * SQLite (default, `DATA/.kehoach/index.sqlite`) and PostgreSQL (`--db postgres://…`).
 */
export interface PlanStore {
  readonly kind: 'sqlite' | 'postgres'
  /** one-line description for logs: the file or the database (password hidden) */
  readonly location: string
  upsert(plan: Plan, file?: Partial<FileState>): Promise<StoreEvent | null>
  remove(id: string): Promise<StoreEvent | null>
  apply(changes: Change[]): Promise<StoreEvent[]>
  get(id: string): Promise<Plan | null>
  query(options: QueryOptions): Promise<QueryResult>
  search(q: string, options?: QueryOptions): Promise<QueryResult>
  citations(number: string, options?: { limit?: number; offset?: number }): Promise<CitationHit[]>
  events(after?: string | null, limit?: number): Promise<{ events: StoreEvent[]; cursor: string }>
  failures(limit?: number): Promise<FailureInfo[]>
  files(): Promise<FileState[]>
  stats(): Promise<StoreStats>
  /** raw read-only SQL over the documented tables and views */
  sql(text: string): Promise<SqlResult>
  /** drop derived rows (plans, files, failures…) so the next indexFolder rebuilds; the event log is kept */
  reset(): Promise<void>
  getState(key: string): Promise<string | null>
  setState(key: string, value: string): Promise<void>
  close(): Promise<void>
}
