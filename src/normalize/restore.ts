// Diacritic and OCR-confusion restoration: per phrase, tokens → candidate lattice → beam Viterbi with the
// trigram LM plus the channel cost. Line k of the output is line k of the input repaired.
import { BOS_ID, EOS_ID, NUM_ID, UNK_ID, type LanguageModel } from './lm/model.js'
import { lmForm, phrases } from './lm/tokenize.js'
import { hasMarks, isPlainSyllableShape, isSyllableShape } from './lm/vietnamese.js'
import { stripDiacritics } from './syllable.js'
import { Channel, paramsKey, type ChannelParams } from './channel/model.js'
import { perParameterSet } from './memo.js'
import { channelCandidates, lexiconOf, markCandidates, rankOf, type Candidate, type Lexicon } from './channel/candidates.js'
import { adaptChannel, alignmentCost } from './channel/adapt.js'
import { OcrMarkChannel } from './channel/ocr-marks.js'
import { DocumentCache } from './channel/document-cache.js'
import { piecesOf, type Piece } from './tokens.js'
import { changeCostShift, tokenSpans, type TokenValues } from './word-confidence.js'

/** pieces: the lines' pieces when the caller has them (a second round on restored text). */
/** source 'ocr': the text is Vietnamese-model OCR of a scan; marked syllables may carry wrong marks (ocr-marks.ts). */
/** tokenConf: the OCR confidence of each whitespace token of each line (word-confidence.ts), where known. */
export type RestoreOptions = { lm: LanguageModel; trustMarks?: number; adapt?: boolean; pieces?: Piece[][]; source?: string; tokenConf?: TokenValues }
export type RestoreChange = { line: number; column: number; from: string; to: string; confidence: number }
/**
 * A syllable the decoder chose (changed or kept) with less than full confidence: its output spelling
 * and that confidence, the posterior of the choice. Listed where marks are restored (text that lost or
 * garbled them), not in OCR-mark mode.
 */
export type Doubt = { line: number; text: string; confidence: number }
export type RestoreResult = { lines: string[]; changes: RestoreChange[]; doubts: Doubt[]; syllables: number; lowConfidence: number; params: ChannelParams; pieces: Piece[][] }

const BEAM = 8
const MAX_CANDIDATES = 12
const LOW_CONFIDENCE = 0.6
/** Decisions at or above this confidence are not listed as doubts (nearly every syllable of clean text). */
const SURE = 0.99
const KNOWN_JUNK_COST = 4
// a garbled token kept as written: the model prices it as an unknown word, as likely as a rare clean word,
// which garbage is not; readings of it as glued syllables (each with its own LM cost) must beat this
const GARBLED_AS_WRITTEN_COST = 11

/** How the document looks: share of words with marks, share of words with glyph garbage. */
export function estimateParams(lines: string[], lm: LanguageModel, trustMarks?: number, pieces: Piece[][] = lines.map(piecesOf)): ChannelParams & { trust: number } {
  let words = 0, marked = 0, garbled = 0
  const memo = wordFactsOf(lm)
  for (const ps of pieces)
    for (const p of ps) {
      if (p.kind !== 'word') continue
      words++
      let f = memo.get(p.text)
      if (f === undefined) {
        if (memo.size > 100_000) memo.clear()
        memo.set(p.text, (f = wordFacts(p.text, lm)))
      }
      marked += f & 1
      garbled += f >> 1
    }
  const markedShare = words ? marked / words : 0
  const garbleShare = words ? garbled / words : 0
  // born-digital Vietnamese marks ≈ 70–80 % of its words; garbage lowers how far marks can be trusted
  const trust = trustMarks ?? clamp((markedShare / 0.7) * (1 - 4 * garbleShare), 0, 1)
  const clean = trust >= 0.9 && garbleShare < 0.03
  return {
    trust,
    pDrop: clean ? 1e-4 : clamp(1 - trust, 0.02, 0.98),
    pWrong: clean ? 1e-4 : clamp(0.15 * (1 - trust), 0.005, 0.1),
    garble: clamp(garbleShare * 8, 0, 1),
  }
}

/** bit 0: the word has marks; bit 1: it is garbled (not letters, or no syllable shape and unknown). */
function wordFacts(text: string, lm: LanguageModel): number {
  const lower = text.toLowerCase()
  const garbled = !/^\p{L}+$/u.test(lower) || (!isSyllableShape(lower) && !isPlainSyllableShape(lower) && !lm.has(lmForm(lower)))
  return (hasMarks(lower) ? 1 : 0) | (garbled ? 2 : 0)
}
const wordFactMemo = new WeakMap<LanguageModel, Map<string, number>>()
/** Word facts per model, kept for the process (documents share most of their words). */
function wordFactsOf(lm: LanguageModel): Map<string, number> {
  let m = wordFactMemo.get(lm)
  if (!m) wordFactMemo.set(lm, (m = new Map()))
  return m
}

type Slot = { piece: Piece; line: number; cands: Candidate[]; observed: string }

export class Restorer {
  private readonly lm: LanguageModel
  private readonly lex: Lexicon
  private channel: Channel
  private cache = new Map<string, Candidate[]>()

  private readonly clean: boolean
  private garbledLine = false
  private capsLine = false
  /** how many times the channel was learned from this document (setChannel) */
  private adaptations = 0
  /**
   * whether glued tokens get readings as several syllables: restore() holds them back in a first decode that
   * adaptation follows (its readings of glued tokens teach adaptation nothing, and the document's own glyphs
   * cost too much there for their parts to be read); they come with the learned channel (setChannel)
   */
  private gluedReadings: boolean
  /** a side's readings, or the cost under which it was found to have none (sideCandidates) */
  private sideCache = new Map<string, Candidate[] | number>()
  /** OCR-mark mode (Vietnamese OCR text): every word kept unless the LM beats the mark channel + threshold */
  private readonly ocr: OcrMarkChannel | null
  private glyph: Channel | null = null

  constructor(lm: LanguageModel, params: ChannelParams, ocr: OcrMarkChannel | null = null, gluedReadings = true) {
    this.lm = lm
    this.ocr = ocr
    this.clean = !ocr && params.pDrop < 0.001
    this.lex = lexiconOf(lm)
    this.gluedReadings = gluedReadings
    const key = paramsKey(params)
    this.channel = ocr ? new Channel(params) : standardChannel(this.lex, params, key)
    // (lists without glued readings are kept apart from those with them)
    this.cache = ocr ? new Map() : sharedCache(this.lex, gluedReadings ? key : key + UNGLUED)
  }

  /** The document's own confident words and pairs (a cache LM), used from the next decode on. */
  documentCache: DocumentCache | null = null

  setChannel(ch: Channel): void {
    this.channel = ch
    this.adaptations++
    this.gluedReadings = true
    this.cache = new Map() // an adapted channel is this document's own
    this.sideCache = new Map()
    this.neighbourCosts = new Map()
    this.neighbourLists = freshNeighbourLists(null)
  }

  get currentChannel(): Channel {
    return this.channel
  }

  candidates(observed: string): Candidate[] {
    let c = this.cache.get(observed)
    if (!c) this.cache.set(observed, (c = this.computeCandidates(observed)))
    return c
  }

