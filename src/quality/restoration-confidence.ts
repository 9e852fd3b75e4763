/**
 * Field confidence from the restorer's evidence. Text that lost its diacritics (English-model OCR, a
 * stripped export) or was garbled gets its syllables back from the normalizer, each chosen with a
 * posterior probability (normalize/restore.ts). A name is only as sure as its least sure syllable:
 * "Phu Cat, ngay …" restored as "Phú Cát" with 0.25 is a guess between Phú and Phù, and a rule's
 * fixed 0.9 must not turn that guess into a fact.
 *
 * For each name field (NAME_FIELDS), per syllable of its value: the lowest confidence the restorer
 * gave it on the field's prov lines (syllables it never doubted count as sure). A doubted syllable
 * is backed by the rest of the document: where the same two syllables of the name (folded) stand on
 * another line spelled the same and undoubted there, the syllable counts as SUPPORTED; where they
 * stand spelled otherwise ("PHÙ CÁT" in the issuer, "Phú Cát" before the date), the document
 * contradicts itself and the syllable keeps its own confidence. Then
 *   confidence = min(rule confidence, weakest syllable).
 * A province named as the gazetteer spells it (extract/data/provinces.ts) backs its syllables the same
 * way, and so do an organ name's fixed words as the organ tables spell them (the extractor writes them
 * from the tables): what stays doubted in an issuer is its proper name.
 * A key name (KEY_NAMES) whose weakest syllable is under FLAG_BELOW gets a
 * `quality:uncertain-restoration` warning and needsReview.
 * Titles and positions are left to their rules: long runs of common words (and, for positions, a
 * table of known positions), where the restorer's per-syllable doubt says little about the field.
 */
import { foldForSearch } from '../normalize/syllable.js'
import { PROVINCES } from '../extract/data/provinces.js'
import { COMPANY_FORMS, LOCAL_BODIES, ORGAN_ABBREVIATIONS, ORGAN_FIELDS, ORGAN_HEADS, ORGAN_NAME_TERMS, PROPER_NAMES, SCHOOL_LEVELS } from '../extract/data/organs.js'
import type { Report } from '../report.js'
import { valueAt } from './field-confidence.js'
import type { FieldTrace, PlanDocument } from '../schema/plan.js'

/** A syllable as the restorer decided it, on a line of a page (doubts and restoration changes alike). */
export type RestoredSyllable = { line: number; text: string; confidence: number }
/** A page's normalized lines and the syllables restored on them. */
export type RestoredPage = { page: number; lines: readonly string[]; restored: readonly RestoredSyllable[] }

const NAME_FIELDS = ['place', 'issuer.name', 'issuer.parent', 'signer.name'] as const
/** Names a reader acts on: flagged for review when restored on a guess. */
const KEY_NAMES = ['place', 'issuer.name', 'signer.name'] as const
/** A syllable restored at or above this needs no support from elsewhere in the document. */
const SURE_SYLLABLE = 0.8
/** A doubted syllable spelled the same, undoubted, elsewhere in the document counts this much. */
const SUPPORTED = 0.9
/** A key name whose weakest syllable is under this is flagged. */
export const FLAG_BELOW = 0.5

export type RestorationCheck = { path: string; weakest: number; doubted: [string, number][]; before: number; after: number; flagged: boolean }

type Line = { page: number; line: number; syllables: string[]; folded: string[]; doubted: Map<string, number> }

const round = (x: number) => Math.round(x * 1000) / 1000
const syllablesOf = (s: string) => s.normalize('NFC').toLowerCase().match(/\p{L}+/gu) ?? []

/** Every line of the document with its syllables and the lowest confidence of each syllable doubted there. */
function linesOf(pages: readonly RestoredPage[]): Line[] {
  const out: Line[] = []
  for (const p of pages) {
    const doubts = new Map<number, Map<string, number>>()
    for (const r of p.restored) {
      const m = doubts.get(r.line) ?? new Map<string, number>()
      for (const s of syllablesOf(r.text)) m.set(s, Math.min(m.get(s) ?? 1, r.confidence))
      doubts.set(r.line, m)
    }
    p.lines.forEach((text, line) => {
      const syllables = syllablesOf(text)
      out.push({ page: p.page, line, syllables, folded: syllables.map(foldForSearch), doubted: doubts.get(line) ?? new Map() })
    })
  }
  return out
}

/** How the rest of the document spells the pair `pair` (folded match): the same and undoubted, otherwise, or not at all. */
function pairElsewhere(pair: [string, string], lines: Line[], skip: (l: Line) => boolean): { same: boolean; other: boolean } {
  const f = pair.map(foldForSearch)
  let same = false, other = false
  for (const l of lines) {
    if (skip(l)) continue
    for (let k = 0; k + 1 < l.folded.length; k++) {
      if (l.folded[k] !== f[0] || l.folded[k + 1] !== f[1]) continue
      const spelled = l.syllables[k] === pair[0] && l.syllables[k + 1] === pair[1]
      if (!spelled) other = true
      else if ((l.doubted.get(pair[0]) ?? 1) >= SURE_SYLLABLE && (l.doubted.get(pair[1]) ?? 1) >= SURE_SYLLABLE) same = true
    }
  }
  return { same, other }
}

