// Lines every document of its kind prints, word for word, in its header: where OCR garbled one beyond what
// syllable-by-syllable restoration repairs ("dc 1ap - Ty do - Hanh phic", "CỘNG HÒA XÃ HỘI chia NGHĨA và
// NAM"), the line is recognised as a whole and written as the rule prints it.
import { normalizeUnicode } from './unicode.js'
import { stripDiacritics } from './syllable.js'

type Boilerplate = { text: string; capitals: boolean }

const BOILERPLATE: Boilerplate[] = [
  // Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.1: Quốc hiệu và Tiêu ngữ of every administrative document
  { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', capitals: true },
  { text: 'Độc lập - Tự do - Hạnh phúc', capitals: false },
  // Hướng dẫn 36-HD/VPTW (2018), mục 1: the Party's name heads every Party document
  { text: 'ĐẢNG CỘNG SẢN VIỆT NAM', capitals: true },
]

// a stretch of a line is taken for a boilerplate line when the letters differ in at most this share of the
// boilerplate's letters (edits: a letter changed, lost or added; marks and case not counted)
const MAX_EDIT_SHARE = 0.2
// a capitals line (Quốc hiệu, the Party's name) is recognised only where most of the stretch's letters are
// capitals: in running text "nước Cộng hòa xã hội chủ nghĩa Việt Nam" is a mention, printed as the author wrote it
const MIN_CAPITALS_SHARE = 0.6

export type BoilerplateFix = { line: number; column: number; from: string; to: string; confidence: number }

// they stand at the head of the first page: only the first lines with text are read
const HEADER_LINES = 15

/** Lines with their garbled boilerplate stretches rewritten, and what was rewritten. */
export function repairBoilerplate(lines: string[]): { lines: string[]; fixes: BoilerplateFix[] } {
  const fixes: BoilerplateFix[] = []
  const out = [...lines]
  let seen = 0
  for (let i = 0; i < out.length && seen < HEADER_LINES; i++) {
    if (!/\p{L}/u.test(out[i])) continue
    seen++
    for (const b of BOILERPLATE) {
      const fix = boilerplateIn(out[i], foldedLine(out[i]), b)
      if (!fix) continue
      fixes.push({ line: i, ...fix })
      out[i] = out[i].slice(0, fix.column) + fix.to + out[i].slice(fix.column + fix.from.length)
    }
  }
  return { lines: out, fixes }
}

const foldedBoilerplate = new Map<string, string>()
/** The letters and digits of a text, lower case, without marks (đ as d). */
function folded(s: string): string {
  return stripDiacritics(s.toLowerCase()).replace(/[^\p{L}\p{N}]/gu, '')
}

/** A line's letters and digits, folded, each with its column in the line. */
type FoldedLine = { have: string; cols: number[] }
function foldedLine(line: string): FoldedLine {
  const cols: number[] = []
  let have = ''
  for (let c = 0; c < line.length; c++) {
    const f = folded(line[c])
    if (f.length === 1) (have += f), cols.push(c)
  }
  return { have, cols }
}

/** The stretch of the line (whole tokens) that reads as the boilerplate line, when it differs from it. */
function boilerplateIn(line: string, { have, cols }: FoldedLine, b: Boilerplate): Omit<BoilerplateFix, 'line'> | null {
  let want = foldedBoilerplate.get(b.text)
  if (want === undefined) foldedBoilerplate.set(b.text, (want = folded(b.text)))
  const maxEdits = Math.floor(MAX_EDIT_SHARE * want.length)
  if (have.length < want.length - maxEdits || !sharesEnoughTrigrams(want, have, maxEdits)) return null
  const m = bestStretch(want, have)
  if (m.edits > maxEdits) return null
  const start = tokenStart(line, cols[m.start]), end = tokenEnd(line, cols[m.end - 1] + 1)
  const from = line.slice(start, end)
  // a stretch that runs on into letters the match did not use is part of something else
  if (folded(from).length > m.end - m.start + 2) return null
  if (sameText(from, b.text)) return null
  if (b.capitals && capitalsShare(from) < MIN_CAPITALS_SHARE) return null
  return { column: start, from, to: b.text, confidence: Math.round(100 * (1 - m.edits / want.length)) / 100 }
}

/**
 * Whether have can hold a stretch within maxEdits of want: each edit spoils at most three of want's
 * three-letter runs, so at least (want's runs − 3 × maxEdits) of them appear in have (the q-gram lemma).
 */
function sharesEnoughTrigrams(want: string, have: string, maxEdits: number): boolean {
  const need = want.length - 2 - 3 * maxEdits
  if (need <= 0) return true
  const runs = new Set<string>()
  for (let j = 0; j + 3 <= have.length; j++) runs.add(have.slice(j, j + 3))
  let found = 0
  for (let i = 0; i + 3 <= want.length; i++) if (runs.has(want.slice(i, i + 3)) && ++found >= need) return true
  return false
}

/**
 * The stretch have[start, end) with the fewest edits from want (approximate matching: the match may
 * start and end anywhere in have; Sellers' dynamic programme, a row per letter of want).
 */
function bestStretch(want: string, have: string): { start: number; end: number; edits: number } {
  const n = have.length
  let cost = new Int32Array(n + 1), from = new Int32Array(n + 1)
  for (let j = 0; j <= n; j++) from[j] = j // an empty prefix of want matches anywhere, at no cost
  for (let i = 1; i <= want.length; i++) {
    const c2 = new Int32Array(n + 1), f2 = new Int32Array(n + 1)
    c2[0] = i
    for (let j = 1; j <= n; j++) {
      const sub = cost[j - 1] + (want[i - 1] === have[j - 1] ? 0 : 1)
      const del = cost[j] + 1 // a letter of want the OCR lost
      const ins = c2[j - 1] + 1 // a glyph the OCR added
      if (sub <= del && sub <= ins) (c2[j] = sub), (f2[j] = from[j - 1])
      else if (del <= ins) (c2[j] = del), (f2[j] = from[j])
      else (c2[j] = ins), (f2[j] = f2[j - 1])
    }
    cost = c2
    from = f2
  }
  let end = 1
  for (let j = 1; j <= n; j++) if (cost[j] < cost[end]) end = j
  return { start: from[end], end, edits: cost[end] }
}

const SPACE = /\s/u
function tokenStart(line: string, c: number): number {
  while (c > 0 && !SPACE.test(line[c - 1])) c--
  return c
}
/** The end of the token holding column c − 1, without the punctuation that closes it. */
function tokenEnd(line: string, c: number): number {
  while (c < line.length && !SPACE.test(line[c])) c++
  while (c > 0 && /[.,;:!?•]/u.test(line[c - 1])) c--
  return c
}

/** Equal but for case, the dashes' kind and spacing, and the place of the tone mark (hoà / hòa). */
function sameText(a: string, b: string): boolean {
  const plain = (s: string) => normalizeUnicode(s).text.toLowerCase().replace(/[-–—\s]+/gu, ' ')
  return plain(a) === plain(b)
}

function capitalsShare(s: string): number {
  const letters = s.match(/\p{L}/gu) ?? []
  return letters.length ? letters.filter((c) => c !== c.toLowerCase()).length / letters.length : 0
}
