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

  constructor(tables: ModelTables & { version: string }) {
    this.t = tables
    this.version = tables.version
    this.vocab = tables.vocab
    this.meta = tables.meta
    this.ids = new Map(tables.vocab.map((w, i) => [w, i]))
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
    const ab = this.bigramIndex(a, b)
    const bow = ab >= 0 ? t.biBowBook[t.biBow[ab]] : 0
    const triLo = ab >= 0 ? t.triStart[ab] : 0, triHi = ab >= 0 ? t.triStart[ab + 1] - 1 : -1
    const biLo = t.biStart[b], biHi = t.biStart[b + 1] - 1
    const triWord = t.triWord, biWord = t.biWord
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
      lo = biLo
      hi = biHi
      while (lo <= hi) {
        const m = (lo + hi) >>> 1, v = biWord[m]
        if (v < c) lo = m + 1
        else if (v > c) hi = m - 1
        else {
          k = m
          break
        }
      }
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
