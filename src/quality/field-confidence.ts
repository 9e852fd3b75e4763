/**
 * Field confidence from OCR evidence. The extractor gives each field a fixed per-rule confidence
 * ("extract:number-line" 0.9) that says how sure the *rule* is, not whether OCR read the characters
 * right. On OCR pages the words under a field carry tesseract's own confidence; a handwritten number or
 * day (filled in after signing, ../shared/SPEC.md) is read with 0.3–0.7 where print is read at 0.9+.
 *
 * For each `document.fields[path]` on an OCR page: the words of its prov line(s) that hold the value
 * (by the value's own tokens, else inside prov.box, else the whole lines) give an OCR confidence — the
 * lowest word for the number and the date (one bad digit makes another number), the mean for the others
 * (names are repaired by the normalizer and the organ tables) — and
 *   confidence = rule confidence × min(1, ocr / TRUSTED).
 * A key field (number, date, issuer.name, signer.name) whose OCR confidence is under LOW (or with a word
 * under NOISE) is flagged: a
 * `quality:low-confidence-field` warning with its position, needsReview, and its confidence capped at
 * FLAGGED_MAX. A number printed blank whose part still holds low-confidence ink between "Số:" and the
 * code (handwriting read as garbage, e.g. "Số: 2/7 /KH-UBND") is flagged the same way.
 * Legal bases, targets and tasks get the same product with the mean of their lines' words (no flag).
 *
 * Thresholds from the artefact fixtures (docs/ocr.md): printed header words 0.84–0.97, hand-filled
 * digits 0.34–0.71, print touched by the hand 0.71–0.80.
 */
import { stripDiacritics } from '../normalize/syllable.js'
import type { Report } from '../report.js'
import type { PageWord, SourcePage } from '../schema/page.js'
import type { FieldTrace, PlanDocument } from '../schema/plan.js'
import type { Box, Prov } from '../schema/provenance.js'

export const KEY_FIELDS = ['number', 'date', 'issuer.name', 'signer.name'] as const
/** OCR confidence at or above which the rule's confidence stands unchanged. */
export const TRUSTED = 0.85
/** A key field resting on a word below this is flagged for review. */
export const LOW = 0.75
/** A key name with any word below this (read as noise) is flagged even when its mean is fine. */
export const NOISE = 0.3
/** Confidence of a flagged key field is at most this. */
export const FLAGGED_MAX = 0.5

type Traced = { prov: Prov; confidence: number }
export type FieldConfidenceInput = {
  document: Pick<PlanDocument, 'fields'> & Partial<PlanDocument>
  legalBases?: Traced[]
  targets?: Traced[]
  tasks?: Traced[]
}
/** What was checked, for tests and reports: the words the field rests on and the OCR confidence used. */
export type FieldCheck = { path: string; words: string[]; ocr: number; before: number; after: number; flagged: boolean }

type Word = PageWord & { line: number; column: number }

const fold = (s: string) => stripDiacritics(s).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()
const hasDigit = (s: string) => /\d/.test(s)
const round = (x: number) => Math.round(x * 1000) / 1000
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

/** Words of lines `from..to` with their line and character offset; a word-less line with a conf counts as one word. */
function wordsOf(page: SourcePage, from: number, to: number): Word[] {
  const out: Word[] = []
  for (let i = from; i <= to && i < page.lines.length; i++) {
    const l = page.lines[i]
    if (l.words?.length) {
      let at = 0
      for (const w of l.words) {
        const k = l.text.indexOf(w.text, at)
        const column = k >= 0 ? k : at
        at = k >= 0 ? k + w.text.length : at
        out.push({ ...w, line: i, column })
      }
    } else if (l.conf != null && l.box && l.text.trim()) out.push({ text: l.text, box: l.box, conf: l.conf, line: i, column: 0 })
  }
  return out
}

/** Centre of the word inside the box (grown by half the word's height). */
function inside(w: PageWord, b: Box): boolean {
  const m = (w.box[3] - w.box[1]) / 2
  const cx = (w.box[0] + w.box[2]) / 2
  const cy = (w.box[1] + w.box[3]) / 2
  return cx >= b[0] - m && cx <= b[2] + m && cy >= b[1] - m && cy <= b[3] + m
}

/** The value at a field path ("issuer.name") of a plan's document. */
export function valueAt(doc: Partial<PlanDocument>, path: string): unknown {
  let v: unknown = doc
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined
  return v
}