  private computeCandidates(o: string): Candidate[] {
    if (this.ocr) return this.ocrCandidates(o, this.ocr)
    const ch = this.channel
    // clean text: a word the model knows is taken as written (a typo there is the author's, not OCR's)
    const known = lmForm(o)
    if (this.clean) return [{ word: known, id: this.lm.has(known) ? this.lm.idOf(known) : UNK_ID, cost: 0 }]
    const plain = /^\p{L}+$/u.test(o)
    const byWord = tokenReadings.begin(this.lex.vocab.length)
    if (plain) for (const c of markCandidates(this.lex, ch, o)) byWord.add(c)
    // no syllable has this skeleton (pong, cia): it is a confusion, not only lost marks
    if (!plain || ch.params.garble > 0.3 || byWord.size === 0) for (const c of channelCandidates(this.lex, ch, o, undefined, undefined, MAX_CANDIDATES)) byWord.add(c)
    // the token as written: a known word (Vietnamese or not) or an unknown one kept verbatim (a word of the
    // lexicon goes with its id, so it is among the readings when its id is)
    const form = lmForm(o)
    const formId = this.lm.has(form) ? this.lm.idOf(form) : UNK_ID
    if (formId === UNK_ID || !byWord.has(formId)) {
      const id = formId
      const looksGarbled = !plain || (!isSyllableShape(form) && id === UNK_ID && ch.params.garble > 0.05)
      // an unknown token competes with real syllables only when none was found (names, foreign words)
      // a known word that is no Vietnamese syllable (nqi, xii: OCR junk the corpus also holds) is a weak
      // reading of a garbled document's token
      const known = id === UNK_ID ? 0 : !isSyllableShape(form) && !isPlainSyllableShape(form) && ch.params.garble > 0.3 ? KNOWN_JUNK_COST : 0.5
      byWord.add({ word: form, id, cost: id === UNK_ID ? (looksGarbled ? GARBLED_AS_WRITTEN_COST : byWord.size ? 8 : 2) : known })
    }
    const ranked = byWord.best(this.lex, MAX_CANDIDATES)
    // candidates far behind the best on channel + frequency never win in practice
    const cut = rankOf(this.lex, ranked[0]) + 14
    const out = ranked.slice(0, MAX_CANDIDATES).filter((c) => rankOf(this.lex, c) <= cut)
    // glued words (b61~i = bỏ lại, h,liphia = lại phía): a long token no single syllable explains well
    // may be two syllables; the pairs compete with the single readings in the decoder, with the LM
    const glyphs = [...o].length
    if (ch.params.garble > 0.3 && this.gluedReadings && glyphs >= 5 && glyphs <= MAX_GLUED_GLYPHS && out[0].cost > SPLIT_WHEN) {
      const pairs = this.splitCandidates(o)
      out.push(...pairs)
      // three or four glued syllables (phc1ndc1ubinh = phấn đấu bình) when no pair reads the token well
      if (this.adaptations >= MULTI_AFTER_ADAPTATIONS && glyphs >= MULTI_MIN_LETTERS && !(pairs[0]?.cost <= MULTI_WHEN)) out.push(...this.multiSplits(o))
    }
    return out
  }

  /**
   * The token's candidates and the words the document's first reading surely read, again and again, next to a
   * candidate of the neighbouring token: after the previous token's (thập → đỏ) or before the next one's
   * (đơn ← vị), each at what the channel charges for writing it as this token, when that is at most
   * NEIGHBOUR_CAP. A repeated name whose garbled occurrence the search ranked out of the list (dé: để, đề,
   * đệ… before đỏ) is still offered where the document's own phrase goes on.
   */
  private withNeighbours(cands: Candidate[], observed: string, neighbourCands: Candidate[], side: Side, cache: DocumentCache): Candidate[] {
    // one list per (token's list, neighbour's list) for the channel and cache in use: a repeated pair of
    // tokens gets the same list (and the decoder's typed arrays of it) again
    if (this.neighbourLists.cache !== cache) this.neighbourLists = freshNeighbourLists(cache)
    const lists = this.neighbourLists.lists[side]
    let byCands = lists.get(neighbourCands)
    if (!byCands) lists.set(neighbourCands, (byCands = new WeakMap()))
    let out = byCands.get(cands)
    if (!out) byCands.set(cands, (out = this.neighboursAdded(cands, observed, neighbourCands, side, cache)))
    return out
  }
  private neighbourLists = freshNeighbourLists(null)

  private neighboursAdded(cands: Candidate[], observed: string, neighbourCands: Candidate[], side: Side, cache: DocumentCache): Candidate[] {
    const ids = this.neighbourIds(neighbourCands, side, cache)
    if (!ids.length) return cands
    const letters = plainLetters(observed)
    let out: Candidate[] | null = null
    for (const id of ids) {
      const word = this.lm.vocab[id]
      if (!withinOneEdit(stripDiacritics(word), letters)) continue
      if ((out ?? cands).some((x) => x.id === id && x.id2 === undefined)) continue
      const cost = this.neighbourCost(word, observed)
      if (cost <= NEIGHBOUR_CAP) (out ??= [...cands]).push({ word, id, cost })
    }
    return out ?? cands
  }

  /** The words the cache reads next to one of a list's NEIGHBOUR_READINGS best candidates, each once, in the order first met. */
  private neighbourIds(neighbourCands: Candidate[], side: Side, cache: DocumentCache): number[] {
    const memo = this.neighbourLists.ids[side]
    let ids = memo.get(neighbourCands)
    if (ids) return ids
    const seen = new Set<number>()
    for (const c of neighbourCands.slice(0, NEIGHBOUR_READINGS)) for (const id of (side === AFTER ? cache.followersOf(lastWordOf(c)) : cache.predecessorsOf(c.id)) ?? []) seen.add(id)
    memo.set(neighbourCands, (ids = [...seen]))
    return ids
  }

  private neighbourCosts = new Map<string, number>()
  /** alignmentCost of a neighbour, memoised for the channel in use */
  private neighbourCost(word: string, observed: string): number {
    const key = word + '\u0000' + observed
    let c = this.neighbourCosts.get(key)
    if (c === undefined) this.neighbourCosts.set(key, (c = alignmentCost(this.channel, word, observed)))
    return c
  }

  /**
   * OCR-mark mode: the token as written (cost 0) and the syllables with the same letters and other marks,
   * each at its learned channel cost plus OCR_CHANGE_COST, so the LM must be much surer to change a word
   * the OCR read. A syllable-shaped token the model does not know (nghòo) also gets glyph readings.
   */
  private ocrCandidates(o: string, ocr: OcrMarkChannel): Candidate[] {
    const form = lmForm(o)
    const selfId = this.lm.has(form) ? this.lm.idOf(form) : UNK_ID
    const self: Candidate = { word: form, id: selfId, cost: 0 }
    if (!/^\p{L}+$/u.test(o) || [...form].length > 7) return [self]
    const out: Candidate[] = []
    for (const id of this.lex.bySkeleton.get(stripDiacritics(form)) ?? []) {
      const w = this.lex.vocab[id]
      if (w === form) continue
      const c = ocr.cost(w, form) - ocr.cost(form, form)
      if (c < Infinity) out.push({ word: w, id, cost: Math.max(0, c) + OCR_CHANGE_COST })
    }
    if (selfId === UNK_ID) {
      this.glyph ??= new Channel({ pDrop: 0.05, pWrong: 0.05, garble: 0.5 })
      const seen = new Set(out.map((c) => c.word))
      for (const c of channelCandidates(this.lex, this.glyph, form, 12, 6)) if (!seen.has(c.word)) out.push(c)
    }
    out.sort((a, b) => rankOf(this.lex, a) - rankOf(this.lex, b) || (a.word < b.word ? -1 : 1))
    return [self, ...out.slice(0, MAX_CANDIDATES - 1)]
  }

