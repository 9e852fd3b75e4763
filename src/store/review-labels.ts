/**
 * Reviewed values → labelled examples in the label format of ../shared/dev/LABELS.md, so that an
 * archive's own corrections measure the product (score-extract.mjs pairs `<stem>.labels.json`
 * with the output whose source.fileName has that stem). Only what a person reviewed is written:
 * a field left out is not scored (LABELS.md: "absent = not scored"), never guessed from the machine.
 */
import path from 'node:path'
import type { Plan } from '../schema/plan.js'
import { fieldTrace, fieldValue, REVIEW_RULE } from './reviews.js'

/** LABELS.md key ← API path of the reviewed field. */
const LABEL_OF: [string, string][] = [
  ['docType', 'document.type.name'],
  ['number', 'document.number'],
  ['date', 'document.date'],
  ['year', 'document.year'],
  ['place', 'document.place'],
  ['issuer', 'document.issuer.name'],
  ['parentIssuer', 'document.issuer.parent'],
  ['title', 'document.title'],
]

export type Labels = { id: string } & Record<string, unknown>

/** The stem score-extract.mjs pairs by: the source file name without its extension. */
export function labelStem(plan: Plan): string {
  return path.basename(plan.source.fileName).replace(/\.[^.]+$/, '')
}

/** Labels of one plan, or null when nobody reviewed any of its fields. */
export function reviewLabels(plan: Plan): Labels | null {
  const reviewed = (p: string) => fieldTrace(plan, p)?.rule === REVIEW_RULE
  const out: Labels = { id: labelStem(plan) }
  for (const [key, p] of LABEL_OF) if (reviewed(p)) out[key] = fieldValue(plan.document, p)
  // the scorer checks the signer's name and position together: both must have been reviewed
  if (reviewed('document.signer.name') && reviewed('document.signer.position')) {
    const s = plan.document.signer
    out.signer = s && (s.name || s.position) ? { name: s.name, position: s.position, authority: s.authority } : null
  }
  return Object.keys(out).length > 1 ? out : null
}
