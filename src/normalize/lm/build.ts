// Counting and estimation of the syllable trigram model (interpolated Kneser-Ney, stored in backoff form).
// Counting is sort-based over numeric keys (word ids < 2^16, so a trigram is one exact double): memory
// stays at a few hundred MB for ~25 M tokens, and the result does not depend on Map iteration order.
import { BOS, EOS, NUM, UNK, phrases } from './tokenize.js'
import { quantiser, type ModelTables } from './format.js'
import { LanguageModel } from './model.js'

const SPECIALS = [UNK, BOS, EOS, NUM]
const MAX_VOCAB = 65535
const B16 = 65536
const B32 = 4294967296

/** minFourgramCount: add a 4-gram level (4-grams seen at least this often, on kept trigram contexts); none by default. */
export type BuildOptions = { minWordCount?: number; minTrigramCount?: number; minBigramCount?: number; minFourgramCount?: number }

/** Collects phrases as a stream of provisional ids; call build() once at the end. */
export class NgramCounter {
  private ids = new Map<string, number>()
  private words: string[] = []
  private counts: number[] = []
  private stream = new Int32Array(1 << 20)
  private len = 0
  lines = 0

  addLine(line: string): void {
    this.lines++
    for (const ph of phrases(line)) {
      for (const w of ph) {
        let id = this.ids.get(w)
        if (id === undefined) {
          id = this.words.length
          this.ids.set(w, id)
          this.words.push(w)
          this.counts.push(0)
        }
        this.counts[id]++
        this.push(id)
      }
      this.push(-1) // phrase end
    }
  }

  get tokens(): number {
    return this.len
  }

  private push(v: number): void {
    if (this.len === this.stream.length) {
      const next = new Int32Array(this.stream.length * 2)
      next.set(this.stream)
      this.stream = next
    }
    this.stream[this.len++] = v
  }

  build(opts: BuildOptions = {}, meta: Record<string, unknown> = {}): ModelTables {
    const minWord = opts.minWordCount ?? 2
    // vocabulary: specials, then words by count (desc) and code-point order: deterministic ids
    const order = this.words.map((_, i) => i).filter((i) => this.counts[i] >= minWord && !SPECIALS.includes(this.words[i]))
    order.sort((a, b) => this.counts[b] - this.counts[a] || (this.words[a] < this.words[b] ? -1 : 1))
    order.length = Math.min(order.length, MAX_VOCAB - SPECIALS.length)
    const vocab = [...SPECIALS, ...order.map((i) => this.words[i])]
    const remap = new Int32Array(this.words.length).fill(0)
    order.forEach((tmp, k) => (remap[tmp] = k + SPECIALS.length))
    remap[this.ids.get(NUM) ?? -1] = 3
    const tri = collectTrigrams(this.stream, this.len, remap)
    const tables = estimate(vocab, tri, opts, { ...meta, tokens: this.len, vocabulary: vocab.length })
    return opts.minFourgramCount ? addFourgrams(tables, this.stream, this.len, remap, opts.minFourgramCount) : tables
  }
}

/** All trigram occurrences (with two <s> pads and </s>) as sorted unique keys plus counts. */
function collectTrigrams(stream: Int32Array, len: number, remap: Int32Array): { keys: Float64Array; counts: Uint32Array } {
  let n = 0
  for (let i = 0; i < len; i++) n++ // one trigram per token and one per phrase end
  const keys = new Float64Array(n)
  let k = 0, a = 1, b = 1
  for (let i = 0; i < len; i++) {
    const c = stream[i] < 0 ? 2 : remap[stream[i]]
    keys[k++] = a * B32 + b * B16 + c
    if (stream[i] < 0) (a = 1), (b = 1)
    else (a = b), (b = c)
  }
  keys.sort()
  return runLength(keys)
}

function runLength(sorted: Float64Array): { keys: Float64Array; counts: Uint32Array } {
  let u = 0
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) u++
  const keys = new Float64Array(u), counts = new Uint32Array(u)
  let j = -1
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) keys[++j] = sorted[i]
    counts[j]++
  }
  return { keys, counts }
}

