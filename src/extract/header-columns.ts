// Separates the two columns of the header block (Nghị định 30/2020/NĐ-CP, Phụ lục I):
// left = issuer, "Số: …"; right = national motto, "Place, ngày … tháng … năm …".
// Uses the layout stage's `column` when present; for plain text splits a line where the motto
// starts, where the place-date follows the number, or at a wide run of spaces.
import { DOC_TYPES, type DocTypeEntry } from './data/doc-types.js'
import { MOTTO_STARTS, NUMBER_LABEL, SEPARATOR_LINE } from './data/header-patterns.js'
import { parseNumberField, type NumberHit } from './doc-number.js'
import { foldKeep, type XLine } from './lines.js'
import { clean } from './text.js'

export type HeaderPart = { line: XLine; text: string; column: 'left' | 'right'; start: number }

export type HeaderColumns = {
  left: HeaderPart[]
  right: HeaderPart[]
  /** the line with the type word ("KẾ HOẠCH"), or -1 */
  typeLine: number
  type: DocTypeEntry | null
  /** text after the type word on the same line (rare: "KẾ HOẠCH Thực hiện …") */
  typeRest: string
  numberPart: { part: HeaderPart; hit: NumberHit | null } | null
}

const TYPES_BY_LENGTH = [...DOC_TYPES].sort((a, b) => b.name.length - a.name.length)
const FOLDED_TYPES = TYPES_BY_LENGTH.map((t) => ({ t, f: foldKeep(t.name) }))

/** The document type printed alone on a line, upper case ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG"). */
export function matchTypeLine(text: string): { type: DocTypeEntry; rest: string } | null {
  const t = clean(text)
  const f = foldKeep(t)
  for (const { t: type, f: tf } of FOLDED_TYPES) {
    if (f === tf || f.startsWith(tf + ' ')) {
      const head = t.slice(0, tf.length)
      const rest = t.slice(tf.length).trim()
      // the type word stands out: upper case, or alone on its line
      if (head === head.toUpperCase() || rest === '') {
        if (rest && /^[\p{Ll}]/u.test(rest)) continue
        return { type, rest }
      }
    }
  }
  return null
}

const DATE_LINE = /(,|\s)\s*ngay\b.*\bnam\b|ngay\s*\d{1,2}\s*[/.-]/

function mottoAt(f: string): number {
  let best = -1
  for (const m of MOTTO_STARTS) {
    const k = f.indexOf(m)
    if (k >= 0 && (best < 0 || k < best)) best = k
  }
  return best
}

/** Splits one plain-text header line into its left and right parts. */
export function splitHeaderLine(text: string): { left: string; right: string; rightStart: number } {
  const f = foldKeep(text)
  const motto = mottoAt(f)
  if (motto >= 0) return { left: text.slice(0, motto).trim(), right: text.slice(motto).trim(), rightStart: motto }
  const label = NUMBER_LABEL.exec(text)
  if (label && label.index <= 2 && /\d|\//.test(text)) {
    const after = label.index + label[0].length
    const hit = parseNumberField(text.slice(after))
    if (hit) {
      const end = after + hit.index + hit.length
      return { left: text.slice(0, end).trim(), right: text.slice(end).trim(), rightStart: end }
    }
  }
  const gap = /\S(\s{4,})\S/.exec(text)
  if (gap) {
    const k = gap.index + 1 + gap[1].length
    return { left: text.slice(0, gap.index + 1).trim(), right: text.slice(k).trim(), rightStart: k }
  }
  if (DATE_LINE.test(f) || /^(doc lap|cong hoa)/.test(f.trim())) return { left: '', right: text.trim(), rightStart: 0 }
  return { left: text.trim(), right: '', rightStart: text.length }
}

export function headerColumns(lines: XLine[]): HeaderColumns {
  // the type word sits below the header block, within the first lines of page 1
  let typeLine = -1
  let type: DocTypeEntry | null = null
  let typeRest = ''
  const firstPage = lines[0]?.page
  for (const l of lines.slice(0, 40)) {
    if (l.page !== firstPage && typeLine < 0 && l.i > 25) break
    const m = l.text && matchTypeLine(l.text)
    if (m) {
      typeLine = l.i
      type = m.type
      typeRest = m.rest
      break
    }
  }
  const zoneEnd = typeLine >= 0 ? typeLine : Math.min(lines.length, 12)
  const left: HeaderPart[] = []
  const right: HeaderPart[] = []
  for (const l of lines.slice(0, zoneEnd)) {
    const raw = l.src.text.normalize('NFC')
    if (!l.text || SEPARATOR_LINE.test(l.text)) continue
    if (l.src.column) {
      ;(l.src.column === 'left' ? left : right).push({ line: l, text: l.text, column: l.src.column, start: 0 })
      continue
    }
    const s = splitHeaderLine(raw.replace(/\*\*/g, '').replace(/^\s*#+\s/, ''))
    const L = clean(s.left)
    const R = clean(s.right)
    if (L && !SEPARATOR_LINE.test(L)) left.push({ line: l, text: L, column: 'left', start: 0 })
    if (R && !SEPARATOR_LINE.test(R)) right.push({ line: l, text: R, column: 'right', start: s.rightStart })
  }
  let numberPart: HeaderColumns['numberPart'] = null
  for (const p of [...left, ...right]) {
    const label = NUMBER_LABEL.exec(p.text)
    if (!label || label.index > 2) continue
    const hit = parseNumberField(p.text.slice(label.index + label[0].length))
    if (hit || /^\W*s[oốồổỗộôóò6]\s*:/iu.test(p.text)) {
      numberPart = { part: p, hit }
      break
    }
  }
  return { left, right, typeLine, type, typeRest, numberPart }
}
