/**
 * Two side-by-side columns at the top (issuer | motto) and at the end (Nơi nhận | signature).
 * Tesseract (PSM 3) often reads them row by row, "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI…" as one line
 * with a wide gap: such a line is cut at the gap, using word boxes, and each part goes to its column.
 * Lines without boxes (plain text) are cut at the words that open the right column.
 */
import { foldForSearch } from '../normalize/syllable.js'
import type { Box } from '../schema/provenance.js'
import type { PageLine } from '../schema/page.js'
import type { DocLine } from './document.js'
import { alignWords, bh, cx, median, normalizedSlice, tokenRanges, unionBox, wordsOf } from './geometry.js'
import { DATE_LINE, MOTTO_STARTS, NUMBER_LINE, RECIPIENTS_START, TYPE_WORDS } from './data/blocks.js'

export type PageIn = {
  page: number
  width?: number
  height?: number
  lines: PageLine[]
  normalizedLines: string[]
}

type Part = { column: 'left' | 'right'; text: string; raw: string; box?: Box; span?: [number, number] }

const fold = (s: string) => foldForSearch(s)

/** Where a line is cut in two: index of the first word of the right part, or -1. */
export function columnGapSplit(line: PageLine, width: number): number {
  const words = line.words ?? []
  if (words.length < 2) return -1
  const h = median(words.map((w) => bh(w.box)))
  const minGap = Math.max(1.2 * h, 0.02 * width)
  let best = -1
  let bestGap = 0
  for (let i = 1; i < words.length; i++) {
    const gap = words[i].box[0] - words[i - 1].box[2]
    const mid = (words[i].box[0] + words[i - 1].box[2]) / 2
    if (gap >= minGap && mid > 0.2 * width && mid < 0.8 * width && gap > bestGap) {
      best = i
      bestGap = gap
    }
  }
  return best
}

/** The parts of one line, each with its column, from word boxes (or the whole line by its centre). */
function partsByBoxes(line: PageLine, norm: string, width: number, header = false): Part[] {
  const words = wordsOf(line)
  const sideOf = (b: Box): 'left' | 'right' => (cx(b) < 0.5 * width ? 'left' : 'right')
  if (!line.words || line.words.length < 2) {
    const box = line.box ?? unionBox(words.map((w) => w.box))
    return [{ column: box ? sideOf(box) : 'left', text: norm, raw: line.text, box }]
  }
  let cut = columnGapSplit(line, width)
  if (cut < 0 && header) {
    // no visible gap (a text layer that merged both columns into one run): cut at the motto / date words
    const t = textHeaderSplit(line.text)
    if (t && !t.rightOnly) cut = line.text.slice(0, t.at).trim().split(/\s+/).length
    if (cut >= line.words.length) cut = -1
  }
  if (cut < 0) {
    const box = line.box ?? unionBox(words.map((w) => w.box))!
    return [{ column: sideOf(box), text: norm, raw: line.text, box }]
  }
  const align = alignWords(line.words.map((w) => w.text), norm)
  const make = (from: number, to: number): Part => {
    const ws = line.words!.slice(from, to + 1)
    const box = unionBox(ws.map((w) => w.box))!
    const slice = normalizedSlice(align, norm, from, to)
    return {
      column: sideOf(box),
      text: slice?.text ?? ws.map((w) => w.text).join(' '),
      raw: ws.map((w) => w.text).join(' '),
      box,
      span: slice?.span,
    }
  }
  return [make(0, cut - 1), make(cut, line.words.length - 1)]
}

/** Index (in characters) where the right column starts in a box-less header line, or -1. */
export function textHeaderSplit(text: string): { at: number; rightOnly: boolean } | null {
  const toks = [...text.matchAll(/\S+/g)].map((m) => ({ at: m.index ?? 0, s: m[0], f: fold(m[0]) }))
  if (toks.length === 0) return null
  let best = -1
  // the motto: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
  for (let i = 0; i < toks.length && best < 0; i++) {
    const rest = toks.slice(i).map((t) => t.f).join(' ')
    if (MOTTO_STARTS.some((m) => rest.startsWith(m))) best = i
  }
  // the date line "Hà Nội, ngày …": the place is the title-case words before ", ngày"
  const j = toks.findIndex((t, i) => t.s.endsWith(',') && toks[i + 1]?.f === 'ngay')
  if (j >= 0) {
    let k = j
    const caps = (s: string) => s.replace(/[^\p{L}]/gu, '').length > 1 && s === s.toUpperCase()
    while (k - 1 >= 0 && j - k < 4 && !caps(toks[k - 1].s) && !toks[k - 1].s.includes('/') && !toks[k - 1].s.endsWith(':') && !/\d/.test(toks[k - 1].s)) k--
    if (best < 0 || k < best) best = k
  }
  if (best < 0) return null
  return { at: toks[best].at, rightOnly: best === 0 }
}

