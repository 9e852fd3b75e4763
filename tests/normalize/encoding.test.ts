import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  decodeMojibake, decodeTcvn3, decodeViqr, decodeVni, detectAndConvert, encodeMojibake, encodeTcvn3, encodeViqr,
  encodeVni,
} from '../../src/normalize/encoding/index.js'

const SEEDS = '/work/shared/seeds'
const seed = (stem: string) => readFileSync(`${SEEDS}/${stem}.txt`, 'utf8')

// Clean text for round trips. No capital toned letters outside all-capitals words:
// TCVN3 has no codes for them (capitals fonts reuse the lower-case codes).
const CLEAN = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Căn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ về phê duyệt',
  'Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025;',
  'nâng cao năng lực và giám sát, đánh giá; hỗ trợ việc làm bền vững, người lao động',
  'Thực hiện đề nghị của ủy ban nhân dân tỉnh Lào Cai về tăng cường năng lực quản lý',
  'khuỷu tay, nghiêng ngả, thuở ấy, yêu thương, khuyến khích, quốc phòng, giữ gìn',
  'Tổ chức, Ưu tiên, Ơn nghĩa, Ăn ở, Âm thanh, Êm đềm, Ông bà, Đoàn Thanh niên',
].join('\n')

describe('encoders and decoders round-trip', () => {
  const codecs = [
    ['tcvn3', encodeTcvn3, decodeTcvn3],
    ['vni', encodeVni, decodeVni],
    ['viqr', encodeViqr, decodeViqr],
    ['utf8-as-cp1252', encodeMojibake, decodeMojibake],
  ] as const
  it.each(codecs)('%s decode(encode(x)) = x', (_n, enc, dec) => {
    for (const line of CLEAN.split('\n')) expect(dec(enc(line), enc(line)).normalize('NFC')).toBe(line)
  })
  it('TCVN3 loses the case of capitals it has no code for (capitals fonts reused small codes)', () => {
    expect(decodeTcvn3(encodeTcvn3('Ủy ban'))).toBe('ủy ban')
    expect(decodeTcvn3(encodeTcvn3('ỦY BAN'))).toBe('ỦY BAN')
  })
  it.each([
    ['tcvn3', encodeTcvn3, 'Việt Nam', 'ViÖt Nam'],
    ['tcvn3', encodeTcvn3, 'Chương', 'Ch\u00AD¬ng'],
    ['vni', encodeVni, 'Việt Nam', 'Vieät Nam'],
    ['vni', encodeVni, 'ĐƯỜNG', 'ÑÖÔØNG'],
    ['viqr', encodeViqr, 'Việt Nam', 'Vie^.t Nam'],
    ['viqr', encodeViqr, 'đường.', 'ddu+o+`ng.'],
    ['viqr', encodeViqr, 'hà.', 'ha`\\.'],
    ['utf8-as-cp1252', encodeMojibake, 'Việt', 'Viá»‡t'],
  ])('%s encodes %s as %s', (_n, enc, clean, legacy) => expect(enc(clean)).toBe(legacy))
})

describe('detectAndConvert', () => {
  it.each([
    ['tcvn3', encodeTcvn3],
    ['vni', encodeVni],
    ['viqr', encodeViqr],
    ['utf8-as-cp1252', encodeMojibake],
  ] as const)('detects and converts %s', (name, enc) => {
    const r = detectAndConvert(enc(CLEAN))
    expect(r.encoding).toBe(name)
    expect(r.text).toBe(CLEAN)
    expect(r.changes.every((c) => c.layer === 'encoding' && c.confidence > 0 && c.confidence <= 1)).toBe(true)
  })

  it('converts a legacy line inside a Unicode document, and only that line', () => {
    const lines = ['Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh', encodeTcvn3('Sở Lao động - Thương binh và Xã hội xây dựng Kế hoạch'), 'năm 2023']
    const r = detectAndConvert(lines.join('\n'))
    expect(r.text.split('\n')).toEqual([lines[0], 'Sở Lao động - Thương binh và Xã hội xây dựng Kế hoạch', lines[2]])
    expect(r.changes.every((c) => c.line === 1)).toBe(true)
  })

  it('reports positions of each change', () => {
    const r = detectAndConvert('a\nViá»‡t Nam cá»™ng hoà')
    expect(r.changes[0]).toMatchObject({ line: 1, column: 0, from: 'Viá»‡t', to: 'Việt', layer: 'encoding' })
  })

  it.each([
    'Căn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ',
    'Hà Nội, ngày 25 tháng 6 năm 2024. Xin chào? Được.',
    'Thuc hién Nghi quyét s6 21-NQ/TW ngay 16/6/2022 cua Ban Chap hanh', // English-model OCR: not TCVN3
    "Th\\l'c hi~n K€ ho~ch s6 284/KH-UBND ngay 27/12/2017 clla UBND tinh", // broken OCR: for the channel
    'Müller, café, naïve, São Paulo, Zürich',
    'ha. Xin chao? Dung roi.',
  ])('refuses text that is not a legacy encoding: %s', (line) => {
    expect(detectAndConvert(line)).toEqual({ text: line, encoding: null, changes: [] })
  })

  it('is line-preserving', () => {
    const text = ['', '  ' + encodeVni('Kế hoạch'), '\r', encodeVni('thực hiện năm 2023') + '\r', ' '].join('\n')
    const r = detectAndConvert(text)
    expect(r.text.split('\n')).toHaveLength(5)
    expect(r.text.split('\n')[0]).toBe('')
    expect(r.text.split('\n')[2]).toBe('\r')
  })

  describe.skipIf(!existsSync(SEEDS))('seeds', () => {
    it.each(['001_9edc4a1c385e7432', '004_137dbfeabb2b5ce8'])('leaves born-digital seed %s unchanged', (stem) => {
      const text = seed(stem).normalize('NFC')
      expect(detectAndConvert(text)).toEqual({ text, encoding: null, changes: [] })
    })
    it.each(['000_89da0b435ac9ec62', '002_4273097f9324482f', '003_3e556cf92bc20d53'])(
      'does not mistake OCR garbage in seed %s for a legacy encoding',
      (stem) => {
        const text = seed(stem)
        expect(detectAndConvert(text).text).toBe(text)
      },
    )
    it('recovers a whole seed written in each legacy encoding', () => {
      const text = seed('004_137dbfeabb2b5ce8').normalize('NFC')
      for (const enc of [encodeVni, encodeViqr, encodeMojibake]) {
        const out = detectAndConvert(enc(text)).text.split('\n')
        const want = text.split('\n')
        const same = out.filter((l, i) => l === want[i]).length
        expect(same / want.length).toBeGreaterThan(0.97)
      }
    })
  })
})