function discount(counts: ArrayLike<number>): number {
  let n1 = 0, n2 = 0
  for (let i = 0; i < counts.length; i++) (counts[i] === 1 ? n1++ : counts[i] === 2 ? n2++ : 0)
  return n1 + 2 * n2 > 0 ? Math.min(0.95, Math.max(0.3, n1 / (n1 + 2 * n2))) : 0.75
}

function bsearch(arr: Float64Array | Uint32Array, v: number, lo = 0, hi = arr.length): number {
  hi--
  while (lo <= hi) {
    const m = (lo + hi) >>> 1
    if (arr[m] < v) lo = m + 1
    else if (arr[m] > v) hi = m - 1
    else return m
  }
  return -1
}

function estimate(vocab: string[], tri: { keys: Float64Array; counts: Uint32Array }, opts: BuildOptions, meta: Record<string, unknown>): ModelTables {
  const V = vocab.length
  const minTri = opts.minTrigramCount ?? 2
  const minBi = opts.minBigramCount ?? 2
  const T = tri.keys.length
  const D3 = discount(tri.counts)

  // trigram contexts (a,b): total count and number of distinct continuations
  const ctxKeys: number[] = [], ctxSum: number[] = [], ctxTypes: number[] = []
  for (let i = 0; i < T; i++) {
    const ab = Math.floor(tri.keys[i] / B16)
    if (ctxKeys.length && ctxKeys[ctxKeys.length - 1] === ab) {
      ctxSum[ctxSum.length - 1] += tri.counts[i]
      ctxTypes[ctxTypes.length - 1]++
    } else ctxKeys.push(ab), ctxSum.push(tri.counts[i]), ctxTypes.push(1)
  }
  const ctxKeyArr = Float64Array.from(ctxKeys)

  // bigram types (b,c): continuation count N1+(•bc) and raw count, via one sort of packed values
  const packed = new Float64Array(T)
  for (let i = 0; i < T; i++) packed[i] = (tri.keys[i] % B32) * 2097152 + Math.min(tri.counts[i], 2097151)
  packed.sort()
  const biKeys: number[] = [], biCont: number[] = [], biRaw: number[] = []
  for (let i = 0; i < T; i++) {
    const bc = Math.floor(packed[i] / 2097152), cnt = packed[i] % 2097152
    if (biKeys.length && biKeys[biKeys.length - 1] === bc) biCont[biCont.length - 1]++, (biRaw[biRaw.length - 1] += cnt)
    else biKeys.push(bc), biCont.push(1), biRaw.push(cnt)
  }
  const biKeyArr = Float64Array.from(biKeys)
  const D2 = discount(biCont)

  // unigram level: continuation counts N1+(•c), add-one smoothed
  const cont1 = new Float64Array(V)
  const ctx2Sum = new Float64Array(V), ctx2Types = new Float64Array(V)
  for (let i = 0; i < biKeys.length; i++) {
    const b = Math.floor(biKeys[i] / B16), c = biKeys[i] % B16
    cont1[c]++
    ctx2Sum[b] += biCont[i]
    ctx2Types[b]++
  }
  let cont1Sum = 0
  for (let c = 0; c < V; c++) cont1Sum += cont1[c]
  const uniLogp = new Float32Array(V), uniBow = new Float32Array(V)
  for (let c = 0; c < V; c++) {
    uniLogp[c] = Math.log((cont1[c] + 1) / (cont1Sum + V))
    uniBow[c] = ctx2Sum[c] > 0 ? Math.log((D2 * ctx2Types[c]) / ctx2Sum[c]) : 0
  }
  uniLogp[1] = -99 // <s> is never predicted
  const p2 = (i: number) => {
    const b = Math.floor(biKeys[i] / B16), c = biKeys[i] % B16
    return Math.max(biCont[i] - D2, 0) / ctx2Sum[b] + Math.exp(uniBow[b] + uniLogp[c])
  }
  const p2Of = (b: number, c: number) => {
    const i = bsearch(biKeyArr, b * B16 + c)
    return i >= 0 ? p2(i) : Math.exp(uniBow[b] + uniLogp[c])
  }
  const gamma3 = (k: number) => (D3 * ctxTypes[k]) / ctxSum[k]

  // which n-grams to keep: frequent trigrams; bigrams that are frequent or prefix a kept trigram
  const keepTri = new Uint8Array(T)
  const needBi = new Set<number>()
  for (let i = 0; i < T; i++)
    if (tri.counts[i] >= minTri && tri.keys[i] % B16 !== 1) (keepTri[i] = 1), needBi.add(Math.floor(tri.keys[i] / B16))
  const keptBi: number[] = []
  for (let i = 0; i < biKeys.length; i++) if (biRaw[i] >= minBi || needBi.has(biKeys[i])) keptBi.push(i)
  // contexts (a,b) that head kept trigrams but never occur as a bigram type (<s> <s>) need a row too
  const keptBiKeys = keptBi.map((i) => biKeys[i])
  for (const k of needBi) if (bsearch(biKeyArr, k) < 0) keptBiKeys.push(k)
  keptBiKeys.sort((x, y) => x - y)

  const B = keptBiKeys.length
  const biStart = new Uint32Array(V + 1), biWord = new Uint16Array(B)
  const biLogpRaw = new Float64Array(B), biBowRaw = new Float64Array(B)
  for (let j = 0; j < B; j++) {
    const key = keptBiKeys[j], b = Math.floor(key / B16), c = key % B16
    biStart[b + 1]++
    biWord[j] = c
    const i = bsearch(biKeyArr, key)
    biLogpRaw[j] = i >= 0 ? Math.log(p2(i)) : -99
    const k = bsearch(ctxKeyArr, key)
    biBowRaw[j] = k >= 0 ? Math.log(gamma3(k)) : 0
  }
  for (let v = 0; v < V; v++) biStart[v + 1] += biStart[v]

  let Tk = 0
  for (let i = 0; i < T; i++) Tk += keepTri[i]
  const triStart = new Uint32Array(B + 1), triWord = new Uint16Array(Tk), triLogpRaw = new Float64Array(Tk)
  let t = 0, j = 0, k = 0
  for (let i = 0; i < T; i++) {
    if (!keepTri[i]) continue
    const ab = Math.floor(tri.keys[i] / B16), c = tri.keys[i] % B16, b = ab % B16
    while (keptBiKeys[j] < ab) j++
    while (ctxKeyArr[k] < ab) k++
    triStart[j + 1]++
    triWord[t] = c
    triLogpRaw[t++] = Math.log(Math.max(tri.counts[i] - D3, 0) / ctxSum[k] + gamma3(k) * p2Of(b, c))
  }
  for (let x = 0; x < B; x++) triStart[x + 1] += triStart[x]

  const qBiP = quantiser(biLogpRaw.filter((v) => v > -98))
  const qBiBow = quantiser(biBowRaw)
  const qTri = quantiser(triLogpRaw)
  const biLogp = Uint8Array.from(biLogpRaw, (v) => qBiP.index(v))
  const biBow = Uint8Array.from(biBowRaw, (v) => qBiBow.index(v))
  const triLogp = Uint8Array.from(triLogpRaw, (v) => qTri.index(v))
  return {
    vocab, uniLogp, uniBow, biStart, biWord, biLogp, biBow, triStart, triWord, triLogp,
    biLogpBook: qBiP.book, biBowBook: qBiBow.book, triLogpBook: qTri.book,
    meta: { ...meta, bigrams: B, trigrams: Tk, trigramTypes: T, discounts: [round(D2), round(D3)], minTrigramCount: minTri, minBigramCount: minBi },
  }
}

