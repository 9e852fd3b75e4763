/**
 * Name fields on text whose diacritics were restored are only as sure as the restorer was: a letter
 * that lost its marks gets "Phu Cat" back as Phú Cát or Phù Cát on a guess, and such a guess must not
 * be stated at a rule's fixed 0.9. Real parts end to end (the packaged language model, the whole run of
 * a plain-text document); the rules on the evidence with hand-made restorer output.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { runDocument, type PageExecutor, type PageOutcome } from '../../src/pipeline.js'
import { stripDiacritics } from '../../src/normalize/syllable.js'
import { applyRestorationConfidence, FLAG_BELOW, type RestoredPage } from '../../src/quality/restoration-confidence.js'
import { Report } from '../../src/report.js'
import type { Plan } from '../../src/schema/plan.js'

const LETTER = `ỦY BAN NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN PHÙ CÁT                                Độc lập - Tự do - Hạnh phúc
Số: 215/UBND-VP                        Phù Cát, ngày 14 tháng 8 năm 2023
V/v tổ chức kiểm tra công tác phòng chống thiên tai
Kính gửi: Ủy ban nhân dân các xã, thị trấn
Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về công tác phòng chống thiên tai năm 2023, Ủy ban nhân dân huyện đề nghị Ủy ban nhân dân các xã, thị trấn tổ chức kiểm tra hệ thống đê điều, hồ chứa trên địa bàn, báo cáo kết quả trước ngày 30 tháng 8 năm 2023.
Nơi nhận:                                          KT. CHỦ TỊCH
- Như trên;                                         PHÓ CHỦ TỊCH
- Lưu: VT.
                                                   Giàng Thị Dung`

const NAMES = ['place', 'issuer.name', 'signer.name'] as const
const readAll: PageExecutor = async (doc, read) => {
  const out: PageOutcome[] = []
  for (let page = 1; page <= doc.pageCount; page++) out.push({ page, read: await read(page) })
  return out
}
const run = (text: string) =>
  runDocument(
    { fileName: 'cong-van.txt', bytes: new TextEncoder().encode(text) },
    { limits: DEFAULT_LIMITS, model: null, ocr: () => Promise.reject(new Error('plain text needs no OCR')), pages: readAll, clock: () => new Date(0), startedAt: 0 },
  )
const valueOf = (plan: Plan, path: string) => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], plan.document)
const guesses = (plan: Plan) => plan.quality.warnings.filter((w) => w.code === 'quality:uncertain-restoration')

describe('a letter that lost its diacritics', () => {
  it('states no name at 0.8 or more that differs from the letter as printed, and asks for a check', async () => {
    const [printed, stripped] = [await run(LETTER), await run(stripDiacritics(LETTER))]
    for (const path of NAMES) {
      expect(valueOf(printed, path)).toBeTruthy()
      expect(printed.document.fields[path]!.confidence).toBeGreaterThanOrEqual(0.8) // nothing restored, nothing doubted
      if (valueOf(stripped, path) !== valueOf(printed, path)) expect(stripped.document.fields[path]!.confidence).toBeLessThan(0.8)
    }
    expect(guesses(printed)).toEqual([])
    expect(guesses(stripped).length).toBeGreaterThan(0)
    expect(stripped.quality.needsReview).toBe(true)
  }, 60_000)
})

describe('the rest of the document backs or contradicts a doubted syllable', () => {
  const fields = (lines: [number, number]) => ({ place: { prov: { page: 1, lines }, confidence: 0.9, rule: 'extract:place-before-date' } })
  const page = (lines: string[], restored: RestoredPage['restored']): RestoredPage[] => [{ page: 1, lines, restored }]
  const check = (place: string, pages: RestoredPage[]) => {
    const document = { place, fields: fields([0, 0]) }
    const report = new Report()
    const [c] = applyRestorationConfidence(document, pages, report)
    return { confidence: document.fields.place.confidence, check: c, report }
  }

  it('a guess nothing else in the document spells: its own confidence, flagged', () => {
    const r = check('Phú Cát', page(['Phú Cát, ngày 14 tháng 8 năm 2023', 'báo cáo kết quả'], [{ line: 0, text: 'Phú', confidence: 0.25 }]))
    expect(r.confidence).toBe(0.25)
    expect(r.check!.weakest).toBeLessThan(FLAG_BELOW)
    expect(r.check!.flagged).toBe(true)
    expect(r.report.warnings.map((w) => w.code)).toEqual(['quality:uncertain-restoration'])
    expect(r.report.reviewReasons.length).toBe(1)
  })

  it('the same two syllables spelled the same, undoubted, on another line: backed', () => {
    const r = check('Phù Cát', page(['Phù Cát, ngày 14 tháng 8 năm 2023', 'nhân dân huyện Phù Cát'], [{ line: 0, text: 'Phù', confidence: 0.25 }]))
    expect(r.confidence).toBeGreaterThanOrEqual(0.8)
    expect(r.report.warnings).toEqual([])
  })

  it('spelled otherwise on another line ("PHÙ CÁT" above, "Phú Cát" before the date): the document contradicts itself, the guess stays a guess', () => {
    const lines = ['Phú Cát, ngày 14 tháng 8 năm 2023', 'HUYỆN PHÙ CÁT', 'huyện Phú Cát']
    const r = check('Phú Cát', page(lines, [{ line: 0, text: 'Phú', confidence: 0.3 }]))
    expect(r.confidence).toBe(0.3)
  })

  it('the same spelling doubted there too is no backing', () => {
    const r = check('Phú Cát', page(['Phú Cát, ngày 14', 'huyện Phú Cát'], [{ line: 0, text: 'Phú', confidence: 0.3 }, { line: 1, text: 'Phú', confidence: 0.4 }]))
    expect(r.confidence).toBe(0.3)
  })

  it('a province spelled as the gazetteer has it backs its syllables', () => {
    const r = check('Hà Tĩnh', page(['Hà Tĩnh, ngày 14 tháng 8 năm 2023'], [{ line: 0, text: 'Tĩnh', confidence: 0.4 }]))
    expect(r.confidence).toBeGreaterThanOrEqual(0.8)
  })

  it("an issuer's fixed organ words as the organ tables spell them are backed; its proper name is not", () => {
    const issuer = (restored: RestoredPage['restored']) => {
      const document = { issuer: { name: 'Ủy ban nhân dân huyện Phù Cát', parent: null }, fields: { 'issuer.name': { prov: { page: 1, lines: [0, 1] as [number, number] }, confidence: 0.85, rule: 'extract:issuer-left-column' } } }
      applyRestorationConfidence(document, page(['ỦY BAN NHÂN DÂN', 'HUYỆN PHÙ CÁT'], restored), new Report())
      return document.fields['issuer.name'].confidence
    }
    expect(issuer([{ line: 0, text: 'NHÂN', confidence: 0.3 }])).toBe(0.85)
    expect(issuer([{ line: 0, text: 'NHÂN', confidence: 0.3 }, { line: 1, text: 'PHÙ', confidence: 0.35 }])).toBe(0.35)
  })

  it('text the restorer did not doubt is left as the rule said', () => {
    const r = check('Phù Cát', page(['Phù Cát, ngày 14 tháng 8 năm 2023'], []))
    expect(r.confidence).toBe(0.9)
    expect(r.check).toBeUndefined()
  })
})
