import { describe, expect, it } from 'vitest'
import { loadLanguageModel } from '../../src/normalize/index.js'
import { Channel } from '../../src/normalize/channel/model.js'
import { channelCandidates, lexiconOf, rankOf, type Candidate } from '../../src/normalize/channel/candidates.js'

// The candidate search stops early when the caller keeps only the best few words by rank: the words it
// leaves out must be words that could not have made that list. Tokens of garbled OCR and legacy-font
// text (002_confusions.md, seed 003's glyphs), plain words and glued runs, under the prior channel of a
// heavily garbled document.
const lm = loadLanguageModel()
const lex = lexiconOf(lm)
const channel = new Channel({ pDrop: 0.98, pWrong: 0.1, garble: 1 })
const TOKENS = ['th\\l\'c', 'dqng', 'clla', 's6', 'k€', 'ho~ch', 'nguai', 'phc1n', 'cong', 'xii', 'b61~i', 'tluq\'ngva', 'nhiém', 'thuong']
const best = (cands: Candidate[], keep: number) =>
  [...cands].sort((a, b) => rankOf(lex, a) - rankOf(lex, b) || (a.word < b.word ? -1 : 1)).slice(0, keep).map((c) => `${c.word} ${c.cost}`)

describe('channel candidate search', () => {
  it.each([3, 12])('gives the same best %i words by rank when told to keep only them', (keep) => {
    let stoppedEarly = 0
    for (const token of TOKENS) {
      const full = channelCandidates(lex, channel, token, 40, 9)
      const kept = channelCandidates(lex, channel, token, 40, 9, keep)
      expect(best(kept, keep), token).toEqual(best(full, keep))
      if (kept.length < full.length) stoppedEarly++
    }
    expect(stoppedEarly).toBeGreaterThan(0) // the early stop was exercised
  })

  it('gives up (null) only when no word costs at most the cap, and otherwise the same words', () => {
    let gaveUp = 0, kept = 0
    for (const token of TOKENS)
      for (const keep of [3, 12]) {
        const full = channelCandidates(lex, channel, token, 12, 6, keep)
        const least = Math.min(...full.map((c) => c.cost))
        for (const cap of [least - 1, least - 1e-6, least, least + 2]) {
          const capped = channelCandidates(lex, channel, token, 12, 6, keep, cap)
          if (cap < least) {
            expect(capped, `${token} ${cap}`).toBeNull()
            gaveUp++
          } else {
            expect(capped?.map((c) => `${c.word} ${c.cost}`).sort(), `${token} ${cap}`).toEqual(full.map((c) => `${c.word} ${c.cost}`).sort())
            kept++
          }
        }
      }
    expect(gaveUp).toBeGreaterThan(0)
    expect(kept).toBeGreaterThan(0)
  })

  it('returns every word as cheap as the last one at the cap, whatever order equal costs come out in', () => {
    let checked = 0
    for (const token of TOKENS) {
      const capped = channelCandidates(lex, channel, token, 10, 9)
      if (capped.length < 10) continue
      checked++
      const last = Math.max(...capped.map((c) => c.cost))
      const wide = channelCandidates(lex, channel, token, 400, 9).filter((c) => c.cost <= last)
      expect(capped.map((c) => c.word).sort(), token).toEqual(wide.map((c) => c.word).sort())
    }
    expect(checked).toBeGreaterThan(0)
  })

  it('finds the intended syllable among the readings of garbled glyphs', () => {
    const words = (t: string) => channelCandidates(lex, channel, t).map((c) => c.word)
    expect(words('th\\l\'c')).toContain('thực')
    expect(words('dqng')).toContain('động')
    expect(words('phc1n')).toContain('phấn')
  })
})

// A marked vowel broken into two thin upright glyphs (ã → ii, ù → il) is read by the generic layer, after
// an onset and only as a whole run of such glyphs.
describe('two thin glyphs read as one vowel', () => {
  const words = (token: string) => channelCandidates(lex, channel, token, 40, 9).map((c) => c.word)
  it('reads a whole run after the onset as a vowel', () => {
    expect(words('xil')).toContain('xã')
    expect(words('phil')).toContain('phù')
  })
  it('does not read part of a longer run, nor a run that starts the word, that way', () => {
    const generic = (token: string, word: string) => channelCandidates(lex, channel, token, 400, 14).find((c) => c.word === word)?.cost
    expect(generic('ngili', 'ngôi') ?? Infinity).toBeGreaterThan(9)
    expect(generic('iln', 'ăn') ?? Infinity).toBeGreaterThan(9)
  })
})

// A letter Vietnamese never writes (f, j, q, z) inside a garbled word stands for a vowel, as a symbol does.
describe('letters Vietnamese never writes', () => {
  const cost = (token: string, word: string) => channelCandidates(lex, channel, token, 400, 14).find((c) => c.word === word)?.cost ?? Infinity
  it('are read as a vowel inside a word', () => {
    expect(cost('tuqng', 'tượng')).toBeLessThan(9)
  })
  it('are not read as a vowel at a word start (a list item f), a code)', () => {
    expect(cost('f', 'ở')).toBe(Infinity)
  })
})
