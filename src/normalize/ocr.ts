// Repairs specific to Vietnamese-model OCR text (source 'ocr'), before restoration:
//  - ð/Ð (eth, which tesseract vie writes for đ/Đ in LĐTBXH) → đ/Đ: Vietnamese has no eth;
//  - glued syllables (tậphuấn, quảthựchiện, ubndcácxã): a letter run the model does not know that
//    splits exactly into 2–4 known words gets its spaces back;
//  - a syllable split in two ("Nghị quy ết"): a vowel-initial piece the corpus barely has, after a
//    word it makes a common syllable with, is joined to it.
import { UNK_ID, type LanguageModel } from './lm/model.js'
import { lmForm } from './lm/tokenize.js'
import { hasMarks, isSyllableShape, isVowelBase } from './lm/vietnamese.js'

export type OcrFix = { line: number; column: number; from: string; to: string }

const WORD = /\p{L}+/gu
// a glued reading must beat the unknown token by this much per extra word (nats of unigram log-probability)
const PIECE_COST = 4
const MAX_PIECES = 4

export function repairOcrLines(lines: string[], lm: LanguageModel): { lines: string[]; fixes: OcrFix[] } {
  const fixes: OcrFix[] = []
  const out = lines.map((line, li) => {
    let text = line
    if (/[ðÐ]/u.test(text)) {
      for (const m of text.matchAll(/[ðÐ]/gu)) fixes.push({ line: li, column: m.index!, from: m[0], to: m[0] === 'ð' ? 'đ' : 'Đ' })
      text = text.replace(/ð/gu, 'đ').replace(/Ð/gu, 'Đ')
    }
    let shift = 0
    text = text.replace(WORD, (tok, at: number) => {
      const split = splitGlued(tok, lm)
      if (!split) return tok
      fixes.push({ line: li, column: at + shift, from: tok, to: split })
      shift += split.length - tok.length
      return split
    })
    return joinSplitSyllables(text, li, lm, fixes)
  })
  return { lines: out, fixes }
}

/** Unigram log-probability at or under which a piece is one the corpus barely has ("ết", "ện": OCR debris). */
const RARE_PIECE = -12
/** … and at or over which the joined syllable is a common one ("quyết"). */
const COMMON_SYLLABLE = -10

/** Two words, one space apart, that are one syllable split by the OCR ("quy ết" → "quyết"). */
function joinSplitSyllables(text: string, li: number, lm: LanguageModel, fixes: OcrFix[]): string {
  const words = [...text.matchAll(WORD)]
  let out = ''
  let last = 0
  for (let k = 0; k + 1 < words.length; k++) {
    const [a, b] = [words[k], words[k + 1]]
    if (b.index !== a.index! + a[0].length + 1 || text[a.index! + a[0].length] !== ' ' || !splitSyllable(a[0], b[0], lm)) continue
    fixes.push({ line: li, column: out.length + a.index! - last, from: `${a[0]} ${b[0]}`, to: a[0] + b[0] })
    out += text.slice(last, a.index! + a[0].length)
    last = b.index!
    k++
  }
  return out + text.slice(last)
}

/** Whether `b` is the vowel-initial rest of a syllable begun by `a`: rare alone, common joined. */
export function splitSyllable(a: string, b: string, lm: LanguageModel): boolean {
  const lb = lmForm(b)
  if (!isVowelBase(lb.normalize('NFD')[0]!)) return false
  const idB = lm.has(lb) ? lm.idOf(lb) : UNK_ID
  if (idB !== UNK_ID && lm.unigram(idB) > RARE_PIECE) return false
  const joined = lmForm(a + b)
  if (!isSyllableShape(joined) || !lm.has(joined)) return false
  const id = lm.idOf(joined)
  return id !== UNK_ID && lm.unigram(id) >= COMMON_SYLLABLE
}

/** The best split of an unknown letter run into known words (each a Vietnamese syllable or a known token ≥ 3 letters). */
export function splitGlued(tok: string, lm: LanguageModel): string | null {
  const chars = [...tok]
  if (chars.length < 4) return null
  const lower = lmForm(tok)
  if (lm.has(lower)) return null
  const n = chars.length
  // best[i]: cheapest segmentation of chars[0..i)
  const best: { cost: number; from: number; pieces: number }[] = [{ cost: 0, from: -1, pieces: 0 }]
  for (let i = 1; i <= n; i++) {
    best[i] = { cost: Infinity, from: -1, pieces: 0 }
    for (let j = Math.max(0, i - 7); j < i; j++) {
      if (best[j].cost === Infinity || best[j].pieces >= MAX_PIECES) continue
      const piece = lmForm(chars.slice(j, i).join(''))
      // a Vietnamese syllable (one letter only when marked: ơ), or a known code in plain letters or đ (ubnd, lđtbxh);
      // the corpus also holds glued forms (cácxã): a marked piece must be one syllable
      const ok = lm.has(piece) && (isSyllableShape(piece) ? piece.length >= 2 || hasMarks(piece) : piece.length >= 3 && !hasMarks(piece.replace(/đ/gu, 'd')))
      if (!ok) continue
      const id = lm.idOf(piece)
      if (id === UNK_ID) continue
      const c = best[j].cost - lm.unigram(id) + PIECE_COST
      if (c < best[i].cost) best[i] = { cost: c, from: j, pieces: best[j].pieces + 1 }
    }
  }
  if (best[n].cost === Infinity || best[n].pieces < 2) return null
  const cuts: number[] = []
  for (let i = n; i > 0; i = best[i].from) cuts.push(best[i].from)
  cuts.reverse()
  const parts = cuts.map((c, k) => chars.slice(c, k + 1 < cuts.length ? cuts[k + 1] : n).join(''))
  // at least one real Vietnamese syllable with marks: glued English or codes stay as they are
  if (!parts.some((p) => hasMarks(p) && isSyllableShape(lmForm(p)))) return null
  return parts.join(' ')
}
