/**
 * A printed timeline ("Quý II/2025", "Hằng năm", "2025 - 2030", "Tháng 10 hằng năm", "6 tháng đầu
 * năm 2025", "Trước ngày 15/12/2025") → an ISO period beside it: `start` and `end` (YYYY-MM-DD,
 * inclusive; null = open on that side) and `recurrence` (an iCalendar RRULE, or null). The period
 * words live in data/period-words.ts. Null where the text does not allow dates with confidence: a
 * month or quarter without a year and without a recurrence, "Thường xuyên", or a timeline that says
 * more than dates ("sau khi có hướng dẫn") — a tracker keeps the printed text then.
 */
import { foldForSearch } from '../normalize/syllable.js'
import type { TaskPeriod } from '../schema/plan.js'
import { DEADLINE_WORDS, FROM_WORDS, QUARTER_NUMERALS, RECURRENCE_WORDS, UNDATED_WORDS, YEAR_PARTS } from './data/period-words.js'

type Span = { start: string; end: string }
/** A dated piece of the text; `months` when it named months without a year (a recurring rule's months). */
type Anchor = { at: number; span: Span | null; months?: number[] }

const MIN_YEAR = 1990
const MAX_YEAR = 2100
/** Words a timeline may hold besides its dates; more than MAX_OTHER_WORDS others → no period. */
const FILLER = new Set(['nam', 'quy', 'thang', 'ngay', 'trong', 'giai', 'doan', 'va', 'tu', 'den', 'het', 'truoc', 'cham', 'nhat', 'han', 'chot', 'hoan', 'thanh', 'bat', 'dau', 'cuoi', 'moi', 'hang', 'dinh', 'ky', 'cac', 'nhung', 'thuc', 'hien', 'trien', 'khai', 'vao', 'tai', 'thoi', 'diem', 'tuan'])
const MAX_OTHER_WORDS = 1

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`
const okYear = (y: number) => y >= MIN_YEAR && y <= MAX_YEAR
const monthSpan = (y: number, m0: number, m1: number): Span => ({ start: iso(y, m0, 1), end: iso(y, m1, lastDay(y, m1)) })

/** "ii", "Il" (OCR: l for I), "2" → 2; null when not a quarter numeral. */
function quarterOf(token: string): number | null {
  return QUARTER_NUMERALS[token.replace(/l/g, 'i')] ?? null
}

type Rule = { re: RegExp; read: (m: RegExpExecArray) => Omit<Anchor, 'at'> | null }

/** Dated pieces, most specific first; each match is blanked out so that a later rule cannot read it again. */
const RULES: Rule[] = [
  {
    re: /ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})|\b(\d{1,2}) ?[/.-] ?(\d{1,2}) ?[/.-] ?(\d{4})\b/g,
    read: (m) => {
      const [d, mo, y] = (m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]]).map(Number)
      if (!okYear(y) || mo < 1 || mo > 12 || d < 1 || d > lastDay(y, mo)) return null
      return { span: { start: iso(y, mo, d), end: iso(y, mo, d) } }
    },
  },
  ...YEAR_PARTS.map(
    (p): Rule => ({
      re: new RegExp(`${p.folded.source}(?: ?(?:/ ?)?(\\d{4}))?`, 'g'),
      read: (m) => (m[1] && okYear(Number(m[1])) ? { span: monthSpan(Number(m[1]), ...p.months) } : { span: null, months: range(...p.months) }),
    }),
  ),
  {
    // "quy iv, 2024": the year after a comma too (a year's first digit is no quarter)
    re: /quy ((?:[ivxl]+|[1-4])(?!\d)(?: ?(?:,|va|-|–|den) ?(?:quy )?(?:[ivxl]+|[1-4])(?!\d))*)(?: ?(?:\/|,|nam) ?(\d{4}))?/g,
    read: (m) => {
      const qs = m[1].split(/ ?(?:,|va|-|–|den) ?(?:quy )?/).map(quarterOf)
      if (qs.some((q) => q === null)) return null
      const q0 = Math.min(...(qs as number[]))
      const q1 = Math.max(...(qs as number[]))
      if (m[2] && okYear(Number(m[2]))) return { span: monthSpan(Number(m[2]), 3 * q0 - 2, 3 * q1) }
      return { span: null, months: (qs as number[]).flatMap((q) => range(3 * q - 2, 3 * q)) }
    },
  },
  {
    re: /thang (\d{1,2})((?: ?(?:,|va|-|–|den) ?(?:thang )?\d{1,2})*)(?: ?(?:\/|nam) ?(\d{4}))?/g,
    read: (m) => {
      const ms = [Number(m[1]), ...(m[2].match(/\d{1,2}/g) ?? []).map(Number)]
      if (ms.some((x) => x < 1 || x > 12)) return null
      if (m[3] && okYear(Number(m[3]))) return { span: monthSpan(Number(m[3]), Math.min(...ms), Math.max(...ms)) }
      return { span: null, months: ms.length === 2 && m[2].includes('-') ? range(ms[0], ms[1]) : ms }
    },
  },
  {
    re: /\b(\d{1,2}) ?\/ ?(\d{4})\b/g,
    read: (m) => (Number(m[1]) >= 1 && Number(m[1]) <= 12 && okYear(Number(m[2])) ? { span: monthSpan(Number(m[2]), Number(m[1]), Number(m[1])) } : null),
  },
  {
    re: /\b(\d{4}) ?(?:-|–|—|den(?: nam)?) ?(\d{4})\b/g,
    read: (m) => {
      const [a, b] = [Number(m[1]), Number(m[2])]
      return okYear(a) && okYear(b) && a <= b ? { span: { start: iso(a, 1, 1), end: iso(b, 12, 31) } } : null
    },
  },
  { re: /\b(\d{4})\b/g, read: (m) => (okYear(Number(m[1])) ? { span: { start: iso(Number(m[1]), 1, 1), end: iso(Number(m[1]), 12, 31) } } : null) },
]

function range(a: number, b: number): number[] {
  const out: number[] = []
  for (let i = a; i <= b; i++) out.push(i)
  return out
}

/** The dated pieces of a folded timeline, and what is left of it once they are blanked out. */
function anchorsOf(folded: string): { anchors: Anchor[]; rest: string } | null {
  let rest = folded
  const anchors: Anchor[] = []
  for (const rule of RULES) {
    for (const m of rest.matchAll(rule.re)) {
      const a = rule.read(m)
      if (!a) return null // a date-like piece that is no valid date: say nothing
      anchors.push({ at: m.index, ...a })
    }
    rest = rest.replace(rule.re, (s) => ' '.repeat(s.length))
  }
  return { anchors: anchors.sort((x, y) => x.at - y.at), rest }
}

/** The recurrence the text names, and the text with its words blanked out. */
function recurrenceOf(folded: string): { rrule: string | null; rest: string } {
  for (const r of RECURRENCE_WORDS) {
    const i = ` ${folded} `.indexOf(` ${r.folded} `)
    if (i >= 0) return { rrule: r.rrule, rest: folded.slice(0, i) + ' '.repeat(r.folded.length) + folded.slice(i + r.folded.length) }
  }
  return { rrule: null, rest: folded }
}

const hasWord = (text: string, words: readonly string[]) => words.some((w) => ` ${text} `.includes(` ${w} `))

/** The ISO period of a printed timeline, or null when the text does not give one with confidence. */
export function parseTimeline(text: string | null | undefined): TaskPeriod | null {
  if (!text) return null
  const folded = foldForSearch(text).replace(/[()[\];:]/g, ' ').replace(/\s*([/–-])\s*/g, ' $1 ').replace(/\s+/g, ' ').trim()
  if (!folded) return null
  const rec = recurrenceOf(folded)
  if (rec.rrule === '') return null
  const found = anchorsOf(rec.rest)
  if (!found) return null
  const others = found.rest.split(/[^a-z0-9]+/).filter((w) => w && !FILLER.has(w))
  if (others.length > MAX_OTHER_WORDS || hasWord(folded, UNDATED_WORDS)) return null
  const dated = found.anchors.filter((a): a is Anchor & { span: Span } => a.span !== null)
  const months = found.anchors.flatMap((a) => a.months ?? [])
  // months or quarters without a year: only a recurring rule gives them a meaning
  if (months.length > 0 && !rec.rrule) return null
  const rrule = rec.rrule && months.length > 0 ? `FREQ=YEARLY;BYMONTH=${[...new Set(months)].sort((a, b) => a - b).join(',')}` : rec.rrule
  if (dated.length === 0) return rrule ? { start: null, end: null, recurrence: rrule } : null
  let start: string | null = dated.map((a) => a.span.start).sort()[0]
  let end: string | null = dated.map((a) => a.span.end).sort().at(-1)!
  const before = folded.slice(0, dated[0].at).trim()
  const from = hasWord(before, FROM_WORDS)
  if (!from && hasWord(before, DEADLINE_WORDS)) start = null
  if (from && dated.length === 1 && !hasWord(folded.slice(dated[0].at), ['den'])) end = null
  return { start, end, recurrence: rrule }
}
