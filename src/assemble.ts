import type { PageOutcome, PreparedDocument } from './document.js'
import type { SourcePage } from './schema/page.js'
import { Plan, SCHEMA_VERSION, type PageText, type Quality } from './schema/plan.js'
import { Report } from './report.js'
import { normalizeText } from './normalize/index.js'
import { tokenSpans } from './normalize/word-confidence.js'
import { layoutDocument, type NormalizedPage } from './layout/index.js'
import { extractPlan } from './extract/index.js'
import { tasksFromTables } from './extract/table-tasks.js'
import { normalizeTableCells } from './layout/tables/normalize-cells.js'
import { InvalidOutputError, NoPageReadError } from './errors.js'
import { PIPELINE_VERSION } from './version.js'
import { OCR_ENGINE } from './ocr/engine-name.js'
import { applyOcrConfidence } from './quality/field-confidence.js'
import { applyRestorationConfidence } from './quality/restoration-confidence.js'
import type { LanguageModel } from './normalize/index.js'
import { untimed, type StageTimer } from './timings.js'

export type AssembleDeps = {
  model: LanguageModel | null
  now: Date
  startedAt: number
  revision?: number
  timer?: StageTimer
}

/** Normalizer changes below this probability are listed for review. */
const LOW_CONFIDENCE = 0.6
/** OCR pages whose mean word confidence is below this are flagged for review. */
const LOW_OCR_CONFIDENCE = 0.7

/**
 * Normalize, lay out, extract and validate: the page outcomes of one document → one schema-valid
 * plan. Pure: no fs, no clock (deps.now).
 */
export function assemblePlan(doc: PreparedDocument, outcomes: PageOutcome[], deps: AssembleDeps): Plan {
  const report = new Report()
  const time = deps.timer ?? untimed
  const ordered = pagesOf(doc, outcomes, report)
  const normalized = time('normalize', () => ordered.map((p) => normalizePage(p, deps, report)))
  reportPageFlags(ordered, report)
  const laid = time('layout', () => layoutDocument(normalized.map((n) => n.page)))
  laid.tables = time('normalize', () => normalizeTableCells(laid.tables, { model: deps.model ?? undefined, originOf: (n) => ordered.find((p) => p.page === n)?.origin }))
  const extracted = time('extract', () => extractPlan(laid, report, { headerless: startsMidText(ordered) }))
  const tasks = time('extract', () => [...tasksFromTables(laid.tables), ...extracted.tasks])

  const ocrPages = ordered.filter((p) => p.origin === 'ocr' && p.confidence != null)
  // field confidences from the OCR words under them; key fields on low-confidence words are flagged
  if (ocrPages.length) time('extract', () => applyOcrConfidence({ document: extracted.document, legalBases: extracted.legalBases, targets: extracted.targets, tasks }, ordered, report))
  // and text fields from the restorer's confidence in the syllables it put back
  const restoredPages = normalized.map((n) => ({ page: n.page.page, lines: n.page.normalizedLines, restored: n.restored }))
  time('extract', () => applyRestorationConfidence(extracted.document, restoredPages, report))
  const ocrConfidence = ocrPages.length ? mean(ocrPages.map((p) => p.confidence!)) : null
  if (ocrConfidence != null && ocrConfidence < LOW_OCR_CONFIDENCE) {
    report.warn(`mean OCR confidence ${ocrConfidence.toFixed(2)} is low`, null, 'ocr:low-confidence')
    report.needsReview('low OCR confidence')
  }

  const syllables = sum(normalized.map((n) => n.stats.syllables))
  const changedSyllables = sum(normalized.map((n) => n.stats.changedSyllables))
  const quality: Quality = {
    ocrConfidence,
    warnings: report.warnings,
    needsReview: report.reviewReasons.length > 0,
    normalization: {
      syllables,
      changedSyllables,
      changedShare: syllables ? changedSyllables / syllables : 0,
      meanChangeConfidence: changedSyllables ? sum(normalized.map((n) => n.stats.changedConfidence)) / changedSyllables : null,
      lowConfidenceSpans: normalized.flatMap((n) => n.lowConfidence),
    },
  }

  const plan = {
    schemaVersion: SCHEMA_VERSION,
    id: doc.id,
    revision: deps.revision ?? 1,
    source: {
      fileName: doc.fileName,
      sha256: doc.id,
      mediaType: doc.mediaType,
      byteSize: doc.byteSize,
      pageCount: doc.pageCount,
      textOrigin: textOriginOf(ordered),
      subfolder: doc.subfolder,
      ...(doc.parts ? { parts: doc.parts.map(({ fileName, byteSize, pageCount }) => ({ fileName, byteSize, pageCount })) } : {}),
    },
    ...extracted,
    tasks,
    tables: laid.tables,
    text: { pages: normalized.map((n) => n.text) },
    quality,
    processing: {
      pipelineVersion: PIPELINE_VERSION,
      languageModel: deps.model?.version ?? null,
      ocrEngine: ocrPages.length ? OCR_ENGINE : null,
      processedAt: deps.now.toISOString(),
      durationMs: Math.max(0, deps.now.getTime() - deps.startedAt),
    },
  }
  const parsed = time('validate', () => Plan.safeParse(plan))
  if (!parsed.success) {
    throw new InvalidOutputError(`${doc.fileName}: output does not match schema v${SCHEMA_VERSION}: ${parsed.error.message.slice(0, 2000)}`)
  }
  return parsed.data
}

