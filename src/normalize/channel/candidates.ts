// Candidate syllables for an observed token: real Vietnamese syllables of the model's vocabulary that the
// channel can turn into it. Plain de-accented tokens use an index by skeleton (fast path); garbled tokens
// are matched against a letter trie with a best-first search, so a form like `dQng` still finds `động`.
import { UNK_ID, type LanguageModel } from '../lm/model.js'
import { isSyllableShape } from '../lm/vietnamese.js'
import { stripDiacritics } from '../syllable.js'
import { isStrokeRun, type Channel } from './model.js'

/**
 * id2: the second syllable of a reading of one glued token as several (word is then "bỏ lại"); more: its
 * third and later syllables ("phấn đấu bình").
 */
export type Candidate = { word: string; id: number; cost: number; id2?: number; more?: number[] }

/**
 * A letter trie in flat arrays: node n's children are entries childStart[n] … childStart[n+1] − 1, in
 * the order the words were added; childLetter is the letter's index in the lexicon's alphabet.
 * minLetters / maxLetters: the fewest / most letters from a node to the end of a word below it.
 */
type Trie = { childStart: Int32Array; childLetter: Int32Array; childNode: Int32Array; word: Int32Array; minLetters: Int32Array; maxLetters: Int32Array }

/** alphabet: every letter on the trie's edges, sorted; letterIndex: a letter's place in it; unigram: log p(w) by id */
export type Lexicon = { trie: Trie; bySkeleton: Map<string, number[]>; vocab: string[]; alphabet: string[]; letterIndex: Map<string, number>; unigram: Float64Array }

// Candidates are ranked by channel cost − RANK_FREQUENCY_WEIGHT × log p(word); a word the model does not
// know counts as log p = UNKNOWN_LOGP
const RANK_FREQUENCY_WEIGHT = 0.3
const UNKNOWN_LOGP = -12

/** The rank of a candidate (lower first): its channel cost and how common the word is. */
export function rankOf(lex: Lexicon, c: Candidate): number {
  return c.cost - RANK_FREQUENCY_WEIGHT * lex.unigram[c.id]
}

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
  const letterIndex = new Map(alphabet.map((g, i) => [g, i]))
  const unigram = Float64Array.from(lm.vocab, (_, id) => (id === UNK_ID ? UNKNOWN_LOGP : lm.unigram(id)))
  lex = { trie: flatTrie(children, words, letterIndex), bySkeleton, vocab: lm.vocab, alphabet, letterIndex, unigram }
  lexicons.set(lm, lex)
  return lex
}

/**
 * The trie's nodes are numbered breadth first (each node's children in the order their letters were
 * added): a node's children have consecutive numbers, so the search's per-state table (keyed by glyphs
 * read, then node) holds the states it offers from one node side by side in memory.
 */
