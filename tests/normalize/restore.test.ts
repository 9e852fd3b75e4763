import { describe, expect, it } from 'vitest'
import { normalizeText, loadLanguageModel } from '../../src/normalize/index.js'
import { withCaseOf } from '../../src/normalize/restore.js'

// line counts and idempotence on the seeds: seeds.test.ts

describe('normalizeText', () => {
  it('restores diacritics on a short de-accented phrase', () => {
    expect(normalizeText('Ke hoach thuc hien').text).toBe('Kế hoạch thực hiện')
  })

  it('reads common OCR glyph confusions', () => {
    expect(normalizeText('Thuc hién Nghi quyét s6 21-NQ/TW cua Ban Chap hanh').text).toBe('Thực hiện Nghị quyết số 21-NQ/TW của Ban Chấp hành')
  })

  it('keeps the number of lines, blank lines and leading spaces', () => {
    const text = 'Ke hoach\n\n  thuc hien nhiem vu\n '
    const out = normalizeText(text).text
    expect(out.split('\n')).toHaveLength(4)
    expect(out.split('\n')[1]).toBe('')
    expect(out.split('\n')[2].startsWith('  ')).toBe(true)
  })

  it('leaves clean text untouched', () => {
    const clean = 'Ủy ban nhân dân tỉnh Lào Cai ban hành Kế hoạch tăng cường năng lực quản lý.\nCăn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ.'
    const r = normalizeText(clean)
    expect(r.text).toBe(clean)
    expect(r.changes.filter((c) => c.layer === 'restore')).toHaveLength(0)
  })

  it('is idempotent', () => {
    const once = normalizeText('Chuong trinh hanh dong cua Tinh uy ve phat trien kinh te').text
    expect(normalizeText(once).text).toBe(once)
  })

  it('keeps the case pattern of each word', () => {
    expect(normalizeText('KE HOACH THUC HIEN').text).toBe('KẾ HOẠCH THỰC HIỆN')
    expect(withCaseOf('Pang', 'đảng')).toBe('Đảng')
  })

  it('reports statistics and the model version', () => {
    const r = normalizeText('Ke hoach thuc hien')
    expect(r.stats.lines).toBe(1)
    expect(r.stats.syllables).toBe(4)
    expect(r.stats.modelVersion).toBe(loadLanguageModel().version)
  })
})
