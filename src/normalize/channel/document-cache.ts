// A cache language model of one document: the words and word pairs its own first reading settled with
// high confidence. A plan repeats its names and phrases (Hội Chữ thập đỏ, Trung ương Hội, giảm nghèo
// bền vững) dozens of times; where one occurrence is garbled beyond what the channel and the corpus
// model can settle (thập dé: để or đỏ?), the same phrase read cleanly elsewhere in the document decides.
import type { LanguageModel } from '../lm/model.js'

/** Decisions of a first reading, per line, in reading order: the word chosen and how sure the decoder was. */
export type Reading = { to: string; confidence: number; verbatim?: boolean }[][]

// bonus in nats: for the word at most UNIGRAM_WEIGHT·ln(1 + count) (see the constructor), BIGRAM_WEIGHT·ln(1 + count)
// for the pair
const UNIGRAM_WEIGHT = 0.5
const BIGRAM_WEIGHT = 1.5
/** only decisions at least this sure are remembered */
const MIN_CONFIDENCE = 0.9

export class DocumentCache {
  /** the bonus of each sure word (weight · ln(1 + count)) */
  private readonly uni = new Map<number, number>()
  /** the bonus of each sure pair, by first word: word → (next word → bonus) */
  private readonly after = new Map<number, Map<number, number>>()

  constructor(lm: LanguageModel, reading: Reading) {
    const pairs = new Map<number, number>()
    for (const line of reading) {
      let prev = -1
      for (const d of line) {
        if (d.verbatim) continue
        const ids = d.to.toLowerCase().split(' ').map((w) => (lm.has(w) ? lm.idOf(w) : -1))
        for (const id of ids) {
          const sure = d.confidence >= MIN_CONFIDENCE && id >= 0
          if (sure) this.uni.set(id, (this.uni.get(id) ?? 0) + 1)
          if (sure && prev >= 0) pairs.set(prev * 65536 + id, (pairs.get(prev * 65536 + id) ?? 0) + 1)
          prev = sure ? id : -1
        }
      }
    }
    // a word's bonus is what the document's use of it says beyond the corpus model: the log-ratio of its
    // share of the sure words to the model's unigram probability (Hội, Chữ thập đỏ in a Red Cross plan), at
    // most the count bonus. A function word used at its usual rate (và) earns none, so its sheer frequency
    // no longer pulls ambiguous tokens to it (vé: về, not và)
    let total = 0
    for (const n of this.uni.values()) total += n
    for (const [id, n] of this.uni) this.uni.set(id, Math.min(UNIGRAM_WEIGHT * Math.log1p(n), Math.max(0, Math.log(n / total) - lm.unigram(id))))
    for (const [key, n] of pairs) {
      const prev = Math.floor(key / 65536)
      let m = this.after.get(prev)
      if (!m) this.after.set(prev, (m = new Map()))
      m.set(key - prev * 65536, BIGRAM_WEIGHT * Math.log1p(n))
    }
  }

  /** The word's own bonus, or undefined when the first reading was never sure of it (then no bonus at all). */
  unigramBonus(id: number): number | undefined {
    return this.uni.get(id)
  }

  /** The pair bonuses of the words after prev (undefined: none); a pair counts on top of its word's bonus. */
  pairsAfter(prev: number): Map<number, number> | undefined {
    return this.after.get(prev)
  }
}
