import { describe, expect, it } from 'vitest'
import {
  baseOf, canonicalTonePlacement, foldForSearch, isVietnameseSyllable, placeTone, stripDiacritics, toneOf,
  vietnameseTextScore,
} from '../../src/normalize/syllable.js'

describe('isVietnameseSyllable', () => {
  it.each([
    'nghiêng', 'khuyến', 'gì', 'quốc', 'the', 'thé', 'Việt', 'VIỆT', 'viet', 'quyết', 'quyen', 'giếng', 'gìn',
    'hòa', 'hoà', 'thủy', 'thuỷ', 'Ủy', 'khuỷu', 'yêu', 'ỉa', 'giữ', 'người', 'nguoi', 'Đảng', 'được', 'thuở',
    'oan', 'ngả', 'kỹ', 'xoong', 'buýt', 'hươu', 'khoẻ', 'ngoẹo', 'uống',
  ])('accepts %s', (s) => expect(isVietnameseSyllable(s)).toBe(true))

  it.each([
    'xyz', 'english', 'pdf', 'viét', // iê needs its circumflex once marks are present
    'hìp', 'tèt', 'học̀', // stop codas take only sắc or nặng
    'ce', 'ka', 'ghu', 'ngi', 'quu', 'iên', 'thyên', 'wa', 'fan', 's6', '',
  ])('rejects %s', (s) => expect(isVietnameseSyllable(s)).toBe(false))

  it('is NFD-tolerant', () => {
    expect(isVietnameseSyllable('nghiêng'.normalize('NFD'))).toBe(true)
    expect(isVietnameseSyllable('Việt'.normalize('NFD'))).toBe(true)
  })
})

describe('marks', () => {
  it.each([
    ['Việt Nam', 'Viet Nam'], ['ĐẢNG', 'DANG'], ['đường', 'duong'], ['“Hòa” – x', '“Hoa” – x'],
  ])('stripDiacritics(%s) = %s', (a, b) => expect(stripDiacritics(a)).toBe(b))

  it('foldForSearch lowercases and collapses spaces', () => expect(foldForSearch('  Ủy  ban\tNhân dân ')).toBe('uy ban nhan dan'))

  it.each([
    ['việt', 'nang'], ['hòa', 'huyen'], ['hoá', 'sac'], ['thủy', 'hoi'], ['ngã', 'nga'], ['ban', 'ngang'],
  ] as const)('toneOf(%s) = %s', (s, t) => expect(toneOf(s)).toBe(t))

  it('baseOf keeps vowel marks and case', () => expect(baseOf('Việt')).toBe('Viêt'))
})

describe('tone placement (traditional: hòa, thủy, Ủy)', () => {
  it.each([
    ['hoa', 'huyen', 'hòa'], ['thuy', 'hoi', 'thủy'], ['Uy', 'hoi', 'Ủy'], ['khoai', 'sac', 'khoái'],
    ['khuyu', 'hoi', 'khuỷu'], ['hoan', 'huyen', 'hoàn'], ['khuynh', 'huyen', 'khuỳnh'], ['quy', 'sac', 'quý'],
    ['gia', 'huyen', 'già'], ['gin', 'huyen', 'gìn'], ['ngươi', 'huyen', 'người'], ['viêt', 'nang', 'việt'],
    ['mia', 'sac', 'mía'], ['tuân', 'huyen', 'tuần'], ['thuơ', 'hoi', 'thuở'],
  ] as const)('placeTone(%s, %s) = %s', (b, t, out) => expect(placeTone(b, t)).toBe(out))

  it.each([
    ['hoà', 'hòa'], ['thuỷ', 'thủy'], ['Uỷ', 'Ủy'], ['khoẻ', 'khỏe'], ['hóa', 'hóa'], ['qúa', 'quá'],
  ])('canonicalTonePlacement(%s) = %s', (a, b) => expect(canonicalTonePlacement(a)).toBe(b))
})

describe('vietnameseTextScore', () => {
  it('scores clean Vietnamese high on both shares', () => {
    const s = vietnameseTextScore('Căn cứ Quyết định số 90 của Thủ tướng Chính phủ về phê duyệt Chương trình')
    expect(s.validShare).toBeGreaterThan(0.9)
    expect(s.markedShare).toBeGreaterThan(0.6)
  })
  it('scores English-model OCR as valid but unmarked', () => {
    const s = vietnameseTextScore('Thuc hién Nghi quyét s6 21 ngay 16 cua Ban Chap hanh Trung vong Dang')
    expect(s.markedShare).toBeLessThan(0.35)
  })
  it('scores legacy-font garbage low', () => {
    const s = vietnameseTextScore("Th\\l'c hi~n K€ ho~ch s6 284/KH-UBND ngay 27/12/2017 clla UBND tinh")
    expect(s.validShare).toBeLessThan(0.7)
  })
  it('handles text without words', () => expect(vietnameseTextScore('12 / 34 -')).toEqual({ tokens: 0, validShare: 0, markedShare: 0 }))
})
