// A task table whose grid the text lost: OCR read each row's cells as interleaved lines — the row
// number and the first line of its activity on one line, the other columns' cells before, beside
// and after it, the header repeated on every page. The number may be misread ("12" for 1.2, "| 7 |"
// for 1.7) or stand on a lower line than the start of its activity (a number centred in a tall row).
// Rows are found by their numbers counting up (1, 2 … / 1.1, 1.2 … under group rows "Nhiệm vụ 2: …"):
// each number is read as the next one the sequence allows, a misread one repaired from its
// neighbours. A row's activity is the sentence it opens with (a capital, a line long enough to be
// the activity column's) and that sentence's lower-case continuation lines. Rows read this way are
// less certain than a ruled table's: their confidence says so.
import type { Task } from '../schema/plan.js'
import type { ColumnRole } from '../layout/data/column-roles.js'
import { rolesNamed } from '../layout/tables/header.js'
import { TIMELINE_PATTERNS } from './data/time-words.js'
import { GROUP_ROW } from './data/sections.js'
import { foldKeep, provOf, type XLine } from './lines.js'

/** A header line is a short line: at most this many words. */
const HEADER_MAX_WORDS = 8
/** The column names of one header stand within this many lines (a header row read one cell a line). */
const HEADER_SPAN = 8
/** A group row's words ("Nhiệm vụ 2:") start within this many characters of the line (after a misread number). */
const GROUP_AT = 8
/** A line opens an activity when its first cell starts with a capital and is at least this share of the table's long lines. */
const SENTENCE_SHARE = 0.5
/** … and wraps onto the next line when it runs to this share of them (only then can the row's number stand lower). */
const FULL_SHARE = 0.85
/** The table's long lines: this quantile of its line lengths (above it: lines where OCR ran several cells together). */
const LONG_QUANTILE = 0.75
/** An activity may begin at most this many non-blank lines above its row's number. */
const PRE_LINES = 4
/** A misread number is repaired only when none of the next this many numbers reads the repaired value. */
const LOOKAHEAD = 4
/** A timeline inside the activity's cell ends the activity when it stands past this share of the cell. */
const TIMELINE_AT = 0.4
/** A timeline cell is short: at most this many words ("Quý I, II và IV hằng năm"). */
const TIMELINE_CELL_WORDS = 6
/** Fewer rows than this is no table. */
const MIN_ROWS = 2
/** A row read with its number, with a repaired number, and a row whose number was lost (told by the gap it leaves). */
const CONFIDENCE = { read: 0.6, repaired: 0.5, inferred: 0.4 }

export type TextTable = { tasks: Task[]; from: number; to: number }

type Read = { k: number; nums: number[]; rest: string; group: boolean }
type Placed = { id: number[]; confidence: number; skipped?: boolean }
type Row = Placed & { read: Read }