  /** Two-syllable readings of a token: each cut point, the best few readings of each side. */
  private splitCandidates(o: string): Candidate[] {
    const chars = [...o]
    const found: Candidate[] = []
    // the MAX_SPLITS-th cheapest distinct reading so far: a cut none of whose pairs can cost as little adds
    // nothing, so a side with no reading under what is left of it is not searched to the end
    let sixth = Infinity
    // cuts near the middle first: two glued syllables usually split there, so the cheap pairs (and a low
    // sixth) come early (the order changes nothing else: the pairs are sorted at the end)
    const cuts: number[] = []
    for (let k = 2; k <= chars.length - 2; k++) cuts.push(k)
    cuts.sort((a, b) => Math.abs(2 * a - chars.length) - Math.abs(2 * b - chars.length) || a - b)
    for (const k of cuts) {
      const left = chars.slice(0, k).join(''), right = chars.slice(k).join('')
      if (!/\p{L}/u.test(left) || !/\p{L}/u.test(right)) continue
      const ls = this.sideCandidates(left, sixth + SPLIT_MARGIN - SPLIT_COST + CAP_SLACK)
      if (!ls) continue
      let leftLeast = Infinity
      for (const a of ls) leftLeast = Math.min(leftLeast, a.cost)
      const rs = this.sideCandidates(right, sixth + SPLIT_MARGIN - SPLIT_COST - leftLeast + CAP_SLACK)
      if (!rs) continue
      for (const a of ls)
        for (const b of rs) found.push({ word: a.word + ' ' + b.word, id: a.id, id2: b.id, cost: a.cost + b.cost + SPLIT_COST })
      if (found.length >= MAX_SPLITS) sixth = bestSplits(found)[MAX_SPLITS - 1]?.cost ?? Infinity
    }
    return this.rankedSplits(found.filter((c) => c.cost <= sixth + SPLIT_MARGIN))
  }

  /** The MAX_SPLITS best distinct pairs by channel cost and how likely the model finds the pair. */
  private rankedSplits(found: Candidate[]): Candidate[] {
    const sorted = found.map((c) => ({ c, r: c.cost - PAIR_LM_WEIGHT * this.phraseLogProb([c.id, c.id2!]) })).sort((a, b) => a.r - b.r || (a.c.word < b.c.word ? -1 : 1))
    const seen = new Set<string>()
    return sorted.map((x) => x.c).filter((c) => !seen.has(c.word) && seen.add(c.word)).slice(0, MAX_SPLITS)
  }

  /** log p of the words of one glued token's reading, read on their own (no context before them). */
  private phraseLogProb(ids: number[]): number {
    let lp = this.lex.unigram[ids[0]]
    for (let k = 1; k < ids.length; k++) lp += this.lm.logProb(k > 1 ? ids[k - 2] : UNK_ID, ids[k - 1], ids[k])
    return lp
  }

  /**
   * Readings of a token as MIN_PARTS to MAX_PARTS glued syllables: a search over cut points that keeps the
   * MULTI_BEAM best readings of each prefix (by cost and how likely the model finds their words); every part
   * is a side read at no more than PART_CAP nats.
   */
  private multiSplits(o: string): Candidate[] {
    const chars = [...o], n = chars.length
    const at: Partial[][] = Array.from({ length: n + 1 }, () => [])
    at[0].push({ words: [], ids: [], cost: 0 })
    const rank = (p: Partial) => p.cost - PAIR_LM_WEIGHT * this.phraseLogProb(p.ids)
    for (let i = 0; i < n; i++) {
      at[i] = bestPartials(at[i], rank)
      if (!at[i].length || at[i][0].ids.length >= MAX_PARTS) continue
      for (let j = i + MIN_PART_LETTERS; j <= Math.min(n, i + MAX_PART_LETTERS); j++) {
        if (n - j > 0 && n - j < MIN_PART_LETTERS) continue
        const part = chars.slice(i, j).join('')
        const reads = /\p{L}/u.test(part) && !CONSONANTS_ONLY.test(part) ? this.sideCandidates(part, PART_CAP) : null
        if (reads) for (const p of at[i]) if (p.ids.length < MAX_PARTS) for (const r of reads) at[j].push({ words: [...p.words, r.word], ids: [...p.ids, r.id], cost: p.cost + r.cost + (p.ids.length ? SPLIT_COST : 0) })
      }
    }
    return bestPartials(at[n], rank)
      .filter((p) => p.ids.length >= MIN_PARTS)
      .map((p) => ({ word: p.words.join(' '), id: p.ids[0], id2: p.ids[1], more: p.ids.slice(2), cost: p.cost }))
  }

  /**
   * A side's readings (the SIDE_READINGS best by rank), or null when it has none at cost ≤ cap: then its
   * search stopped there (the side was not read in full; a later call with a higher cap reads it again).
   */
  private sideCandidates(part: string, cap = Infinity): Candidate[] | null {
    const cached = this.sideCache.get(part)
    if (Array.isArray(cached)) return cached
    if (cached !== undefined && cap <= cached) return null // no reading costs ≤ cached, so none ≤ cap
    const byWord = new Map<string, Candidate>()
    let cheapest = Infinity
    if (/^\p{L}+$/u.test(part))
      for (const x of markCandidates(this.lex, this.channel, part)) {
        byWord.set(x.word, x)
        cheapest = Math.min(cheapest, x.cost)
      }
    const found = channelCandidates(this.lex, this.channel, part, 12, 6, SIDE_READINGS, cheapest <= cap ? Infinity : cap)
    if (!found) {
      this.sideCache.set(part, cap)
      return null
    }
    for (const x of found) if (!byWord.has(x.word) || byWord.get(x.word)!.cost > x.cost) byWord.set(x.word, x)
    const c = [...byWord.values()].sort((a, b) => rankOf(this.lex, a) - rankOf(this.lex, b) || (a.word < b.word ? -1 : 1)).slice(0, SIDE_READINGS)
    this.sideCache.set(part, c)
    return c
  }

  /**
   * Decodes one phrase (slots between breaks); returns the chosen candidate and a confidence per slot.
   * Beam Viterbi over (previous word, word) states, kept in flat typed arrays (no allocation per
   * hypothesis): states that share their last two words merge, the best BEAM survive each slot.
   */
  decodePhrase(slots: Slot[]): { cand: Candidate; confidence: number }[] {
    // nothing to choose (clean text, codes, numbers): the only candidates, certain
    let choice = false
    for (const s of slots) if (s.cands.length > 1) choice = true
    if (!choice) return slots.map((s) => ({ cand: s.cands[0], confidence: 1 }))
    const T = slots.length
    const d = decoderArrays(T)
    // slot t's states live at [t*BEAM, t*BEAM + size[t]); state -1 is the phrase start
    let prevBase = -1, prevSize = 1
    for (let t = 0; t < T; t++) {
      const expanded = this.expandSlot(d, slots[t].cands, prevBase, prevSize)
      prevBase = t * BEAM
      prevSize = keepBest(d, t, expanded)
    }
    let best = -1, bestScore = -Infinity
    for (let k = 0; k < prevSize; k++) {
      const at = prevBase + k
      const s = d.score[at] + this.lm.logProb(d.w1[at], d.w2[at], EOS_ID)
      if (s > bestScore) (bestScore = s), (best = at)
    }
    return backtrace(d, slots, best)
  }

