// Per-document self-adaptation of the channel: align each confidently decoded word with what was
// observed, count which letters became which strings, and re-estimate the channel as a Dirichlet
// posterior around the prior. No gold is needed; NOTES.md measured up to +6 points from two rounds.
import { stripDiacritics } from '../syllable.js'
import { Channel, paramsKey, type ChannelParams } from './model.js'
import { perParameterSet } from '../memo.js'

/** Cheapest segmentation of observed o into the letters of gold word w: [gold unit, observed piece][]. */
export function align(ch: Channel, w: string, o: string): [string, string][] | null {
  const g = [...w], b = [...o]
  const { cost, back } = alignmentTable(ch, g, b)
  const n = g.length, m = b.length, W = m + 1
  if (cost[n * W + m] === Infinity) return null
  const pairs: [string, string][] = []
  let i = n, j = m
  while (i > 0 || j > 0) {
    const from = back[i * W + j]
    const pi = (from / W) | 0, pj = from - pi * W
    if (pi < i) pairs.push([g.slice(pi, i).join(''), b.slice(pj, j).join('')])
    i = pi
    j = pj
  }
  return pairs.reverse()
}

/** What the channel charges, in nats, for writing word w as observed o by the cheapest alignment. */
export function alignmentCost(ch: Channel, w: string, o: string): number {
  const g = [...w], b = [...o]
  return alignmentTable(ch, g, b).cost[g.length * (b.length + 1) + b.length]
}

/** The alignment's dynamic programme: cheapest cost of gold letters [0, i) read from glyphs [0, j), and where it came from. */
function alignmentTable(ch: Channel, g: string[], b: string[]): { cost: Float64Array; back: Int32Array } {
  const n = g.length, m = b.length, W = m + 1
  // cost and the cell each came from ((i·W + j), −1: none) of gold letters i read from glyphs j, flat
  const cost = new Float64Array((n + 1) * W).fill(Infinity)
  const back = new Int32Array((n + 1) * W).fill(-1)
  // the observed pieces (up to 4 glyphs from j) and gold units (1 or 2 letters from i), cut once
  const pieces = b.map((_, j) => Array.from({ length: Math.min(4, m - j) + 1 }, (_, k) => b.slice(j, j + k).join('')))
  pieces.push([''])
  const units = g.map((_, i) => [g[i], g.slice(i, i + 2).join('')])
  // a unit of two letters is read only through the table (ươ): most pairs of letters have no entry there,
  // and every piece would cost Infinity; a glyph's insertion cost is the same in every row
  const pairRead = units.map((u) => ch.hasEntries(u[1]))
  const insertion = b.map((x) => ch.insertion(x))
  cost[0] = 0
  for (let i = 0; i <= n; i++)
    for (let j = 0; j <= m; j++) {
      const c0 = cost[i * W + j]
      if (c0 === Infinity) continue
      if (j < m) relax((i * W) + j + 1, c0 + insertion[j], i * W + j)
      for (let gl = 1; gl <= 2; gl++) {
        if (i + gl > n || (gl === 2 && !pairRead[i])) continue
        const unit = units[i][gl - 1]
        for (let k = 0; k <= 4 && j + k <= m; k++) {
          const c = ch.cost(unit, pieces[j][k], i === 0)
          if (c < Infinity) relax((i + gl) * W + j + k, c0 + c, i * W + j)
        }
      }
    }
  function relax(at: number, c: number, from: number) {
    if (c < cost[at]) (cost[at] = c), (back[at] = from)
  }
  return { cost, back }
}

/**
 * Alignments under a prior channel by word and observed token. A standard channel is made from its three
 * parameters and the cited table alone, so its alignments are kept per parameter set for the process
 * (heavily garbled documents share one, the clamped one; a few sets, a bounded number of alignments each);
 * any other channel keeps its own. Each round of a document reuses those of the last.
 */
const alignmentMemo = new Map<string, Map<string, [string, string][] | null>>()
const ownMemo = new WeakMap<Channel, Map<string, [string, string][] | null>>()
function alignmentsOf(prior: Channel): Map<string, [string, string][] | null> {
  let m: Map<string, [string, string][] | null> | undefined
  if (!prior.standard) {
    m = ownMemo.get(prior)
    if (!m) ownMemo.set(prior, (m = new Map()))
    return m
  }
  m = perParameterSet(alignmentMemo, paramsKey(prior.params), () => new Map<string, [string, string][] | null>())
  if (m.size > 200_000) m.clear()
  return m
}

const KAPPA = 8 // prior strength, in pseudo-observations per gold letter

/** A channel re-estimated from (decoded word, observed token, weight) pairs of one document. */
export function adaptChannel(prior: Channel, pairs: [string, string, number][]): Channel {
  // (the loops live in the two functions below: this one runs twice per document, and with them it was a
  // large unit for the JIT compiler)
  const seen = countPieces(prior, pairs)
  const params: ChannelParams = {
    ...prior.params,
    pDrop: clamp((seen.dropped + 1) / (seen.marked + 2), 0.001, 0.98),
    pWrong: clamp((seen.wrong + 0.5) / (seen.marked + 2), 0.002, 0.3),
  }
  const base = new Channel(params, prior.entries())
  return new Channel(params, [...prior.entries(), ...learnedEntries(base, seen.counts)], true)
}

/**
 * How often (weighted) each gold unit was written as each observed piece in the aligned pairs, and of the
 * marked letters how many lost their marks or show a wrong one.
 */
function countPieces(prior: Channel, pairs: [string, string, number][]): { counts: Map<string, Map<string, number>>; marked: number; dropped: number; wrong: number } {
  const counts = new Map<string, Map<string, number>>()
  let marked = 0, dropped = 0, wrong = 0
  const alignments = alignmentsOf(prior) // a document repeats its words, and each round the pairs of the last
  for (const [w, o, weight] of pairs) {
    const key = w + '\u0001' + o
    let al = alignments.get(key)
    if (al === undefined) alignments.set(key, (al = align(prior, w, o)))
    if (!al) continue
    for (const [g, piece] of al) {
      let m = counts.get(g)
      if (!m) counts.set(g, (m = new Map()))
      m.set(piece, (m.get(piece) ?? 0) + weight)
      const bare = stripDiacritics(g)
      if (g.length === 1 && g !== bare) {
        marked += weight
        if (piece === bare) dropped += weight
        else if (piece !== g && piece.length === 1 && stripDiacritics(piece) === bare) wrong += weight
      }
    }
  }
  return { counts, marked, dropped, wrong }
}

/** The re-learned entries: each unit seen at least 3 times, a Dirichlet posterior around channel base (κ = KAPPA). */
function learnedEntries(base: Channel, counts: Map<string, Map<string, number>>): [string, string, number][] {
  const learned: [string, string, number][] = []
  for (const [g, m] of counts) {
    let total = 0
    for (const v of m.values()) total += v
    if (total < 3) continue
    for (const [piece, n] of m) {
      const p0 = Math.exp(-base.cost(g, piece, false))
      learned.push([g, piece, -Math.log((n + KAPPA * p0) / (total + KAPPA))])
    }
  }
  return learned
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x))
