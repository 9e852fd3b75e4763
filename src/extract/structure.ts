// Where the parts of a plan lie (Nghị định 30/2020/NĐ-CP, Phụ lục I): header block, type word,
// subject lines (trích yếu), preamble (căn cứ), body (numbered sections), end block
// ("Nơi nhận" and signature).
import { PREAMBLE_VERBS, SEPARATOR_LINE } from './data/header-patterns.js'
import { RECIPIENTS_HEADING } from './data/signature.js'
import { AUTHORITY_RE } from './signer.js'
import type { HeaderColumns } from './header-columns.js'
import type { XLine } from './lines.js'

export type Structure = {
  titleLines: XLine[]
  /** [from, to) line indices of the preamble */
  preamble: [number, number]
  /** first line of the numbered body */
  bodyStart: number
  /** first line of the end block ("Nơi nhận" / signature); lines.length when none */
  endStart: number
}

const ROMAN_HEADING = /^(phần\s+)?[IVX]{1,5}\s*[.:)\-–]\s*\S/u
const ARABIC_HEADING = /^\d{1,2}\s*[.)]\s*\p{L}/u
const PREAMBLE_START = new RegExp(`^(${PREAMBLE_VERBS.filter((v) => v.folded !== 'theo').map((v) => v.folded).join('|')}|nham|de |tren co so|qua |theo quy dinh)`)

export function isPreambleStart(fold: string): boolean {
  return PREAMBLE_START.test(fold)
}

export function findStructure(lines: XLine[], cols: HeaderColumns): Structure {
  // end block: the last "Nơi nhận", else the last authority line near the end
  let endStart = lines.length
  for (let k = lines.length - 1; k >= Math.max(0, lines.length - 60); k--) {
    if (RECIPIENTS_HEADING.test(lines[k].text)) { endStart = k; break }
  }
  if (endStart === lines.length) {
    for (let k = lines.length - 1; k >= Math.max(0, lines.length - 20); k--) {
      if (AUTHORITY_RE.test(lines[k].text)) endStart = k
    }
  }
  // the layout stage marks the end block (`block: 'end'`) and may give its columns one after the
  // other, so the "Nơi nhận" heading can come after the list it heads: start at the first marked line
  const lastPage = lines[lines.length - 1]?.page
  for (let k = Math.max(0, lines.length - 80); k < endStart; k++) {
    if (lines[k].src.block === 'end' && lines[k].page === lastPage && lines[k].text) { endStart = k; break }
  }
  // subject lines under the type word
  const titleLines: XLine[] = []
  let k = cols.typeLine >= 0 ? cols.typeLine + 1 : -1
  if (k < 0) {
    // no type word: start after the header block
    const lastHeader = [...cols.left, ...cols.right].reduce((m, p) => Math.max(m, p.line.i), -1)
    k = lastHeader + 1
  }
  let blankAfter = false
  for (; k < Math.min(lines.length, endStart); k++) {
    const l = lines[k]
    if (!l.text) { if (titleLines.length) blankAfter = true; continue }
    if (SEPARATOR_LINE.test(l.text)) { if (titleLines.length) break; continue }
    if (titleLines.length === 0 && cols.typeLine >= 0) { titleLines.push(l); continue }
    if (ROMAN_HEADING.test(l.text) || isPreambleStart(l.fold) || /:\s*$/.test(titleLines[titleLines.length - 1]?.text ?? '')) break
    if (cols.typeLine < 0 && titleLines.length === 0) break
    if (blankAfter && titleLines.length >= 2) break
    if (titleLines.length >= 6) break
    titleLines.push(l)
    blankAfter = false
  }
  const afterTitle = titleLines.length ? titleLines[titleLines.length - 1].i + 1 : Math.max(k, 0)
  let bodyStart = endStart
  for (let j = afterTitle; j < endStart; j++) {
    if (ROMAN_HEADING.test(lines[j].text)) { bodyStart = j; break }
  }
  if (bodyStart === endStart) {
    for (let j = afterTitle; j < endStart; j++) if (ARABIC_HEADING.test(lines[j].text)) { bodyStart = j; break }
  }
  return { titleLines, preamble: [afterTitle, bodyStart], bodyStart, endStart }
}
