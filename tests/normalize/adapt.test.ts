import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { normalizeText, loadLanguageModel } from '../../src/normalize/index.js'
import { Channel } from '../../src/normalize/channel/model.js'
import { adaptChannel } from '../../src/normalize/channel/adapt.js'
import { stripDiacritics } from '../../src/normalize/syllable.js'

// Per-document channel learning: a garbled document writes some letters with glyphs no table lists
// (here every ư-family letter as `u{` and ệ as `e{`, every other mark lost). The generic prior lets such a
// glyph run stand for a vowel at a high cost; the document's own confident words then teach the channel
// what it means, and the second reading uses that.
const gold = readFileSync(new URL('../../fixtures/hon-quan.gt.txt', import.meta.url), 'utf8').split('\n').slice(0, 40)
const garble = (line: string) =>
  [...line.replace(/[ưừứửữự]/gu, 'u{').replace(/[ệỆ]/gu, 'e{')].map((c) => (c === '{' ? c : stripDiacritics(c))).join('')
const wordAccuracy = (out: string) => {
  let ok = 0, n = 0
  out.split('\n').forEach((line, i) => {
    const o = line.split(/\s+/)
    gold[i].split(/\s+/).forEach((w, k) => {
      n++
      if (o[k] === w) ok++
    })
  })
  return ok / n
}

describe('per-document channel learning', () => {
  it('learns from decoded words that the document writes ư as u{', () => {
    const prior = new Channel({ pDrop: 0.95, pWrong: 0.05, garble: 1 })
    const pairs: [string, string, number][] = [['chương', 'chu{ong', 1], ['thương', 'thu{ong', 1], ['phương', 'phu{ong', 1], ['dưới', 'du{oi', 0.9]]
    const learned = adaptChannel(prior, pairs)
    expect(prior.cost('ư', 'u{', false)).toBeGreaterThan(6)
    expect(learned.cost('ư', 'u{', false)).toBeLessThan(2)
    // what the document never showed keeps its prior cost
    expect(learned.cost('ô', 'o{', false)).toBe(prior.cost('ô', 'o{', false))
  })

  it('restores a text garbled with glyphs no table knows better after learning from it', () => {
    const lm = loadLanguageModel()
    const input = gold.map(garble).join('\n')
    const learned = normalizeText(input, { model: lm })
    const unlearned = normalizeText(input, { model: lm, adapt: false })
    expect(wordAccuracy(learned.text)).toBeGreaterThan(wordAccuracy(unlearned.text))
    expect(wordAccuracy(learned.text)).toBeGreaterThan(0.95)
    expect(learned.text).toContain('Chương trình mục tiêu quốc gia giảm nghèo bền vững')
  })

  it('reports how much it changed and how sure it was', () => {
    const r = normalizeText(gold.slice(0, 10).map(garble).join('\n'))
    expect(r.stats.changedSyllables).toBeGreaterThan(0)
    const mean = r.stats.changedConfidence / r.stats.changedSyllables
    expect(mean).toBeGreaterThan(0.5)
    expect(mean).toBeLessThanOrEqual(1)
  })
})
