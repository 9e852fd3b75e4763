// Scoring with the syllable trigram model (natural-log probabilities, backoff form) and its loader.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readModel, type ModelTables } from './format.js'
import { lmForm } from './tokenize.js'

export const UNK_ID = 0
export const BOS_ID = 1
export const EOS_ID = 2
export const NUM_ID = 3

export class LanguageModel {
  readonly version: string
  readonly vocab: string[]
  readonly meta: Record<string, unknown>
  private readonly ids: Map<string, number>
  private readonly t: ModelTables

  /** open-addressing hash of the bigram level: key (b << 16 | c) + 1 → index + 1 (0 = empty) */
  private readonly biTable: Int32Array // [key + 1, index] pairs: one cache line per probe
  private readonly biMask: number
  /** open-addressing hash of the trigram level: slot → trigram index + 1 (0 = empty); a hit is checked
   * against the row range of its context bigram and the stored word, so the table holds no keys */
  private readonly triSlots: Int32Array
  private readonly triMask: number

  /**
   * Whether every trigram's last two words are a bigram of the model: the build keeps a bigram whose count
   * (the sum of its trigrams' counts) reaches minBigramCount, and a trigram whose count reaches
   * minTrigramCount, so this holds when the first is at most the second.
   */
  private readonly suffixBigrams: boolean

  constructor(tables: ModelTables & { version: string }) {
    this.t = tables
    this.version = tables.version
    this.vocab = tables.vocab
    this.meta = tables.meta
    const { minBigramCount, minTrigramCount } = tables.meta
    this.suffixBigrams = typeof minBigramCount === 'number' && typeof minTrigramCount === 'number' && minBigramCount <= minTrigramCount
    this.ids = new Map(tables.vocab.map((w, i) => [w, i]))
    // the decoder asks p(c|b) for every candidate after a trigram miss: one probe instead of a binary
    // search over b's row (rows of frequent words hold thousands of entries). Built at load, ≈ 10–30 ms.
    const n = tables.biWord.length
    let size = 1
    while (size < n * 2) size <<= 1
    this.biTable = new Int32Array(size * 2)
    this.biMask = size - 1
    const V = tables.biStart.length - 1
    for (let b = 0; b < V; b++)
      for (let j = tables.biStart[b]; j < tables.biStart[b + 1]; j++) {
        const key = ((b << 16) | tables.biWord[j]) >>> 0
        let h = hash(key) & this.biMask
        while (this.biTable[2 * h] !== 0) h = (h + 1) & this.biMask
        this.biTable[2 * h] = (key + 1) | 0
        this.biTable[2 * h + 1] = j
      }
    // the same for the trigram level: p(c|a b) for 8 beam states × 12 candidates per slot was a binary
    // search over the context's row (rows of frequent contexts hold thousands of words). ≈ 20–40 ms at load,
    // only rows longer than SHORT_ROW (0.5 M trigrams: 4 MB)
    const B = tables.triStart.length - 1
    const triStart = tables.triStart, triWord = tables.triWord
    let nt = 0
    for (let ab = 0; ab < B; ab++) if (triStart[ab + 1] - triStart[ab] > SHORT_ROW) nt += triStart[ab + 1] - triStart[ab]
    let tsize = 1
    while (tsize < nt * 2) tsize <<= 1
    this.triSlots = new Int32Array(tsize)
    this.triMask = tsize - 1
    const slots = this.triSlots, mask = this.triMask
    for (let ab = 0; ab < B; ab++) {
      if (triStart[ab + 1] - triStart[ab] <= SHORT_ROW) continue
      for (let j = triStart[ab], end = triStart[ab + 1]; j < end; j++) {
        let h = triHash(ab, triWord[j]) & mask
        while (slots[h] !== 0) h = (h + 1) & mask
        slots[h] = j + 1
      }
    }
  }

