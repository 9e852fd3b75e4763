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
  private readonly biKeys: Uint32Array
  private readonly biVals: Int32Array
  private readonly biMask: number

  constructor(tables: ModelTables & { version: string }) {
    this.t = tables
    this.version = tables.version
    this.vocab = tables.vocab
    this.meta = tables.meta
    this.ids = new Map(tables.vocab.map((w, i) => [w, i]))
    // the decoder asks p(c|b) for every candidate after a trigram miss: one probe instead of a binary
    // search over b's row (rows of frequent words hold thousands of entries). Built at load, ≈ 10–30 ms.
    const n = tables.biWord.length
    let size = 1
    while (size < n * 2) size <<= 1
    this.biKeys = new Uint32Array(size)
    this.biVals = new Int32Array(size)
    this.biMask = size - 1
    const V = tables.biStart.length - 1
    for (let b = 0; b < V; b++)
      for (let j = tables.biStart[b]; j < tables.biStart[b + 1]; j++) {
        const key = ((b << 16) | tables.biWord[j]) >>> 0
        let h = hash(key) & this.biMask
        while (this.biKeys[h] !== 0) h = (h + 1) & this.biMask
        this.biKeys[h] = key + 1
        this.biVals[h] = j
      }
  }

  /** Index of bigram (b, c) in the bigram arrays, or -1. */
  private bigramAt(b: number, c: number): number {
    const key = ((b << 16) | c) >>> 0
    const want = key + 1
    let h = hash(key) & this.biMask
    for (;;) {
      const k = this.biKeys[h]
      if (k === want) return this.biVals[h]
      if (k === 0) return -1
      h = (h + 1) & this.biMask
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

  private bigramIndex(b: number, c: number): number {
    const words = this.t.biWord
    let lo = this.t.biStart[b], hi = this.t.biStart[b + 1] - 1
    while (lo <= hi) {
      const m = (lo + hi) >>> 1, v = words[m]
      if (v < c) lo = m + 1
      else if (v > c) hi = m - 1
      else return m
    }
    return -1
  }

  private trigramIndex(bi: number, c: number): number {
    const words = this.t.triWord
    let lo = this.t.triStart[bi], hi = this.t.triStart[bi + 1] - 1
    while (lo <= hi) {
      const m = (lo + hi) >>> 1, v = words[m]
      if (v < c) lo = m + 1
      else if (v > c) hi = m - 1
      else return m
    }
    return -1
  }

  /**
   * log p(c | a b) for every c of `cs` into `out` (the decoder's inner loop): the context row (a,b) is
   * found once, and each c is a search inside that row or, on backoff, inside b's bigram row.
   */
  scoreAll(a: number, b: number, cs: Int32Array | number[], n: number, out: Float64Array): void {
    const t = this.t
    const ab = this.bigramAt(a, b)
    const bow = ab >= 0 ? t.biBowBook[t.biBow[ab]] : 0
    const triLo = ab >= 0 ? t.triStart[ab] : 0, triHi = ab >= 0 ? t.triStart[ab + 1] - 1 : -1
    const triWord = t.triWord
    for (let i = 0; i < n; i++) {
      const c = cs[i]
      let lo = triLo, hi = triHi, k = -1
      while (lo <= hi) {
        const m = (lo + hi) >>> 1, v = triWord[m]
        if (v < c) lo = m + 1
        else if (v > c) hi = m - 1
        else {
          k = m
          break
        }
      }
      if (k >= 0) {
        out[i] = t.triLogpBook[t.triLogp[k]]
        continue
      }
      k = this.bigramAt(b, c)
      out[i] = k >= 0 ? bow + t.biLogpBook[t.biLogp[k]] : bow + t.uniBow[b] + t.uniLogp[c]
    }
  }

  /** log p(c | a b) with backoff; a, b, c are ids. */
  logProb(a: number, b: number, c: number): number {
    const t = this.t
    const ab = this.bigramIndex(a, b)
    let bow = 0
    if (ab >= 0) {
      const k = this.trigramIndex(ab, c)
      if (k >= 0) return t.triLogpBook[t.triLogp[k]]
      bow = t.biBowBook[t.biBow[ab]]
    }
    const bc = this.bigramIndex(b, c)
    if (bc >= 0) return bow + t.biLogpBook[t.biLogp[bc]]
    return bow + t.uniBow[b] + t.uniLogp[c]
  }
}

/** 32-bit integer mix (Murmur3 finaliser): spreads (b, c) keys over the table. */
function hash(x: number): number {
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