function isTypeWordLine(text: string): boolean {
  const f = fold(text)
  return TYPE_WORDS.some((t) => f === t || f.startsWith(t + ' ')) && text === text.toUpperCase()
}

/**
 * The header block of the first page: the lines above the type word, each in its column.
 * Returns the page line indices it covers and the DocLines (left column first, then right).
 */
export function layoutHeader(p: PageIn, skip: ReadonlySet<number>): { covered: Set<number>; lines: DocLine[] } {
  const width = p.width ?? Math.max(0, ...p.lines.map((l) => l.box?.[2] ?? 0))
  const height = p.height ?? Math.max(0, ...p.lines.map((l) => l.box?.[3] ?? 0))
  const covered = new Set<number>()
  const left: DocLine[] = []
  const right: DocLine[] = []
  const hasBoxes = p.lines.some((l) => l.box) && width > 0
  let seenRight = false
  for (let k = 0; k < p.lines.length; k++) {
    if (skip.has(k)) continue
    const line = p.lines[k]
    const norm = p.normalizedLines[k] ?? line.text
    if (!norm.trim()) continue
    if (isTypeWordLine(norm)) break
    if (hasBoxes) {
      const box = line.box ?? unionBox(wordsOf(line).map((w) => w.box))
      if (!box) continue
      if (height > 0 && box[1] > 0.45 * height) break
      const centred = Math.abs(cx(box) - width / 2) < 0.06 * width && columnGapSplit(line, width) < 0
      const wide = box[0] < 0.3 * width && box[2] > 0.7 * width && columnGapSplit(line, width) < 0
      if ((centred || wide) && covered.size > 0) break
      for (const part of partsByBoxes(line, norm, width, true)) {
        const dl: DocLine = { page: p.page, line: k, text: part.text, raw: part.raw, box: part.box, column: part.column, block: 'header' }
        if (part.span && (part.span[0] > 0 || part.span[1] < norm.length)) dl.span = part.span
        ;(part.column === 'left' ? left : right).push(dl)
      }
      covered.add(k)
    } else {
      if (covered.size >= 12) break
      const f = fold(norm)
      // a plain-text header starts at once with an issuer or the motto; anything else means no header
      if (covered.size === 0 && !/^[A-ZĐÀ-Ỹ0-9 .,:/&()-]+$/u.test(norm) && !MOTTO_STARTS.some((m) => f.startsWith(m)) && !NUMBER_LINE.test(f)) break
      const cut = textHeaderSplit(norm)
      const rawCut = textHeaderSplit(line.text)
      if (cut && !cut.rightOnly) {
        const a = norm.slice(0, cut.at).trimEnd()
        const ra = rawCut && !rawCut.rightOnly ? line.text.slice(0, rawCut.at).trimEnd() : a
        const rb = rawCut && !rawCut.rightOnly ? line.text.slice(rawCut.at) : norm.slice(cut.at)
        left.push({ page: p.page, line: k, text: a, raw: ra, column: 'left', span: [0, a.length], block: 'header' })
        right.push({ page: p.page, line: k, text: norm.slice(cut.at), raw: rb, column: 'right', span: [cut.at, norm.length], block: 'header' })
        seenRight = true
      } else if (cut?.rightOnly) {
        right.push({ page: p.page, line: k, text: norm, raw: line.text, column: 'right', block: 'header' })
        seenRight = true
      } else {
        // an unmarked line: issuer lines and the "Số:" line are left; after the date line the header is over
        if (seenRight && right.length > 0 && DATE_LINE.test(fold(right[right.length - 1].text)) && !NUMBER_LINE.test(f)) break
        left.push({ page: p.page, line: k, text: norm, raw: line.text, column: 'left', block: 'header' })
      }
      covered.add(k)
    }
  }
  if (left.length === 0 || right.length === 0) return { covered: new Set(), lines: [] }
  return { covered, lines: [...left, ...right] }
}

