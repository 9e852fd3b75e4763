/**
 * Reviews as pure functions: what stays unsure, a correction applied (rule "review", confidence 1,
 * derived parts recomputed), reprocessing that keeps reviewed values, and the export of reviewed
 * values as labels that ../shared/tools/score-extract.mjs reads.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Plan } from '../../src/schema/plan.js'
import { reviewLabels } from '../../src/store/review-labels.js'
import { applyReview, carryReviews, ReviewInvalid, unsureFields } from '../../src/store/reviews.js'
import { makePlan, writePlans } from '../helpers/plans.js'
import { runCli } from '../helpers/run-cli.js'
import { rmDir, tempDir } from '../helpers/stores.js'

const trace = (confidence: number, rule = 'extract:x', line = 0) => ({ prov: { page: 1, lines: [line, line] as [number, number] }, confidence, rule })
const AT = new Date('2026-01-02T03:04:05Z')

function doubtful(): Plan {
  const p = makePlan({ seed: 'reviews-unit', number: '2887/KH-VP', date: null, needsReview: true })
  p.document.fields = { number: trace(0.42, 'extract:number-line', 1), 'issuer.name': trace(0.9), title: trace(0.9), 'signer.name': trace(0.8) }
  return p
}

describe('reviews', () => {
  it('lists what is unsure: a flagged field, a missing required field; a low-OCR page makes every required field unsure', () => {
    expect(unsureFields(doubtful())).toEqual([
      { path: 'document.number', reason: 'low-confidence', confidence: 0.42 },
      { path: 'document.date', reason: 'missing', confidence: null },
    ])
    const lowOcr = doubtful()
    lowOcr.quality.warnings.push({ severity: 'warning', code: 'ocr:low-confidence', message: 'low', position: null })
    expect(unsureFields(lowOcr).map((u) => u.path)).toEqual(['document.type.name', 'document.number', 'document.date', 'document.issuer.name', 'document.title', 'document.signer.name'])
  })

  it('applies a correction and a confirmation: values, traces, number parts, metadata, needsReview', () => {
    const p = doubtful()
    const { plan, record } = applyReview(p, { fields: { 'document.number': ' 288/KH-VP ', 'document.date': '2024-04-16' }, confirm: [], reviewer: 'Lan' }, AT)
    expect(plan.revision).toBe(2)
    expect(plan.document).toMatchObject({ number: '288/KH-VP', date: '2024-04-16', year: 2024, numberParts: { serial: '288', typeCode: 'KH', issuerCode: 'VP' } })
    expect(plan.document.fields.number).toEqual({ prov: p.document.fields.number!.prov, confidence: 1, rule: 'review' })
    // the machine found no date: the reviewed value points at page 1 without a box
    expect(plan.document.fields.date).toEqual({ prov: { page: 1, lines: [0, 0] }, confidence: 1, rule: 'review' })
    expect(plan.officialMetadata).toMatchObject({ codeNumber: '288', codeNotation: 'KH-VP', issuedDate: '2024-04-16' })
    expect(plan.quality.needsReview).toBe(false)
    expect(record).toEqual({
      revision: 2, reviewer: 'Lan', at: '2026-01-02T03:04:05.000Z',
      changes: [
        { path: 'document.number', action: 'corrected', old: '2887/KH-VP', new: '288/KH-VP' },
        { path: 'document.date', action: 'corrected', old: null, new: '2024-04-16' },
      ],
    })
    expect(p.document.number).toBe('2887/KH-VP') // the input plan is not changed
    // confirming only the number leaves the missing date unsure
    const half = applyReview(p, { fields: {}, confirm: ['document.number'], reviewer: 'Lan' }, AT).plan
    expect(half.quality.needsReview).toBe(true)
    expect(() => applyReview(p, { fields: { 'document.date': '16/04/2024' }, confirm: [], reviewer: 'Lan' }, AT)).toThrow(ReviewInvalid)
    expect(() => applyReview(p, { fields: { 'document.text': 'x' }, confirm: [], reviewer: 'Lan' }, AT)).toThrow(/unknown field path/)
  })

  it('carries reviewed fields into a reprocessed plan, and only those', () => {
    const reviewed = applyReview(doubtful(), { fields: { 'document.number': '288/KH-VP' }, confirm: ['document.date'], reviewer: 'Lan' }, AT).plan
    const fresh = makePlan({ seed: 'reviews-unit', number: '2881/KH-VP', date: '2024-04-16', title: 'Tiêu đề mới đọc lại', needsReview: true })
    fresh.document.fields = { number: trace(0.45), title: trace(0.9) }
    const kept = carryReviews(reviewed, fresh)
    expect(kept.document.number).toBe('288/KH-VP')
    expect(kept.document.fields.number!.rule).toBe('review')
    expect(kept.document.date).toBeNull() // confirmed as blank by the reviewer
    expect(kept.document.title).toBe('Tiêu đề mới đọc lại') // not reviewed: the new reading
    expect(kept.review).toBeNull()
    expect(kept.quality.needsReview).toBe(false)
    expect(carryReviews(doubtful(), fresh)).toBe(fresh) // nothing reviewed: nothing carried
  })

  it('exports reviewed values as labels (unreviewed fields left out) that score-extract.mjs scores', async () => {
    const reviewed = applyReview(doubtful(), { fields: { 'document.number': '288/KH-VP', 'document.date': '2024-04-16' }, confirm: ['document.title'], reviewer: 'Lan' }, AT).plan
    expect(reviewLabels(reviewed)).toEqual({ id: reviewed.source.fileName.replace(/\.pdf$/, ''), number: '288/KH-VP', date: '2024-04-16', title: reviewed.document.title })
    expect(reviewLabels(doubtful())).toBeNull()
    const dir = tempDir('kehoach-review-export-')
    try {
      const data = path.join(dir, 'data')
      writePlans(data, [reviewed, makePlan({ seed: 'not-reviewed' })])
      const r = await runCli(['review', 'export', '--data', data, '--out', path.join(dir, 'labels')])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).toContain('1 labelled document(s)')
      const file = path.join(dir, 'labels', `${reviewed.source.fileName.replace(/\.pdf$/, '')}.labels.json`)
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ number: '288/KH-VP' })
      const scorer = path.resolve(import.meta.dirname, '../../../shared/tools/score-extract.mjs')
      if (existsSync(scorer)) {
        const out = JSON.parse(execFileSync(process.execPath, [scorer, data, path.join(dir, 'labels'), '--json'], { encoding: 'utf8' }))
        expect(JSON.stringify(out)).toMatch(/"number"/)
        expect(out.missing ?? []).toEqual([])
      }
    } finally {
      rmDir(dir)
    }
  })
})
