import { z } from 'zod'
import { SORT_KEYS, type QueryOptions } from '../store/types.js'

/**
 * The filters as strings (command-line options, URL query parameters) → validated QueryOptions.
 * One schema for `kehoach query` and `GET /plans`, so both accept and refuse the same things.
 * Lengths are capped: an oversized parameter is an error, not a slow query.
 */
const text = (max: number) => z.string().trim().min(1).max(max)
const isoish = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD')
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

export const PlanQueryParams = z
  .object({
    issuer: text(200).optional().describe('issuing body (or its parent), partial, with or without diacritics'),
    type: text(100).optional().describe('type code as printed ("KH", "CTr") or type name ("ke hoach")'),
    number: text(100).optional().describe('document number, partial; diacritics and spaces ignored'),
    year: int(1900, 2200).optional(),
    from: isoish.optional().describe('date from (inclusive)'),
    to: isoish.optional().describe('date to (inclusive)'),
    cites: text(100).optional().describe('plans citing this number: "27/2022/ND-CP" finds "27/2022/NĐ-CP"'),
    targetBy: int(1900, 2200).optional().describe('plans with a target due by this year'),
    text: text(500).optional().describe('free text, with or without diacritics'),
    needsReview: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    confidenceBelow: z.coerce.number().min(0).max(1).optional().describe('plans with a header field whose confidence is below this (0–1)'),
    sort: z.enum(SORT_KEYS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: int(1, 1000).optional(),
    offset: int(0, 10_000_000).optional(),
  })
  .strict()

export type PlanQueryParams = z.infer<typeof PlanQueryParams>

export function toQueryOptions(p: PlanQueryParams): QueryOptions {
  const o: QueryOptions = {}
  for (const [k, v] of Object.entries(p)) if (v !== undefined) (o as Record<string, unknown>)[k] = v
  return o
}

/** zod issues → one line: "year: Too big: expected number to be <=2200; sort: Invalid option…" */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ')
}
