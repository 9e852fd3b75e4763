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
  it('scoreAllWith skips the trigram look-up of words that follow b in no bigram, and scores the same', () => {
    // the decoder's way: b's backoff row with its bigram marks, then the (a, b) row over it
    const words = ['của', 'ủy', 'ban', 'nhân', 'dân', 'tỉnh', 'kế', 'hoạch', 'thực', 'hiện', 'các', 'xã', 'năm', 'hộ', 'họ', 'tiêu', 'tiểu', 'hằng', 'hàng', 'giêsu']
    const ids = Int32Array.from(words, (w) => lm.idOf(w))
    const n = ids.length
    const back = new Float64Array(n), found = new Uint8Array(n), withMarks = new Float64Array(n), plain = new Float64Array(n)
    let missing = 0
    for (const a of [1, ...ids]) for (const b of [1, ...ids]) {
      lm.backoffRow(b, ids, n, back, 0, found)
      lm.scoreAllWith(a, b, ids, n, back, 0, withMarks, found)
      lm.scoreAllWith(a, b, ids, n, back, 0, plain)
      expect([...withMarks]).toEqual([...plain])
      missing += found.filter((f) => f === 0).length
    }
    expect(missing).toBeGreaterThan(0) // some look-ups were skipped
  })
  it('backoffRow finds the bigrams of short rows (searched in place) and long ones (hashed) alike', () => {
    const words = ['của', 'ủy', 'ban', 'nhân', 'dân', 'tỉnh', 'kế', 'hoạch', 'thực', 'hiện', 'các', 'xã', 'năm', 'hộ', 'họ', 'tiêu', 'tiểu', 'hằng', 'hàng', 'giêsu', 'khuẩn', 'ngoằn', 'nghoèo', 'quýt']
    const ids = Int32Array.from(words, (w) => lm.idOf(w))
    const { biStart, biWord } = (lm as unknown as { t: { biStart: Uint32Array; biWord: Uint16Array } }).t
    const out = new Float64Array(64), found = new Uint8Array(64)
    const lengths = new Set<boolean>()
    for (const b of ids) {
      const row = biWord.subarray(biStart[b], biStart[b + 1])
      lengths.add(row.length <= 256)
      // the words above, and the first, middle and last word of b's own row
      const cs = Int32Array.from([...ids, row[0], row[row.length >> 1], row[row.length - 1]])
      lm.backoffRow(b, cs, cs.length, out, 0, found)
      cs.forEach((c, i) => expect(found[i]).toBe(row.includes(c) ? 1 : 0))
      expect(found[ids.length]).toBe(1)
    }
    expect(lengths.size).toBe(2) // both kinds of row were read
  })
})

describe('piecesOf', () => {
  it('keeps a symbol with a number/year prefix whole (10/2019/NĐ-CP)', () => {
    const fixed = piecesOf('ban hanh 10/2019/ND-CP ngay').filter((p) => p.kind === 'fixed')
    expect(fixed.map((p) => (p.kind === 'fixed' ? p.replacement : ''))).toEqual(['10/2019/NĐ-CP'])
  })
})