  /**
   * Extends every state of the previous slot with every candidate of this one; extensions that end on
   * the same two words merge (open-addressing table). Returns how many distinct extensions there are.
   */
  private expandSlot(d: DecoderArrays, cands: Candidate[], prevBase: number, prevSize: number): number {
    const { ids, ids2, costs, more } = arraysOf(cands)
    const n = cands.length
    if (d.row.length < n) d.row = new Float64Array(n * 2)
    if (d.back2.length < n * BEAM) (d.back2 = new Float64Array(n * BEAM * 2)), (d.backFound = new Uint8Array(n * BEAM * 2))
    const cache = this.documentCache
    // the document cache's word bonuses, once per slot (−1: none, the pair bonus then does not count either)
    if (cache) {
      if (d.uniBonus.length < n) d.uniBonus = new Float64Array(n * 2)
      for (let i = 0; i < n; i++) d.uniBonus[i] = cache.unigramBonus(ids[i]) ?? -1
    }
    let m = 0 // expanded states this slot
    let nb = 0 // distinct last words among the states: their backoff rows, computed once each
    d.gen++
    for (let k = 0; k < prevSize; k++) {
      const from = prevBase < 0 ? -1 : prevBase + k
      const w1 = from < 0 ? BOS_ID : d.w1[from], w2 = from < 0 ? BOS_ID : d.w2[from]
      const base = from < 0 ? 0 : d.score[from]
      let r = 0
      while (r < nb && d.backWord[r] !== w2) r++
      if (r === nb) {
        this.lm.backoffRow(w2, ids, n, d.back2, r * n, d.backFound)
        d.backWord[nb++] = w2
      }
      this.lm.scoreAllWith(w1, w2, ids, n, d.back2, r * n, d.row, d.backFound)
      // 4-gram level (when the model has one): the word before w1 is taken from this state's best path
      if (this.lm.hasFourgrams && from >= 0) {
        const p = d.back[from]
        this.lm.applyFourgrams(p >= 0 ? d.w1[p] : BOS_ID, w1, w2, ids, n, d.row)
      }
      for (let i = 0; i < n; i++) {
        const second = ids2[i]
        // a two-syllable reading (glued token) moves the state on by two words
        let score = base + d.row[i] - costs[i]
        if (cache && d.uniBonus[i] >= 0) score += d.uniBonus[i] + cache.pairBonus(w2, ids[i])
        if (second >= 0) score += this.lm.logProb(w2, ids[i], second)
        const later = more === null ? undefined : more[i]
        if (later !== undefined) {
          m = mergeExtension(d, m, score + this.laterWords(ids[i], second, later), from, i, later.length > 1 ? later[later.length - 2] : second, later[later.length - 1])
          continue
        }
        const s1 = second >= 0 ? ids[i] : w2, s2 = second >= 0 ? second : ids[i]
        m = mergeExtension(d, m, score, from, i, s1, s2)
      }
    }
    return m
  }

  /** log p of a glued reading's third and later words, after its first two (a, b). */
  private laterWords(a: number, b: number, later: number[]): number {
    let lp = 0
    for (const c of later) {
      lp += this.lm.logProb(a, b, c)
      a = b
      b = c
    }
    return lp
  }

  /**
   * Restores every line; returns repaired lines and per-token decisions. A phrase runs on across a line
   * break when the line ends mid-sentence (no punctuation) and the next one goes on with a word: the
   * words at both ends of a wrapped line then keep their context. A wide gap (3+ spaces: the columns of
   * a header row) ends a phrase.
   */
  restoreLines(lines: string[], linePieces: Piece[][] = lines.map(piecesOf), tokenConf?: TokenValues): { lines: string[]; decisions: Decision[][] } {
    const decisions: Decision[][] = lines.map(() => [])
    let phrase: Slot[] = []
    const flush = () => {
      if (!phrase.length) return
      if (this.documentCache) this.addPredecessors(phrase, this.documentCache)
      const chosen = this.decodePhrase(phrase)
      phrase.forEach((slot, i) => {
        const p = slot.piece
        const ds = decisions[slot.line]
        if (p.kind === 'num' && slot.cands.length > 1 && chosen[i].cand.id !== NUM_ID)
          ds.push({ start: p.start, end: p.end, from: p.text, to: chosen[i].cand.word, confidence: chosen[i].confidence, observed: slot.observed })
        if (p.kind === 'word') ds.push({ start: p.start, end: p.end, from: p.text, to: chosen[i].cand.word, confidence: chosen[i].confidence, observed: slot.observed })
        else if (p.kind === 'fixed' && slot.cands.length > 1 && chosen[i].cand !== slot.cands[0])
          ds.push({ start: p.start, end: p.end, from: p.text, to: chosen[i].cand.word, confidence: chosen[i].confidence, observed: slot.observed })
        else if (p.kind === 'fixed' && p.replacement !== p.text && !this.clean) ds.push({ start: p.start, end: p.end, from: p.text, to: p.replacement, confidence: 1, observed: p.text, verbatim: true })
      })
      phrase = []
    }
    let prevOpen = false // the previous line ended inside a phrase
    let prevLast: Piece | undefined
    lines.forEach((line, li) => {
      const pieces = linePieces[li]
      const first = pieces[0]
      if (!(prevOpen && first && (first.kind === 'word' || first.kind === 'num') && continues(prevLast, first) && !ITEM_START.test(line))) flush()
      let lastEnd = -1
      // (read only where it matters: a line with a bare 1, 13 or 18)
      this.garbledLine = !this.clean && this.channel.params.garble > 0.05 && pieces.some((p) => p.kind !== 'break' && p.text in DIGIT_WORDS) && lineIsGarbled(pieces, this.lm)
      this.capsLine = !this.clean && this.channel.params.garble > 0.3 && isCapsLine(pieces)
      const confOf = confidenceAt(line, tokenConf?.[li])
      const noise = !this.clean && this.channel.params.garble > 0.3 ? glyphNoise(pieces) : null
      pieces.forEach((p, k) => {
        if (p.kind !== 'break' && lastEnd >= 0 && p.start - lastEnd >= 3 && isBlank(line, lastEnd, p.start)) flush()
        if (p.kind !== 'break') lastEnd = p.end
        // stray glyphs are left as written, and break the phrase
        if (noise?.has(k)) flush()
        else this.pushPiece(p, li, phrase, flush, p.kind === 'word' ? confOf(p.start) : undefined)
      })
      const last = pieces[pieces.length - 1]
      prevOpen = !!last && last.kind !== 'break' && !/[\s]{3,}$/.test(line) && !JOIN_STOP.test(line.trimEnd())
      prevLast = last
      if (!prevOpen) flush()
    })
    flush()
    if (!this.clean && this.channel.params.garble > 0.3) decisions.forEach(markCaseNoise)
    return { lines: lines.map((line, i) => applyDecisions(line, decisions[i])), decisions }
  }

  /** Each word's candidates with the words the document surely reads before a candidate of the next token (withNeighbours). */
  private addPredecessors(phrase: Slot[], cache: DocumentCache): void {
    for (let t = phrase.length - 2; t >= 0; t--) {
      const s = phrase[t]
      if (s.piece.kind === 'word') phrase[t] = { ...s, cands: this.withNeighbours(s.cands, s.observed, phrase[t + 1].cands, BEFORE, cache) }
    }
  }

