import type { Plan } from '../schema/plan.js'
import { deadlineYear, fold, numberKey } from './keys.js'
import { minConfidence } from './reviews.js'
import type { PlanSummary } from './types.js'

/**
 * Plan → table rows, shared by the SQLite and PostgreSQL stores so that both index the same
 * columns with the same folded keys. Column names are the documented `--sql` surface
 * (docs/store.md): rename nothing without saying so there.
 */

export type PlanRow = {
  id: string
  revision: number
  schema_version: string
  type_code: string | null
  type_name: string | null
  type_f: string | null
  number: string | null
  number_key: string | null
  date: string | null
  year: number | null
  place: string | null
  issuer: string | null
  issuer_parent: string | null
  issuer_f: string
  title: string | null
  title_f: string | null
  signer_name: string | null
  signer_position: string | null
  page_count: number
  text_origin: string
  needs_review: number
  ocr_confidence: number | null
  source_file: string
  file: string
  file_sha256: string
  processed_at: string
  indexed_at: string
  /** earliest deadline year among the targets (for --target-by), null without dated targets */
  target_year_min: number | null
  /** lowest confidence among the reviewable header fields (review queue), null when none is traced */
  min_confidence: number | null
}

export type LegalBasisRow = {
  plan_id: string; ord: number; relation: string; type: string | null; number: string | null; number_key: string | null
  date: string | null; issuer: string | null; subject: string | null; text: string; page: number; confidence: number
}
export type CitationRow = {
  plan_id: string; ord: number; source: 'legal-basis' | 'citation'; type: string | null; number: string | null
  number_key: string | null; date: string | null; issuer: string | null; text: string; in_preamble: number; page: number; confidence: number
}
export type TargetRow = {
  plan_id: string; ord: number; text: string; value: number; value_max: number | null; unit: string | null
  deadline: string | null; deadline_year: number | null; subject: string | null; section: string | null; page: number; confidence: number
}
export type TaskRow = {
  plan_id: string; ord: number; task_id: string | null; grp: string | null; content: string; timeline: string | null
  lead: string | null; cooperating: string; origin: string; page: number; confidence: number
}
/** Folded text per ranked field: title (+ type, number, issuer), body, legal bases, tasks (+ targets). */
export type SearchDoc = { title: string; body: string; bases: string; tasks: string }

export type PlanRows = {
  plan: PlanRow
  /** the whole plan, stored apart (table plan_json) so that scans over plans stay narrow */
  json: string
  legalBases: LegalBasisRow[]
  citations: CitationRow[]
  targets: TargetRow[]
  tasks: TaskRow[]
  search: SearchDoc
}

const join = (parts: (string | null | undefined)[]) => parts.filter((p): p is string => !!p && p.length > 0).join(' \n ')

