// The noisy channel P(observed | intended): cost (−log P, nats) of an intended Vietnamese letter (or
// letter pair such as ươ) being written as an observed string. Three layers, cheapest wins:
//  1. marks: a letter kept, its marks dropped, partly dropped or wrong — rates estimated per document;
//  2. glyphs: the cited confusion table, replaced by rates re-learned from the document (adapt.ts);
//  3. a generic prior (any symbol may stand for a vowel, any mark may be lost) so that an OCR engine
//     we have not seen still gets candidates.
import { memoised } from '../memo.js'
import { stripDiacritics } from '../syllable.js'
import { CHEAP_INSERTIONS, GLYPH_CONFUSIONS } from './glyph-confusions.js'

export type ChannelParams = {
  /** probability that a marked letter lost all its marks */
  pDrop: number
  /** probability that a marked letter shows another mark of the same base */
  pWrong: number
  /** 0 = text uses only real letters; 1 = heavy glyph garbage: enables the generic prior */
  garble: number
}

const isVowel = (ch: string) => factsOf(ch).vowel
const baseOf = (ch: string) => factsOf(ch).toneless
/** A letter (or observed string) read once: without marks, without tone, without hat/horn/breve, a vowel or not. */
type Facts = { bare: string; toneless: string; hatless: string; vowel: boolean }
const facts = new Map<string, Facts>()
function factsOf(ch: string): Facts {
  let f = facts.get(ch)
  if (f === undefined) {
    const bare = stripDiacritics(ch)
    f = {
      bare,
      toneless: ch.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/gu, '').normalize('NFC'),
      hatless: ch.normalize('NFD').replace(/[\u0302\u0306\u031b]/gu, '').normalize('NFC'),
      vowel: /[aăâeêioôơuưy]/.test(bare.toLowerCase()) || /[ăâêôơư]/.test(ch),
    }
    if (facts.size < 10_000) facts.set(ch, f)
  }
  return f
}
const SYMBOL = /^[^\p{L}]$/u
// letters Vietnamese never writes (q only before u, which a real qu- reads letter for letter anyway): inside
// a garbled word such a letter stands for something else, as a symbol does (tuqng = tượng, vfrng = vững);
// not at a word's start, where it is more often a letter of a list item (f), a code or a foreign word
const FOREIGN = /^[fjqz]$/
// A marked vowel the OCR broke into two thin upright glyphs (ủ → ll, ù → il, ã → ii): no symbol tells it
// from letters, so such a run is a vowel only in the generic layer and dearer than a run holding a symbol.
const STROKE_RUN = /^[il1|!]{2}$/
const STROKE_RUN_COST = 8
/** Whether o is two thin upright glyphs (ii, il, l1…), which the generic layer may read as one vowel. */
export const isStrokeRun = (o: string) => STROKE_RUN.test(o)

/** The key of a parameter set, for the caches a process keeps per set (memo.ts perParameterSet). */
export const paramsKey = (p: ChannelParams): string => `${p.pDrop}|${p.pWrong}|${p.garble}`

export class Channel {
  readonly params: ChannelParams
  /** gold → (observed → cost) from the glyph table or from adaptation */
  private readonly table = new Map<string, Map<string, number>>()
  /** observed → gold units with a table entry (inverted index used by the candidate search) */
  readonly byObserved = new Map<string, Set<string>>()
  /** first letters of multi-letter gold units (ươ…) */
  readonly pairStarts = new Set<string>()
  /** cost by gold unit, then observed string; [inside a word, at a word start] */
  private readonly memo = [new Map<string, Map<string, number>>(), new Map<string, Map<string, number>>()]
  readonly adapted: boolean
  /** made from its parameters and the cited table alone (no entries given): equal parameters, equal channel */
  readonly standard: boolean

  /** the mark layer's costs of a marked letter: kept, all marks dropped, partly dropped, a wrong mark */
  private readonly marks: { kept: number; dropped: number; partial: number; wrong: number }

  constructor(params: ChannelParams, entries?: Iterable<[string, string, number]>, adapted = false) {
    this.params = params
    this.standard = entries === undefined && !adapted
    const { pDrop, pWrong } = params
    this.marks = {
      kept: -Math.log(Math.max(1e-4, 1 - pDrop - pWrong)),
      dropped: -Math.log(pDrop),
      partial: -Math.log(pDrop * 0.3 + pWrong),
      wrong: -Math.log(pWrong / 6),
    }
    this.adapted = adapted
    for (const [gold, obs, cost] of entries ?? defaultEntries()) this.set(gold, obs, cost)
  }

