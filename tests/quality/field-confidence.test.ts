import { describe, expect, it } from 'vitest'
import { applyOcrConfidence, FLAGGED_MAX, type FieldConfidenceInput } from '../../src/quality/field-confidence.js'
import { Report } from '../../src/report.js'
import type { SourcePage } from '../../src/schema/page.js'
import type { FieldTrace } from '../../src/schema/plan.js'
import type { Box } from '../../src/schema/provenance.js'

/** One OCR line from "word:conf" tokens laid left to right (40 px per character, 50 px high, row `row`). */
function line(spec: string, row = 0, x0 = 100) {
  let x = x0
  const words = spec.split(' ').map((tok) => {
    const k = tok.lastIndexOf(':')
    const text = tok.slice(0, k)
    const box: Box = [x, row * 80, x + text.length * 40, row * 80 + 50]
    x += text.length * 40 + 30
    return { text, box, conf: Number(tok.slice(k + 1)) }
  })
  return { text: words.map((w) => w.text).join(' '), box: [x0, row * 80, x - 30, row * 80 + 50] as Box, words }
}
const page = (lines: ReturnType<typeof line>[], origin: SourcePage['origin'] = 'ocr'): SourcePage => ({ page: 1, origin, lines, confidence: 0.9 })
const trace = (lineNo: number, confidence: number, box?: Box, to = lineNo): FieldTrace => ({ prov: { page: 1, lines: [lineNo, to], ...(box ? { box } : {}) }, confidence, rule: 'test' })
const boxOf = (l: ReturnType<typeof line>, from: number, to: number): Box => [l.words[from].box[0], l.words[from].box[1], l.words[to].box[2], l.words[to].box[3]]

type Case = {
  name: string
  lines: ReturnType<typeof line>[]
  doc: Record<string, unknown>
  fields: Record<string, FieldTrace>
  origin?: SourcePage['origin']
  expect: Record<string, { flagged: boolean; max?: number; min?: number; same?: boolean }>
  review: boolean
}

const header = line('Số::0.95 412/KH-UBND:0.92 Hớn:0.93 Quản,:0.95 ngày:0.97 15:0.96 tháng:0.96 9:0.97 năm:0.97 2023:0.96')
const hand = line('Số::0.95 4l2:0.45 /KH-UBND:0.80 Hớn:0.93 Quản,:0.95 ngày:0.97 1¬:0.35 tháng:0.96 9:0.97 năm:0.97 2023:0.96')
const blankGarbage = line('Số::0.95 2/7:0.60 /KH-UBND:0.80')
const blankClean = line('Số::0.95 /KH-UBND:0.93')
const endLine = line('-:0.93 Lưu::0.93 VT.:0.40 Trần:0.96 Văn:0.97 Hùng:0.96')
const issuer = [line('ỦY:0.97 BAN:0.96 NHÂN:0.96 DÂN:0.97', 0), line('TÍNH:0.38 LÀO:0.93 CAI:0.96', 1)]
const issuerNoise = [line('ỦY:0.97 BAN:0.96 NHÂN:0.96 DÂN:0.97', 0), line('T1NH:0.12 LÀO:0.93 CAI:0.96', 1)]