const PROVINCE_TERMS = PROVINCES.map(syllablesOf)
/**
 * Organ words of two syllables or more as the organ tables write them (extract/data/organs.ts): the
 * extractor re-spells an organ name's fixed words from these tables, so in an issuer they are the
 * table's spelling, whatever the restorer doubted; its proper names (places) are not.
 */
const ORGAN_TERMS = [
  ...PROPER_NAMES, ...ORGAN_FIELDS, ...ORGAN_NAME_TERMS, ...LOCAL_BODIES, ...COMPANY_FORMS,
  ...ORGAN_ABBREVIATIONS.map(([, full]) => full), ...SCHOOL_LEVELS.map(([, full]) => full), ...ORGAN_HEADS.map((h) => h.words),
].map(syllablesOf).filter((t) => t.length >= 2)
/** Fields whose value is an organ name (its fixed words from the tables). */
const ORGAN_NAME_PATHS = ['issuer.name', 'issuer.parent']

/** Indices of the syllables of `vals` that spell one of `terms` exactly. */
function inTerms(vals: string[], terms: readonly string[][]): Set<number> {
  const out = new Set<number>()
  for (const t of terms)
    for (let i = 0; i + t.length <= vals.length; i++) if (t.every((s, k) => vals[i + k] === s)) for (let k = 0; k < t.length; k++) out.add(i + k)
  return out
}

/** The confidence of each doubted syllable of `value` on its lines, backed or contradicted by the rest of the document. */
function syllableConfidences(path: string, value: string, trace: FieldTrace, lines: Line[]): Map<string, number> {
  const own = (l: Line) => l.page === trace.prov.page && l.line >= trace.prov.lines[0] && l.line <= trace.prov.lines[1]
  const doubted = new Map<string, number>()
  for (const l of lines) if (own(l)) for (const [s, c] of l.doubted) doubted.set(s, Math.min(doubted.get(s) ?? 1, c))
  const vals = syllablesOf(value)
  const fromTables = inTerms(vals, ORGAN_NAME_PATHS.includes(path) ? [...PROVINCE_TERMS, ...ORGAN_TERMS] : PROVINCE_TERMS)
  const out = new Map<string, number>()
  vals.forEach((s, i) => {
    const c = doubted.get(s)
    if (c === undefined) return
    if (c >= SURE_SYLLABLE) return void out.set(s, Math.min(out.get(s) ?? 1, c))
    const pairs = [i > 0 ? [vals[i - 1]!, s] : null, i + 1 < vals.length ? [s, vals[i + 1]!] : null].filter((p): p is [string, string] => !!p)
    const seen = pairs.map((p) => pairElsewhere(p, lines, own))
    const backed = fromTables.has(i) || (seen.some((x) => x.same) && !seen.some((x) => x.other))
    out.set(s, Math.min(out.get(s) ?? 1, backed ? Math.max(c, SUPPORTED) : c))
  })
  return out
}

/**
 * Lower the confidence of name fields by the restorer's confidence in their syllables, and flag key
 * names restored on a guess (mutates `document.fields`; warnings and review reasons go to `report`).
 */
export function applyRestorationConfidence(document: Pick<PlanDocument, 'fields'> & Partial<PlanDocument>, pages: readonly RestoredPage[], report: Report): RestorationCheck[] {
  if (!pages.some((p) => p.restored.length)) return []
  const lines = linesOf(pages)
  const checks: RestorationCheck[] = []
  for (const path of NAME_FIELDS) {
    const trace: FieldTrace | undefined = document.fields[path]
    const value = valueAt(document, path)
    if (!trace || typeof value !== 'string' || !value.trim()) continue
    const confs = syllableConfidences(path, value, trace, lines)
    if (!confs.size) continue
    const weakest = Math.min(...confs.values())
    const flagged = (KEY_NAMES as readonly string[]).includes(path) && weakest < FLAG_BELOW
    const after = round(Math.min(trace.confidence, weakest))
    if (flagged) {
      const list = [...confs].filter(([, c]) => c < SURE_SYLLABLE).map(([s, c]) => `${s} ${c.toFixed(2)}`).join(', ')
      report.warn(`${path} "${value}" has syllables whose marks were restored on a guess (${list}): check it against the page`, { page: trace.prov.page, line: trace.prov.lines[0] }, 'quality:uncertain-restoration', { actual: value })
      report.needsReview(`${path}: diacritics restored on a guess`)
    }
    checks.push({ path, weakest: round(weakest), doubted: [...confs], before: trace.confidence, after, flagged })
    document.fields[path] = { ...trace, confidence: after }
  }
  return checks
}
