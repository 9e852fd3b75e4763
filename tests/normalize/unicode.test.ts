import { describe, expect, it } from 'vitest'
import { normalizeUnicode, toneFold } from '../../src/normalize/unicode.js'

describe('normalizeUnicode', () => {
  it.each([
    ['NFD input', 'Vie\u0302\u0323t Nam', 'Việt Nam'],
    ['tone typed after the consonant', 'Viêt\u0323 Nam', 'Việt Nam'],
    ['VNI-Unicode tổ hợp (precomposed vowel + combining tone)', 'Tie\u0302\u0301ng Vi\u00EA\u0323t', 'Tiếng Việt'],
    ['new-style placement → traditional', 'Hoà bình, thuỷ lợi, Uỷ ban', 'Hòa bình, thủy lợi, Ủy ban'],
    ['tone on the u of qu', 'qu\u0301a', 'quá'],
    ['zero-width and BOM removed', '\uFEFFVi\u200Bệt\u200C Nam\u00AD', 'Việt Nam'],
    ['Icelandic eth used for Đ', 'ÐẢNG ðồng', 'ĐẢNG đồng'],
    ['quotes, dashes and leading spaces kept', '   “Tăng cường” – 2023 — ‘x’', '   “Tăng cường” – 2023 — ‘x’'],
    ['foreign words untouched', 'café English hoá', 'café English hóa'],
    ['tabs kept', 'a\tb', 'a\tb'],
  ])('%s', (_name, input, expected) => expect(normalizeUnicode(input).text).toBe(expected))

  it('reports changes with their column in the input', () => {
    const r = normalizeUnicode('  Hoà \u200Bthuỷ')
    expect(r.changes).toEqual([
      { column: 2, from: 'Hoà', to: 'Hòa' },
      { column: 6, from: '\u200B', to: '' },
      { column: 7, from: 'thuỷ', to: 'thủy' },
    ])
  })

  it('leaves clean NFC text without changes', () => {
    const line = 'Ủy ban nhân dân tỉnh Lào Cai ban hành Kế hoạch'
    expect(normalizeUnicode(line)).toEqual({ text: line, changes: [] })
  })
})

describe('toneFold', () => {
  it('maps both placements to one form', () => {
    expect(toneFold('hoà thuỷ Uỷ')).toBe(toneFold('hòa thủy Ủy'))
    expect(toneFold('Hoà')).toBe('Hòa')
  })
  it('only normalises non-syllables', () => expect(toneFold('cafe\u0301')).toBe('café'))
})