const CASES: Case[] = [
  {
    name: 'printed number and date read with high confidence: unchanged',
    lines: [header],
    doc: { number: '412/KH-UBND', date: '2023-09-15' },
    fields: { number: trace(0, 0.9, boxOf(header, 0, 1)), date: trace(0, 0.95, boxOf(header, 2, 9)) },
    expect: { number: { flagged: false, same: true }, date: { flagged: false, same: true } },
    review: false,
  },
  {
    name: 'hand-filled serial and day read poorly: low confidence, flagged',
    lines: [hand],
    doc: { number: '412/KH-UBND', date: '2023-09-15' },
    fields: { number: trace(0, 0.9, boxOf(hand, 0, 2)), date: trace(0, 0.95, boxOf(hand, 3, 10)) },
    expect: { number: { flagged: true, max: FLAGGED_MAX }, date: { flagged: true, max: FLAGGED_MAX } },
    review: true,
  },
  {
    name: 'blank number with unreadable ink between "Số:" and the code: flagged, stays null',
    lines: [blankGarbage],
    doc: { number: null },
    fields: { number: trace(0, 0.6, boxOf(blankGarbage, 0, 2)) },
    expect: { number: { flagged: true, max: FLAGGED_MAX } },
    review: true,
  },
  {
    name: 'blank number with nothing written in: left alone',
    lines: [blankClean],
    doc: { number: null },
    fields: { number: trace(0, 0.6, boxOf(blankClean, 0, 1)) },
    expect: {},
    review: false,
  },
  {
    name: 'signer name: its own words count, not a weak word of the other column (prov box on the wrong part)',
    lines: [endLine],
    doc: { signer: { name: 'Trần Văn Hùng' } },
    fields: { 'signer.name': trace(0, 0.85, boxOf(endLine, 0, 2)) },
    expect: { 'signer.name': { flagged: false, same: true } },
    review: false,
  },
  {
    name: 'issuer name with one weak word (normalizer-repaired): lowered a little, not flagged',
    lines: issuer,
    doc: { issuer: { name: 'Ủy ban nhân dân tỉnh Lào Cai' } },
    fields: { 'issuer.name': trace(0, 0.85, undefined, 1) },
    expect: { 'issuer.name': { flagged: false, min: 0.8 } },
    review: false,
  },
  {
    name: 'issuer name with a word read as noise: flagged',
    lines: issuerNoise,
    doc: { issuer: { name: 'Ủy ban nhân dân tỉnh Lào Cai' } },
    fields: { 'issuer.name': trace(0, 0.85, undefined, 1) },
    expect: { 'issuer.name': { flagged: true, max: FLAGGED_MAX } },
    review: true,
  },
  {
    name: 'a text-layer page is not judged by OCR confidence',
    lines: [hand],
    origin: 'text-layer',
    doc: { number: '412/KH-UBND' },
    fields: { number: trace(0, 0.9) },
    expect: {},
    review: false,
  },
]

describe('applyOcrConfidence', () => {
  it.each(CASES)('$name', (c) => {
    const report = new Report()
    const fields = structuredClone(c.fields)
    const input: FieldConfidenceInput = { document: { ...c.doc, fields } as FieldConfidenceInput['document'] }
    const checks = applyOcrConfidence(input, [page(c.lines, c.origin)], report)
    expect(checks.map((k) => k.path).sort()).toEqual(Object.keys(c.expect).sort())
    for (const [path, e] of Object.entries(c.expect)) {
      const check = checks.find((k) => k.path === path)!
      expect(check.flagged, path).toBe(e.flagged)
      const conf = fields[path].confidence
      if (e.same) expect(conf).toBe(c.fields[path].confidence)
      if (e.max != null) expect(conf).toBeLessThanOrEqual(e.max)
      if (e.min != null) expect(conf).toBeGreaterThanOrEqual(e.min)
      expect(conf).toBeLessThanOrEqual(c.fields[path].confidence)
    }
    const flagged = report.warnings.filter((w) => w.code === 'quality:low-confidence-field')
    expect(flagged.length).toBe(Object.values(c.expect).filter((e) => e.flagged).length)
    for (const w of flagged) expect(w.position).toMatchObject({ page: 1, line: expect.any(Number), column: expect.any(Number) })
    expect(report.reviewReasons.length > 0).toBe(c.review)
  })

  it('points the warning at the weakest word (line and column)', () => {
    const report = new Report()
    const fields = { number: trace(0, 0.9, boxOf(hand, 0, 2)) }
    applyOcrConfidence({ document: { number: '412/KH-UBND', fields } as FieldConfidenceInput['document'] }, [page([hand])], report)
    expect(report.warnings[0].position).toEqual({ page: 1, line: 0, column: hand.text.indexOf('4l2') })
    expect(report.warnings[0].actual).toBe('4l2')
  })

  it('lowers legal bases, targets and tasks by the mean confidence of their lines, without flagging', () => {
    const report = new Report()
    const weak = line('Căn:0.5 cứ:0.5 Quyết:0.5 định:0.5', 0)
    const strong = line('Căn:0.95 cứ:0.95 Quyết:0.95 định:0.95', 1)
    const legalBases = [{ prov: { page: 1, lines: [0, 0] as [number, number] }, confidence: 0.9 }, { prov: { page: 1, lines: [1, 1] as [number, number] }, confidence: 0.9 }]
    applyOcrConfidence({ document: { fields: {} }, legalBases }, [page([weak, strong])], report)
    expect(legalBases[0].confidence).toBeCloseTo(0.9 * (0.5 / 0.85), 3)
    expect(legalBases[1].confidence).toBe(0.9)
    expect(report.warnings).toEqual([])
  })
})