  /**
   * Index of trigram (context bigram ab, word c) in the trigram arrays, or -1. A short row (most of them:
   * ≤ SHORT_ROW words, one or two cache lines) is searched in place; a long one through the hash.
   */
  private trigramAt(ab: number, c: number): number {
    const t = this.t
    let lo = t.triStart[ab], hi = t.triStart[ab + 1]
    if (hi - lo <= SHORT_ROW) return searchRow(t.triWord, lo, hi - 1, c)
    const slots = this.triSlots, mask = this.triMask
    let h = triHash(ab, c) & mask
    for (;;) {
      const v = slots[h]
      if (v === 0) return -1
      const k = v - 1
      if (k >= lo && k < hi && t.triWord[k] === c) return k
      h = (h + 1) & mask
    }
  }

  /** Index of bigram (b, c) in the bigram arrays, or -1. */
  private bigramAt(b: number, c: number): number {
    const key = ((b << 16) | c) >>> 0
    const want = (key + 1) | 0
    const table = this.biTable, mask = this.biMask
    let h = hash(key) & mask
    for (;;) {
      const k = table[2 * h]
      if (k === want) return table[2 * h + 1]
      if (k === 0) return -1
      h = (h + 1) & mask
    }
  }

  get size(): number {
    return this.vocab.length
  }

  /** Id of a word in model form (see lmForm); 0 (<unk>) when unknown. */
  idOf(word: string): number {
    return this.ids.get(word) ?? this.ids.get(lmForm(word)) ?? UNK_ID
  }

  has(word: string): boolean {
    return this.ids.has(word)
  }

  /** log p(w) from the unigram level (continuation-based, so it reflects how many contexts use w). */
  unigram(w: number): number {
    return this.t.uniLogp[w]
  }

  /**
   * log p(c | a b) for every c of `cs` into `out` (the decoder's inner loop): the context row (a,b) is
   * found once, and each c is a search inside that row or, on backoff, inside b's bigram row.
   */
  scoreAll(a: number, b: number, cs: Int32Array | number[], n: number, out: Float64Array): void {
    this.backoffRow(b, cs, n, out)
    this.scoreAllWith(a, b, cs, n, out, 0, out)
  }

  /**
   * The bigram part of p(c | · b) for every c of `cs`: log p(c|b) where the bigram exists, else
   * log bow(b) + log p(c). Beam states that share their last word b share this row. `found`, when
   * given, gets at the same places 1 where the bigram (b, c) exists, 0 where it does not.
   */
  backoffRow(b: number, cs: Int32Array | number[], n: number, out: Float64Array, at = 0, found?: Uint8Array): void {
    const t = this.t
    const ub = t.uniBow[b]
    // b's row, when short, is searched in place: the n look-ups then share its few cache lines (at most 8
    // for SHORT_BIGRAM_ROW words of 2 bytes), where each probe of the hash is a miss of its own in a large
    // table (n ≈ 12 candidates)
    const lo = t.biStart[b], last = t.biStart[b + 1] - 1
    const inRow = last - lo < SHORT_BIGRAM_ROW
    for (let i = 0; i < n; i++) {
      const c = cs[i]
      const j = inRow ? searchRow(t.biWord, lo, last, c) : this.bigramAt(b, c)
      out[at + i] = j >= 0 ? t.biLogpBook[t.biLogp[j]] : ub + t.uniLogp[c]
      if (found) found[at + i] = j >= 0 ? 1 : 0
    }
  }

  /**
   * log p(c | a b) for every c of `cs` into `out`, given b's backoffRow at `back[at…]`. With that row's
   * `found` marks, a word with no bigram (b, c) is not looked for among the trigrams of (a, b): in a model
   * that keeps every kept trigram's last two words as a bigram it cannot be there (most of a garbled
   * token's readings follow b in no bigram).
   */
  scoreAllWith(a: number, b: number, cs: Int32Array | number[], n: number, back: Float64Array, at: number, out: Float64Array, found?: Uint8Array): void {
    const t = this.t
    const ab = this.bigramAt(a, b)
    if (ab < 0) {
      if (back !== out || at !== 0) for (let i = 0; i < n; i++) out[i] = back[at + i]
      return
    }
    const bow = t.biBowBook[t.biBow[ab]]
    const rowLen = t.triStart[ab + 1] - t.triStart[ab]
    const skip = found !== undefined && this.suffixBigrams
    for (let i = 0; i < n; i++) {
      const k = rowLen > 0 && !(skip && found[at + i] === 0) ? this.trigramAt(ab, cs[i]) : -1
      out[i] = k >= 0 ? t.triLogpBook[t.triLogp[k]] : bow + back[at + i]
    }
  }