export function planRows(plan: Plan, file: string, fileSha256: string, indexedAt: string): PlanRows {
  const d = plan.document
  const id = plan.id
  const planRow: PlanRow = {
    id,
    revision: plan.revision,
    schema_version: plan.schemaVersion,
    type_code: d.type.code,
    type_name: d.type.name,
    type_f: fold(d.type.name),
    number: d.number,
    number_key: numberKey(d.number),
    date: d.date,
    year: d.year ?? (d.date ? Number(d.date.slice(0, 4)) : null),
    place: d.place,
    issuer: d.issuer.name,
    issuer_parent: d.issuer.parent,
    issuer_f: fold(join([d.issuer.name, d.issuer.parent])) ?? '',
    title: d.title,
    title_f: fold(d.title),
    signer_name: d.signer?.name ?? null,
    signer_position: d.signer?.position ?? null,
    page_count: plan.source.pageCount,
    text_origin: plan.source.textOrigin,
    needs_review: plan.quality.needsReview ? 1 : 0,
    ocr_confidence: plan.quality.ocrConfidence,
    source_file: plan.source.fileName,
    file,
    file_sha256: fileSha256,
    processed_at: plan.processing.processedAt,
    indexed_at: indexedAt,
    target_year_min: null,
    min_confidence: minConfidence(plan),
  }
  const legalBases: LegalBasisRow[] = plan.legalBases.map((b, ord) => ({
    plan_id: id, ord, relation: b.relation, type: b.type, number: b.number, number_key: numberKey(b.number),
    date: b.date, issuer: b.issuer, subject: b.subject, text: b.text, page: b.prov.page, confidence: b.confidence,
  }))
  // citations = every cited document: the plan's citations, plus legal bases not already listed there.
  const citations: CitationRow[] = plan.citations.map((c, ord) => ({
    plan_id: id, ord, source: 'citation', type: c.type, number: c.number, number_key: numberKey(c.number),
    date: c.date, issuer: c.issuer, text: c.text, in_preamble: c.inPreamble ? 1 : 0, page: c.prov.page, confidence: c.confidence,
  }))
  const seen = new Set(citations.map((c) => c.number_key ?? `text:${c.text}`))
  for (const b of legalBases) {
    const key = b.number_key ?? `text:${b.text}`
    if (seen.has(key)) continue
    seen.add(key)
    citations.push({
      plan_id: id, ord: citations.length, source: 'legal-basis', type: b.type, number: b.number, number_key: b.number_key,
      date: b.date, issuer: b.issuer, text: b.text, in_preamble: 1, page: b.page, confidence: b.confidence,
    })
  }
  const targets: TargetRow[] = plan.targets.map((t, ord) => ({
    plan_id: id, ord, text: t.text, value: t.value, value_max: t.valueMax, unit: t.unit, deadline: t.deadline,
    deadline_year: deadlineYear(t.deadline), subject: t.subject, section: t.section, page: t.prov.page, confidence: t.confidence,
  }))
  const years = targets.map((t) => t.deadline_year).filter((y): y is number => y != null)
  planRow.target_year_min = years.length ? Math.min(...years) : null
  const tasks: TaskRow[] = plan.tasks.map((t, ord) => ({
    plan_id: id, ord, task_id: t.id, grp: t.group, content: t.content, timeline: t.timeline, lead: t.lead,
    cooperating: JSON.stringify(t.cooperating), origin: t.origin, page: t.prov.page, confidence: t.confidence,
  }))
  const search: SearchDoc = {
    title: fold(join([d.type.name, d.title, d.number, d.issuer.name, d.issuer.parent])) ?? '',
    body: fold(join(plan.text.pages.map((p) => p.text))) ?? '',
    bases: fold(join([...plan.legalBases.map((b) => b.text), ...plan.citations.map((c) => c.text)])) ?? '',
    tasks: fold(join([...plan.tasks.map((t) => join([t.group, t.content, t.lead])), ...plan.targets.map((t) => t.text)])) ?? '',
  }
  return { plan: planRow, json: JSON.stringify(plan), legalBases, citations, targets, tasks, search }
}

/** Columns a summary is read from (both back-ends select these from `plans`). */
export const SUMMARY_COLUMNS = [
  'id', 'revision', 'type_name', 'type_code', 'number', 'date', 'year', 'issuer', 'issuer_parent', 'title',
  'page_count', 'text_origin', 'needs_review', 'file', 'indexed_at', 'min_confidence',
] as const

export function summaryOf(r: Record<string, unknown>): PlanSummary {
  const s: PlanSummary = {
    id: String(r.id),
    revision: Number(r.revision),
    type: { name: (r.type_name as string | null) ?? null, code: (r.type_code as string | null) ?? null },
    number: (r.number as string | null) ?? null,
    date: (r.date as string | null) ?? null,
    year: r.year == null ? null : Number(r.year),
    issuer: (r.issuer as string | null) ?? null,
    issuerParent: (r.issuer_parent as string | null) ?? null,
    title: (r.title as string | null) ?? null,
    pageCount: Number(r.page_count),
    textOrigin: String(r.text_origin),
    needsReview: r.needs_review === 1 || r.needs_review === true,
    file: String(r.file),
    indexedAt: String(r.indexed_at),
    minConfidence: r.min_confidence == null ? null : Number(r.min_confidence),
  }
  if (r.score != null) s.score = Number(r.score)
  if (r.snippet != null) s.snippet = String(r.snippet)
  return s
}

/** "2024" → "2024-01-01" (from) / "2024-12-31" (to); "2024-06" likewise; full dates unchanged. */
export function dateBound(s: string, end: boolean): string {
  if (/^\d{4}$/.test(s)) return end ? `${s}-12-31` : `${s}-01-01`
  if (/^\d{4}-\d{2}$/.test(s)) return end ? `${s}-31` : `${s}-01`
  return s
}