  private set(gold: string, obs: string, cost: number): void {
    let m = this.table.get(gold)
    if (!m) this.table.set(gold, (m = new Map()))
    m.set(obs, Math.min(cost, m.get(obs) ?? Infinity))
    let s = this.byObserved.get(obs)
    if (!s) this.byObserved.set(obs, (s = new Set()))
    s.add(gold)
    if (gold.length > 1) this.pairStarts.add(gold[0])
  }

  /** Whether gold unit g has entries in the table (its only reading when it has two letters or more). */
  hasEntries(g: string): boolean {
    return this.table.has(g)
  }

  /** Entries of the table, for adaptation and inspection. */
  *entries(): Generator<[string, string, number]> {
    for (const [g, m] of this.table) for (const [o, c] of m) yield [g, o, c]
  }

  /** Cost of gold unit g written as observed string o ('' = letter lost). */
  cost(g: string, o: string, wordStart: boolean): number {
    const memo = this.memo[wordStart ? 1 : 0]
    let byObs = memo.get(g)
    if (!byObs) memo.set(g, (byObs = new Map()))
    let c = byObs.get(o)
    if (c === undefined) byObs.set(o, (c = this.compute(g, o, wordStart)))
    return c
  }

  /**
   * The cost of every letter of alphabet written as o, by the letter's index in alphabet (Infinity: it
   * cannot be); null when no letter can. Memoised: the candidate search asks this for each observed piece.
   */
  costsFor(o: string, wordStart: boolean, alphabet: readonly string[]): Float64Array | null {
    const key = o + (wordStart ? '^' : '')
    let m = this.optionMemo.get(key)
    if (m === undefined) {
      // compute() letter by letter, with what depends on o alone worked out once: the mark and generic
      // layers per letter, then the table's entries for o (its few gold letters) where they are cheaper
      // (the mark layer's case of each letter, and which letters are vowels, depend on o and the alphabet
      // alone: worked out once for the process, every channel prices them with its own rates)
      const costs = new Float64Array(alphabet.length)
      const generic = this.params.garble > 0 ? this.genericCosts(o, wordStart) : null
      const cases = markCasesOf(o, alphabet), vowels = vowelsOf(alphabet)
      const byCase = this.caseCosts
      for (let i = 0; i < alphabet.length; i++) {
        let best = byCase[cases[i]]
        if (generic) best = Math.min(best, cases[i] === NOT_ONE_LETTER ? Infinity : vowels[i] ? generic.vowel : generic.consonant)
        costs[i] = best
      }
      const index = indexOf(alphabet)
      for (const g of this.byObserved.get(o) ?? []) {
        const i = index.get(g)
        if (i === undefined || (g === 'đ' && (o === 'p' || o === 'b') && !wordStart)) continue
        costs[i] = Math.min(costs[i], this.table.get(g)!.get(o)!)
      }
      let any = false
      for (let i = 0; i < costs.length; i++) if (costs[i] < Infinity) any = true
      this.optionMemo.set(key, (m = any ? costs : null))
    }
    return m
  }
  private readonly optionMemo = new Map<string, Float64Array | null>()

  /** How many observed pieces have their letter costs memoised (costsFor). */
  get memoised(): number {
    return this.optionMemo.size
  }

  /** Cost of an observed character with no intended letter behind it. */
  insertion(o: string): number {
    if (CHEAP_INSERTIONS.includes(o)) return 2 + 4 * (1 - this.params.garble)
    return 9
  }

  private compute(g: string, o: string, wordStart: boolean): number {
    let best = this.table.get(g)?.get(o) ?? Infinity
    if ((g === 'đ' && (o === 'p' || o === 'b')) && !wordStart) best = Infinity // Đ→P/B only starts a word
    if (g.length === 1) best = Math.min(best, this.markCost(g, o))
    if (this.params.garble > 0) best = Math.min(best, this.genericCost(g, o, wordStart))
    return best
  }

  private markCost(g: string, o: string): number {
    return this.caseCosts[markCase(g, o)]
  }

  /** The mark layer's cost of each case (MarkCase) under this channel's rates. */
  private get caseCosts(): Float64Array {
    const m = this.marks
    return (this.caseCostMemo ??= Float64Array.of(0.005, m.kept, Infinity, m.dropped, m.partial, m.wrong, Infinity))
  }
  private caseCostMemo: Float64Array | undefined

