// Candidate syllables for an observed token: real Vietnamese syllables of the model's vocabulary that the
// channel can turn into it. Plain de-accented tokens use an index by skeleton (fast path); garbled tokens
// are matched against a letter trie with a best-first search, so a form like `dQng` still finds `động`.
import type { LanguageModel } from '../lm/model.js'
import { isSyllableShape } from '../lm/vietnamese.js'
import { stripDiacritics } from '../syllable.js'
import type { Channel } from './model.js'

/** id2: the second syllable of a two-syllable reading of one glued token (word is then "bỏ lại"). */
export type Candidate = { word: string; id: number; cost: number; id2?: number }

type Trie = { children: Map<string, number>[]; word: Int32Array }

/** alphabet: every letter on the trie's edges */
export type Lexicon = { trie: Trie; bySkeleton: Map<string, number[]>; vocab: string[]; alphabet: string[] }

const lexicons = new WeakMap<LanguageModel, Lexicon>()

/** Vietnamese-shaped words of the model, as a trie and by skeleton (built once per model). */
export function lexiconOf(lm: LanguageModel): Lexicon {
  let lex = lexicons.get(lm)
  if (lex) return lex
  const children: Map<string, number>[] = [new Map()]
  const words: number[] = [-1]
  const bySkeleton = new Map<string, number[]>()
  lm.vocab.forEach((w, id) => {
    if (!isSyllableShape(w)) return
    let node = 0
    for (const ch of w) {
      let next = children[node].get(ch)
      if (next === undefined) {
        next = children.length
        children.push(new Map())
        words.push(-1)
        children[node].set(ch, next)
      }
      node = next
    }
    words[node] = id
    const sk = stripDiacritics(w)
    const list = bySkeleton.get(sk)
    if (list) list.push(id)
    else bySkeleton.set(sk, [id])
  })
  const alphabet = [...new Set(children.flatMap((m) => [...m.keys()]))].sort()
  lex = { trie: { children, word: Int32Array.from(words) }, bySkeleton, vocab: lm.vocab, alphabet }
  lexicons.set(lm, lex)
  return lex
}

/** Cost of reading gold word w as observed o letter by letter (same length: marks only). */
function alignedCost(ch: Channel, w: string, o: string): number {
  const a = [...w], b = [...o]
  if (a.length !== b.length) return Infinity
  let c = 0
  for (let i = 0; i < a.length; i++) c += ch.cost(a[i], b[i], i === 0)
  return c
}

/** Fast path: every syllable whose skeleton equals the observed token's (only marks differ). */
export function markCandidates(lex: Lexicon, ch: Channel, o: string): Candidate[] {
  const ids = lex.bySkeleton.get(stripDiacritics(o)) ?? []
  const out: Candidate[] = []
  for (const id of ids) {
    const cost = alignedCost(ch, lex.vocab[id], o)
    if (cost < Infinity) out.push({ word: lex.vocab[id], id, cost })
  }
  return out
}

const NON_LETTER = /[^\p{L}]/u

type State = { cost: number; node: number; j: number }

/** Best-first search over the trie for gold words that the channel can write as o. */
export function channelCandidates(lex: Lexicon, ch: Channel, o: string, maxResults = 40, margin = 9): Candidate[] {
  const { children, word } = lex.trie
  const obs = [...o]
  const m = obs.length
  // pieces[j][k]: the k glyphs from j
  const pieces = obs.map((_, j) => Array.from({ length: Math.min(4, m - j) + 1 }, (_, k) => obs.slice(j, j + k).join('')))
  pieces.push([''])
  const heap: State[] = []
  const seen = new Map<number, number>()
  const found = new Map<number, number>()
  let best = Infinity
  const push = (cost: number, node: number, j: number) => {
    if (cost > best + margin || cost > 24) return
    const key = node * 64 + j
    const prev = seen.get(key)
    if (prev !== undefined && prev <= cost) return
    seen.set(key, cost)
    heapPush(heap, { cost, node, j })
  }
  push(0, 0, 0)
  let pops = 0
  while (heap.length && pops++ < 30000) {
    const s = heapPop(heap)
    if (s.cost > best + margin) break
    if (seen.get(s.node * 64 + s.j)! < s.cost) continue
    if (s.j === m && word[s.node] >= 0 && !found.has(word[s.node])) {
      found.set(word[s.node], s.cost)
      best = Math.min(best, s.cost)
      if (found.size >= maxResults) break
    }
    const kids = children[s.node]
    const start = s.node === 0
    if (s.j < m) push(s.cost + ch.insertion(obs[s.j]), s.node, s.j + 1)
    for (let k = 0; k <= Math.min(4, m - s.j); k++) {
      const piece = pieces[s.j][k]
      // single letters and losses, and runs of two or three glyphs with a digit or symbol in them (c1, q',
      // (;1: the generic prior prices them as one vowel; adaptation learns which vowels this document
      // means by them): try every continuation of the trie
      if (k <= 1 || (k <= 3 && ch.params.garble > 0 && NON_LETTER.test(piece))) {
        const options = ch.costsFor(piece, start, lex.alphabet)
        if (options.size)
          for (const [g, next] of kids) {
            const c = options.get(g)
            if (c !== undefined) push(s.cost + c, next, s.j + k)
          }
      }
      if (k === 0) continue
      const golds = ch.byObserved.get(piece)
      if (golds)
        for (const g of golds) {
          if (k === 1 && g.length === 1) continue // already tried above
          const next = walk(children, s.node, g)
          if (next >= 0) push(s.cost + ch.cost(g, piece, start), next, s.j + k)
        }
    }
  }
  return [...found].map(([id, cost]) => ({ word: lex.vocab[id], id, cost }))
}

function walk(children: Map<string, number>[], node: number, s: string): number {
  for (const ch of s) {
    const n = children[node].get(ch)
    if (n === undefined) return -1
    node = n
  }
  return node
}

function heapPush(h: State[], s: State): void {
  h.push(s)
  let i = h.length - 1
  while (i > 0) {
    const p = (i - 1) >> 1
    if (h[p].cost <= h[i].cost) break
    ;[h[p], h[i]] = [h[i], h[p]]
    i = p
  }
}

function heapPop(h: State[]): State {
  const top = h[0]
  const last = h.pop()!
  if (h.length) {
    h[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1, r = l + 1
      let m = i
      if (l < h.length && h[l].cost < h[m].cost) m = l
      if (r < h.length && h[r].cost < h[m].cost) m = r
      if (m === i) break
      ;[h[m], h[i]] = [h[i], h[m]]
      i = m
    }
  }
  return top
}