function flatTrie(children: Map<string, number>[], words: number[], letterIndex: Map<string, number>): Trie {
  const order: number[] = [0] // breadth-first: new number → node as built
  for (let i = 0; i < order.length; i++) for (const next of children[order[i]].values()) order.push(next)
  const renumber = new Int32Array(children.length)
  order.forEach((n, i) => (renumber[n] = i))
  const childStart = new Int32Array(children.length + 1)
  const edges = children.length - 1
  const childLetter = new Int32Array(edges), childNode = new Int32Array(edges)
  let e = 0
  order.forEach((old, n) => {
    childStart[n] = e
    for (const [g, next] of children[old]) {
      childLetter[e] = letterIndex.get(g)!
      childNode[e++] = renumber[next]
    }
  })
  childStart[children.length] = e
  const word = Int32Array.from(order, (old) => words[old])
  // a child is added after its parent: from the last node back, every child is done before its parent
  const minLetters = new Int32Array(children.length), maxLetters = new Int32Array(children.length)
  for (let n = children.length - 1; n >= 0; n--) {
    let lo = word[n] >= 0 ? 0 : Infinity, hi = 0
    for (let x = childStart[n]; x < childStart[n + 1]; x++) {
      lo = Math.min(lo, minLetters[childNode[x]] + 1)
      hi = Math.max(hi, maxLetters[childNode[x]] + 1)
    }
    minLetters[n] = lo
    maxLetters[n] = hi
  }
  return { childStart, childLetter, childNode, word, minLetters, maxLetters }
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
// the search stops after this many states taken from the queue, and never goes beyond this cost (nats)
const MAX_POPS = 30000
const MAX_COST = 24
// at most this many glyphs of the observed token are read as one gold unit
const MAX_PIECE = 4

/**
 * Best-first search over the trie for gold words that the channel can write as o: every word within
 * margin nats of the cheapest, the maxResults cheapest of them and any as cheap as the last (so that the
 * words returned do not depend on the order in which the queue gives out equal costs), cheapest first.
 * giveUpAbove: the caller has no use for this token unless some word costs at most this; when none
 * does, the search stops there and gives null (words come out in order of cost, so none was missed), or
 * [] when it ran out of states first (no word at all is within its reach).
 * keep: the caller keeps only
 * the best keep words by rank (rankOf); since a word's rank is at least its cost and words come out in
 * order of cost, the search stops once the cost reached passes the keep-th best rank found (the words
 * it leaves out could not have made the caller's list).
 * States are (trie node, glyphs read); the queue and the best cost seen per state live in reused typed
 * arrays (SearchScratch below), and everything that depends only on the token (its pieces, their letter
 * costs and table entries, the cost of skipping a glyph) is looked up once per call, not once per state.
 */
export function channelCandidates(lex: Lexicon, ch: Channel, o: string, maxResults?: number, margin?: number, keep?: number): Candidate[]
export function channelCandidates(lex: Lexicon, ch: Channel, o: string, maxResults: number, margin: number, keep: number, giveUpAbove: number): Candidate[] | null
export function channelCandidates(lex: Lexicon, ch: Channel, o: string, maxResults = 40, margin = 9, keep = Infinity, giveUpAbove = Infinity): Candidate[] | null {
  const { childStart, childLetter, childNode, word, minLetters, maxLetters } = lex.trie
  const obs = [...o]
  const m = obs.length
  const steps = tokenSteps(lex, ch, o, obs)
  const rest = restOf(steps, m, maxLetters[0])
  const bound = rest.bound, span = rest.span
  const q = scratch
  const nodes = childStart.length - 1
  q.begin(lex.vocab.length, maxResults, nodes, m + 1)
  q.rankCount = 0
  // the best cost per state, stamped with this search's number (the table is not re-made during a search)
  const seen = q.best, gen = q.gen
  let found = 0
  let best = Infinity
  let full = Infinity // the cost of the maxResults-th word found
  // states dearer than this (with the least cost of finishing a word) are not queued: no word behind them
  // could be found; min(best + margin, MAX_COST, full, the keep-th rank)
  let limit = MAX_COST
  q.offer(0, 0, 0, limit)
  let pops = 0
  while (q.heapSize && pops++ < MAX_POPS) {
    const cost = q.topCost(), key = q.topKey()
    q.pop()
    if (cost > best + margin || cost > q.kthRank(keep) || cost > full) break
    // no word yet and every word left costs more than the caller can use: none to give (null)
    if (found === 0 && cost > giveUpAbove) return null
    if (seen[2 * key] === gen && seen[2 * key + 1] < cost) continue
    const j = (key / nodes) | 0, node = key - j * nodes
    // the limit fell since this state was queued: it may no longer lead to a word within it
    if (cost + restCost(lex.trie, rest, node, j) > limit) continue
    const w = word[node]
    if (j === m && w >= 0 && q.foundGen[w] !== q.gen) {
      q.found(w, cost, found++)
      q.addRank(cost - RANK_FREQUENCY_WEIGHT * lex.unigram[w], keep)
      best = Math.min(best, cost)
      // the maxResults-th word: words as cheap still come (which of them the heap gives first is chance)
      if (found === maxResults) full = cost
      limit = Math.min(best + margin, MAX_COST, full, q.kthRank(keep))
    }
    const start = node === 0 ? 1 : 0
    const c0 = childStart[node], c1 = childStart[node + 1]
    // a glyph read as no letter: state (node, j + 1), offered as the children are below (as calls, offer
    // and restCost no longer fit the compiler's inlining budget for this function, and a call that returns
    // a number allocates it: one heap number per state taken)
    if (j < m) {
      const c = cost + steps.insertion[j], jj = j + 1, at2 = 2 * (jj * nodes + node)
      if (c <= limit && !(seen[at2] === gen && seen[at2 + 1] <= c)) {
        if (c <= limit - bound[(jj * span + minLetters[node]) * span + maxLetters[node]]) {
          seen[at2] = gen
          seen[at2 + 1] = c
          q.push(c, jj * nodes + node)
        }
      }
    }
    const at = steps.at[j]
    for (let k = 0; k <= Math.min(MAX_PIECE, m - j); k++) {
      const step = at[k]
      const jj = j + k
      // single letters and losses, and runs of two or three glyphs with a digit or symbol in them (c1, q',
      // (;1: the generic prior prices them as one vowel; adaptation learns which vowels this document
      // means by them): try every continuation of the trie
      const letters = step.letters[start]
      // (no letter of this piece fits under the limit: the children are not looked at)
      if (letters && cost + step.least[start] <= limit) {
        // restCost(child, jj) read here from the table, its row for jj taken once
        const row = jj * nodes, rowBound = jj * span
        for (let e = c0; e < c1; e++) {
          const c = cost + letters[childLetter[e]]
          if (c > limit) continue
          const next = childNode[e], at2 = 2 * (row + next)
          // reached as cheaply before: nothing new (tested first: it spares the bound below)
          if (seen[at2] === gen && seen[at2 + 1] <= c) continue
          if (c > limit - bound[(rowBound + minLetters[next]) * span + maxLetters[next]]) continue
          seen[at2] = gen
          seen[at2 + 1] = c
          q.push(c, row + next)
        }
      }
      const golds = step.golds, gc = step.goldCost[start]
      for (let x = 0; x < golds.length; x++) {
        const next = walk(lex.trie, node, golds[x])
        if (next >= 0) q.offer(cost + gc[x], next, jj, limit - restCost(lex.trie, rest, next, jj))
      }
    }
  }
  const out: Candidate[] = new Array(found)
  for (let i = 0; i < found; i++) out[i] = { word: lex.vocab[q.foundId[i]], id: q.foundId[i], cost: q.foundCost[i] }
  return out
}

/**
 * A lower bound on what finishing a word costs, from the token alone, by glyphs read j: insertion[j], the
 * cheapest glyph from j on read as no letter; loss, the cheapest letter read from no glyph;
 * lettersPerGlyph[j], the most letters one glyph from j on gives (a table unit such as ươ may come from
 * one glyph); glyphsPerLetter[j], the most glyphs one letter takes from j on (1 unless a run such as c1
 * or a table entry reads several).
 */
type Rest = { insertion: Float64Array; loss: number; lettersPerGlyph: Float64Array; glyphsPerLetter: Float64Array; m: number; bound: Float64Array; span: number }

function restOf(steps: TokenSteps, m: number, longest: number): Rest {
  // (scratch arrays, reused by every call: one search at a time)
  const r = restScratch
  if (r.insertion.length < m + 1) {
    r.insertion = new Float64Array(2 * (m + 1))
    r.lettersPerGlyph = new Float64Array(2 * (m + 1))
    r.glyphsPerLetter = new Float64Array(2 * (m + 1))
  }
  const { insertion, lettersPerGlyph, glyphsPerLetter } = r
  insertion[m] = Infinity
  lettersPerGlyph[m] = 1
  glyphsPerLetter[m] = 1
  for (let j = m - 1; j >= 0; j--) {
    insertion[j] = Math.min(insertion[j + 1], steps.insertion[j])
    let lpg = lettersPerGlyph[j + 1], gpl = glyphsPerLetter[j + 1]
    const at = steps.at[j]
    for (let k = 0, pieces = Math.min(MAX_PIECE, m - j) + 1; k < pieces; k++) {
      const step = at[k]
      if (step.letters[0] || step.letters[1]) gpl = Math.max(gpl, k)
      for (const g of step.golds) {
        lpg = Math.max(lpg, g.length)
        gpl = Math.max(gpl, k / g.length)
      }
    }
    lettersPerGlyph[j] = lpg
    glyphsPerLetter[j] = gpl
  }
  // the cheapest letter read from no glyph: the least of the empty piece's letter costs
  const none = steps.at[0][0]
  r.loss = Math.min(none.least[0], none.least[1])
  r.m = m
  r.span = longest + 1
  r.bound = restBounds(steps, r)
  return r
}
// the scratch arrays below are made at once for tokens of up to SCRATCH_GLYPHS glyphs and words of up to
// SCRATCH_LETTERS letters (a Vietnamese syllable has at most 7), and grow only past them: grown in the
// middle of a document (its first token longer than any before), they sent the compiled restOf back to
// the interpreter, on a path it had never taken
const SCRATCH_GLYPHS = 64
const SCRATCH_LETTERS = 8
const restScratch: Rest = {
  insertion: new Float64Array(SCRATCH_GLYPHS + 1), loss: Infinity, lettersPerGlyph: new Float64Array(SCRATCH_GLYPHS + 1),
  glyphsPerLetter: new Float64Array(SCRATCH_GLYPHS + 1), m: 0, bound: new Float64Array(0), span: 0,
}

/**
 * The least cost of reading glyphs j … m − 1 as l letters, whatever letters (each glyph read as no letter,
 * a piece of 1–4 glyphs as one letter or as a table unit's letters, a letter from no glyph): cost[j][l].
 * Its least over l in lo … hi (span − 1: the most letters of a word) bounds what finishing costs from a
 * trie node whose words below have lo … hi letters more. It counts where the glyphs go, so it is much
 * tighter than the counts of restCost on long tokens (glued syllables), which the search reads for a
 * single syllable before their two-syllable readings are tried.
 * Returns, at (j·span + lo)·span + hi, the larger of the two bounds (restCost): the search reads one
 * entry per state offered, where it worked the counts out for every one.
 */
function restBounds(steps: TokenSteps, r: Rest): Float64Array {
  const { m, span, loss } = r
  // (scratch arrays, reused by every call: one search at a time)
  if (boundScratch.cost.length < (m + 1) * span) boundScratch.cost = new Float64Array(2 * (m + 1) * span)
  if (boundScratch.bound.length < (m + 1) * span * span) boundScratch.bound = new Float64Array(2 * (m + 1) * span * span)
  const cost = boundScratch.cost, bound = boundScratch.bound
  for (let j = m; j >= 0; j--) {
    const at = steps.at[j]
    for (let l = 0; l < span; l++) {
      let c = j === m && l === 0 ? 0 : Infinity
      if (j < m) c = Math.min(c, steps.insertion[j] + cost[(j + 1) * span + l])
      if (l > 0) c = Math.min(c, loss + cost[j * span + l - 1])
      for (let k = 1, pieces = Math.min(MAX_PIECE, m - j) + 1; k < pieces; k++) {
        const step = at[k], next = (j + k) * span
        if (l > 0) c = Math.min(c, Math.min(step.least[0], step.least[1]) + cost[next + l - 1])
        const golds = step.golds, g0 = step.goldCost[0], g1 = step.goldCost[1]
        for (let x = 0; x < golds.length; x++) if (golds[x].length <= l) c = Math.min(c, Math.min(g0[x], g1[x]) + cost[next + l - golds[x].length])
      }
      cost[j * span + l] = c
    }
    for (let lo = 0; lo < span; lo++) {
      let least = Infinity
      for (let hi = lo; hi < span; hi++) {
        least = Math.min(least, cost[j * span + hi])
        // a sum taken in another order than a path's own may round a hair higher: never rule out a state
        // whose word costs exactly the limit
        const b = Math.max(0, least - BOUND_SLACK), counts = countBound(r, j, lo, hi)
        bound[(j * span + lo) * span + hi] = counts > b ? counts : b
      }
    }
  }
  return bound
}
const boundScratch = {
  cost: new Float64Array((SCRATCH_GLYPHS + 1) * (SCRATCH_LETTERS + 1)),
  bound: new Float64Array((SCRATCH_GLYPHS + 1) * (SCRATCH_LETTERS + 1) ** 2),
}
const BOUND_SLACK = 1e-9

/**
 * A lower bound on ending a word from a trie node whose words below have lo … hi letters more, with j
 * glyphs read: a letter takes at most glyphsPerLetter[j] glyphs, so glyphs beyond that × the most letters
 * left are insertions; letters beyond what the glyphs left can give are losses.
 */
function countBound(r: Rest, j: number, lo: number, hi: number): number {
  const left = r.m - j
  let c = 0
  const extra = left - r.glyphsPerLetter[j] * hi
  if (extra > 0) c += extra * r.insertion[j]
  const short = lo - left * r.lettersPerGlyph[j]
  if (short > 0) c += short * r.loss
  return c
}

/**
 * The least cost of ending a word from trie node with j glyphs read (countBound and the letters bound,
 * restBounds). The search does not queue a state whose cost plus this passes its limit: no word within
 * the limit lies behind it, so the words found are the same.
 */
function restCost(t: Trie, r: Rest, node: number, j: number): number {
  return r.bound[(j * r.span + t.minLetters[node]) * r.span + t.maxLetters[node]]
}

/**
 * What the search needs of token obs, per glyph position j and piece length k (the k glyphs from j),
 * by word start (1) or not (0): the letter costs of the piece (null: the piece is not read letter by
 * letter) and the least of them, the table's gold units for it as letter indices with their costs, and at j the cost of a
 * glyph with no letter behind it.
 */
type Step = { letters: [Float64Array | null, Float64Array | null]; least: [number, number]; golds: Int32Array[]; goldCost: [Float64Array, Float64Array] }
/** at[j][k] for k ≤ min(MAX_PIECE, m − j) (the rows are reused scratch: entries past that are stale) */
type TokenSteps = { at: Step[][]; insertion: Float64Array; offset: Int32Array }

/** The steps of token o (its glyphs obs), in scratch reused by every search (one search at a time). */
function tokenSteps(lex: Lexicon, ch: Channel, o: string, obs: string[]): TokenSteps {
  const m = obs.length
  const steps = stepsScratch
  growSteps(steps, m)
  const { at, insertion, offset } = steps
  // where each glyph starts in o (UTF-16 units): a piece is one slice
  for (let j = 0; j < m; j++) offset[j + 1] = offset[j] + obs[j].length
  let memo = stepMemo.get(ch)
  if (!memo) stepMemo.set(ch, (memo = new Map()))
  for (let j = 0; j <= m; j++) {
    const row = at[j]
    for (let k = 0; k <= Math.min(MAX_PIECE, m - j); k++) {
      const piece = o.slice(offset[j], offset[j + k])
      // two thin glyphs read as one vowel only after the onset and as a whole run (ngili is no ng + il + i)
      const strokes = k === 2 && isStrokeRun(piece)
      const whole = strokes && j > 0 && !isStrokeRun(obs[j - 1] + obs[j]) && (j + 2 >= m || !isStrokeRun(obs[j + 1] + obs[j + 2]))
      const key = strokes && !whole ? piece + '\u0002' : piece
      row[k] = memo.get(key) ?? stepOf(lex, ch, memo, piece, k, key, whole)
    }
  }
  for (let j = 0; j < m; j++) insertion[j] = ch.insertion(obs[j])
  return steps
}

const NO_STEP: Step = { letters: [null, null], least: [Infinity, Infinity], golds: [], goldCost: [new Float64Array(0), new Float64Array(0)] }
const stepsScratch: TokenSteps = { at: [], insertion: new Float64Array(SCRATCH_GLYPHS + 1), offset: new Int32Array(SCRATCH_GLYPHS + 2) }
/** Makes the scratch hold a token of m glyphs (rows of MAX_PIECE + 1 steps, one per glyph position and the end). */
function growSteps(steps: TokenSteps, m: number): void {
  while (steps.at.length <= m) steps.at.push(Array.from({ length: MAX_PIECE + 1 }, () => NO_STEP))
  if (steps.insertion.length < m) steps.insertion = new Float64Array(2 * m)
  if (steps.offset.length < m + 1) steps.offset = new Int32Array(2 * (m + 1))
}

const stepMemo = new WeakMap<Channel, Map<string, Step>>()
const NO_GOLDS: Int32Array[] = []
const NO_GOLD_COSTS: Step['goldCost'] = [new Float64Array(0), new Float64Array(0)]
/** The step of observed piece (k glyphs), made once per channel (kept in memo). */
function stepOf(lex: Lexicon, ch: Channel, memo: Map<string, Step>, piece: string, k: number, key: string, strokeVowel: boolean): Step {
  let step: Step
  const byLetter = k <= 1 || (k <= 3 && ch.params.garble > 0 && (NON_LETTER.test(piece) || strokeVowel))
  const letters: Step['letters'] = byLetter ? [ch.costsFor(piece, false, lex.alphabet), ch.costsFor(piece, true, lex.alphabet)] : [null, null]
  const golds: Int32Array[] = [], cost0: number[] = [], cost1: number[] = []
  for (const g of (k > 0 && ch.byObserved.get(piece)) || []) {
    if (k === 1 && g.length === 1) continue // already read letter by letter
    const path = lettersOf(lex, g)
    if (!path) continue
    golds.push(path)
    cost0.push(ch.cost(g, piece, false))
    cost1.push(ch.cost(g, piece, true))
  }
  const least: Step['least'] = [leastOf(letters[0]), leastOf(letters[1])]
  // (most pieces have no table entry: they share one empty list and cost pair, kept for the channel's life)
  const goldCost: Step['goldCost'] = golds.length ? [Float64Array.from(cost0), Float64Array.from(cost1)] : NO_GOLD_COSTS
  memo.set(key, (step = { letters, least, golds: golds.length ? golds : NO_GOLDS, goldCost }))
  return step
}

/** The cheapest letter cost of a piece (Infinity when it is not read letter by letter). */
function leastOf(costs: Float64Array | null): number {
  let least = Infinity
  if (costs) for (const c of costs) least = Math.min(least, c)
  return least
}

/** The letters of gold unit g as alphabet indices, or null when one is not in the alphabet. */
function lettersOf(lex: Lexicon, g: string): Int32Array | null {
  const out: number[] = []
  for (const x of g) {
    const i = lex.letterIndex.get(x)
    if (i === undefined) return null
    out.push(i)
  }
  return Int32Array.from(out)
}

/** The node reached from node by the letters of path, or -1. */
function walk(t: Trie, node: number, path: Int32Array): number {
  for (let i = 0; i < path.length; i++) {
    let next = -1
    for (let e = t.childStart[node], end = t.childStart[node + 1]; e < end; e++)
      if (t.childLetter[e] === path[i]) {
        next = t.childNode[e]
        break
      }
    if (next < 0) return -1
    node = next
  }
  return node
}

/**
 * Scratch of the search, reused by every call (one search at a time): a binary min-heap of (cost, state
 * key) in parallel arrays, the best cost per state in a flat table indexed by the state's key
 * (the trie has a few thousand nodes) stamped with the search's number (no clearing between searches),
 * and the words found.
 */
class SearchScratch {
  gen = 0
  heapSize = 0
  /** the queue: cost and state key (glyphs read · trie nodes + node) of each entry */
  private hCost = new Float64Array(1024)
  private hKey = new Int32Array(1024)
  /**
   * per state key (the children of a node, numbered consecutively, lie side by side for each count of
   * glyphs read): [stamp, best cost], the cost valid where the stamp is this search's number
   */
  best = new Float64Array(0)
  private nodes = 1
  foundGen = new Uint32Array(0)
  foundId = new Int32Array(64)
  foundCost = new Float64Array(64)

  /** Records word w at cost as the i-th found (growing the arrays past maxResults for equal costs). */
  found(w: number, cost: number, i: number): void {
    if (i === this.foundId.length) {
      const id = new Int32Array(i * 2), c = new Float64Array(i * 2)
      id.set(this.foundId)
      c.set(this.foundCost)
      ;(this.foundId = id), (this.foundCost = c)
    }
    this.foundGen[w] = this.gen
    this.foundId[i] = w
    this.foundCost[i] = cost
  }

  topCost(): number { return this.hCost[0] }
  topKey(): number { return this.hKey[0] }

  /** Queues state (node, j) at cost unless it costs more than limit or was reached as cheaply before. */
  offer(cost: number, node: number, j: number, limit: number): void {
    if (cost > limit) return
    const key = j * this.nodes + node, best = this.best
    if (best[2 * key] === this.gen && best[2 * key + 1] <= cost) return
    best[2 * key] = this.gen
    best[2 * key + 1] = cost
    this.push(cost, key)
  }

  /** Binary min-heap insertion (the new entry rises while its parent costs more). */
  push(cost: number, key: number): void {
    if (this.heapSize === this.hCost.length) {
      const c = new Float64Array(this.heapSize * 2), k = new Int32Array(this.heapSize * 2)
      c.set(this.hCost)
      k.set(this.hKey)
      ;(this.hCost = c), (this.hKey = k)
    }
    const { hCost, hKey } = this
    let i = this.heapSize++
    while (i > 0) {
      const p = (i - 1) >> 1
      if (hCost[p] <= cost) break
      hCost[i] = hCost[p]
      hKey[i] = hKey[p]
      i = p
    }
    hCost[i] = cost
    hKey[i] = key
  }

  /** Removes the top: the last entry sinks from the root while a child (the left on a tie) costs less. */
  pop(): void {
    const { hCost, hKey } = this
    const n = --this.heapSize
    if (n === 0) return
    const cost = hCost[n], key = hKey[n]
    let i = 0
    for (;;) {
      let c = 2 * i + 1
      if (c >= n) break
      if (c + 1 < n && hCost[c + 1] < hCost[c]) c++
      if (hCost[c] >= cost) break
      hCost[i] = hCost[c]
      hKey[i] = hKey[c]
      i = c
    }
    hCost[i] = cost
    hKey[i] = key
  }

  /** the ranks of the best words found so far, ascending: the first rankCount of rankList (at most keep) */
  private rankList = new Float64Array(16)
  rankCount = 0

  addRank(r: number, keep: number): void {
    if (!(keep < Infinity)) return
    if (this.rankList.length < keep) {
      const grown = new Float64Array(keep)
      grown.set(this.rankList)
      this.rankList = grown
    }
    const rs = this.rankList
    let i = this.rankCount
    while (i > 0 && rs[i - 1] > r) i--
    if (i >= keep) return
    // the ranks after i move up one place (the keep-th falls off when the list is full)
    for (let x = Math.min(this.rankCount, keep - 1); x > i; x--) rs[x] = rs[x - 1]
    rs[i] = r
    if (this.rankCount < keep) this.rankCount++
  }

  /** The keep-th best rank found so far (Infinity before keep words are found). */
  kthRank(keep: number): number {
    return this.rankCount >= keep ? this.rankList[keep - 1] : Infinity
  }

  /**
   * Starts a search for at most maxResults words of a vocabulary of size n, over the states of nodes trie
   * nodes × width glyph counts: a new stamp, an empty queue.
   */
  begin(n: number, maxResults: number, nodes: number, width: number): void {
    this.nodes = nodes
    if (this.best.length < 2 * nodes * width) this.best = new Float64Array(2 * nodes * width)
    if (this.foundGen.length < n) this.foundGen = new Uint32Array(n)
    if (this.foundId.length < maxResults) (this.foundId = new Int32Array(maxResults)), (this.foundCost = new Float64Array(maxResults))
    if (this.gen === 0xffffffff) {
      // the stamps are about to wrap (a long-lived worker): forget every earlier search
      this.gen = 0
      this.best.fill(0)
      this.foundGen.fill(0)
    }
    this.gen++
    this.heapSize = 0
  }
}
const scratch = new SearchScratch()
