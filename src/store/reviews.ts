/**
 * Reviews: a person corrects or confirms the header fields the machine was unsure of. Pure
 * functions (plan in → plan out, the clock passed in); `review-files.ts` reads and writes.
 *
 * A reviewed field keeps its provenance, gets `rule: "review"` and confidence 1; the plan carries
 * the review that wrote its revision (`review`: who, when, old → new), and the revision before it
 * stays in `revisions/<id>/<rev>.json` (writePlanFile), so the history is the chain of files.
 */
import { parseNumberField } from '../extract/doc-number.js'
import { officialMetadata } from '../extract/official-metadata.js'
import { FLAGGED_MAX } from '../quality/field-confidence.js'
import type { FieldTrace, Plan, PlanDocument, ReviewChange, ReviewRecord } from '../schema/plan.js'

export const REVIEW_RULE = 'review'

type Kind = 'text' | 'date' | 'year'
/**
 * The header fields a person can correct, keyed by their API path (`document.<path under document>`).
 * `required`: the extractor flags the plan for review when the field is missing (src/extract/header.ts).
 */
export const REVIEW_FIELDS: Record<string, { kind: Kind; required?: boolean; label: string }> = {
  'document.type.name': { kind: 'text', required: true, label: 'Loại văn bản' },
  'document.type.code': { kind: 'text', label: 'Mã loại' },
  'document.number': { kind: 'text', label: 'Số, ký hiệu' },
  'document.date': { kind: 'date', required: true, label: 'Ngày ban hành' },
  'document.year': { kind: 'year', label: 'Năm' },
  'document.place': { kind: 'text', label: 'Địa danh' },
  'document.issuer.name': { kind: 'text', required: true, label: 'Cơ quan ban hành' },
  'document.issuer.parent': { kind: 'text', label: 'Cơ quan cấp trên' },
  'document.title': { kind: 'text', required: true, label: 'Trích yếu' },
  'document.signer.name': { kind: 'text', required: true, label: 'Người ký' },
  'document.signer.position': { kind: 'text', label: 'Chức vụ người ký' },
  'document.signer.authority': { kind: 'text', label: 'Thẩm quyền ký' },
}
export type ReviewPath = keyof typeof REVIEW_FIELDS
export type FieldValue = string | number | null

export type ReviewInput = {
  /** corrected values by API path; null = the document leaves it blank */
  fields: Record<string, FieldValue>
  /** paths whose current value the reviewer confirms as read */
  confirm: string[]
  reviewer: string
}

export class ReviewInvalid extends Error {}

/** `document.issuer.name` → `issuer.name` (the key of `document.fields`). */
const traceKey = (p: string) => p.slice('document.'.length)

export function fieldValue(d: PlanDocument, p: string): FieldValue {
  let v: unknown = d
  for (const k of traceKey(p).split('.')) v = v == null ? null : (v as Record<string, unknown>)[k]
  return (v ?? null) as FieldValue
}

/** One reviewable field as the page shows it: value, how sure, which rule, where. */
export function fieldTrace(plan: Plan, p: string): FieldTrace | null {
  const key = traceKey(p)
  // the signer's name is traced as "signer" by older extractors
  return plan.document.fields[key] ?? (key === 'signer.name' ? plan.document.fields.signer : undefined) ?? null
}

export type Unsure = { path: string; reason: 'missing' | 'low-confidence' | 'low-ocr'; confidence: number | null }

/**
 * What is still unsure: a required field missing, a field at or under the flag cap (FLAGGED_MAX,
 * src/quality/field-confidence.ts), and, on a page read with low OCR confidence, every required
 * field a person has not looked at. Reviewed fields (rule "review") are never unsure.
 */
export function unsureFields(plan: Plan): Unsure[] {
  const lowOcr = plan.quality.warnings.some((w) => w.code === 'ocr:low-confidence')
  const out: Unsure[] = []
  for (const [p, spec] of Object.entries(REVIEW_FIELDS)) {
    const t = fieldTrace(plan, p)
    if (t?.rule === REVIEW_RULE) continue
    const v = fieldValue(plan.document, p)
    if (spec.required && (v == null || v === '')) out.push({ path: p, reason: 'missing', confidence: t?.confidence ?? null })
    else if (t && t.confidence <= FLAGGED_MAX) out.push({ path: p, reason: 'low-confidence', confidence: t.confidence })
    else if (lowOcr && spec.required) out.push({ path: p, reason: 'low-ocr', confidence: t?.confidence ?? null })
  }
  return out
}

/** Lowest confidence among the reviewable fields that have a trace (null: none traced). */
export function minConfidence(plan: Plan): number | null {
  const cs = Object.keys(REVIEW_FIELDS).map((p) => fieldTrace(plan, p)?.confidence).filter((c): c is number => c != null)
  return cs.length ? Math.min(...cs) : null
}

