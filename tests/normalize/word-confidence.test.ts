import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeText, loadLanguageModel } from '../../src/normalize/index.js'
import { CONF_REFERENCE, carryTokenValues, changeCostShift } from '../../src/normalize/word-confidence.js'

const lm = loadLanguageModel()
/** OCR-source normalization with every token read at confidence `conf`. */
const at = (text: string, conf: number) => normalizeText(text, { model: lm, source: 'ocr', wordConfidence: () => conf }).text

describe('OCR word confidences in restoration', () => {
  it('repairs a low-confidence misread mark the LM alone leaves, keeps the same word read with high confidence', () => {
    expect(normalizeText('Sản phấm', { model: lm, source: 'ocr' }).text).toBe('Sản phấm')
    expect(at('Sản phấm', 0.5)).toBe('Sản phẩm')
    expect(at('Sản phấm', 0.99)).toBe('Sản phấm')
  })

  it('a change the LM makes at the usual confidence needs more evidence at a very high one', () => {
    expect(normalizeText('Công an tính', { model: lm, source: 'ocr' }).text).toBe('Công an tỉnh')
    expect(at('Công an tính', 0.97)).toBe('Công an tỉnh')
    expect(at('Công an tính', 0.99)).toBe('Công an tính')
  })

  it('only the token it belongs to: confidences are per line and token', () => {
    const text = 'Sản phấm\nSản phấm'
    const out = normalizeText(text, { model: lm, source: 'ocr', wordConfidence: (line, token) => (line === 1 && token === 1 ? 0.5 : undefined) }).text
    expect(out).toBe('Sản phấm\nSản phẩm')
  })

  it('no confidences, or none known, or all at the reference: the output is as without them', () => {
    const seeds = path.resolve(import.meta.dirname, '../../../shared/seeds')
    let texts = ['Ủy ban nhân dân tính Lào Cai\nII. TỔ CHỨC THỤC HIỆN\n- Sở LÐTBXH tỉnh; UBNDcácxã']
    try {
      texts = [...texts, ...readdirSync(seeds).filter((f) => /^00[0-4]_/.test(f)).map((f) => readFileSync(path.join(seeds, f), 'utf8').slice(0, 1500))]
    } catch {
      // ../shared absent: the built-in text only
    }
    for (const t of texts)
      for (const source of ['ocr', undefined] as const) {
        const plain = normalizeText(t, { model: lm, source }).text
        expect(normalizeText(t, { model: lm, source, wordConfidence: () => undefined }).text).toBe(plain)
        expect(normalizeText(t, { model: lm, source, wordConfidence: () => CONF_REFERENCE }).text).toBe(plain)
      }
  })

  it('shift: zero at the reference, bounded, monotone', () => {
    expect(changeCostShift(CONF_REFERENCE)).toBeCloseTo(0, 9)
    expect(changeCostShift(0)).toBe(-3)
    expect(changeCostShift(1)).toBeLessThanOrEqual(3)
    expect(changeCostShift(0.5)).toBeLessThan(changeCostShift(0.9))
  })

  it('carries token values over a glued word split, by index otherwise, and gives up on other edits', () => {
    expect(carryTokenValues('Tổ chức tậphuấn', 'Tổ chức tập huấn', [0.9, 0.8, 0.4])).toEqual([0.9, 0.8, 0.4, 0.4])
    expect(carryTokenValues('Tố chức', 'Tổ chức', [0.5, 0.9])).toEqual([0.5, 0.9])
    expect(carryTokenValues('a b', 'abc d e', [0.5, 0.9])).toBeUndefined()
  })
})