/**
 * The pages in order. A page that failed for good (after the executor's retries) stays in the
 * document as an empty page with a note, a `queue:page-failed` warning and needsReview, so that
 * the other pages still give a plan; when no page at all was read, the document fails.
 */
function pagesOf(doc: PreparedDocument, outcomes: PageOutcome[], report: Report): SourcePage[] {
  const failures = outcomes.flatMap((o) => ('failed' in o ? [o] : []))
  if (failures.length > 0 && failures.length === outcomes.length) throw new NoPageReadError(doc.fileName, failures[0]!.failed.report)
  const pages = outcomes.map((o) => ('read' in o ? o.read : failedPage(doc, o.page, o.failed.reason)))
  for (const f of [...failures].sort((a, b) => a.page - b.page)) {
    report.warn(`page ${f.page} could not be read: ${f.failed.report.message}`, { page: f.page }, 'queue:page-failed')
  }
  if (failures.length) report.needsReview('page could not be read')
  return pages.sort((a, b) => a.page - b.page)
}

function failedPage(doc: PreparedDocument, page: number, reason: string): SourcePage {
  const text = doc.kind === 'text'
  return { page, origin: text ? 'plain-text' : 'ocr', lines: [], confidence: text ? null : 0, note: `page could not be read: ${reason}` }
}

function normalizePage(p: SourcePage, deps: AssembleDeps, report: Report) {
  const raw = p.lines.map((l) => l.text).join('\n')
  const result = normalizeText(raw, { model: deps.model ?? undefined, source: p.origin, wordConfidence: wordConfidenceOf(p) })
  const normalizedLines = result.text.split('\n')
  if (normalizedLines.length !== p.lines.length) {
    // Line preservation is the normalizer's contract; never let a broken promise shift provenance.
    report.warn('normalizer changed the number of lines; raw text kept', { page: p.page }, 'normalize:line-count')
    normalizedLines.splice(0, normalizedLines.length, ...p.lines.map((l) => l.text))
  }
  const page: NormalizedPage = { ...p, normalizedLines }
  const text: PageText = {
    page: p.page,
    origin: p.origin,
    text: normalizedLines.join('\n'),
    raw,
    confidence: p.confidence,
    ...(p.lines.some((l) => l.box) ? { lineBoxes: p.lines.map((l) => l.box ?? null) } : {}),
    // page size in the unit of the boxes, so that a viewer can scale them onto a rendered page
    ...(p.width && p.height ? { width: p.width, height: p.height, unit: p.origin === 'ocr' ? ('px' as const) : ('pt' as const), ...(p.dpi ? { dpi: p.dpi } : {}) } : {}),
    ...(p.note ? { note: p.note } : {}),
    ...pageFlagsOf(p),
  }
  const lowConfidence = result.changes
    .filter((c) => c.layer === 'restore' && c.confidence < LOW_CONFIDENCE)
    .map((c) => ({ page: p.page, line: c.line, from: c.from, to: c.to, confidence: c.confidence }))
  return { page, text, stats: result.stats, lowConfidence, restored: result.doubts }
}

/**
 * The OCR confidence of each token of each line of an OCR page, for the normalizer: a line's words are
 * its whitespace tokens where their counts agree (a line whose count differs gives none).
 */
function wordConfidenceOf(p: SourcePage): ((line: number, token: number) => number | undefined) | undefined {
  if (p.origin !== 'ocr' || !p.lines.some((l) => l.words?.length)) return undefined
  const aligned = p.lines.map((l) => !!l.words?.length && l.words.length === tokenSpans(l.text).length)
  return (line, token) => (aligned[line] ? p.lines[line].words![token]?.conf : undefined)
}

/** Blank pages, and a first page that starts mid-text or lost its top, said in the warnings. */
function reportPageFlags(pages: SourcePage[], report: Report): void {
  for (const p of pages) if (p.blank) report.info(`page ${p.page} is blank: skipped`, { page: p.page }, 'pages:blank')
  const first = pages.find((p) => !p.blank)
  if (first && startsMidText(pages)) {
    report.warn(`page ${first.page} starts mid-text with no header: a later page of a document, header fields left to the pages given`, { page: first.page }, 'pages:continuation')
    report.needsReview('the document starts mid-text (a continuation page)')
  } else if (first?.headerCut) {
    report.warn(`page ${first.page} has no motto or issuer above its number/date lines: the top may be cut off`, { page: first.page }, 'pages:header-cut')
    report.needsReview('the top of the first page may be cut off')
  }
}

/** The first page with text is a continuation: the document's header is on a page not given. */
function startsMidText(pages: SourcePage[]): boolean {
  return pages.find((p) => !p.blank)?.continuation === true
}

function pageFlagsOf(p: SourcePage): Pick<PageText, 'blank' | 'rotation' | 'continuation' | 'headerCut'> {
  return {
    ...(p.blank ? { blank: true } : {}),
    ...(p.rotation ? { rotation: p.rotation } : {}),
    ...(p.continuation ? { continuation: true } : {}),
    ...(p.headerCut ? { headerCut: true } : {}),
  }
}

function textOriginOf(pages: SourcePage[]): Plan['source']['textOrigin'] {
  const origins = new Set(pages.map((p) => p.origin))
  if (origins.size === 1) return [...origins][0]!
  if (origins.size === 0) return 'plain-text'
  return 'mixed'
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const mean = (xs: number[]) => sum(xs) / xs.length