  private pushPiece(p: Piece, line: number, phrase: Slot[], flush: () => void, conf?: number): void {
    if (p.kind === 'break') flush()
    else if (p.kind === 'num') {
      // on a clearly garbled line a digit token may be a word the OCR read as digits (13 = là, 18 = lệ)
      const words = this.garbledLine ? DIGIT_WORDS[p.text] : undefined
      const cands: Candidate[] = [{ word: p.text, id: NUM_ID, cost: 0 }]
      if (words) for (const w of words) cands.push({ word: w, id: this.lm.idOf(w), cost: DIGIT_WORD_COST })
      phrase.push({ piece: p, line, cands, observed: p.text })
    }
    else if (p.kind === 'fixed') {
      // a code is context the model knows token by token (284/KH-UBND → <num> kh ubnd), as in training
      const toks = phrases(p.replacement).flat()
      if (!toks.length) toks.push(lmForm(p.replacement))
      toks.forEach((t, k) => {
        const cands: Candidate[] = [{ word: k === 0 ? p.replacement : t, id: this.lm.idOf(t), cost: 0 }]
        // a bare number on a clearly garbled line may be a word read as digits (13 = là)
        const words = this.garbledLine && toks.length === 1 ? DIGIT_WORDS[p.text] : undefined
        if (words) for (const w of words) cands.push({ word: w, id: this.lm.idOf(w), cost: DIGIT_WORD_COST })
        // a garbled capital word in an upper-case heading looks like an abbreviation (HQI, DQNG) but may
        // be a syllable the channel can read (HỘI, ĐỘNG), or two glued ones (XAHQI = XÃ HỘI): its readings
        // compete, at a price
        if (this.capsLine && toks.length === 1 && CAPS_WORD.test(p.text))
          for (const c of this.candidates(p.text.toLowerCase())) if (c.id !== UNK_ID && c.word !== t) cands.push({ ...c, cost: c.cost + CAPS_READING_COST })
        phrase.push({ piece: k === 0 ? p : { kind: 'break' }, line, cands, observed: t })
      })
    } else {
      const observed = p.text.toLowerCase()
      const prev = phrase.length ? phrase[phrase.length - 1] : null
      const cands = prev && this.documentCache ? this.withNeighbours(this.candidates(observed), observed, prev.cands, AFTER, this.documentCache) : this.candidates(observed)
      phrase.push({ piece: p, line, cands: conf === undefined ? cands : withConfidence(cands, lmForm(observed), conf), observed })
    }
  }
}

/**
 * A token's readings while they are gathered (mark readings, the search's, the token as written): the
 * cheapest of each word, then the best by rank (rankOf), ties by the word. Readings of one word share its
 * id (the token as written, when unknown, is the one reading with UNK_ID), so a table by id, reused and
 * stamped per token, tells them apart: no Map per token, and each rank is worked out once, not in every
 * comparison of a sort (where each difference was a number allocated).
 */
class TokenReadings {
  private slot = new Int32Array(0)
  private stamp = new Uint32Array(0)
  private gen = 0
  private list: Candidate[] = []
  private rank = new Float64Array(64)
  private top = new Int32Array(MAX_CANDIDATES)

  /** Starts a token's readings, ids below vocabSize. */
  begin(vocabSize: number): this {
    if (this.slot.length < vocabSize) (this.slot = new Int32Array(vocabSize)), (this.stamp = new Uint32Array(vocabSize))
    if (++this.gen === 0xffffffff) (this.gen = 1), this.stamp.fill(0)
    this.list = []
    return this
  }

  get size(): number {
    return this.list.length
  }

  has(id: number): boolean {
    return this.stamp[id] === this.gen
  }

  /** Adds reading c, or puts it in place of its word's reading when cheaper (on a tie the first stays). */
  add(c: Candidate): void {
    if (this.stamp[c.id] !== this.gen) {
      this.stamp[c.id] = this.gen
      this.slot[c.id] = this.list.length
      this.list.push(c)
    } else if (this.list[this.slot[c.id]].cost > c.cost) this.list[this.slot[c.id]] = c
  }

  /** The best k readings, best first: by rank, then by word (the order a full sort gave). */
  best(lex: Lexicon, k: number): Candidate[] {
    const list = this.list
    if (this.rank.length < list.length) this.rank = new Float64Array(2 * list.length)
    if (this.top.length < k) this.top = new Int32Array(k)
    const rank = this.rank, top = this.top
    for (let i = 0; i < list.length; i++) rank[i] = rankOf(lex, list[i])
    // insertion into the top k, kept as indices into list
    let kept = 0
    for (let i = 0; i < list.length; i++) {
      if (kept === k && !this.before(i, top[k - 1])) continue
      let p = kept === k ? k - 1 : kept++
      while (p > 0 && this.before(i, top[p - 1])) {
        top[p] = top[p - 1]
        p--
      }
      top[p] = i
    }
    const out: Candidate[] = new Array(kept)
    for (let r = 0; r < kept; r++) out[r] = list[top[r]]
    return out
  }

  /** Whether reading a comes before reading b. */
  private before(a: number, b: number): boolean {
    const ra = this.rank[a], rb = this.rank[b]
    return ra < rb || (ra === rb && this.list[a].word < this.list[b].word)
  }
}
const tokenReadings = new TokenReadings()

/**
 * A word's candidates with the cost of every change shifted by the OCR's confidence in the word
 * (word-confidence.ts); the token as read keeps its cost.
 */
function withConfidence(cands: Candidate[], form: string, conf: number): Candidate[] {
  const shift = changeCostShift(conf)
  if (shift === 0 || cands.length < 2) return cands
  // one list per candidate list and confidence (OCR confidences take few values): the decoder's typed
  // arrays of a list are then made once
  let byConf = shiftedLists.get(cands)
  if (!byConf) shiftedLists.set(cands, (byConf = new Map()))
  let out = byConf.get(conf)
  if (!out) byConf.set(conf, (out = cands.map((c) => (c.word === form ? c : { ...c, cost: Math.max(0, c.cost + shift) }))))
  return out
}
const shiftedLists = new WeakMap<Candidate[], Map<number, Candidate[]>>()

/** The confidence of the token at a column of a line, from the line's token confidences (none: undefined). */
function confidenceAt(line: string, confs: (number | undefined)[] | undefined): (column: number) => number | undefined {
  if (!confs) return () => undefined
  const spans = tokenSpans(line)
  return (column) => {
    const k = spans.findIndex(([a, b]) => column >= a && column < b)
    return k < 0 ? undefined : confs[k]
  }
}

/**
 * Whether a line that ended without punctuation goes on in the next one: the next starts in lower case
 * (a wrapped sentence), or a name runs over the break (huyện Hớn / Quản). A capital after a lower-case
 * word starts something new (a heading, the next paragraph).
 */
function continues(prev: Piece | undefined, next: Piece): boolean {
  if (next.kind !== 'word') return true
  const cap = (p: Piece | undefined) => !!p && 'text' in p && /^\p{Lu}/u.test(p.text)
  return !cap(next) || cap(prev)
}

// Digit tokens that legacy-font OCR writes for words (NOTES.md: 1/13 = là, 18 = lệ). Offered only on
// clearly garbled lines, at a cost the LM must overcome: a number stays a number unless context says word.
const DIGIT_WORDS: Record<string, string[]> = { '1': ['là'], '13': ['là'], '18': ['lệ'] }
const DIGIT_WORD_COST = 3.5
// an upper-case heading: most of its words are capitals; there a capital token the abbreviation rule
// kept (3–7 letters) may be a garbled syllable, read at CAPS_READING_COST nats more than the channel says
const CAPS_WORD = /^\p{Lu}{3,7}$/u
const CAPS_READING_COST = 2
function isCapsLine(pieces: Piece[]): boolean {
  let words = 0, caps = 0
  for (const p of pieces)
    if (p.kind === 'word' || p.kind === 'fixed') {
      words++
      if (!/\p{Ll}/u.test(p.text)) caps++
    }
  return words >= 2 && caps >= 0.7 * words
}

