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

  it('loads the committed model fast and caches it', () => {
    const t = performance.now()
    const lm = loadLanguageModel()
    expect(performance.now() - t).toBeLessThan(2000)
    expect(loadLanguageModel()).toBe(lm)
    expect(lm.has('việt')).toBe(true)
  })

  it('uses the old tone placement', () => {
    expect(oldTonePlacement('hoà')).toBe('hòa')
    expect(oldTonePlacement('thuỷ')).toBe('thủy')
    expect(oldTonePlacement('quý')).toBe('quý')
    expect(oldTonePlacement('hoàng')).toBe('hoàng')
  })
})
