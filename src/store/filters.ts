import { fold, numberKey } from './keys.js'
import { dateBound } from './rows.js'
import type { PlanFilters, QueryOptions, SortKey } from './types.js'

/**
 * Filters → SQL conditions over `plans p`, with `?` placeholders (PostgreSQL renumbers them).
 * Free text is not here: each back-end has its own full-text engine.
 */
export function filterSql(f: PlanFilters, dialect: 'sqlite' | 'postgres'): { where: string[]; params: unknown[] } {
  // PostgreSQL: LIKE '%…%' so that the pg_trgm GIN indexes on issuer_f and number_key serve partial matches
  const contains = (col: string) => (dialect === 'sqlite' ? `instr(${col}, ?) > 0` : `${col} LIKE ?`)
  const part = (v: string) => (dialect === 'sqlite' ? v : `%${v.replace(/[\\%_]/g, '\\$&')}%`)
  const where: string[] = []
  const params: unknown[] = []
  if (f.issuer) {
    where.push(contains('p.issuer_f'))
    params.push(part(fold(f.issuer) ?? ''))
  }
  if (f.type) {
    where.push('(p.type_code = ? OR p.type_f = ?)')
    params.push(f.type.trim(), fold(f.type))
  }
  if (f.number) {
    where.push(contains('p.number_key'))
    params.push(part(numberKey(f.number) ?? ''))
  }
  if (f.year != null) {
    where.push('p.year = ?')
    params.push(f.year)
  }
  if (f.from) {
    where.push('p.date >= ?')
    params.push(dateBound(f.from, false))
  }
  if (f.to) {
    where.push('p.date <= ?')
    params.push(dateBound(f.to, true))
  }
  if (f.cites) {
    where.push('EXISTS (SELECT 1 FROM citations c WHERE c.plan_id = p.id AND c.number_key = ?)')
    params.push(numberKey(f.cites) ?? '')
  }
  if (f.targetBy != null) {
    where.push('p.target_year_min <= ?') // = EXISTS (SELECT 1 FROM targets t WHERE t.plan_id = p.id AND t.deadline_year <= ?)
    params.push(f.targetBy)
  }
  if (f.needsReview != null) {
    where.push(dialect === 'sqlite' ? 'p.needs_review = ?' : 'p.needs_review = ?')
    params.push(dialect === 'sqlite' ? (f.needsReview ? 1 : 0) : f.needsReview)
  }
  if (f.confidenceBelow != null) {
    where.push('p.min_confidence < ?')
    params.push(f.confidenceBelow)
  }
  return { where, params }
}

const SORT_SQL: Record<Exclude<SortKey, 'relevance'>, string> = {
  date: 'p.date',
  year: 'p.year',
  number: 'p.number_key',
  issuer: 'p.issuer_f',
  title: 'p.title_f',
  indexed: 'p.indexed_at',
  confidence: 'p.min_confidence',
}

/** ORDER BY: nulls last whatever the direction, id as the tie-breaker (stable pages). */
export function orderSql(o: QueryOptions, hasText: boolean, scoreExpr: string): string {
  const sort: SortKey = o.sort ?? (hasText ? 'relevance' : 'date')
  const dir = (o.order ?? (sort === 'relevance' || sort === 'date' || sort === 'year' || sort === 'indexed' ? 'desc' : 'asc')).toUpperCase()
  if (sort === 'relevance') {
    if (!hasText) return `ORDER BY p.date DESC NULLS LAST, p.id ASC`
    return `ORDER BY ${scoreExpr} ${dir === 'DESC' ? 'DESC' : 'ASC'}, p.id ASC`
  }
  return `ORDER BY ${SORT_SQL[sort]} ${dir} NULLS LAST, p.id ASC`
}

export const DEFAULT_LIMIT = 50
export const MAX_LIMIT = 1000

export function page(o: QueryOptions): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(o.limit ?? DEFAULT_LIMIT), 0), MAX_LIMIT)
  const offset = Math.max(Math.trunc(o.offset ?? 0), 0)
  return { limit, offset }
}