  /** Whether the model has a 4-gram level. */
  get hasFourgrams(): boolean {
    return !!this.t.fourStart
  }

  /** Index of trigram (a, b, c) in the trigram arrays, or -1. */
  trigramIndexOf(a: number, b: number, c: number): number {
    const ab = this.bigramAt(a, b)
    return ab >= 0 ? this.trigramAt(ab, c) : -1
  }

  /**
   * The 4-gram level over scores `out` from scoreAllWith(a, b, …): where (x a b) heads 4-grams, a listed
   * word gets log p(d | x a b), any other word the trigram score plus log γ(x a b). No-op without 4-grams.
   */
  applyFourgrams(x: number, a: number, b: number, cs: Int32Array | number[], n: number, out: Float64Array): void {
    const t = this.t
    if (!t.fourStart) return
    const k = this.trigramIndexOf(x, a, b)
    if (k < 0) return
    const lo0 = t.fourStart[k], hi0 = t.fourStart[k + 1] - 1
    if (hi0 < lo0) return
    const words = t.fourWord!, logp = t.fourLogp!, book = t.fourLogpBook!
    const bow = t.triBowBook![t.triBow![k]]
    for (let i = 0; i < n; i++) {
      const c = cs[i]
      let lo = lo0, hi = hi0, hit = -1
      while (lo <= hi) {
        const m = (lo + hi) >>> 1, v = words[m]
        if (v < c) lo = m + 1
        else if (v > c) hi = m - 1
        else {
          hit = m
          break
        }
      }
      out[i] = hit >= 0 ? book[logp[hit]] : out[i] + bow
    }
  }

  /** log p(c | a b) with backoff; a, b, c are ids. */
  logProb(a: number, b: number, c: number): number {
    const t = this.t
    const ab = this.bigramAt(a, b)
    let bow = 0
    if (ab >= 0) {
      const k = this.trigramAt(ab, c)
      if (k >= 0) return t.triLogpBook[t.triLogp[k]]
      bow = t.biBowBook[t.biBow[ab]]
    }
    const bc = this.bigramAt(b, c)
    if (bc >= 0) return bow + t.biLogpBook[t.biLogp[bc]]
    return bow + t.uniBow[b] + t.uniLogp[c]
  }
}

/** Trigram rows up to this length are binary-searched in place; longer ones go through the hash. */
const SHORT_ROW = 32
/** The same for a row of bigrams whose candidates the decoder looks up together (backoffRow). */
const SHORT_BIGRAM_ROW = 256

/** Index of word c in the sorted words[lo … last], or -1. */
function searchRow(words: Uint16Array, lo: number, last: number, c: number): number {
  let hi = last
  while (lo <= hi) {
    const m = (lo + hi) >>> 1, v = words[m]
    if (v < c) lo = m + 1
    else if (v > c) hi = m - 1
    else return m
  }
  return -1
}

/** Slot hash of a trigram key (context bigram index, word). */
function triHash(ab: number, c: number): number {
  return hash((Math.imul(ab, 0x9e3779b1) ^ c) >>> 0)
}

/** 32-bit integer mix (Murmur3 finaliser): spreads (b, c) keys over an open-addressing table. */
export function hash(x: number): number {
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/** The folder holding package.json, found by walking up from this file (works from src/ and dist/src/). */
export function packageRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    const up = path.dirname(dir)
    if (up === dir) throw new Error(`package.json not found above ${from}`)
    dir = up
  }
}

export const DEFAULT_MODEL = 'models/vi-syllable-lm.bin'
const cache = new Map<string, LanguageModel>()

/** Loads (once per process and path) the trigram model; default: the committed one. */
export function loadLanguageModel(file?: string): LanguageModel {
  const p = path.resolve(file ?? path.join(packageRoot(), DEFAULT_MODEL))
  let m = cache.get(p)
  if (!m) {
    m = new LanguageModel(readModel(readFileSync(p)))
    cache.set(p, m)
  }
  return m
}