// a word the document surely read after the previous token's word, or before the next one's, is offered
// when the channel writes it as the token for at most this many nats (withNeighbours)
const NEIGHBOUR_CAP = 8
// only the neighbouring token's best readings (its list is ranked) bring their neighbours: 3, 5 and all
// of them gave the same readings on 000, 003 and 002 but for one syllable of 002 (with 3)
const NEIGHBOUR_READINGS = 5
const AFTER = 0
const BEFORE = 1
type Side = typeof AFTER | typeof BEFORE
type NeighbourLists = WeakMap<Candidate[], WeakMap<Candidate[], Candidate[]>>
/** Memoised lists with neighbours added, and the neighbour words of a list, by side, for one document cache. */
function freshNeighbourLists(cache: DocumentCache | null) {
  return { cache, lists: [new WeakMap(), new WeakMap()] as NeighbourLists[], ids: [new WeakMap(), new WeakMap()] as WeakMap<Candidate[], number[]>[] }
}

/** A token's letters without marks, its glyphs that are no letters left out (dé → de, d6i → di). */
function plainLetters(observed: string): string {
  return stripDiacritics(observed).replace(/[^a-z]/g, '')
}

/**
 * Two strings of letters differ by at most one letter changed, lost or added (đỏ / dé as do / de; not do /
 * dan): the cheap test before the channel is asked what a neighbour costs.
 */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0, j = 0, edits = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) (i++, j++)
    else {
      if (++edits > 1) return false
      if (a.length > b.length) i++
      else if (b.length > a.length) j++
      else (i++, j++)
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1
}

/** The last word of a reading (the second or a later one of a glued token's). */
function lastWordOf(c: Candidate): number {
  return c.more?.length ? c.more[c.more.length - 1] : c.id2 ?? c.id
}

// glued tokens: split readings are tried when the best single reading costs more than SPLIT_WHEN, and
// pay SPLIT_COST for the missing space
const SPLIT_WHEN = 6
// a token longer than this is no run of a few glued syllables (four of 7 letters with a glyph for each mark
// and a lost space between them fit well within it) but junk: a stamp, a rule or a picture read as text; its
// glued readings would cost a search per cut point for nothing
const MAX_GLUED_GLYPHS = 40
const SPLIT_COST = 3
const MAX_SPLITS = 6
// pairs up to SPLIT_MARGIN nats dearer than the MAX_SPLITS-th cheapest are read too, and the list keeps the
// best by cost − PAIR_LM_WEIGHT × log p(pair): the channel alone ranks đượ chương over được hưởng
const SPLIT_MARGIN = 1
const PAIR_LM_WEIGHT = 0.3
// readings kept for each side of a cut
const SIDE_READINGS = 3
// added to a side's cap (what its readings may cost for a pair to make the list): a reading just above the
// cap by rounding is still read
const CAP_SLACK = 1e-9

// three or four glued syllables: tried for tokens of MULTI_MIN_LETTERS or more whose best pair costs more
// than MULTI_WHEN; each part has MIN_PART_LETTERS to MAX_PART_LETTERS glyphs and a reading under PART_CAP
const MULTI_MIN_LETTERS = 8
// and only once the channel has been learned from the document twice: before, the document's own glyphs
// (c1 = ấ) cost too much for a part to be read under PART_CAP, and the parts' searches were wasted
const MULTI_AFTER_ADAPTATIONS = 2
const MULTI_WHEN = 8
const MIN_PARTS = 3
const MAX_PARTS = 4
const MIN_PART_LETTERS = 2
const MAX_PART_LETTERS = 7
const PART_CAP = 6
const MULTI_BEAM = 6
// a part of consonant letters only (ph, ngh, tr) holds no vowel nor any glyph that may stand for one (a
// digit, a symbol, the Q of a legacy font's ộ): it is no syllable, and is not searched
const CONSONANTS_ONLY = /^[bcdđghklmnprstvx]+$/iu
type Partial = { words: string[]; ids: number[]; cost: number }
/** The MULTI_BEAM best distinct partial readings by rank (ties by the words). */
function bestPartials(ps: Partial[], rank: (p: Partial) => number): Partial[] {
  if (ps.length <= 1) return ps
  const sorted = ps.map((p) => ({ p, key: p.words.join(' '), r: rank(p) })).sort((a, b) => a.r - b.r || (a.key < b.key ? -1 : 1))
  const seen = new Set<string>()
  return sorted.filter((x) => !seen.has(x.key) && seen.add(x.key)).slice(0, MULTI_BEAM).map((x) => x.p)
}

/** The MAX_SPLITS cheapest distinct two-syllable readings (ties by the words). */
function bestSplits(found: Candidate[]): Candidate[] {
  const sorted = [...found].sort((a, b) => a.cost - b.cost || (a.word < b.word ? -1 : 1))
  const seen = new Set<string>()
  return sorted.filter((c) => !seen.has(c.word) && seen.add(c.word)).slice(0, MAX_SPLITS)
}
// OCR-mark mode: extra cost (nats) of changing a word the Vietnamese OCR read, on top of the learned
// channel cost (docs/normalize.md: 2 and 3 gave the same figures on section (6))
export const OCR_CHANGE_COST = 3

// a run of at least this many one-glyph tokens in a row (punctuation between them aside) is stray glyphs: the
// OCR's reading of a table's rules, a stamp or specks (`T e 5 da . - " o o ét`, `v o e g e i vin`), not words
const NOISE_RUN = 3
/** The places in a line's pieces of tokens that are one glyph each, in runs of NOISE_RUN or more. */
function glyphNoise(pieces: Piece[]): Set<number> | null {
  let out: Set<number> | null = null
  let run: number[] = []
  const close = () => {
    if (run.length >= NOISE_RUN) for (const k of run) (out ??= new Set()).add(k)
    run = []
  }
  pieces.forEach((p, k) => {
    if (p.kind === 'break') return
    if ([...p.text].length === 1) run.push(k)
    else close()
  })
  close()
  return out
}

/** A line where at least 2 words and a fifth of them are not Vietnamese-shaped nor known. */
function lineIsGarbled(pieces: Piece[], lm: LanguageModel): boolean {
  let words = 0, bad = 0
  for (const p of pieces) {
    if (p.kind !== 'word') continue
    words++
    const lower = p.text.toLowerCase()
    if (!/^\p{L}+$/u.test(lower) || (!isSyllableShape(lower) && !isPlainSyllableShape(lower) && !lm.has(lower))) bad++
  }
  return bad >= 2 && bad >= 0.2 * words
}

/** Whether line[from, to) is all white space (a gap between two pieces). */
function isBlank(line: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 0xa0 && !/\s/.test(line[i])) return false
  }
  return true
}

