import { describe, expect, it } from 'vitest'
import { NgramCounter } from '../../src/normalize/lm/build.js'
import { readModel, writeModel } from '../../src/normalize/lm/format.js'
import { LanguageModel, loadLanguageModel } from '../../src/normalize/lm/model.js'
import { oldTonePlacement } from '../../src/normalize/lm/vietnamese.js'

function tiny(): Buffer {
  const c = new NgramCounter()
  for (let i = 0; i < 3; i++) c.addLine('kế hoạch thực hiện nghị quyết. kế hoạch phát triển kinh tế')
  return writeModel(c.build()).buffer
}

describe('language model', () => {
  it('builds deterministically (same text → same bytes)', () => {
    expect(tiny().equals(tiny())).toBe(true)
  })

  it('scores seen trigrams above unseen ones', () => {
    const lm = new LanguageModel(readModel(tiny()))
    const id = (w: string) => lm.idOf(w)
    expect(lm.logProb(id('kế'), id('hoạch'), id('thực'))).toBeGreaterThan(lm.logProb(id('kế'), id('hoạch'), id('tế')))
  })

  // load time is a benchmark figure (npm run eval:normalize), not a test assertion: shared machines are noisy
  it('loads the committed model once and caches it', () => {
    const lm = loadLanguageModel()
    expect(loadLanguageModel()).toBe(lm)
    expect(lm.has('việt')).toBe(true)
  })

  it('adds an optional 4-gram level that tells contexts the trigram level cannot', () => {
    const build = (min?: number) => {
      const c = new NgramCounter()
      // "thực hiện" follows "kế hoạch" after "ban hành", "phát triển" after "xây dựng": the trigram (hoạch → ?) cannot tell
      for (let i = 0; i < 3; i++) c.addLine('ban hành kế hoạch thực hiện. xây dựng kế hoạch phát triển')
      return writeModel(c.build({ minFourgramCount: min })).buffer
    }
    const three = build(), four = build(1)
    expect(readModel(three).fourStart).toBeUndefined() // a trigram-only model keeps its old layout
    expect(four.equals(build(1))).toBe(true)
    const lm = new LanguageModel(readModel(four))
    expect(lm.hasFourgrams).toBe(true)
    const id = (w: string) => lm.idOf(w)
    const cs = Int32Array.from(['thực', 'phát'], id)
    const score = (x: string) => {
      const out = new Float64Array(2)
      lm.scoreAll(id('kế'), id('hoạch'), cs, 2, out)
      lm.applyFourgrams(id(x), id('kế'), id('hoạch'), cs, 2, out)
      return out[0] - out[1] // thực over phát
    }
    expect(score('hành')).toBeGreaterThan(0)
    expect(score('dựng')).toBeLessThan(0)
  })

  it('uses the old tone placement', () => {
    expect(oldTonePlacement('hoà')).toBe('hòa')
    expect(oldTonePlacement('thuỷ')).toBe('thủy')
    expect(oldTonePlacement('quý')).toBe('quý')
    expect(oldTonePlacement('hoàng')).toBe('hoàng')
  })
})
