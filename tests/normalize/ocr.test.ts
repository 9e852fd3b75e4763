import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeText, loadLanguageModel } from '../../src/normalize/index.js'
import { splitGlued, splitSyllable } from '../../src/normalize/ocr.js'
import { OcrMarkChannel } from '../../src/normalize/channel/ocr-marks.js'

const lm = loadLanguageModel()

describe("source 'ocr' (Vietnamese-model OCR text)", () => {
  it('corrects marked-but-wrong syllables the LM is much surer of', () => {
    expect(normalizeText('Ủy ban nhân dân tính Lào Cai', { model: lm, source: 'ocr' }).text).toBe('Ủy ban nhân dân tỉnh Lào Cai')
    expect(normalizeText('II. TỔ CHỨC THỤC HIỆN', { model: lm, source: 'ocr' }).text).toBe('II. TỔ CHỨC THỰC HIỆN')
  })

  it('leaves the same text alone without the source (marked text is trusted)', () => {
    expect(normalizeText('Ủy ban nhân dân tính Lào Cai', { model: lm }).text).toBe('Ủy ban nhân dân tính Lào Cai')
  })

  it('reads eth as đ and splits glued syllables', () => {
    expect(normalizeText('- Sở LÐTBXH tỉnh;', { model: lm, source: 'ocr' }).text).toBe('- Sở LĐTBXH tỉnh;')
    expect(splitGlued('Giámsát', lm)).toBe('Giám sát')
    expect(splitGlued('UBNDcácxã', lm)).toBe('UBND các xã')
    expect(splitGlued('online', lm)).toBeNull()
    expect(splitGlued('UBND', lm)).toBeNull()
    expect(splitGlued('PhòngLĐTBXH', lm)).toBe('Phòng LĐTBXH')
  })

  it('joins a syllable the OCR split before its vowel, and leaves two real syllables apart', () => {
    const r = normalizeText('Căn cứ Nghị quy ết số 50/NQ-CP của Chính phủ', { model: lm, source: 'ocr' })
    expect(r.text).toBe('Căn cứ Nghị quyết số 50/NQ-CP của Chính phủ')
    expect(r.changes).toContainEqual(expect.objectContaining({ line: 0, column: 12, from: 'quy ết', to: 'quyết' }))
    expect(splitSyllable('quy', 'ết', lm)).toBe(true)
    expect(splitSyllable('Trung', 'ương', lm)).toBe(false) // "ương" is common alone
    expect(splitSyllable('nhà', 'ở', lm)).toBe(false)
    expect(normalizeText('Ban Chấp hành Trung ương Đảng', { model: lm, source: 'ocr' }).text).toBe('Ban Chấp hành Trung ương Đảng')
    // marked text not from OCR is trusted as it is
    expect(normalizeText('Nghị quy ết', { model: lm }).text).toBe('Nghị quy ết')
  })

  it('learned channel: a kept syllable is far cheaper than a changed mark; other letters are impossible', () => {
    const ch = new OcrMarkChannel()
    expect(ch.cost('tổ', 'tổ')).toBeLessThan(0.1)
    expect(ch.cost('tổ', 'tố')).toBeGreaterThan(3)
    expect(ch.cost('tổ', 'tả')).toBe(Infinity)
  })

  it('born-digital seeds: no change without the source; idempotent with it', () => {
    const seeds = path.resolve(import.meta.dirname, '../../../shared/seeds')
    let files: string[] = []
    try {
      files = readdirSync(seeds).filter((f) => /^00[14]_/.test(f))
    } catch {
      return // ../shared absent
    }
    for (const f of files) {
      const t = readFileSync(path.join(seeds, f), 'utf8')
      expect(normalizeText(t, { model: lm }).text).toBe(t)
      const o = normalizeText(t, { model: lm, source: 'ocr' }).text
      expect(normalizeText(o, { model: lm, source: 'ocr' }).text).toBe(o)
    }
  })
})