// a list item starts a new phrase: a) b) 1. 2.1. I. - +
const ITEM_START = /^\s*(?:(?:\p{L}{1,4}|\d+(?:\.\d+)*)[.)]|[-+•*–])(?:\s|$)/u
// a line ending in punctuation closes its phrase
const JOIN_STOP = /[.,;:!?"“”»…)\]]$/u

export type Decision = { start: number; end: number; from: string; to: string; confidence: number; observed: string; verbatim?: boolean; lower?: boolean }

/**
 * Capitals that are OCR noise (garbled documents only): a garbled token read as Title case between two
 * lower-case words (Clla → của, nhiệm V\l → vụ) is written in lower case. Names come in runs of
 * capitalised words and stay; so do clean words, sentence starts and ALL-CAPS tokens. Only grammatical
 * words are lowered: a capital on a content word may be meant (Kế hoạch số 284, Công văn).
 */
const FUNCTION_WORDS = new Set(['của', 'và', 'là', 'các', 'những', 'cho', 'với', 'trong', 'được', 'có', 'này', 'đã', 'sẽ', 'để', 'theo', 'từ', 'tại', 'về', 'một', 'thì', 'mà', 'như', 'đến', 'vào', 'trên', 'dưới', 'nhằm', 'hoặc'])
function markCaseNoise(ds: Decision[]): void {
  const lowerStart = (d: Decision | undefined) => !!d && !d.verbatim && /^\p{Ll}/u.test(d.from)
  ds.forEach((d, j) => {
    if (d.verbatim || !/^\p{Lu}/u.test(d.from) || /^\p{Lu}[\p{Lu}\d]/u.test(d.from)) return
    if (stripDiacritics(d.to) === stripDiacritics(lmForm(d.from)) && /^\p{L}+$/u.test(d.from)) return // a clean word: its capital is meant
    const prev = ds[j - 1], next = ds[j + 1]
    if (FUNCTION_WORDS.has(d.to) && lowerStart(prev) && (!next || lowerStart(next)) && prev!.end < d.start) d.lower = true
  })
}

/** Writes chosen words back into the line in the observed case pattern. */
export function applyDecisions(line: string, ds: Decision[]): string {
  let out = '', last = 0
  for (const d of ds) {
    out += line.slice(last, d.start) + (d.verbatim ? d.to : surface(d))
    last = d.end
  }
  return out + line.slice(last)
}

/** The text written for a decision: the token untouched when the decoder kept its word. */
function surface(d: Decision): string {
  if (d.lower) return d.to
  return d.to === lmForm(d.from) ? d.from : withCaseOf(d.from, d.to)
}

/**
 * UPPER stays upper, Title stays title; a capital P/B/D read as Đ keeps its capital. A Title-case
 * token whose capital I was read for a small l (one upright stroke in sans-serif print: Iy = lý,
 * Iap = lập) stays small: the capital is the OCR's, not the writer's.
 */
export function withCaseOf(observed: string, word: string): string {
  const letters = [...observed].filter((c) => /\p{L}/u.test(c))
  if (!letters.length) return word
  const upper = letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length
  if (letters.length >= 2 && upper === letters.length) return word.toUpperCase()
  const first = [...observed][0]
  if (first === 'I' && word[0] === 'l') return word
  if (first !== first.toLowerCase()) return word[0].toUpperCase() + word.slice(1)
  return word
}

export function restore(lines: string[], opts: RestoreOptions): RestoreResult {
  // (the loops over a document's pieces and decisions live in small functions of their own: this one runs
  // a few times per document, and its own loops made it a large, costly unit for the JIT compiler)
  const pieces = opts.pieces ?? lines.map(piecesOf)
  const est = estimateParams(lines, opts.lm, opts.trustMarks, pieces)
  // Vietnamese-model OCR keeps marks on most words (trust ≥ 0.6); English-model OCR (garbled, marks
  // lost) goes the usual way below
  if (opts.source === 'ocr' && est.trust >= OCR_MIN_TRUST && est.garble < 0.5) return restoreOcr(lines, opts.lm, est, pieces, opts.tokenConf)
  if (est.pDrop < 0.001) {
    // clean text: every word is kept as written (one candidate each) and codes are not re-spelled, so the
    // decoder has nothing to decide: the lines come back as they are
    return { lines: [...lines], changes: [], doubts: [], syllables: wordCount(pieces), lowConfidence: 0, params: est, pieces }
  }
  // self-adaptation: re-learn the channel from this document's own confident decisions, decode again
  const rounds = opts.adapt === false || est.pDrop < 0.01 || est.garble < 0.05 ? 0 : 2 // nothing to learn from lost marks alone
  const r = new Restorer(opts.lm, est, null, rounds === 0)
  let result = r.restoreLines(lines, pieces, opts.tokenConf)
  const prior = r.currentChannel // the standard channel of these parameters: its costs and alignments are reused
  for (let k = 0; k < rounds; k++) {
    r.setChannel(adaptChannel(prior, confidentPairs(result.decisions)))
    r.documentCache = new DocumentCache(opts.lm, result.decisions)
    result = r.restoreLines(lines, pieces, opts.tokenConf)
  }
  const { changes, doubts, syllables, lowConfidence } = restoredChanges(result.decisions)
  return { lines: result.lines, changes, doubts, syllables, lowConfidence, params: r.currentChannel.params, pieces: result.lines.map((l, i) => piecesAfter(l, lines[i], pieces[i])) }
}

/** The words of a document's pieces. */
function wordCount(pieces: Piece[][]): number {
  let n = 0
  for (const ps of pieces) for (const p of ps) if (p.kind === 'word') n++
  return n
}

/** What adaptation learns from: (word, observed token, confidence) of each confident one-word decision. */
function confidentPairs(decisions: Decision[][]): [string, string, number][] {
  const pairs: [string, string, number][] = []
  for (const ds of decisions) for (const d of ds) if (!d.verbatim && d.confidence > 0.5 && !d.to.includes(' ')) pairs.push([d.to, d.observed, d.confidence])
  return pairs
}

/** The changes, doubts and counts of a document's final decisions. */
function restoredChanges(decisions: Decision[][]): Pick<RestoreResult, 'changes' | 'doubts' | 'syllables' | 'lowConfidence'> {
  const changes: RestoreChange[] = []
  const doubts: Doubt[] = []
  let syllables = 0, low = 0
  decisions.forEach((ds, line) => {
    for (const d of ds) {
      if (d.verbatim) {
        changes.push({ line, column: d.start, from: d.from, to: d.to, confidence: 1 })
        continue
      }
      syllables++
      if (d.confidence < LOW_CONFIDENCE) low++
      const to = surface(d)
      if (to !== d.from) changes.push({ line, column: d.start, from: d.from, to, confidence: round(d.confidence) })
      if (d.confidence < SURE) doubts.push({ line, text: to, confidence: round(d.confidence) })
    }
  })
  return { changes, doubts, syllables, lowConfidence: low }
}

const OCR_MIN_TRUST = 0.6
let ocrChannel: OcrMarkChannel | null = null

/** OCR-mark mode: one decode, every word kept unless the LM beats the OCR mark channel plus its threshold. */
function restoreOcr(lines: string[], lm: LanguageModel, est: ChannelParams, pieces: Piece[][], tokenConf?: TokenValues): RestoreResult {
  const r = new Restorer(lm, est, (ocrChannel ??= new OcrMarkChannel()))
  const result = r.restoreLines(lines, pieces, tokenConf)
  const changes: RestoreChange[] = []
  let syllables = 0, low = 0
  result.decisions.forEach((ds, line) => {
    for (const d of ds) {
      if (d.verbatim) continue
      syllables++
      if (d.confidence < LOW_CONFIDENCE) low++
      const to = surface(d)
      if (to !== d.from) changes.push({ line, column: d.start, from: d.from, to, confidence: round(d.confidence) })
    }
  })
  // codes are not re-spelled in OCR-mark mode (verbatim replacements are skipped above)
  const out = lines.map((line, i) => applyDecisions(line, result.decisions[i].filter((d) => !d.verbatim)))
  // no doubts: a mark kept or changed here is weighed against the OCR's mark channel by a threshold,
  // and its confidence is no posterior of the word (the OCR's own word confidence speaks for it)
  return { lines: out, changes, doubts: [], syllables, lowConfidence: low, params: est, pieces: out.map((l, i) => piecesAfter(l, lines[i], pieces[i])) }
}

/**
 * Pieces of a restored line: those of the input line with the new text, when restoration kept every
 * piece's place (the usual case: only letters changed); otherwise the line is cut again. Spares the
 * fixed-point round of normalizeText a second pass of the span rules.
 */
function piecesAfter(out: string, input: string, before: Piece[]): Piece[] {
  if (out === input) return before
  if (out.length !== input.length) return piecesOf(out)
  // a letter changed into punctuation or space (never by restoration, but cheap to rule out) re-cuts
  for (let i = 0; i < out.length; i++) if (out[i] !== input[i] && !/\p{L}/u.test(out[i])) return piecesOf(out)
  return before.map((p) => {
    if (p.kind === 'break') return p
    const text = out.slice(p.start, p.end)
    if (p.kind === 'fixed') return text === p.text ? p : { ...p, text, replacement: text === p.replacement ? p.replacement : text }
    return { ...p, text }
  })
}

/**
 * Candidate lists by channel parameters, shared across documents of one process: de-accented documents
 * all get the same parameters, so their candidates are computed once. A few parameter sets are kept.
 */
const shared = new WeakMap<Lexicon, Map<string, Map<string, Candidate[]>>>()
/** the key suffix of a parameter set's lists made without glued readings */
const UNGLUED = '|unglued'
function sharedCache(lex: Lexicon, key: string): Map<string, Candidate[]> {
  let byKey = shared.get(lex)
  if (!byKey) shared.set(lex, (byKey = new Map()))
  const m = perParameterSet(byKey, key, () => new Map<string, Candidate[]>())
  if (m.size > 200_000) m.clear()
  return m
}

/**
 * The channel made from parameters alone (no adaptation), one per lexicon and parameter set for the process:
 * equal parameters make an equal channel, so documents that share them share its memoised costs and the
 * candidate search's steps (which are in the lexicon's alphabet).
 */
const standardChannels = new WeakMap<Lexicon, Map<string, Channel>>()
const MAX_MEMOISED_PIECES = 20_000
function standardChannel(lex: Lexicon, params: ChannelParams, key: string): Channel {
  let byKey = standardChannels.get(lex)
  if (!byKey) standardChannels.set(lex, (byKey = new Map()))
  // (a long-lived process starts afresh once the memoised costs grow large)
  if ((byKey.get(key)?.memoised ?? 0) > MAX_MEMOISED_PIECES) byKey.delete(key)
  return perParameterSet(byKey, key, () => new Channel({ pDrop: params.pDrop, pWrong: params.pWrong, garble: params.garble }))
}

/** more: the third and later words of each reading, or null when no reading of the list has any */
type CandArrays = { ids: Int32Array; ids2: Int32Array; costs: Float64Array; more: (number[] | undefined)[] | null }
const arrays = new WeakMap<Candidate[], CandArrays>()
/** Candidate ids (second syllable of a split reading, else -1) and costs as typed arrays, made once per list. */
function arraysOf(cands: Candidate[]): CandArrays {
  let a = arrays.get(cands)
  if (!a) {
    const n = cands.length
    a = { ids: new Int32Array(n), ids2: new Int32Array(n), costs: new Float64Array(n), more: null }
    for (let i = 0; i < n; i++) {
      const c = cands[i]
      a.ids[i] = c.id
      a.ids2[i] = c.id2 ?? -1
      a.costs[i] = c.cost
      if (c.more?.length) (a.more ??= [])[i] = c.more
    }
    arrays.set(cands, a)
  }
  return a
}

/** Records one extension (state from + candidate i, ending on words s1 s2), merged with an earlier one on the same words. */
function mergeExtension(d: DecoderArrays, m: number, score: number, from: number, i: number, s1: number, s2: number): number {
  const key = s1 * 65536 + s2
  let h = (Math.imul(s1, 0x9e3779b1) ^ s2) & HMASK
  let at = -1
  while (d.hgen[h] === d.gen) {
    if (d.hkey[h] === key) {
      at = d.hval[h]
      break
    }
    h = (h + 1) & HMASK
  }
  if (at < 0) {
    at = m++
    d.hgen[h] = d.gen
    d.hkey[h] = key
    d.hval[h] = at
    d.xScore[at] = -Infinity
  }
  if (d.xScore[at] < score) {
    d.xScore[at] = score
    d.xFrom[at] = from
    d.xCand[at] = i
    d.xW1[at] = s1
    d.xW2[at] = s2
  }
  return m
}

/**
 * Keeps the best BEAM of slot t's m extensions as its states, best first (on equal scores the earlier
 * extension first); returns how many. One pass: each extension is compared with the worst kept so far,
 * and most are dropped by that one comparison.
 */
function keepBest(d: DecoderArrays, t: number, m: number): number {
  const size = Math.min(BEAM, m)
  const top = d.top
  let kept = 0
  for (let x = 0; x < m; x++) {
    const s = d.xScore[x]
    if (kept === size && !(s > d.xScore[top[kept - 1]])) continue
    let p = kept === size ? kept - 1 : kept++
    while (p > 0 && s > d.xScore[top[p - 1]]) {
      top[p] = top[p - 1]
      p--
    }
    top[p] = x
  }
  const base = t * BEAM
  for (let r = 0; r < size; r++) {
    const bi = top[r], at = base + r
    d.score[at] = d.xScore[bi]
    d.back[at] = d.xFrom[bi]
    d.cand[at] = d.xCand[bi]
    d.w1[at] = d.xW1[bi]
    d.w2[at] = d.xW2[bi]
  }
  d.size[t] = size
  return size
}

/** The best path back from state best, with the posterior of each chosen word among its slot's states. */
function backtrace(d: DecoderArrays, slots: Slot[], best: number): { cand: Candidate; confidence: number }[] {
  const T = slots.length
  const out: { cand: Candidate; confidence: number }[] = new Array(T)
  for (let at = best, t = T - 1; at >= 0 && t >= 0; at = d.back[at], t--) {
    const cands = slots[t].cands
    const word = cands[d.cand[at]].word
    const base = t * BEAM, top = d.score[base]
    let z = 0, mass = 0
    for (let k = 0; k < d.size[t]; k++) {
      const e = Math.exp(d.score[base + k] - top)
      z += e
      if (cands[d.cand[base + k]].word === word) mass += e
    }
    out[t] = { cand: cands[d.cand[at]], confidence: mass / z }
  }
  return out
}

const HSIZE = 1024, HMASK = HSIZE - 1
type DecoderArrays = {
  w1: Int32Array; w2: Int32Array; score: Float64Array; back: Int32Array; cand: Int32Array; size: Int32Array
  xScore: Float64Array; xFrom: Int32Array; xCand: Int32Array; xW1: Int32Array; xW2: Int32Array
  hkey: Float64Array; hval: Int32Array; hgen: Uint32Array; gen: number; row: Float64Array
  back2: Float64Array; backFound: Uint8Array; backWord: Int32Array; uniBonus: Float64Array; top: Int32Array
}
let dec: DecoderArrays | null = null
/** Scratch arrays of the decoder, grown to the longest phrase and reused (one decode at a time). */
function decoderArrays(T: number): DecoderArrays {
  if (!dec || dec.size.length < T) {
    const n = Math.max(64, T * 2), s = n * BEAM, x = BEAM * 64
    dec = {
      w1: new Int32Array(s), w2: new Int32Array(s), score: new Float64Array(s), back: new Int32Array(s), cand: new Int32Array(s), size: new Int32Array(n),
      xScore: new Float64Array(x), xFrom: new Int32Array(x), xCand: new Int32Array(x), xW1: new Int32Array(x), xW2: new Int32Array(x),
      hkey: new Float64Array(HSIZE), hval: new Int32Array(HSIZE), hgen: new Uint32Array(HSIZE), gen: dec?.gen ?? 0, row: dec?.row ?? new Float64Array(64),
      back2: dec?.back2 ?? new Float64Array(64 * BEAM), backFound: dec?.backFound ?? new Uint8Array(64 * BEAM), backWord: new Int32Array(BEAM + 1), uniBonus: dec?.uniBonus ?? new Float64Array(64), top: new Int32Array(BEAM),
    }
  }
  return dec
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x))
const round = (x: number) => Math.round(x * 1000) / 1000

