/**
 * The id (STT) column of a task table follows a numbering: letters (A, B), Roman numerals (I, II),
 * numbers (1, 2) and dotted numbers (1.1, 1.2, 2.1). OCR of such short cells loses dots ("31" for
 * "3.1") and reads "II" as "H" or "III" as "II". Where a read id is not what the numbering expects
 * next but is one OCR slip away from an expected one, the expected one is taken; a read that fits
 * nowhere between two ids that do is given the id the numbering needs there (repairIds).
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

/**
 * Where the numbering stands: the last letter, Roman numeral and number read. `arabicHead`: the
 * current group's head was a plain number (1, then 1.1, 1.2), not a Roman numeral — its next group
 * is 2, never II.
 */
type State = { letter: string | null; roman: number; num: number[]; arabicHead: boolean }

function expected(st: State): string[] {
  const out: string[] = []
  out.push(st.letter ? String.fromCharCode(st.letter.charCodeAt(0) + 1) : 'A')
  // a page that starts inside a group (2.3 first, its Roman numeral on the page before) expects the
  // numeral after that group's (III after 2.x: dotted ids number within their Roman group), not I;
  // a group whose head was read as a number (1, then 1.1 … 1.4) is followed by the next number (2)
  // and no numeral at all ("I" read there is a slip of the number, not II)
  if (st.roman > 0 || st.num.length < 2) out.push(toRoman(st.roman + 1))
  else if (!st.arabicHead) out.push(toRoman(st.num[0] + 1))
  if (st.num.length > 0) {
    for (let L = st.num.length; L >= 1; L--) out.push([...st.num.slice(0, L - 1), st.num[L - 1] + 1].join('.'))
    out.push([...st.num, 1].join('.'))
  } else out.push('1')
  if (st.roman > 0 && st.num[0] !== st.roman) out.push(`${st.roman}.1`) // the group's first (not again once inside it)
  return out
}

function advance(st: State, id: string): void {
  const t = id.replace(/[.)]$/, '')
  if (/^\d+(\.\d+)*$/.test(t)) {
    st.num = t.split('.').map(Number)
    if (st.num.length === 1 && st.roman === 0) st.arabicHead = true
  } else if (fromRoman(t) !== null && (t.length > 1 || st.roman > 0 || st.letter === null || t === 'I')) {
    st.roman = fromRoman(t)!
    st.num = []
    st.arabicHead = false
  } else if (/^[A-Za-z]$/.test(t)) {
    st.letter = t
    st.roman = 0
    st.num = []
    st.arabicHead = false
  }
}

/** A read the numbering accepts where it stands: the expected id itself, or one an OCR slip away from it. */
function fitting(cs: readonly string[], st: State): string | undefined {
  const exp = expected(st)
  return cs.find((c) => exp.includes(c.replace(/[.)]$/, ''))) ?? cs.map((c) => exp.find((e) => close(c, e))).find((e) => e !== undefined)
}

const copy = (st: State): State => ({ ...st, num: [...st.num] })
const after = (st: State, id: string): State => {
  const next = copy(st)
  advance(next, id)
  return next
}
const bare = (id: string) => id.replace(/[.)]$/, '')

/**
 * Ids for a run of `k` rows between a known state and the next known id: the first sequence (the
 * same level first: 1.1 → 1.2 before 2 or 1.1.1) that the next id follows. Null when none of
 * length exactly k does, or when the run ends the column (nothing to check the guess against).
 */
function fillRun(st: State, run: readonly Read[], next: string | null): string[] | null {
  const k = run.length
  if (next === null || k === 0 || k > 4) return null
  // empty cells where the next id follows the last one directly: rows without ids (a note, a wrapped row)
  if (run.every((r) => r.cs.length === 0) && expected(st).includes(bare(next))) return null
  const parts = bare(next).split('.').map(Number)
  // the id just before the next one (1.2 before 1.3): a column may start inside a group
  const before = parts.every((n) => Number.isInteger(n)) && parts[parts.length - 1] > 1 ? [...parts.slice(0, -1), parts[parts.length - 1] - 1].join('.') : null
  const order = (s: State) => {
    const exp = expected(s)
    const sibling = s.num.length > 0 ? [...s.num.slice(0, -1), s.num[s.num.length - 1] + 1].join('.') : null
    const first = [sibling, ...exp, before].filter((c): c is string => c !== null)
    return [...new Set(first)]
  }
  const search = (s: State, left: number): string[] | null => {
    if (left === 0) return expected(s).includes(bare(next)) ? [] : null
    for (const c of order(s)) {
      const rest = search(after(s, c), left - 1)
      if (rest) return [c, ...rest]
    }
    return null
  }
  return search(st, k)
}