/** A row number at the line's start, behind OCR's column rules ("|", "[") and before the rest. */
const NUMBER = /^[\s|[("“'‘’]*(\d{1,2}(?:[.,]\d{1,2})?)[.)]?(?=[\s|[]|$)([\s|[\]]*)(.*)$/u

const text = (l: XLine) => (l.src.text ?? l.text).normalize('NFC')
/** The cells OCR kept apart on a line: cut at column rules ("|", a "[" opening a cell) and runs of 2+ spaces. */
const cellsOf = (s: string) => s.split(/\s*\|\s*|\s+\[|\s{2,}/).map((c) => c.trim()).filter(Boolean)
const firstCell = (s: string) => cellsOf(s)[0]?.replace(/^[\]"“'‘’]+/, '') ?? ''
const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i])

function rolesOf(l: XLine): ColumnRole[] {
  // a table the layout stage read (lines flagged `inTable`) gives its tasks from its cells (table-tasks.ts)
  if (!l.text || l.src.inTable || l.text.split(' ').length > HEADER_MAX_WORDS) return []
  return [...rolesNamed(l.text)]
}

/** A line that may be part of a header: short, and not opening with a row number. */
const headerish = (l: XLine) => l.text.split(' ').length <= HEADER_MAX_WORDS && !NUMBER.test(l.text)

/** Indexes of header lines: a run of short lines that within HEADER_SPAN lines name the id column, the content column and one more. */
function headerLines(lines: XLine[]): Set<number> {
  const roles = lines.map(rolesOf)
  const out = new Set<number>()
  for (let k = 0; k < lines.length; k++) {
    if (!roles[k].length || out.has(k)) continue
    const seen = new Set<ColumnRole>()
    let last = k
    for (let j = k; j < Math.min(lines.length, k + HEADER_SPAN) && headerish(lines[j]) && !(seen.has('id') && seen.has('content') && seen.size >= 3); j++) {
      if (roles[j].length) last = j
      roles[j].forEach((r) => seen.add(r))
    }
    if (seen.has('id') && seen.has('content') && seen.size >= 3) for (let j = k; j <= last; j++) out.add(j)
  }
  return out
}

/** The row number a line opens with, or the number of the group row it is; null for other lines. */
function readLine(l: XLine, k: number): Read | null {
  const group = GROUP_ROW.exec(foldKeep(l.text))
  if (group && group.index <= GROUP_AT) return { k, nums: [Number(group[1])], rest: l.text.slice(group.index), group: true }
  const m = NUMBER.exec(text(l))
  if (!m) return null
  const nums = m[1].split(/[.,]/).map(Number)
  // "6 tháng và cả năm": a count in a cell, not a row number (a row's number stands in its own ruled cell or opens a sentence)
  if (nums.length === 1 && nums[0] < 10 && !m[2].includes('|') && /^\p{Ll}/u.test(m[3])) return null
  return { k, nums, rest: m[3], group: false }
}

/** The numbers that may follow `prev`: the next sibling, the next top-level number, its first sub-number. */
function nextIds(prev: number[] | null): number[][] {
  if (!prev) return [[1]]
  const [a, b] = prev
  return b === undefined ? [[a, 1], [a + 1]] : [[a, b + 1], [a + 1], [a + 1, 1]]
}

/** The numbers that follow `prev` when one row lost its number altogether. */
function skipIds(prev: number[] | null): number[][] {
  if (!prev) return []
  const [a, b] = prev
  return b === undefined ? [[a + 2]] : [[a, b + 2]]
}

const successor = (w: number[]) => (w.length === 2 ? [w[0], w[1] + 1] : [w[0] + 1])

/** A misread of sub-number `want`: "12" (1.2 run together), "39" (3.2, second digit misread), "7" (1.7, number alone), "3.5" (5.5). */
function misreads(nums: number[], want: number[]): boolean {
  if (want.length !== 2) return false
  const [a, b] = want
  if (nums.length === 2) return nums[1] === b
  const n = nums[0]
  return n === b || (n >= 10 && a < 10 && b < 10 && Math.floor(n / 10) === a)
}

/** The number of a row read as `r`, given the previous row's and the next reads; null when `r` is no row. */
function placeOf(r: Read, prev: number[] | null, later: Read[], opens: (s: string) => boolean): Placed | null {
  const wants = nextIds(prev)
  const exact = wants.find((w) => same(w, r.nums))
  if (exact) return { id: exact, confidence: CONFIDENCE.read }
  const skip = skipIds(prev).find((w) => same(w, r.nums))
  if (skip) return { id: skip, confidence: CONFIDENCE.read, skipped: true }
  const readLater = (w: number[]) => later.some((x) => !x.group && same(x.nums, w))
  const misread = wants.find((w) => misreads(r.nums, w) && !readLater(w))
  if (misread) return { id: misread, confidence: CONFIDENCE.repaired }
  // misread beyond repair, right before the row that follows the expected one: the expected one
  const next = later.find((x) => !x.group)
  const between = next && opens(firstCell(r.rest)) ? wants.find((w) => same(next.nums, successor(w)) && !readLater(w)) : undefined
  return between ? { id: between, confidence: CONFIDENCE.repaired } : null
}

function resolveRows(reads: Read[], opens: (s: string) => boolean): Row[] {
  const rows: Row[] = []
  let prev: number[] | null = null
  reads.forEach((r, n) => {
    const placed = r.group ? { id: r.nums, confidence: CONFIDENCE.read } : placeOf(r, prev, reads.slice(n + 1, n + 1 + LOOKAHEAD), opens)
    if (!placed) return
    rows.push({ read: r, ...placed })
    prev = placed.id
  })
  return rows
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? 0
}

/** A timeline phrase in `s`, with its offset. */
function timelineIn(s: string): { at: number; text: string } | null {
  for (const re of TIMELINE_PATTERNS) {
    const m = re.exec(s)
    if (m) return { at: m.index, text: m[0].trim() }
  }
  return null
}

/** A cell's value starts with a capital ("Hằng năm", "Quý I/2024"); a timeline inside a sentence does not ("đến năm 2030"). */
const isCellValue = (s: string) => /^\p{Lu}/u.test(s)

/** The timeline a cell opens with (the whole cell when it is short: "Quý I, II và IV hằng năm"), or null. */
function cellTimeline(cell: string): string | null {
  const t = timelineIn(cell)
  if (!t || t.at !== 0 || !isCellValue(t.text)) return null
  return cell.split(' ').length <= TIMELINE_CELL_WORDS ? cell.replace(/[.;,]+$/, '') : t.text
}

/** The first line below `from` that is a timeline cell, before the next activity opens (the row's timeline column). */
function timelineBelow(lines: XLine[], from: number, limit: number, skip: Set<number>, shape: Shape): string | null {
  for (let j = from + 1; j < limit && !skip.has(j); j++) {
    const c = firstCell(text(lines[j]))
    if (shape.opens(c)) return null
    const t = c && cellTimeline(c)
    if (t) return t
  }
  return null
}

type Shape = { opens: (s: string) => boolean; full: (s: string) => boolean; continues: (s: string) => boolean }

/** Line shapes measured on the table's own lines: a sentence start, a full (wrapping) line, a continuation line. */
function shapeOf(lines: XLine[]): Shape {
  const long = quantile(lines.filter((l) => l.text).map((l) => l.text.length), LONG_QUANTILE)
  const opens = (s: string) => /^\p{Lu}/u.test(s) && s.length >= SENTENCE_SHARE * long
  return {
    opens,
    full: (s) => opens(s) && s.length >= FULL_SHARE * long,
    continues: (s) => /^[\p{Ll}\d]/u.test(s) && s.length >= SENTENCE_SHARE * long,
  }
}

type Cell = { content: string; timeline: string | null; first: number; last: number }

/**
 * The activity of the row numbered on line `k`: it starts on the number's line, on a line above it
 * (within PRE_LINES, past `floor`) when the number's line does not open it or that line wraps onto
 * it, or else on the first line below; then its continuation lines down to `limit`.
 */
function rowCell(lines: XLine[], k: number, rest: string, floor: number, limit: number, skip: Set<number>, shape: Shape): Cell {
  const cells = cellsOf(rest)
  let own = cells[0]?.replace(/^[\]"“'‘’]+/, '') ?? ''
  let timeline: string | null = null
  // a timeline cell OCR ran into the activity's: a timeline cell's value late in the cell
  const inside = timelineIn(own)
  if (inside && inside.at >= TIMELINE_AT * own.length && isCellValue(inside.text)) { timeline = inside.text; own = own.slice(0, inside.at).trim() }
  timeline ??= cells.slice(1).map(cellTimeline).find((t) => t) ?? null
  const start = startAbove(lines, k, floor, skip, shape, shape.opens(own))
  const parts: string[] = []
  let first = k
  let last = k
  if (start >= 0) {
    first = start
    parts.push(firstCell(text(lines[start])))
    for (let j = start + 1; j < k; j++) if (shape.continues(firstCell(text(lines[j])))) parts.push(firstCell(text(lines[j])))
    if (/^\p{L}/u.test(own)) parts.push(own)
  } else if (/\p{L}{2}/u.test(own)) parts.push(own)
  else {
    // the number alone on its line: the activity is the next line that starts with a letter
    const below = lines.findIndex((l, j) => j > k && j < limit && !skip.has(j) && /^\p{L}/u.test(firstCell(text(l))))
    if (below >= 0) { parts.push(firstCell(text(lines[below]))); last = below }
  }
  const more = continuation(lines, last, limit, skip, shape)
  parts.push(...more.parts)
  timeline ??= more.timeline ?? timelineBelow(lines, more.last, limit, skip, shape)
  return { content: parts.join(' ').replace(/\s+/g, ' ').trim(), timeline, first, last: more.last }
}

/** The lower-case continuation lines after line `from` (up to `limit`), and a timeline opening the line that ends them. */
function continuation(lines: XLine[], from: number, limit: number, skip: Set<number>, shape: Shape): { parts: string[]; timeline: string | null; last: number } {
  const parts: string[] = []
  let last = from
  for (let j = from + 1; j < limit && !skip.has(j); j++) {
    if (!lines[j].text) continue
    const c = firstCell(text(lines[j]))
    if (!shape.continues(c)) return { parts, timeline: cellTimeline(c), last }
    parts.push(c)
    last = j
  }
  return { parts, timeline: null, last }
}

/** The line above `k` the row's activity starts on, or -1. */
function startAbove(lines: XLine[], k: number, floor: number, skip: Set<number>, shape: Shape, ownOpens: boolean): number {
  let seen = 0
  let longBetween = false
  for (let j = k - 1; j > floor && !skip.has(j) && seen < PRE_LINES; j--) {
    if (!lines[j].text) continue
    seen++
    const c = firstCell(text(lines[j]))
    if (shape.opens(c)) return !ownOpens || (shape.full(c) && !longBetween) ? j : -1
    if (shape.continues(c)) longBetween = true
  }
  return -1
}

/** The task rows of a flattened task table in `lines` (a task section's lines), or null when there is none. */
export function flatTextTable(lines: XLine[]): TextTable | null {
  const headers = headerLines(lines)
  if (!headers.size) return null
  const top = Math.min(...headers)
  const shape = shapeOf(lines.slice(top))
  const reads = lines.map((l, k) => (k > top && !headers.has(k) && l.text && !l.src.inTable ? readLine(l, k) : null)).filter((r): r is Read => r !== null)
  const rows = resolveRows(reads, shape.opens)
  if (rows.filter((r) => !r.read.group).length < MIN_ROWS) return null
  const tasks: Task[] = []
  // a top-level row's text is the group of the rows numbered under it ("Nhiệm vụ 1: …" over 1.1, 1.2 …)
  const groups = new Map<number, string>()
  let floor = top
  rows.forEach((row, n) => {
    const k = row.read.k
    const limit = rows[n + 1]?.read.k ?? lines.length
    for (const h of headers) if (h < k && h > floor) floor = h
    const cell = row.read.group ? groupCell(lines, k, row.read.rest, limit, headers, shape) : rowCell(lines, k, row.read.rest, floor, limit, headers, shape)
    if (!cell.content) return
    const group = row.id.length > 1 ? groups.get(row.id[0]) ?? null : null
    const lost = row.skipped ? lostRow(lines, floor, cell.first, headers, shape) : null
    if (lost) tasks.push(taskOf({ ...row, id: before(row.id), confidence: CONFIDENCE.inferred }, lost, group, lines))
    tasks.push(taskOf(row, cell, group, lines))
    if (row.id.length === 1) groups.set(row.id[0], cell.content)
    floor = Math.max(k, cell.last)
  })
  return tasks.length >= MIN_ROWS ? { tasks, from: lines[top].i, to: lines[floor].i } : null
}

const before = (id: number[]) => [...id.slice(0, -1), id[id.length - 1] - 1]

/** A group row: its text and the lines that continue it. */
function groupCell(lines: XLine[], k: number, rest: string, limit: number, skip: Set<number>, shape: Shape): Cell {
  const more = continuation(lines, k, limit, skip, shape)
  return { content: [rest, ...more.parts].join(' ').replace(/\s+/g, ' ').trim(), timeline: null, first: k, last: more.last }
}

/**
 * A row whose number OCR lost, in the gap it leaves between `from` and `to` (the numbers skip one):
 * the first line there that opens an activity, with its continuation lines.
 */
function lostRow(lines: XLine[], from: number, to: number, skip: Set<number>, shape: Shape): Cell | null {
  for (let j = from + 1; j < to; j++) {
    // no number to anchor it: only a line that runs to the activity column's width (it wraps) opens it
    if (skip.has(j) || !shape.full(firstCell(text(lines[j])))) continue
    const more = continuation(lines, j, to, skip, shape)
    return { content: [firstCell(text(lines[j])), ...more.parts].join(' '), timeline: more.timeline, first: j, last: more.last }
  }
  return null
}

function taskOf(row: Placed, cell: Cell, group: string | null, lines: XLine[]): Task {
  return {
    id: row.id.join('.'),
    group,
    content: cell.content,
    timeline: cell.timeline,
    lead: null,
    cooperating: [],
    outputs: null,
    origin: 'table',
    prov: provOf(lines[cell.first], lines[cell.last]),
    confidence: row.confidence,
  }
}
