// Quantities in running text: value (decimal comma, dot-grouped thousands), range "08 - 10",
// unit (%, money, count nouns), and the deadline phrase of the clause that states it.
import { foldForSearch } from '../normalize/syllable.js'
import { COUNT_UNITS, DURATION_BOUND_BEFORE, DURATION_UNITS, MONEY_UNITS, NOT_QUANTITY_BEFORE, NOT_UNIT_WORDS, PERCENT } from './data/units.js'

export type Quantity = {
  value: number
  valueMax: number | null
  unit: string
  money: boolean
  factor: number
  index: number
  length: number
}

const NUM = String.raw`(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)`
const QTY_RE = new RegExp(String.raw`(?<![\p{L}\d/.,-])${NUM}(?:\s*(?:-|–|đến)\s*${NUM})?(?![\d/])\s*`, 'gu')
const COUNT = [...COUNT_UNITS].sort((a, b) => b.length - a.length)

export function parseNumber(s: string): number {
  return Number(s.replace(/\./g, '').replace(',', '.'))
}

const NOT_UNIT = new Set(NOT_UNIT_WORDS)

/** The counted noun after a number: one or two lower-case words, up to a function word or punctuation. */
export function nounAfter(after: string): { unit: string; length: number } | null {
  const m = /^([\p{Ll}]+)(?:\s+([\p{Ll}]+))?/u.exec(after)
  if (!m || NOT_UNIT.has(m[1]) || /^\p{Ll}+$/u.test(m[1]) === false) return null
  if (m[2] && !NOT_UNIT.has(m[2]) && !NOT_UNIT.has(`${m[1]} ${m[2]}`)) return { unit: `${m[1]} ${m[2]}`, length: m[0].length }
  return { unit: m[1], length: m[1].length }
}

export function findQuantities(text: string, opts: { countUnits?: boolean; anyNoun?: boolean; durations?: boolean } = {}): Quantity[] {
  const out: Quantity[] = []
  let skipTo = -1
  for (const m of text.matchAll(QTY_RE)) {
    const k = m.index!
    if (k < skipTo) continue
    const before = text.slice(Math.max(0, k - 20), k)
    if (NOT_QUANTITY_BEFORE.test(before)) continue
    const after = text.slice(k + m[0].length)
    const value = parseNumber(m[1])
    const valueMax = m[2] ? parseNumber(m[2]) : null
    let unit: string | null = null
    let money = false
    let factor = 1
    let ulen = 0
    const p = PERCENT.exec(after)
    if (p) { unit = '%'; ulen = p[0].length }
    if (!unit) for (const mu of MONEY_UNITS) {
      const mm = mu.re.exec(after)
      if (mm) { unit = mu.unit; money = true; factor = mu.factor; ulen = mm[0].length; break }
    }
    if (!unit && opts.countUnits) {
      const low = after.toLowerCase()
      const c = COUNT.find((u) => low.startsWith(u) && !/[\p{L}]/u.test(low[u.length] ?? ' '))
      if (c) { unit = c; ulen = c.length }
      // in an objectives list, a duration after a bound ("xuống dưới 60 phút") is a service-time objective
      else if (opts.durations && DURATION_BOUND_BEFORE.test(foldForSearch(before).replace(/\s+$/, ' '))) {
        const d = DURATION_UNITS.find((u) => low.startsWith(u) && !/[\p{L}]/u.test(low[u.length] ?? ' '))
        if (d) { unit = d; ulen = d.length }
      }
      if (!unit && opts.anyNoun) {
        const n = nounAfter(after)
        if (n) { unit = n.unit; ulen = n.length }
      }
    }
    if (!unit) continue
    // a bare four-digit 1900–2100 is a year; "2.000" (thousands dot) is a count
    if (!money && unit !== '%' && /^\d{4}$/.test(m[1]) && value >= 1900 && value <= 2100 && !m[2]) continue
    // a range with the unit after both ends ("từ 5% đến 10%", "3 - 5 tỷ đồng"): one quantity, the lower bound
    let vmax = valueMax
    const tail = text.slice(k + m[0].length + ulen)
    const r = new RegExp(String.raw`^\s*(?:-|–|đến)\s*${NUM}\s*`, 'u').exec(tail)
    if (r && vmax == null && tail.slice(r[0].length).toLowerCase().startsWith(text.slice(k + m[0].length, k + m[0].length + ulen).toLowerCase())) {
      vmax = parseNumber(r[1])
      ulen += r[0].length + ulen
      skipTo = k + m[0].length + ulen
    }
    out.push({ value, valueMax: vmax, unit, money, factor, index: k, length: m[0].length + ulen })
  }
  return out
}

const DEADLINE_RE = /(?:(?:đến|trước|tới|vào|trong|cuối)\s+năm\s+(\d{4}))|(?:giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4}))|(h[ằà]ng năm)|(?:năm\s+(\d{4})(?!\s*[-–]\s*\d{4}))|(?:(?:đến|trước|trong|vào)\s+ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(\d{4}))|(?:(?:quý\s+[IVX1-4]+|tháng\s+\d{1,2})\s*(?:\/|năm)\s*(\d{4}))/giu

export type Deadline = { text: string; index: number }

/** Deadline phrases in a clause: "đến năm 2030" → "2030", "hằng năm", "giai đoạn 2021-2025". */
export function findDeadlines(text: string): Deadline[] {
  const out: Deadline[] = []
  for (const m of text.matchAll(DEADLINE_RE)) {
    // a baseline ("so với năm 2023", "kể từ năm 2020") is not a deadline
    if (/(so với|kể từ|từ)\s*$/iu.test(text.slice(Math.max(0, m.index! - 12), m.index!))) continue
    // … and so is a period named after "so với" in the same clause ("giảm 10% so với trung bình giai
    // đoạn 2019 - 2023"), unless a deadline word opens it ("so với năm 2020 vào năm 2025")
    const clauseBefore = text.slice(0, m.index!).split(/[,;.:]/).pop() ?? ''
    // (folded: a restorer may spell "so voi" as "số với")
    if (/(?<![a-z])(so voi|ke tu)(?![a-z])/.test(foldForSearch(clauseBefore)) && !/^(đến|trước|tới|vào|trong|cuối)\s/iu.test(m[0])) continue
    let t: string
    if (m[1]) t = m[1]
    else if (m[7]) t = m[7]
    else if (m[2]) t = `giai đoạn ${m[2]}-${m[3]}`
    else if (m[4]) t = 'hằng năm'
    else if (m[5]) t = m[5]
    else t = m[6]
    out.push({ text: t, index: m.index! })
  }
  return out
}