type Read = { cs: string[]; out: string; fits: boolean; before: State }

/** Whether `id` would take the numbering back to where it has been (I, 1 or A again after 2.2). */
function goesBack(st: State, id: string): boolean {
  const t = bare(id)
  const roman = fromRoman(t)
  if (roman !== null) return roman <= (st.roman === 0 && st.num.length >= 2 ? st.num[0] : st.roman) && (st.roman > 0 || st.num.length > 0)
  if (/^\d+(\.\d+)*$/.test(t)) {
    const n = t.split('.').map(Number)
    for (let k = 0; k < Math.min(n.length, st.num.length); k++) if (n[k] !== st.num[k]) return n[k] < st.num[k]
    return n.length <= st.num.length && st.num.length > 0
  }
  return /^[A-Za-z]$/.test(t) && st.letter !== null && t.toUpperCase() <= st.letter.toUpperCase()
}

/**
 * The first id of a column, where nothing is expected yet (a continuation page starts anywhere): the id
 * most of the row's reads agree on, when the next row's read follows it — not a lone read that merely
 * looks like a start ("I" once, "2.3" twice, on a page that starts inside group 2).
 */
function agreedStart(cs: readonly string[], st: State, nextCs: readonly string[]): string | undefined {
  const votes = new Map<string, number>()
  for (const c of cs) if (ID_TEXT.test(c)) votes.set(bare(c), (votes.get(bare(c)) ?? 0) + 1)
  const [top, n] = [...votes].sort((a, b) => b[1] - a[1])[0] ?? ['', 0]
  if (n < 2) return undefined
  return nextCs.length === 0 || fitting(nextCs, after(st, top)) !== undefined ? top : undefined
}

/**
 * The last row of a column, when its read is an id that would take the numbering back ("I" after 2.2,
 * nothing after it to check against): the same-level id after the one before it (2.3), the id its
 * position gives. Anything else there (a note row) keeps its read.
 */
function lastRow(run: readonly Read[]): string[] | null {
  if (run.length !== 1) return null
  const { cs, before } = run[0]!
  if (!cs[0] || !ID_TEXT.test(cs[0]) || !goesBack(before, cs[0]) || before.num.length === 0) return null
  return [[...before.num.slice(0, -1), before.num[before.num.length - 1]! + 1].join('.')]
}

/**
 * The ids of one column in row order, each as its candidate reads (best first; none = no id).
 * First pass: a read the numbering expects (or one an OCR slip away, taken as the expected id)
 * fits; a well-formed id the next row's read then follows is taken as read (a row skipped);
 * anything else does not fit and does not move the numbering. Second pass: a run of rows that
 * do not fit between two that do gets the ids the numbering needs to get from one to the other
 * ("13" between 1.1 and 1.3 is 1.2; "Si nh" likewise) — an id is repaired from its neighbours and
 * the row's position, never dropped. Runs the neighbours do not pin down keep their reads.
 */
export function repairIds(candidates: readonly (readonly string[])[]): string[] {
  const reads: Read[] = []
  let st: State = { letter: null, roman: 0, num: [], arabicHead: false }
  candidates.forEach((cands, i) => {
    const cs = cands.map((c) => c.trim()).filter(Boolean)
    const before = copy(st)
    if (cs.length === 0) return reads.push({ cs, out: '', fits: false, before })
    const nextCs = (candidates[i + 1] ?? []).map((c) => c.trim()).filter(Boolean)
    const started = reads.some((r) => r.fits)
    let out = (started ? undefined : agreedStart(cs, st, nextCs)) ?? fitting(cs, st)
    if (out === undefined) {
      // a well-formed id the next read follows: the numbering skipped (or this row's read is right and an earlier one wrong)
      // (the first id of a column — a continuation page may start anywhere — needs only the next read
      // an OCR slip away from what follows it; later ones need the next read exactly)
      const follows = (c: string) => (started ? nextCs.some((n) => expected(after(st, c)).includes(bare(n))) : fitting(nextCs, after(st, c)) !== undefined)
      out = cs.find((c) => ID_TEXT.test(c) && (i + 1 === candidates.length ? !goesBack(st, c) : follows(c)))
    }
    if (out !== undefined) st = after(st, out)
    reads.push({ cs, out: out ?? cs[0], fits: out !== undefined, before })
  })
  for (let i = 0; i < reads.length; i++) {
    if (reads[i].fits) continue
    let j = i
    while (j < reads.length && !reads[j].fits) j++
    const fill = fillRun(reads[i].before, reads.slice(i, j), j < reads.length ? reads[j].out : null) ?? lastRow(reads.slice(i))
    if (fill) fill.forEach((id, k) => (reads[i + k].out = id))
    i = j
  }
  return reads.map((r) => r.out)
}
