import { describe, expect, it } from 'vitest'
import { loadLanguageModel } from '../../src/normalize/index.js'
import { DocumentCache } from '../../src/normalize/channel/document-cache.js'

const lm = loadLanguageModel()
// a first reading of a plan, every word sure: the issuer's sentence ten times among ordinary admin prose
const sentence = 'các cơ quan và tổ chức của hội chữ thập đỏ tham gia vận động nguồn lực'.split(' ')
const prose = ('ủy ban nhân dân tỉnh ban hành kế hoạch triển khai thực hiện chương trình phát triển kinh tế xã hội ' +
  'năm 2024 trên địa bàn nhằm nâng cao đời sống vật chất và tinh thần của người dân đồng thời bảo đảm quốc phòng ' +
  'an ninh giữ vững ổn định chính trị trật tự an toàn xã hội các sở ngành huyện thị xã thành phố có trách nhiệm ' +
  'phối hợp chặt chẽ tổ chức kiểm tra giám sát định kỳ báo cáo kết quả thực hiện về cơ quan thường trực').split(' ')
const reading = [...Array.from({ length: 10 }, () => sentence), ...Array.from({ length: 10 }, () => prose)].map((line) => line.map((to) => ({ to, confidence: 0.99 })))

const counts = new Map<string, number>()
for (const line of reading) for (const d of line) counts.set(d.to, (counts.get(d.to) ?? 0) + 1)
const countBonus = (w: string) => 0.5 * Math.log1p(counts.get(w)!)

describe('document cache', () => {
  const cache = new DocumentCache(lm, reading)
  const bonus = (w: string) => cache.unigramBonus(lm.idOf(w))!
  it('backs a word by how much more the document uses it than the corpus does', () => {
    // hội (the issuer's name, and xã hội) is rare in the corpus and frequent here: its full count bonus
    expect(bonus('hội')).toBeCloseTo(countBonus('hội'), 9)
    // và is this frequent everywhere: well under its count bonus, and under hội's though used less
    expect(bonus('và')).toBeLessThan(countBonus('và') - 0.5)
    expect(bonus('và')).toBeLessThan(bonus('hội') - 0.5)
  })
  it('never backs a word more than its count does', () => {
    for (const w of counts.keys()) if (lm.has(w)) expect(bonus(w)).toBeLessThanOrEqual(countBonus(w) + 1e-12)
  })
  it('gives no word bonus to a word the reading was not sure of', () => {
    expect(cache.unigramBonus(lm.idOf('sẽ'))).toBeUndefined()
  })
  it('backs a pair read in a row by its count, and no other pair', () => {
    // chữ thập follows ten times in the sentence; thập chữ never
    expect(cache.pairBonus(lm.idOf('chữ'), lm.idOf('thập'))).toBeCloseTo(1.5 * Math.log1p(10), 12)
    expect(cache.pairBonus(lm.idOf('thập'), lm.idOf('chữ'))).toBe(0)
    expect(cache.pairBonus(lm.idOf('sẽ'), lm.idOf('thập'))).toBe(0)
  })
  it('names the words read surely after a word, and before it, more than once, and no word read next to it once or never', () => {
    expect(cache.followersOf(lm.idOf('thập'))).toEqual([lm.idOf('đỏ')])
    expect(cache.predecessorsOf(lm.idOf('đỏ'))).toEqual([lm.idOf('thập')])
    const once = new DocumentCache(lm, [sentence.map((to) => ({ to, confidence: 0.99 }))])
    expect(once.followersOf(lm.idOf('thập'))).toBeUndefined()
    expect(cache.followersOf(lm.idOf('sẽ'))).toBeUndefined()
  })
})
