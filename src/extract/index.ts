// Extraction: pure functions over the laid-out document (no I/O): header, legal bases,
// citations, outline, targets, tasks, responsibilities, budget, official metadata.
import type { LaidOutDocument } from '../layout/document.js'
import type { Plan } from '../schema/plan.js'
import type { Report } from '../report.js'
import { extractBudget } from './budget.js'
import { extractCitations } from './citations.js'
import { extractHeader } from './header.js'
import { headerColumns } from './header-columns.js'
import { extractLegalBases } from './legal-bases.js'
import { toXLines } from './lines.js'
import { officialMetadata } from './official-metadata.js'
import { extractOutline } from './outline.js'
import { extractResponsibilities } from './responsibilities.js'
import { findMarks, withoutMarks } from './marks.js'
import { findStructure } from './structure.js'
import { extractTargets } from './targets.js'
import { extractTasks } from './tasks.js'

export type ExtractedPlan = Pick<Plan, 'document' | 'officialMetadata' | 'legalBases' | 'citations' | 'outline' | 'targets' | 'tasks' | 'responsibilities' | 'budget' | 'marks'>

export function extractPlan(doc: LaidOutDocument, report: Report): ExtractedPlan {
  const all = toXLines(doc)
  // stamps and signature blocks are read apart and hidden from every other extractor
  const { marks, covered } = findMarks(all)
  const lines = withoutMarks(all, covered)
  const cols = headerColumns(lines)
  const st = findStructure(lines, cols)
  const document = extractHeader(lines, cols, st, report)
  const sections = extractOutline(lines, st)
  const pages = doc.pages.length || new Set(doc.lines.map((l) => l.page)).size || null
  return {
    document,
    officialMetadata: officialMetadata(document, pages),
    legalBases: extractLegalBases(lines, st, report),
    citations: extractCitations(lines, st),
    outline: sections.map((s) => s.node),
    targets: extractTargets(lines, st, sections, document.year, document.date),
    tasks: extractTasks(lines, sections, document.type.name),
    responsibilities: extractResponsibilities(lines, sections),
    budget: extractBudget(lines, st, sections),
    marks,
  }
}
