// A cache language model of one document: the words and word pairs its own first reading settled with
// high confidence. A plan repeats its names and phrases (Hội Chữ thập đỏ, Trung ương Hội, giảm nghèo
// bền vững) dozens of times; where one occurrence is garbled beyond what the channel and the corpus
// model can settle (thập dé: để or đỏ?), the same phrase read cleanly elsewhere in the document decides.
import type { LanguageModel } from '../lm/model.js'

/** Decisions of a first reading, per line, in reading order: the word chosen and how sure the decoder was. */
export type Reading = { to: string; confidence: number; verbatim?: boolean }[][]

// bonus in nats: UNIGRAM_WEIGHT·ln(1 + count) for the word, BIGRAM_WEIGHT·ln(1 + count) for the pair
const UNIGRAM_WEIGHT = 0.5
const BIGRAM_WEIGHT = 1.5
/** only decisions at least this sure are remembered */
const MIN_CONFIDENCE = 0.9

export class DocumentCache {
  /** counts while reading, then the bonus of each word and pair (weight · ln(1 + count)) */
  private readonly uni = new Map<number, number>()
  private readonly bi = new Map<number, number>()

  constructor(lm: LanguageModel, reading: Reading) {
    for (const line of reading) {
      let prev = -1
      for (const d of line) {
        if (d.verbatim) continue
        const ids = d.to.toLowerCase().split(' ').map((w) => (lm.has(w) ? lm.idOf(w) : -1))
        for (const id of ids) {
          const sure = d.confidence >= MIN_CONFIDENCE && id >= 0
          if (sure) this.uni.set(id, (this.uni.get(id) ?? 0) + 1)
          if (sure && prev >= 0) this.bi.set(prev * 65536 + id, (this.bi.get(prev * 65536 + id) ?? 0) + 1)
          prev = sure ? id : -1
        }
      }
    }
    for (const [id, n] of this.uni) this.uni.set(id, UNIGRAM_WEIGHT * Math.log1p(n))
    for (const [key, n] of this.bi) this.bi.set(key, BIGRAM_WEIGHT * Math.log1p(n))
  }

  /** Log-bonus of word id after word prev (prev < 0: none known). */
  bonus(prev: number, id: number): number {
    const u = this.uni.get(id)
    if (u === undefined) return 0
    const b = prev >= 0 ? this.bi.get(prev * 65536 + id) : undefined
    return u + (b === undefined ? 0 : b)
  }
}
