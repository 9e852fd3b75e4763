/**
 * The id (STT) column of a task table follows a numbering: letters (A, B), Roman numerals (I, II),
 * numbers (1, 2) and dotted numbers (1.1, 1.2, 2.1). OCR of such short cells loses dots ("31" for
 * "3.1") and reads "II" as "H" or "III" as "II". Where a read id is not what the numbering expects
 * next but is one OCR slip away from an expected one, the expected one is taken. Ids that fit, and
 * ids far from every expectation, are kept as read.
 */
export const ID_TEXT = /^(?:\d{1,3}(?:\.\d{1,3}){0,3}|[IVXLC]{1,6}|[a-zđA-Z])[.)]?$/

const ROMAN: [number, string][] = [[100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']]
export function toRoman(n: number): string {
  let out = ''
  for (const [v, s] of ROMAN) while (n >= v) (out += s), (n -= v)
  return out
}
function fromRoman(s: string): number | null {
  if (!/^[IVXLC]+$/.test(s)) return null
  for (let n = 1; n < 200; n++) if (toRoman(n) === s) return n
  return null
}

/** What OCR makes of an id, folded: dots and spaces go, "H"/"U"/"N" are two strokes, "l|!1" in a Roman numeral are I. */
function skeleton(s: string): string {
  return s.replace(/[.\s,)]/g, '').replace(/[HUN]/g, 'II').replace(/[l|!]/g, 'I')
}

function close(read: string, want: string): boolean {
  const a = skeleton(read)
  const b = skeleton(want)
  if (!a || !b) return false
  if (a === b) return true
  // a dotted id whose dot was read as a digit or a comma ("241", "2,1" for 2.1): same length, the
  // other characters equal
  const r = read.replace(/[.)]$/, '')
  if (want.includes('.') && r.length === want.length && /^\d/.test(r)) {
    let slip = 0
    for (let i = 0; i < r.length; i++) {
      if (r[i] === want[i]) continue
      if (want[i] === '.' && /[\d,;:'`]/.test(r[i])) slip++
      else return false
    }
    if (slip > 0) return true
  }
  // a Roman numeral with one stroke more or less
  if (/^I+$/.test(a) && /^I+$/.test(b) && Math.abs(a.length - b.length) === 1 && b.length >= 2) return true
  return false
}

type State = { letter: string | null; roman: number; num: number[] }

function expected(st: State): string[] {
  const out: string[] = []
  out.push(st.letter ? String.fromCharCode(st.letter.charCodeAt(0) + 1) : 'A')
  // a page that starts inside a group (2.3 first, its Roman numeral on the page before) expects the
  // numeral after that group's (III after 2.x: dotted ids number within their Roman group), not I
  out.push(toRoman(st.roman === 0 && st.num.length >= 2 ? st.num[0] + 1 : st.roman + 1))
  if (st.num.length > 0) {
    for (let L = st.num.length; L >= 1; L--) out.push([...st.num.slice(0, L - 1), st.num[L - 1] + 1].join('.'))
    out.push([...st.num, 1].join('.'))
  } else out.push('1')
  if (st.roman > 0 && st.num[0] !== st.roman) out.push(`${st.roman}.1`) // the group's first (not again once inside it)
  return out
}

function advance(st: State, id: string): void {
  const t = id.replace(/[.)]$/, '')
  if (/^\d+(\.\d+)*$/.test(t)) st.num = t.split('.').map(Number)
  else if (fromRoman(t) !== null && (t.length > 1 || st.roman > 0 || st.letter === null || t === 'I')) {
    st.roman = fromRoman(t)!
    st.num = []
  } else if (/^[A-Za-z]$/.test(t)) {
    st.letter = t
    st.roman = 0
    st.num = []
  }
}

/**
 * The ids of one column in row order, each as its candidate reads (best first; none = no id):
 * the candidate the numbering expects, else one an OCR slip away from an expected id (which is
 * taken instead), else the first that looks like an id, else the first.
 */
export function repairIds(candidates: readonly (readonly string[])[]): string[] {
  const st: State = { letter: null, roman: 0, num: [] }
  return candidates.map((cands) => {
    const cs = cands.map((c) => c.trim()).filter(Boolean)
    if (cs.length === 0) return ''
    const exp = expected(st)
    const out =
      cs.find((c) => exp.includes(c.replace(/[.)]$/, ''))) ??
      cs.map((c) => exp.find((e) => close(c, e))).find((e) => e !== undefined) ??
      cs.find((c) => ID_TEXT.test(c)) ??
      cs[0]
    if (ID_TEXT.test(out)) advance(st, out)
    return out
  })
}
