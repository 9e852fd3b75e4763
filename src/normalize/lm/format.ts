// Binary layout of the syllable trigram model: a sorted trie with 8-bit quantised log-probabilities.
// Little-endian typed arrays, each section 8-byte aligned, so reading is a handful of zero-copy views.
import { createHash } from 'node:crypto'

export const MAGIC = 'KHLM\u0001\u0000\u0000\u0000'

/** Everything the scorer needs; arrays are views into one buffer. */
export type ModelTables = {
  vocab: string[]
  uniLogp: Float32Array // log p(w), natural log
  uniBow: Float32Array // log backoff weight of context w
  biStart: Uint32Array // V+1 offsets into the bigram arrays, by first word
  biWord: Uint16Array // second word of each bigram, sorted within a first word
  biLogp: Uint8Array // codebook index of log p(c|b)
  biBow: Uint8Array // codebook index of log backoff of context (b,c)
  triStart: Uint32Array // B+1 offsets into the trigram arrays, by bigram
  triWord: Uint16Array
  triLogp: Uint8Array
  biLogpBook: Float32Array // 256 entries each
  biBowBook: Float32Array
  triLogpBook: Float32Array
  // optional 4-gram level (build:lm -- --min-fourgram N): rows by context trigram index
  triBow?: Uint8Array // codebook index of log backoff of context (a,b,c), per trigram
  fourStart?: Uint32Array // T+1 offsets into the 4-gram arrays, by trigram
  fourWord?: Uint16Array
  fourLogp?: Uint8Array
  triBowBook?: Float32Array
  fourLogpBook?: Float32Array
  meta: Record<string, unknown>
}

type Section = { name: keyof ModelTables; bytes: Uint8Array }

function sectionsOf(t: ModelTables): Section[] {
  const u8 = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
  return [
    { name: 'vocab', bytes: new TextEncoder().encode(t.vocab.join('\n')) },
    ...(['uniLogp', 'uniBow', 'biStart', 'biWord', 'biLogp', 'biBow', 'triStart', 'triWord', 'triLogp', 'biLogpBook', 'biBowBook', 'triLogpBook'] as const).map(
      (name) => ({ name, bytes: u8(t[name] as ArrayBufferView) }),
    ),
    // a trigram-only model writes exactly the bytes it did before the 4-gram level existed
    ...(['triBow', 'fourStart', 'fourWord', 'fourLogp', 'triBowBook', 'fourLogpBook'] as const)
      .filter((name) => t[name])
      .map((name) => ({ name, bytes: u8(t[name] as ArrayBufferView) })),
  ]
}

const pad8 = (n: number) => (n + 7) & ~7

/** Serialises deterministically; the version is a hash of the body, so equal models are byte-identical. */
export function writeModel(t: ModelTables): { buffer: Buffer; version: string } {
  const sections = sectionsOf(t)
  const bodyParts: Buffer[] = []
  const layout: [string, number, number][] = []
  let off = 0
  for (const s of sections) {
    layout.push([s.name, off, s.bytes.byteLength])
    const padded = Buffer.alloc(pad8(s.bytes.byteLength))
    padded.set(s.bytes)
    bodyParts.push(padded)
    off += padded.length
  }
  const body = Buffer.concat(bodyParts)
  const version = createHash('sha256').update(body).update(stableJson(t.meta)).digest('hex').slice(0, 16)
  const header = Buffer.from(stableJson({ layout, meta: t.meta, version }), 'utf8')
  const head = Buffer.alloc(pad8(MAGIC.length + 4 + header.length), 0x20)
  head.write(MAGIC, 0, 'latin1')
  head.writeUInt32LE(header.length, MAGIC.length)
  header.copy(head, MAGIC.length + 4)
  return { buffer: Buffer.concat([head, body]), version }
}

export function readModel(buf: Buffer): ModelTables & { version: string } {
  if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a kehoach language model (bad magic)')
  const hlen = buf.readUInt32LE(MAGIC.length)
  const header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + hlen)) as {
    layout: [string, number, number][]
    meta: Record<string, unknown>
    version: string
  }
  const base = pad8(MAGIC.length + 4 + hlen)
  // copy into a fresh aligned ArrayBuffer: Buffer pools may start at unaligned offsets
  const body = new Uint8Array(buf.length - base)
  body.set(buf.subarray(base))
  const ab = body.buffer
  const views: Record<string, unknown> = {}
  const ctor: Record<string, (o: number, n: number) => unknown> = {
    vocab: (o, n) => new TextDecoder().decode(body.subarray(o, o + n)).split('\n'),
    uniLogp: (o, n) => new Float32Array(ab, o, n / 4),
    uniBow: (o, n) => new Float32Array(ab, o, n / 4),
    biStart: (o, n) => new Uint32Array(ab, o, n / 4),
    biWord: (o, n) => new Uint16Array(ab, o, n / 2),
    biLogp: (o, n) => new Uint8Array(ab, o, n),
    biBow: (o, n) => new Uint8Array(ab, o, n),
    triStart: (o, n) => new Uint32Array(ab, o, n / 4),
    triWord: (o, n) => new Uint16Array(ab, o, n / 2),
    triLogp: (o, n) => new Uint8Array(ab, o, n),
    biLogpBook: (o, n) => new Float32Array(ab, o, n / 4),
    biBowBook: (o, n) => new Float32Array(ab, o, n / 4),
    triLogpBook: (o, n) => new Float32Array(ab, o, n / 4),
    triBow: (o, n) => new Uint8Array(ab, o, n),
    fourStart: (o, n) => new Uint32Array(ab, o, n / 4),
    fourWord: (o, n) => new Uint16Array(ab, o, n / 2),
    fourLogp: (o, n) => new Uint8Array(ab, o, n),
    triBowBook: (o, n) => new Float32Array(ab, o, n / 4),
    fourLogpBook: (o, n) => new Float32Array(ab, o, n / 4),
  }
  for (const [name, o, n] of header.layout) views[name] = ctor[name]?.(o, n)
  return { ...(views as Omit<ModelTables, 'meta'>), meta: header.meta, version: header.version }
}

/** JSON with sorted keys at every level: the same object always gives the same bytes. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(stableJson).join(',') + ']'
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + stableJson(o[k])).join(',') + '}'
  }
  return JSON.stringify(v) ?? 'null'
}

/**
 * 256-level codebook by quantiles: each level is the mean of an equal-count slice of the sorted
 * values, so dense regions get fine steps. Returns the codebook and a value → index function.
 */
export function quantiser(values: Float64Array | Float32Array): { book: Float32Array; index: (v: number) => number } {
  const sorted = Float64Array.from(values).sort()
  const book = new Float32Array(256)
  const n = sorted.length
  for (let k = 0; k < 256; k++) {
    const lo = Math.floor((k * n) / 256), hi = Math.max(lo + 1, Math.floor(((k + 1) * n) / 256))
    let s = 0
    for (let i = lo; i < hi && i < n; i++) s += sorted[i]
    book[k] = n ? s / Math.max(1, Math.min(hi, n) - lo) : 0
  }
  for (let k = 1; k < 256; k++) if (book[k] < book[k - 1]) book[k] = book[k - 1]
  const index = (v: number) => {
    let lo = 0, hi = 255
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (book[mid] < v) lo = mid + 1
      else hi = mid
    }
    if (lo > 0 && Math.abs(book[lo - 1] - v) <= Math.abs(book[lo] - v)) lo--
    return lo
  }
  return { book, index }
}
