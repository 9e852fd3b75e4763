// The mark channel of Vietnamese-model OCR (tesseract `vie`): P(observed syllable | intended syllable) for
// two syllables with the same letters once every mark is stripped. The OCR reads the letters well but
// misreads small marks, systematically (hỏi read as sắc on circumflex vowels: tổ→tố, để→đế; tỉnh↔tính;
// QUẢN→QUẦN). A syllable factors into its tone (one of six) and its base letters (â/ă/a, ê/e, ô/ơ/o, ư/u,
// đ/d); the channel is P(tone_o | tone_w, circumflex or not) × Π P(letter_o | letter_w), learned from
// aligned (OCR, truth) syllables of corpus pages rendered and degraded like the scanned fixtures
// (`npm run eval:normalize -- --learn-ocr-channel` writes ocr-marks-data.ts), smoothed towards a prior.
import { OCR_MARK_COUNTS } from './ocr-marks-data.js'

export const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323]/u
/** letters whose marks the OCR may confuse, by family */
const FAMILIES = ['aăâ', 'eê', 'oôơ', 'uư', 'dđ']
const FAMILY_OF = new Map<string, string>()
for (const f of FAMILIES) for (const ch of f) FAMILY_OF.set(ch, f)

/** A lower-case NFC syllable as (tone index, base letters without the tone). */
export function splitTone(s: string): { tone: number; base: string } {
  const d = s.normalize('NFD')
  const m = TONE_RE.exec(d)
  const tone = m ? TONES.indexOf(m[0] as (typeof TONES)[number]) : 0
  return { tone, base: (m ? d.replace(TONE_RE, '') : d).normalize('NFC') }
}

/** Tone context: the tone sits on (or next to) a circumflex vowel, where hỏi and sắc look alike. */
export const toneContext = (base: string) => (/[âêô]/u.test(base) ? 'hat' : 'plain')

export type OcrMarkCounts = { tone: Record<string, number[][]>; letter: Record<string, Record<string, number>> }

/** Learned counts → a cost table; `kappa` pseudo-counts around a prior that keeps marks 98 % of the time. */
export class OcrMarkChannel {
  private readonly tone = new Map<string, Float64Array>() // ctx → 6×6 −log P(obs | gold)
  private readonly letter = new Map<string, number>() // gold + obs → −log P
  constructor(counts: OcrMarkCounts = OCR_MARK_COUNTS, kappa = 20, keep = 0.98) {
    for (const ctx of ['hat', 'plain']) {
      const table = new Float64Array(36)
      const n = counts.tone[ctx] ?? []
      for (let g = 0; g < 6; g++) {
        const row = n[g] ?? []
        let total = 0
        for (let o = 0; o < 6; o++) total += row[o] ?? 0
        for (let o = 0; o < 6; o++) {
          const p0 = o === g ? keep : (1 - keep) / 5
          table[g * 6 + o] = -Math.log(((row[o] ?? 0) + kappa * p0) / (total + kappa))
        }
      }
      this.tone.set(ctx, table)
    }
    for (const f of FAMILIES)
      for (const g of f) {
        const row = counts.letter[g] ?? {}
        let total = 0
        for (const o of f) total += row[o] ?? 0
        for (const o of f) {
          const p0 = o === g ? keep : (1 - keep) / (f.length - 1)
          this.letter.set(g + o, -Math.log(((row[o] ?? 0) + kappa * p0) / (total + kappa)))
        }
      }
  }

  /** −log P(observed | gold) for two lower-case syllables with the same skeleton; Infinity otherwise. */
  cost(gold: string, observed: string): number {
    const g = splitTone(gold), o = splitTone(observed)
    const gl = [...g.base], ol = [...o.base]
    if (gl.length !== ol.length) return Infinity
    let c = this.tone.get(toneContext(g.base))![g.tone * 6 + o.tone]
    for (let i = 0; i < gl.length; i++) {
      if (gl[i] === ol[i]) {
        c += FAMILY_OF.has(gl[i]) ? this.letter.get(gl[i] + gl[i])! : 0
        continue
      }
      const lc = this.letter.get(gl[i] + ol[i])
      if (lc === undefined) return Infinity
      c += lc
    }
    return c
  }
}

/** Count the confusions of aligned (gold, observed) syllables with the same skeleton (for learning). */
export function countOcrMarks(pairs: Iterable<[string, string]>): OcrMarkCounts {
  const counts: OcrMarkCounts = { tone: { hat: zeros(), plain: zeros() }, letter: {} }
  for (const [gold, obs] of pairs) {
    const g = splitTone(gold), o = splitTone(obs)
    const gl = [...g.base], ol = [...o.base]
    if (gl.length !== ol.length) continue
    counts.tone[toneContext(g.base)][g.tone][o.tone]++
    for (let i = 0; i < gl.length; i++) {
      if (!FAMILY_OF.has(gl[i]) || FAMILY_OF.get(gl[i]) !== FAMILY_OF.get(ol[i])) continue
      const row = (counts.letter[gl[i]] ??= {})
      row[ol[i]] = (row[ol[i]] ?? 0) + 1
    }
  }
  return counts
}

const zeros = () => Array.from({ length: 6 }, () => [0, 0, 0, 0, 0, 0])
