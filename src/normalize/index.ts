import type { TextOrigin } from '../schema/page.js'
// Public normalization API: unicode (NFC, tone placement, invisibles) → legacy encodings → restoration
// of diacritics and OCR confusions. Line-preserving: output line k is input line k repaired.
import { normalizeUnicode } from './unicode.js'
import { detectAndConvert } from './encoding/index.js'
import { loadLanguageModel, type LanguageModel } from './lm/model.js'
import { restore, type Doubt } from './restore.js'
import { repairOcrLines } from './ocr.js'
import { repairBoilerplate } from './boilerplate.js'
import { carryTokenValues, tokenSpans, type TokenValues } from './word-confidence.js'

export type NormalizeOptions = {
  model?: LanguageModel
  /** 0..1, how far to trust existing marks; default: estimated from the text */
  trustMarks?: number
  adapt?: boolean
  /**
   * Where the text comes from. 'ocr' (a page the Vietnamese OCR read from an image): marked syllables
   * may carry a wrong tone or vowel mark (tổ→tố, QUẢN→QUẦN) and the OCR-mark channel may change them
   * when the LM is much surer (docs/normalize.md). Any other value, or none: marks are trusted as before.
   */
  source?: TextOrigin
  /**
   * The OCR's confidence (0..1) in token `token` of input line `line` (tokens: the line's
   * whitespace-separated runs, counted from 0); undefined where unknown. A change to a word read with
   * high confidence then needs stronger evidence, one read with low confidence is made more readily
   * (word-confidence.ts). Without it the output is as before.
   */
  wordConfidence?: (line: number, token: number) => number | undefined
}
export type TextChange = { line: number; column: number; from: string; to: string; confidence: number; layer: 'unicode' | 'encoding' | 'restore' }
export type NormalizeResult = {
  text: string
  changes: TextChange[]
  /**
   * Syllables the restorer chose with less than full confidence, changed or kept as written (a
   * "Pac" left unmarked where "Pắc" was as likely): the first decoding's, which saw the text as it
   * came; of later rounds, which read text already repaired, only the syllables they changed.
   * None in OCR-mark mode (Vietnamese OCR that kept its marks: the OCR's word confidence speaks there).
   */
  doubts: Doubt[]
  stats: {
    lines: number
    syllables: number
    changedSyllables: number
    /** sum of the confidences of the restoration changes (mean = changedConfidence / changedSyllables) */
    changedConfidence: number
    lowConfidence: number
    encoding: string | null
    modelVersion: string | null
  }
}

const MAX_EXTRA_ROUNDS = 2

export function normalizeText(text: string, options: NormalizeOptions = {}): NormalizeResult {
  const changes: TextChange[] = []
  const unicodeLines = text.split('\n').map((line, i) => {
    const u = normalizeUnicode(line)
    for (const c of u.changes) changes.push({ line: i, column: c.column, from: c.from, to: c.to, confidence: 1, layer: 'unicode' })
    return u.text
  })
  const enc = detectAndConvert(unicodeLines.join('\n'))
  for (const c of enc.changes) changes.push({ ...c, layer: 'encoding' })
  const lm = options.model ?? loadLanguageModel()
  const ocr = options.source === 'ocr'
  let encLines = enc.text.split('\n')
  let tokenConf = options.wordConfidence && carryAll(text.split('\n'), encLines, tokenValuesOf(text, options.wordConfidence))
  if (ocr) {
    // Vietnamese OCR: eth for đ, glued syllables (ocr.ts)
    const fixed = repairOcrLines(encLines, lm)
    for (const c of fixed.fixes) changes.push({ ...c, confidence: 1, layer: 'restore' })
    if (tokenConf) tokenConf = carryAll(encLines, fixed.lines, tokenConf)
    encLines = fixed.lines
  }
  // (both calls of restore pass their options in one shape: the JIT keeps one compiled form of it)
  let restored = restore(encLines, { lm, trustMarks: options.trustMarks, adapt: options.adapt, pieces: undefined, source: options.source, tokenConf })
  for (const c of restored.changes) changes.push({ ...c, layer: 'restore' })
  const doubts = [...restored.doubts]
  // the output should be a fixed point (normalizing it again changes nothing): on garbled documents the
  // repaired text is read again, its own channel estimated from it, until nothing moves (at most twice)
  for (let round = 0; round < MAX_EXTRA_ROUNDS && restored.changes.length; round++) {
    const again = restore(restored.lines, { lm, trustMarks: options.trustMarks, adapt: false, pieces: restored.pieces, source: options.source, tokenConf: tokenConf && carryAll(encLines, restored.lines, tokenConf) })
    if (!again.changes.length) break
    for (const c of again.changes) changes.push({ ...c, layer: 'restore' })
    const changedHere = new Set(again.changes.map((c) => `${c.line}:${c.to}`))
    doubts.push(...again.doubts.filter((d) => changedHere.has(`${d.line}:${d.text}`)))
    restored = { ...again, changes: [...restored.changes, ...again.changes] }
  }
  // the header's fixed lines (Quốc hiệu, Tiêu ngữ, the Party's name), where OCR garbled them past repair
  const header = repairBoilerplate(restored.lines)
  for (const c of header.fixes) changes.push({ ...c, layer: 'restore' })
  return {
    text: header.lines.join('\n'),
    changes,
    doubts,
    stats: {
      lines: header.lines.length,
      syllables: restored.syllables,
      changedSyllables: restored.changes.length,
      changedConfidence: restored.changes.reduce((a, c) => a + c.confidence, 0),
      lowConfidence: restored.lowConfidence,
      encoding: enc.encoding,
      modelVersion: lm.version,
    },
  }
}

/** The confidences of every token of every line of the input text. */
function tokenValuesOf(text: string, conf: (line: number, token: number) => number | undefined): TokenValues {
  return text.split('\n').map((line, li) => tokenSpans(line).map((_, k) => conf(li, k)))
}

/** Token values carried from lines `before` to their edited `after` (line k → line k). */
function carryAll(before: string[], after: string[], values: TokenValues): TokenValues {
  return after.map((line, k) => carryTokenValues(before[k] ?? '', line, values[k] ?? []) ?? [])
}

export { loadLanguageModel, type LanguageModel, type Doubt }
