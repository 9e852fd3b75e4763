// A cache language model of one document: the words and word pairs its own first reading settled with
// high confidence. A plan repeats its names and phrases (Hội Chữ thập đỏ, Trung ương Hội, giảm nghèo
// bền vững) dozens of times; where one occurrence is garbled beyond what the channel and the corpus
// model can settle (thập dé: để or đỏ?), the same phrase read cleanly elsewhere in the document decides.
import { hash, type LanguageModel } from '../lm/model.js'

/** Decisions of a first reading, per line, in reading order: the word chosen and how sure the decoder was. */
export type Reading = { to: string; confidence: number; verbatim?: boolean }[][]

// bonus in nats: for the word at most UNIGRAM_WEIGHT·ln(1 + count) (see wordBonuses), BIGRAM_WEIGHT·ln(1 + count)
// for the pair
const UNIGRAM_WEIGHT = 0.5
const BIGRAM_WEIGHT = 1.5
/** only decisions at least this sure are remembered */
const MIN_CONFIDENCE = 0.9

export class DocumentCache {
  /** the bonus of each sure word, by id (NO_BONUS: never sure); an array, as the decoder reads it per candidate */
  private readonly uni: Float64Array
  /**
   * the bonus of each sure pair in an open-addressing table, as the decoder asks it per beam state and
   * candidate: slot → (first word, next word) as key + 1 (0: empty) and the bonus
   */
  private readonly pairKey: Float64Array
  private readonly pairValue: Float64Array
  private readonly pairMask: number
  /** the words read surely after each word, and before it, at least MIN_NEIGHBOUR_COUNT times (thập → đỏ) */
  private readonly followers: Map<number, number[]>
  private readonly predecessors: Map<number, number[]>

  constructor(lm: LanguageModel, reading: Reading) {
    // (the loops live in the functions below: this runs twice per document, and with them it was a large
    // unit for the JIT compiler)
    const { uni, pairs } = sureCounts(lm, reading)
    this.uni = wordBonuses(lm, uni)
    this.followers = neighboursOf(pairs, AFTER)
    this.predecessors = neighboursOf(pairs, BEFORE)
    let size = 1
    while (size < pairs.size * 2) size <<= 1
    this.pairKey = new Float64Array(size)
    this.pairValue = new Float64Array(size)
    this.pairMask = size - 1
    fillPairs(pairs, this.pairKey, this.pairValue)
  }

  /** The word's own bonus, or undefined when the first reading was never sure of it (then no bonus at all). */
  unigramBonus(id: number): number | undefined {
    const b = this.uni[id]
    return b === NO_BONUS ? undefined : b
  }

  /** The words the first reading surely read after this one, again and again (none: undefined). */
  followersOf(prev: number): readonly number[] | undefined {
    return this.followers.get(prev)
  }

  /** The words the first reading surely read before this one, again and again (none: undefined). */
  predecessorsOf(next: number): readonly number[] | undefined {
    return this.predecessors.get(next)
  }

  /** The bonus of the pair (prev, id), 0 when the first reading was never sure of it; it counts on top of id's own. */
  pairBonus(prev: number, id: number): number {
    const key = prev * 65536 + id + 1
    const keys = this.pairKey, mask = this.pairMask
    for (let h = hash(key - 1) & mask; ; h = (h + 1) & mask) {
      const k = keys[h]
      if (k === key) return this.pairValue[h]
      if (k === 0) return 0
    }
  }
}

const NO_BONUS = -1

/** How often each word, and each pair of words in a row, was read with confidence (pair key: first · 65536 + next). */
function sureCounts(lm: LanguageModel, reading: Reading): { uni: Map<number, number>; pairs: Map<number, number> } {
  const uni = new Map<number, number>()
  const pairs = new Map<number, number>()
  for (const line of reading) {
    let prev = -1
    for (const d of line) {
      if (d.verbatim) continue
      // its words (two for a glued reading) one by one, without a list of them
      const to = d.to.toLowerCase()
      for (let from = 0; from <= to.length; ) {
        let end = to.indexOf(' ', from)
        if (end < 0) end = to.length
        const w = to.slice(from, end)
        const id = lm.has(w) ? lm.idOf(w) : -1
        const sure = d.confidence >= MIN_CONFIDENCE && id >= 0
        if (sure) uni.set(id, (uni.get(id) ?? 0) + 1)
        if (sure && prev >= 0) pairs.set(prev * 65536 + id, (pairs.get(prev * 65536 + id) ?? 0) + 1)
        prev = sure ? id : -1
        from = end + 1
      }
    }
  }
  return { uni, pairs }
}

/**
 * Each sure word's bonus by id (NO_BONUS for the others): what the document's use of it says beyond the
 * corpus model, the log-ratio of its share of the sure words to the model's unigram probability (Hội, Chữ
 * thập đỏ in a Red Cross plan), at most the count bonus. A function word used at its usual rate (và) earns
 * none, so its sheer frequency no longer pulls ambiguous tokens to it (vé: về, not và).
 */
function wordBonuses(lm: LanguageModel, uni: Map<number, number>): Float64Array {
  let total = 0
  for (const n of uni.values()) total += n
  const out = new Float64Array(lm.size).fill(NO_BONUS)
  for (const [id, n] of uni) out[id] = Math.min(UNIGRAM_WEIGHT * Math.log1p(n), Math.max(0, Math.log(n / total) - lm.unigram(id)))
  return out
}

// a pair read surely this often makes its second word a candidate after the first, and the first before
// the second (followersOf, predecessorsOf)
const MIN_NEIGHBOUR_COUNT = 2
const AFTER = 0
const BEFORE = 1

/** For each word of the pairs read often enough, the words read after it (AFTER) or before it (BEFORE). */
function neighboursOf(pairs: Map<number, number>, side: typeof AFTER | typeof BEFORE): Map<number, number[]> {
  const out = new Map<number, number[]>()
  for (const [key, n] of pairs) {
    if (n < MIN_NEIGHBOUR_COUNT) continue
    const first = Math.floor(key / 65536), second = key - first * 65536
    const word = side === AFTER ? first : second
    let list = out.get(word)
    if (!list) out.set(word, (list = []))
    list.push(side === AFTER ? second : first)
  }
  return out
}

/** Puts each pair's bonus into the open-addressing table (keys + 1, 0 = empty; size a power of two; the model's bigram hash). */
function fillPairs(pairs: Map<number, number>, keys: Float64Array, values: Float64Array): void {
  const mask = keys.length - 1
  for (const [key, n] of pairs) {
    let h = hash(key) & mask
    while (keys[h] !== 0) h = (h + 1) & mask
    keys[h] = key + 1
    values[h] = BIGRAM_WEIGHT * Math.log1p(n)
  }
}
