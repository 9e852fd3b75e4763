// Counting and estimation of the syllable trigram model (interpolated Kneser-Ney, stored in backoff form).
// Counting is sort-based over numeric keys (word ids < 2^16, so a trigram is one exact double): memory
// stays at a few hundred MB for ~25 M tokens, and the result does not depend on Map iteration order.
import { BOS, EOS, NUM, UNK, phrases } from './tokenize.js'
import { quantiser, type ModelTables } from './format.js'

const SPECIALS = [UNK, BOS, EOS, NUM]
const MAX_VOCAB = 65535
const B16 = 65536
const B32 = 4294967296

export type BuildOptions = { minWordCount?: number; minTrigramCount?: number; minBigramCount?: number }

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
    return estimate(vocab, tri, opts, { ...meta, tokens: this.len, vocabulary: vocab.length })
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

const round = (x: number) => Math.round(x * 1e4) / 1e4