/**
 * The end block: from "Nơi nhận" (and the signature lines just above it, on the right) to the end
 * of the page; recipients on the left, signature on the right.
 */
export function layoutEndBlock(p: PageIn, skip: ReadonlySet<number>): { covered: Set<number>; lines: DocLine[] } | null {
  const width = p.width ?? Math.max(0, ...p.lines.map((l) => l.box?.[2] ?? 0))
  let start = -1
  for (let k = p.lines.length - 1; k >= 0; k--) {
    if (skip.has(k)) continue
    if (RECIPIENTS_START.test(fold(p.normalizedLines[k] ?? p.lines[k].text))) {
      start = k
      break
    }
    // Tesseract may put the signature's authority first: "TM. ỦY BAN NHÂN DÂN Nơi nhận:"
    if (/\bnoi nhan\s*:/.test(fold(p.normalizedLines[k] ?? p.lines[k].text))) {
      start = k
      break
    }
  }
  if (start < 0) return null
  const hasBoxes = p.lines.some((l) => l.box) && width > 0
  const first = p.lines[start]
  // signature lines printed just above "Nơi nhận" on the right
  if (hasBoxes && first.box) {
    let k = start - 1
    let taken = 0
    while (k >= 0 && taken < 3) {
      const b = p.lines[k].box
      if (skip.has(k) || !b || b[0] < 0.42 * width || first.box[1] - b[3] > 4 * bh(first.box)) break
      start = k
      taken++
      k--
    }
  }
  const covered = new Set<number>()
  const left: DocLine[] = []
  const right: DocLine[] = []
  for (let k = start; k < p.lines.length; k++) {
    if (skip.has(k)) continue
    const line = p.lines[k]
    const norm = p.normalizedLines[k] ?? line.text
    if (!norm.trim()) continue
    covered.add(k)
    if (hasBoxes) {
      for (const part of partsByBoxes(line, norm, width)) {
        const dl: DocLine = { page: p.page, line: k, text: part.text, raw: part.raw, box: part.box, column: part.column, block: 'end' }
        if (part.span && (part.span[0] > 0 || part.span[1] < norm.length)) dl.span = part.span
        ;(part.column === 'left' ? left : right).push(dl)
      }
    } else {
      // plain text: a recipient and the signature on one line, "- Như trên;          KT. CHỦ TỊCH"
      const cut = plainGapSplit(line.text, norm)
      if (cut) {
        left.push({ page: p.page, line: k, text: cut.left, raw: cut.rawLeft, column: 'left', span: cut.leftSpan, block: 'end' })
        right.push({ page: p.page, line: k, text: cut.right, raw: cut.rawRight, column: 'right', span: cut.rightSpan, block: 'end' })
        continue
      }
      const f = fold(norm)
      const isLeft = RECIPIENTS_START.test(f) || /^[-+•*]/.test(norm.trim()) || /^luu\b/.test(f)
      ;(isLeft ? left : right).push({ page: p.page, line: k, text: norm.trim(), raw: line.text, column: isLeft ? 'left' : 'right', block: 'end' })
    }
  }
  return { covered, lines: [...left, ...right] }
}

/**
 * A box-less line with two columns: text, a wide run of blanks (a tab, or 4 spaces or more), text.
 * Cut in the raw line; the normalized line is cut after as many tokens (the normalizer may have
 * squeezed the blanks). Null when there is no such gap or one side is empty.
 */
export function plainGapSplit(raw: string, norm: string): { left: string; right: string; rawLeft: string; rawRight: string; leftSpan: [number, number]; rightSpan: [number, number] } | null {
  const m = /\S(\t+|\s{4,})\S/.exec(raw.replace(/\s+$/, ''))
  if (!m) return null
  const at = m.index + 1
  const rawLeft = raw.slice(0, at).trim()
  const rawRight = raw.slice(at + m[1].length).trim()
  if (!rawLeft || !rawRight) return null
  const nLeft = rawLeft.split(/\s+/).length
  const toks = tokenRanges(norm)
  if (toks.length <= nLeft) return null
  const leftSpan: [number, number] = [toks[0][0], toks[nLeft - 1][1]]
  const rightSpan: [number, number] = [toks[nLeft][0], toks[toks.length - 1][1]]
  return { left: norm.slice(...leftSpan), right: norm.slice(...rightSpan), rawLeft, rawRight, leftSpan, rightSpan }
}
