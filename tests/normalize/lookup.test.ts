import { describe, expect, it } from 'vitest'
import { loadLanguageModel } from '../../src/normalize/lm/model.js'
import { piecesOf } from '../../src/normalize/tokens.js'

describe('hashed n-gram look-ups', () => {
  const lm = loadLanguageModel()
  it('scoreAll (hash of long trigram rows, shared backoff rows) equals logProb', () => {
    // frequent contexts (long rows, hashed) and rare ones (short rows, searched in place)
    const words = ['của', 'ủy', 'ban', 'nhân', 'dân', 'tỉnh', 'kế', 'hoạch', 'thực', 'hiện', 'các', 'xã', 'năm', 'hộ', 'họ', 'tiêu', 'tiểu', 'hằng', 'hàng', 'giêsu']
    const ids = Int32Array.from(words, (w) => lm.idOf(w))
    const out = new Float64Array(ids.length)
    for (const a of [1, ...ids]) for (const b of [1, ...ids]) {
      lm.scoreAll(a, b, ids, ids.length, out)
      ids.forEach((c, i) => expect(out[i]).toBeCloseTo(lm.logProb(a, b, c), 5))
    }
  })
})

describe('piecesOf', () => {
  it('keeps a symbol with a number/year prefix whole (10/2019/NĐ-CP)', () => {
    const fixed = piecesOf('ban hanh 10/2019/ND-CP ngay').filter((p) => p.kind === 'fixed')
    expect(fixed.map((p) => (p.kind === 'fixed' ? p.replacement : ''))).toEqual(['10/2019/NĐ-CP'])
  })
})