  private genericCost(g: string, o: string, wordStart: boolean): number {
    if (g.length !== 1) return Infinity
    const c = this.genericCosts(o, wordStart)
    return isVowel(g) ? c.vowel : c.consonant
  }

  /** The generic layer for observed o: the cost of a vowel and of a consonant written as o. */
  private genericCosts(o: string, wordStart: boolean): { vowel: number; consonant: number } {
    // (asked for every gold unit an observed piece is aligned or priced against: worked out once per piece)
    const memo = this.genericMemo[wordStart ? 1 : 0]
    let c = memo.get(o)
    if (!c) memo.set(o, (c = this.computeGeneric(o, wordStart)))
    return c
  }
  private readonly genericMemo = [new Map<string, { vowel: number; consonant: number }>(), new Map<string, { vowel: number; consonant: number }>()]

  private computeGeneric(o: string, wordStart: boolean): { vowel: number; consonant: number } {
    const w = 1 - this.params.garble // less garbled text: generic confusions cost more
    const consonant = o === '' ? 9 + 4 * w : Infinity
    if (o === '') return { vowel: 6.5 + 4 * w, consonant }
    if (o.length === 1 && (SYMBOL.test(o) || (!wordStart && FOREIGN.test(o)))) return { vowel: 6 + 4 * w, consonant }
    if (o.length === 1 && isVowel(o)) return { vowel: 7 + 4 * w, consonant }
    if (o.length === 2 && [...o].some((x) => SYMBOL.test(x))) return { vowel: 7 + 4 * w, consonant }
    if (o.length === 3 && [...o].some((x) => SYMBOL.test(x))) return { vowel: 8 + 4 * w, consonant }
    if (isStrokeRun(o)) return { vowel: STROKE_RUN_COST + 4 * w, consonant }
    return { vowel: Infinity, consonant }
  }
}

// How the mark layer reads gold letter g written as o (markCase): the same letter, unmarked or marked; no
// mark-layer reading; marks all dropped; partly dropped (tone or hat/horn/breve kept); a wrong mark; g not
// one letter (no mark-layer reading either, and no generic one)
const SAME_PLAIN = 0, SAME_MARKED = 1, NO_READING = 2, DROPPED = 3, PARTIAL = 4, WRONG = 5, NOT_ONE_LETTER = 6
function markCase(g: string, o: string): number {
  if (g.length !== 1) return NOT_ONE_LETTER
  const fg = factsOf(g)
  const marked = g !== fg.bare
  if (o === g) return marked ? SAME_MARKED : SAME_PLAIN
  if (o.length !== 1 || !marked) return NO_READING
  if (factsOf(o).bare !== fg.bare) return NO_READING
  if (o === fg.bare) return DROPPED
  // one of tone / hat-horn-breve kept: a partial drop, about as likely as a wrong mark
  if (o === fg.toneless || o === fg.hatless) return PARTIAL
  return WRONG
}

const markCases = new WeakMap<readonly string[], Map<string, Uint8Array>>()
/** markCase of every letter of alphabet written as o (memoised per alphabet and o, a bounded number of o). */
function markCasesOf(o: string, alphabet: readonly string[]): Uint8Array {
  let byObserved = markCases.get(alphabet)
  if (!byObserved) markCases.set(alphabet, (byObserved = new Map()))
  return memoised(byObserved, o, () => Uint8Array.from(alphabet, (g) => markCase(g, o)))
}

const vowelMasks = new WeakMap<readonly string[], Uint8Array>()
/** 1 for each vowel of alphabet (made once per alphabet). */
function vowelsOf(alphabet: readonly string[]): Uint8Array {
  let m = vowelMasks.get(alphabet)
  if (!m) vowelMasks.set(alphabet, (m = Uint8Array.from(alphabet, (g) => (isVowel(g) ? 1 : 0))))
  return m
}

const alphabetIndex = new WeakMap<readonly string[], Map<string, number>>()
/** A letter's place in alphabet (made once per alphabet). */
function indexOf(alphabet: readonly string[]): Map<string, number> {
  let m = alphabetIndex.get(alphabet)
  if (!m) alphabetIndex.set(alphabet, (m = new Map(alphabet.map((g, i) => [g, i]))))
  return m
}

function* defaultEntries(): Generator<[string, string, number]> {
  for (const [obs, golds, cost] of GLYPH_CONFUSIONS) for (const g of golds) yield [g, obs, cost]
}

export { isVowel, baseOf }