/**
 * The 4-gram level on top of the trigram tables: p(d | x a b) = max(c(xabd) − D4, 0) / c(xab·) + γ(xab) p(d | a b),
 * with p(d | a b) the trigram model's own (backoff) estimate; kept for 4-grams seen ≥ min times whose context
 * (x a b) is a kept trigram. Stored like the lower levels: rows by context trigram index, 8-bit codebooks,
 * and log γ per trigram (read only where the trigram heads kept 4-grams; elsewhere the trigram estimate is
 * used as is).
 */
function addFourgrams(t: ModelTables, stream: Int32Array, len: number, remap: Int32Array, min: number): ModelTables {
  const lm = new LanguageModel({ ...t, version: 'build' })
  // every 4-gram occurrence as (context trigram index, word); contexts that are not kept trigrams are skipped
  const keys = new Float64Array(len)
  let n = 0, x = 1, a = 1, b = 1
  for (let i = 0; i < len; i++) {
    const c = stream[i] < 0 ? 2 : remap[stream[i]]
    const k = lm.trigramIndexOf(x, a, b)
    if (k >= 0) keys[n++] = k * B16 + c
    if (stream[i] < 0) (x = 1), (a = 1), (b = 1)
    else (x = a), (a = b), (b = c)
  }
  const q = runLength(keys.subarray(0, n).sort())
  const F = q.keys.length
  const D4 = discount(q.counts)
  const Tk = t.triWord.length
  const ctxSum = new Float64Array(Tk), ctxTypes = new Float64Array(Tk), keptIn = new Uint32Array(Tk)
  for (let i = 0; i < F; i++) {
    const k = Math.floor(q.keys[i] / B16)
    ctxSum[k] += q.counts[i]
    ctxTypes[k]++
    if (q.counts[i] >= min && q.keys[i] % B16 !== 1) keptIn[k]++
  }
  // the context words of each trigram index (for p(d | a b)): walk the tries once
  const triA = new Int32Array(Tk), triB = new Int32Array(Tk)
  const V = t.biStart.length - 1
  for (let v = 0; v < V; v++)
    for (let j = t.biStart[v]; j < t.biStart[v + 1]; j++)
      for (let k = t.triStart[j]; k < t.triStart[j + 1]; k++) (triA[k] = t.biWord[j]), (triB[k] = t.triWord[k])
  const fourStart = new Uint32Array(Tk + 1)
  let kept = 0
  for (let k = 0; k < Tk; k++) (fourStart[k + 1] = fourStart[k] + keptIn[k]), (kept += keptIn[k])
  const fourWord = new Uint16Array(kept), fourLogpRaw = new Float64Array(kept), triBowRaw = new Float64Array(Tk)
  // backoff weights renormalised over what was kept (pruned 4-grams give their mass back to the backoff):
  // bow(xab) = (1 − Σ_kept p4(d|xab)) / (1 − Σ_kept p3(d|ab))
  const sum4 = new Float64Array(Tk), sum3 = new Float64Array(Tk)
  let at = 0
  for (let i = 0; i < F; i++) {
    const k = Math.floor(q.keys[i] / B16), d = q.keys[i] % B16
    if (q.counts[i] < min || d === 1) continue
    const p3 = Math.exp(lm.logProb(triA[k], triB[k], d))
    const p4 = Math.max(q.counts[i] - D4, 0) / ctxSum[k] + ((D4 * ctxTypes[k]) / ctxSum[k]) * p3
    sum4[k] += p4
    sum3[k] += p3
    fourWord[at] = d
    fourLogpRaw[at++] = Math.log(p4)
  }
  for (let k = 0; k < Tk; k++) triBowRaw[k] = keptIn[k] ? Math.log(Math.max(1e-6, 1 - sum4[k]) / Math.max(1e-6, 1 - sum3[k])) : 0
  const qBow = quantiser(triBowRaw.filter((v) => v !== 0))
  const qFour = quantiser(fourLogpRaw)
  return {
    ...t,
    triBow: Uint8Array.from(triBowRaw, (v) => qBow.index(v)), // read only where the trigram heads a 4-gram row
    fourStart, fourWord, fourLogp: Uint8Array.from(fourLogpRaw, (v) => qFour.index(v)),
    triBowBook: qBow.book, fourLogpBook: qFour.book,
    meta: { ...t.meta, fourgrams: kept, fourgramTypes: F, discount4: round(D4), minFourgramCount: min },
  }
}

const round = (x: number) => Math.round(x * 1e4) / 1e4