/** The words a field's value rests on, or null when the page gives no word evidence. */
function evidence(path: string, value: unknown, words: Word[], box: Box | undefined): Word[] | null {
  if (!words.length) return null
  const inBox = box ? words.filter((w) => inside(w, box)) : words
  const area = inBox.length ? inBox : words
  if (path === 'year' && typeof value === 'number') {
    const y = area.filter((w) => w.text.includes(String(value)))
    if (y.length) return y
  }
  if (path === 'date' || path === 'year' || (path === 'number' && value != null)) {
    const digits = area.filter((w) => hasDigit(w.text))
    return digits.length ? digits : area
  }
  if (path === 'number') {
    // blank number: what stands between the label and the code is hand-filled ink, if anything
    const between = area.filter((w) => !/^s[oố]:?$/iu.test(w.text.trim()) && !/^\//.test(w.text) && fold(w.text))
    return between.length ? between : null
  }
  const text = typeof value === 'string' ? value : Array.isArray(value) ? value.filter((x) => typeof x === 'string').join(' ') : ''
  const tokens = new Set(fold(text).split(' ').filter(Boolean))
  if (tokens.size) {
    const hit = (w: Word) => { const f = fold(w.text); return !!f && f.split(' ').every((t) => tokens.has(t)) }
    // the part (box) holds the value: all its words count, a garbled one included
    if (area.some(hit)) return area
    // the box is another part's (a column split gone wrong): the run of words from the value's first to its
    // last word on each line
    const run = words.filter((w) => {
      const same = words.filter((v) => v.line === w.line)
      const j = same.indexOf(w)
      return same.slice(0, j + 1).some(hit) && same.slice(j).some(hit)
    })
    if (run.filter(hit).length >= Math.min(2, tokens.size)) return run
  }
  return area
}

/**
 * Lower field confidences by the OCR evidence and flag key fields that rest on low-confidence words
 * (mutates `input`'s traces and confidences; warnings and review reasons go to `report`).
 */
export function applyOcrConfidence(input: FieldConfidenceInput, pages: readonly SourcePage[], report: Report): FieldCheck[] {
  const byPage = new Map(pages.map((p) => [p.page, p]))
  const ocrPage = (prov: Prov) => { const p = byPage.get(prov.page); return p && p.origin === 'ocr' ? p : null }
  const checks: FieldCheck[] = []
  const fields = input.document.fields
  for (const path of Object.keys(fields)) {
    const trace: FieldTrace = fields[path]
    const page = ocrPage(trace.prov)
    if (!page) continue
    const value = valueAt(input.document, path)
    const blankNumber = path === 'number' && value == null
    const key = (KEY_FIELDS as readonly string[]).includes(path)
    const ws = evidence(path, value, wordsOf(page, trace.prov.lines[0], trace.prov.lines[1]), trace.prov.box)
    if (!ws) continue
    const confs = ws.map((w) => w.conf)
    // digits have no safety net (one misread digit is another number): the weakest word counts; names are
    // repaired by the normalizer and the organ tables, so their mean counts, or one word read as noise
    const digits = path === 'number' || path === 'date'
    const ocr = digits ? Math.min(...confs) : mean(confs)
    const flagged = key && (ocr < LOW || Math.min(...confs) < NOISE)
    if (blankNumber && !flagged) continue // a blank left blank: nothing read, nothing to doubt
    let after = round(trace.confidence * Math.min(1, ocr / TRUSTED))
    if (flagged) {
      after = Math.min(after, FLAGGED_MAX)
      const worst = ws.reduce((a, b) => (b.conf < a.conf ? b : a))
      const read = ws.map((w) => w.text).join(' ')
      const what = blankNumber
        ? `number: hand-filled ink between "Số:" and the code could not be read ("${read}", OCR confidence ${ocr.toFixed(2)}); left null`
        : `${path} rests on low-confidence OCR words ("${read}", lowest ${ocr.toFixed(2)}): check it against the page`
      report.warn(what, { page: page.page, line: worst.line, column: worst.column }, 'quality:low-confidence-field', { actual: read })
      report.needsReview(`${path}: low OCR confidence`)
    }
    checks.push({ path, words: ws.map((w) => w.text), ocr: round(ocr), before: trace.confidence, after, flagged })
    fields[path] = { ...trace, confidence: after }
  }
  for (const [name, items] of [['legalBases', input.legalBases], ['targets', input.targets], ['tasks', input.tasks]] as const) {
    items?.forEach((item, k) => {
      const page = ocrPage(item.prov)
      if (!page) return
      const all = wordsOf(page, item.prov.lines[0], item.prov.lines[1])
      const ws = item.prov.box && all.some((w) => inside(w, item.prov.box!)) ? all.filter((w) => inside(w, item.prov.box!)) : all
      if (!ws.length) return
      const ocr = mean(ws.map((w) => w.conf))
      const after = round(item.confidence * Math.min(1, ocr / TRUSTED))
      checks.push({ path: `${name}[${k}]`, words: [], ocr: round(ocr), before: item.confidence, after, flagged: false })
      item.confidence = after
    })
  }
  return checks
}