function coerce(p: string, v: unknown): FieldValue {
  const spec = REVIEW_FIELDS[p]!
  if (v === null) return null
  if (spec.kind === 'year') {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1900 && v <= 2200) return v
    throw new ReviewInvalid(`${p}: a year (1900–2200) or null`)
  }
  if (typeof v !== 'string') throw new ReviewInvalid(`${p}: a string or null`)
  const s = v.normalize('NFC').replace(/\s+/g, ' ').trim()
  if (s === '') return null
  if (spec.kind === 'date' && (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`)) || new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) !== s)) {
    throw new ReviewInvalid(`${p}: an ISO date YYYY-MM-DD or null`)
  }
  return s
}

/** Paths refused before anything is written: unknown ones, and a path both corrected and confirmed. */
export function checkPaths(input: Pick<ReviewInput, 'fields' | 'confirm'>): void {
  const unknown = [...Object.keys(input.fields), ...input.confirm].filter((p) => !(p in REVIEW_FIELDS))
  if (unknown.length) throw new ReviewInvalid(`unknown field path(s): ${unknown.join(', ')} (known: ${Object.keys(REVIEW_FIELDS).join(', ')})`)
  const both = input.confirm.filter((p) => p in input.fields)
  if (both.length) throw new ReviewInvalid(`corrected and confirmed at once: ${both.join(', ')}`)
  if (Object.keys(input.fields).length + input.confirm.length === 0) throw new ReviewInvalid('nothing to review: give fields and/or confirm')
}

function setValue(d: PlanDocument, p: string, v: FieldValue): void {
  const key = traceKey(p)
  if (key.startsWith('signer.')) {
    d.signer ??= { name: null, position: null, authority: null }
    d.signer[key.slice('signer.'.length) as 'name'] = v as string | null
  } else if (key.startsWith('type.') || key.startsWith('issuer.')) {
    const [obj, prop] = key.split('.') as ['type' | 'issuer', 'name']
    d[obj][prop] = v as string | null
  } else {
    ;(d as Record<string, unknown>)[key] = v
  }
}

/** No trace yet (the machine found nothing): the field points at the top of page 1, without a box. */
const NO_PROV: FieldTrace['prov'] = { page: 1, lines: [0, 0] }

/**
 * The plan after a review, as the next revision (writePlanFile numbers it): corrected values set,
 * corrected and confirmed fields traced `review` with confidence 1, the number's parts and the
 * official metadata derived again, needsReview cleared when nothing unsure is left.
 */
export function applyReview(plan: Plan, input: ReviewInput, at: Date, revision = plan.revision + 1): { plan: Plan; record: ReviewRecord } {
  checkPaths(input)
  const next = structuredClone(plan)
  const d = next.document
  const changes: ReviewChange[] = []
  for (const [p, raw] of Object.entries(input.fields)) {
    const v = coerce(p, raw)
    changes.push({ path: p, action: 'corrected', old: fieldValue(d, p), new: v })
    setValue(d, p, v)
  }
  for (const p of input.confirm) changes.push({ path: p, action: 'confirmed', old: fieldValue(d, p), new: fieldValue(d, p) })
  for (const c of changes) {
    const key = traceKey(c.path)
    const prev = fieldTrace(plan, c.path)
    d.fields[key] = { prov: prev?.prov ?? NO_PROV, confidence: 1, rule: REVIEW_RULE }
  }
  if ('document.number' in input.fields) {
    const hit = d.number ? parseNumberField(d.number) : null
    d.numberParts = hit ? { serial: hit.serial, year: hit.year, typeCode: hit.typeCode, issuerCode: hit.issuerCode } : null
  }
  if ('document.date' in input.fields && d.date && !('document.year' in input.fields)) d.year = Number(d.date.slice(0, 4))
  next.officialMetadata = officialMetadata(d, plan.source.pageCount)
  const record: ReviewRecord = { revision, reviewer: input.reviewer, at: at.toISOString(), changes }
  next.revision = revision
  next.review = record
  next.quality.needsReview = unsureFields(next).length > 0
  return { plan: next, record }
}

/**
 * Reprocessing keeps what people reviewed: every field of `old` traced `review` is copied (value
 * and trace) into `fresh`, whose other fields are the new machine reading; needsReview is
 * recomputed. `fresh` carries no review record of its own (this revision is the machine's).
 */
export function carryReviews(old: Plan, fresh: Plan): Plan {
  const reviewed = Object.keys(REVIEW_FIELDS).filter((p) => fieldTrace(old, p)?.rule === REVIEW_RULE)
  if (reviewed.length === 0) return fresh
  const next = structuredClone(fresh)
  for (const p of reviewed) {
    setValue(next.document, p, fieldValue(old.document, p))
    next.document.fields[traceKey(p)] = fieldTrace(old, p)!
  }
  if (reviewed.includes('document.number')) next.document.numberParts = old.document.numberParts
  next.officialMetadata = officialMetadata(next.document, next.source.pageCount)
  next.review = null
  next.quality.needsReview = unsureFields(next).length > 0
  return next
}

/** Whether a person has reviewed any field of this plan (in this revision or one it carries). */
export function isReviewed(plan: Plan): boolean {
  return Object.keys(REVIEW_FIELDS).some((p) => fieldTrace(plan, p)?.rule === REVIEW_RULE)
}
