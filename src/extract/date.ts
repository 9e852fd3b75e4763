// Dates as printed in Vietnamese documents (Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.4:
// "ngày 05 tháng 01 năm 2020"; citations also write "ngày 05/01/2020"). Blank day or month
// (filled by hand after signing) leave the date null and keep the year.
export type DateHit = {
  iso: string | null
  year: number | null
  day: number | null
  month: number | null
  /** false when day/month/year are printed but are not a calendar date */
  valid: boolean
  /** parts that hold ink the reader could not take for digits (a handwritten day read as "Of", "#ÿ") */
  unreadable?: ('day' | 'month')[]
  /** the date words themselves were misread ("ngây … thẳng … tăm"): the rest of the line is suspect too */
  wordsMisread?: boolean
  index: number
  length: number
  text: string
}

// OCR may leave light noise between the tokens ("ngày 15:tháng 9 năm 2023", "ngày 15,. tháng"): any run
// of stray punctuation is allowed between a number and the next date word
const WORDS = /ngày\s*(\d{1,2})?\s*[,.:;'’`]*\s*tháng\s*(\d{1,2})?\s*[,.:;'’`]*\s*năm\s*[:.]?\s*(\d{4})/iu
const NUMERIC = /(?:ngày\s*)?(?<![\d/.-])(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})(?![\d/])/iu

export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= days && y >= 1900 && y <= 2200
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function build(m: RegExpExecArray, d?: string, mo?: string, y?: string): DateHit {
  const year = y ? Number(y) : null
  const day = d ? Number(d) : null
  const month = mo ? Number(mo) : null
  let valid = true
  let isoDate: string | null = null
  if (year != null && day != null && month != null) {
    valid = isCalendarDate(year, month, day)
    if (valid) isoDate = iso(year, month, day)
  } else if (month != null && (month < 1 || month > 12)) valid = false
  return { iso: isoDate, year, day, month, valid, index: m.index, length: m[0].length, text: m[0] }
}

// A header's date line whose day (or month) was filled in by hand and read as noise ("ngày Oftháng 02 năm
// 2025", "ngày #ÿ tháng 12 năm 2017"): up to six non-space characters stand where the digits should.
// The three date words are known by their letters whatever marks the OCR gave their vowel (text that
// lost its marks writes "ngay … thang … nam"; a blurred photo "ngây … thẳng: … năm"), and "năm",
// last of the three and before four digits, also with its first letter misread ("tăm 2020").
/** the letter a with any of its Vietnamese marks */
const ANY_A = '[aàáảãạăằắẳẵặâầấẩẫậ]'
const STRAY = "[,.:;'’`]*"
const WORDS_WITH_INK = new RegExp(
  `ng${ANY_A}y\\s*${STRAY}\\s*(\\S{0,6}?)\\s*${STRAY}\\s*th${ANY_A}ng\\s*${STRAY}\\s*(\\S{0,6}?)\\s*${STRAY}\\s*\\p{L}${ANY_A}m\\s*[:.]?\\s*(\\d{4})`,
  'iu',
)

/**
 * The date of a header's date line ("Place, ngày D tháng M năm Y", Phụ lục I mục II.4): the date in
 * words, else the same line with noise where a handwritten day or month stands (that part null and
 * listed in `unreadable`: the printed month and year are kept).
 */
export function findHeaderDate(s: string): DateHit | null {
  const w = WORDS.exec(s)
  if (w) return build(w, w[1], w[2], w[3])
  const m = WORDS_WITH_INK.exec(s)
  if (!m) return null
  const part = (x: string | undefined) => (x && /^\d{1,2}$/.test(x) ? x : undefined)
  const unreadable = (['day', 'month'] as const).filter((_, k) => { const x = m[k + 1]; return !!x && !part(x) && /[^\s.,:;'’`_…-]/.test(x) })
  const wordsMisread = !/^ngày/iu.test(m[0]) || !/tháng/iu.test(m[0]) || !/năm\s*[:.]?\s*\d{4}$/iu.test(m[0])
  return { ...build(m, part(m[1]), part(m[2]), m[3]), unreadable, ...(wordsMisread ? { wordsMisread } : {}) }
}

/** The first date in `s`, in words ("ngày 25 tháng 6 năm 2024") or digits ("25/6/2024"). */
export function findDate(s: string, opts: { requireNgay?: boolean } = {}): DateHit | null {
  const w = WORDS.exec(s)
  const n = NUMERIC.exec(s)
  const nOk = n && (!opts.requireNgay || /^ngày/i.test(n[0]))
  if (w && (!nOk || w.index <= n!.index)) return build(w, w[1], w[2], w[3])
  if (n && nOk) return build(n, n[1], n[2], n[3])
  return null
}
