/**
 * Tables without ruling lines (borderless tables in scans and text layers), found from word gaps:
 * the page words are regrouped into visual lines (by their vertical centres, across OCR lines: a
 * scan's borderless table comes out of Tesseract column by column, its lines are not rows);
 * a run of consecutive lines whose words leave the same blank vertical corridors free is a table,
 * the corridors are its column separators. Rows start where the line pitch widens (cell padding)
 * or where the first column gets new text; a text run that crosses a corridor spans columns; a
 * two-level header (a spanning header over separate leaf headers) becomes two header rows; a body
 * row with text only up to some column and nothing after it (a group row, "Nhiệm vụ 1: …") spans
 * to the last column.
 *
 * Gaps are measured against the page's own word spacing (columnGap), not a fixed fraction of the
 * word height. Conservative, so that ordinary text does not become a table: at least 3 columns (the header
 * block and the end block are two columns), at least 3 rows and 4 lines, and every separator must
 * hold on most lines and have words on both sides on at least 3 of them. Two columns only when
 * the first row names task-table columns (STT, Nội dung, Thời gian…). Justified prose, whose word
 * gaps never line up over several lines at that width, stays text.
 */
import type { PageTable, PageTableCell, SourcePage } from '../../schema/page.js'
import type { Box } from '../../schema/provenance.js'
import { cy, median, wordsOf } from '../geometry.js'
import { roleOf } from './header.js'

export type WordGapOptions = {
  /** page lines to leave out (those inside tables found from rules) */
  skip?: ReadonlySet<number>
}

type W = { k: number; i: number; text: string; box: Box; conf: number }
type VLine = { words: W[]; y0: number; y1: number; cy: number; x0: number; x1: number }
type Corridor = { a: number; b: number; crossed: number }

/** Words into visual lines: sorted by centre, a word joins the line whose centre is within half a word height. */
function visualLines(words: W[], h: number): VLine[] {
  const sorted = [...words].sort((p, q) => cy(p.box) - cy(q.box))
  const lines: { ws: W[]; sum: number }[] = []
  for (const w of sorted) {
    const c = cy(w.box)
    const last = lines[lines.length - 1]
    if (last && Math.abs(c - last.sum / last.ws.length) < 0.5 * h) {
      last.ws.push(w)
      last.sum += c
    } else lines.push({ ws: [w], sum: c })
  }
  return lines.map(({ ws, sum }) => {
    ws.sort((p, q) => p.box[0] - q.box[0])
    return {
      words: ws,
      y0: Math.min(...ws.map((w) => w.box[1])),
      y1: Math.max(...ws.map((w) => w.box[3])),
      cy: sum / ws.length,
      x0: Math.min(...ws.map((w) => w.box[0])),
      x1: Math.max(...ws.map((w) => w.box[2])),
    }
  })
}

/** Runs of words split at gaps of at least `gap`: [x0, x1, first word, last word]. */
function chunks(l: VLine, gap: number): { a: number; b: number; from: number; to: number }[] {
  const out: { a: number; b: number; from: number; to: number }[] = []
  l.words.forEach((w, i) => {
    const last = out[out.length - 1]
    if (last && w.box[0] - last.b < gap) {
      last.b = Math.max(last.b, w.box[2])
      last.to = i
    } else out.push({ a: w.box[0], b: w.box[2], from: i, to: i })
  })
  return out
}

/** Page lines with a word inside one of `tables` (to leave out of the word-gap search). */
export function linesInTables(page: SourcePage, tables: readonly PageTable[]): Set<number> {
  const out = new Set<number>()
  page.lines.forEach((line, k) => {
    for (const w of wordsOf(line)) {
      const x = (w.box[0] + w.box[2]) / 2
      const y = cy(w.box)
      if (tables.some((t) => x >= t.box[0] && x <= t.box[2] && y >= t.box[1] && y <= t.box[3])) out.add(k)
    }
  })
  return out
}

/**
 * The narrowest gap that separates columns: 1.5 × the measured word space (the median gap between
 * neighbouring words of a line, below one word height), kept within 0.35–0.8 word heights. Relative
 * to the page's own spacing, not a fixed fraction of the word height: text-layer word boxes are
 * font boxes (a space ≈ 0.43 of their height), OCR boxes are ink (a space ≈ 0.4 of a taller ink box).
 */
function columnGap(page: SourcePage, words: W[], h: number): number {
  const byLine = new Map<number, W[]>()
  for (const w of words) byLine.set(w.k, [...(byLine.get(w.k) ?? []), w])
  const spaces: number[] = []
  for (const ws of byLine.values()) {
    ws.sort((a, b) => a.box[0] - b.box[0])
    for (let i = 1; i < ws.length; i++) {
      const g = ws[i].box[0] - ws[i - 1].box[2]
      if (g > 0 && g < h) spaces.push(g)
    }
  }
  const space = spaces.length >= 8 ? median(spaces) : 0.37 * h
  return Math.min(0.8 * h, Math.max(0.35 * h, 1.5 * space))
}

/** Tables from aligned word gaps among the page lines not in `skip`. */
export function detectTablesByWordGaps(page: SourcePage, opts: WordGapOptions = {}): PageTable[] {
  const words: W[] = []
  page.lines.forEach((line, k) => {
    if (opts.skip?.has(k)) return
    if (!line.words?.length && !line.box) return
    wordsOf(line).forEach((w, i) => {
      if (w.text.trim()) words.push({ k, i, text: w.text, box: w.box, conf: w.conf })
    })
  })
  if (words.length < 8) return []
  const h = median(words.map((w) => w.box[3] - w.box[1])) || 1
  const gap = columnGap(page, words, h)
  const lines = visualLines(words, h)
  const textWidth = Math.max(...lines.map((l) => l.x1)) - Math.min(...lines.map((l) => l.x0))
  const tables: PageTable[] = []
  let i = 0
  while (i < lines.length) {
    const found = regionFrom(lines, i, gap, h, textWidth)
    if (!found) {
      i++
      continue
    }
    const table = buildTable(found.lines, found.corridors, gap)
    if (table) {
      tables.push(table)
      i = found.end
    } else i++
  }
  return tables
}

/**
 * The table region starting at line `i`: the lines down to a blank gap or a wide one-run line (prose),
 * the separators from the lines with three runs or more (left blank by at least 85 % of them), lines
 * at either end that cross a separator trimmed. Null without a supported separator.
 */
function regionFrom(lines: VLine[], i: number, gap: number, h: number, textWidth: number): { lines: VLine[]; corridors: Corridor[]; end: number } | null {
  if (chunks(lines[i], gap).length < 2) return null
  const narrow = (l: VLine) => chunks(l, gap).length >= 2 || l.x1 - l.x0 < 0.6 * textWidth
  // a wide one-run line between table lines is a group row ("Nhiệm vụ 1: …" over the columns
  // after the id), not prose: it starts where a column of the table lines above starts (not at
  // the paragraph indent); up to two of them are taken when a line of three runs follows
  const tabular = (l: VLine) => chunks(l, gap).length >= 3
  const near = (k: number) => lines[k].y0 - lines[k - 1].y1 <= 2.5 * h
  const columnStart = (k: number) => {
    const above = lines.slice(i, k).filter(tabular).slice(-3)
    if (above.length === 0) return false
    const left = Math.min(...lines.slice(i, k).map((l) => l.x0)) // the table's left edge (the id column): prose may start there too
    const x = lines[k].x0
    return x > left + gap && above.some((l) => chunks(l, gap).some((c) => Math.abs(c.a - x) <= gap))
  }
  const groupRows = (k: number, n: number) => {
    if (k + n >= lines.length) return false
    for (let m = k; m < k + n; m++) if (!near(m) || !columnStart(m)) return false
    return near(k + n) && tabular(lines[k + n])
  }
  let j = i + 1
  for (;;) {
    if (j < lines.length && near(j) && narrow(lines[j])) j++
    else if (groupRows(j, 1)) j += 2
    else if (groupRows(j, 2)) j += 3
    else break
  }
  let s = i
  while (s - 1 >= 0 && lines[s].y0 - lines[s - 1].y1 <= 1.5 * h && narrow(lines[s - 1])) s--
  let taken = lines.slice(s, j)
  const strong = taken.filter((l) => chunks(l, gap).length >= 3)
  if (strong.length < 3) return null
  const x0 = Math.min(...strong.map((l) => l.x0))
  const x1 = Math.max(...strong.map((l) => l.x1))
  const step = Math.max(0.5, gap / 6)
  const n = Math.ceil((x1 - x0) / step) + 1
  const cover = new Uint16Array(n)
  for (const l of strong) {
    const mark = new Uint8Array(n)
    for (const w of l.words) for (let b = Math.max(0, Math.floor((w.box[0] - x0) / step)); b <= Math.min(n - 1, Math.ceil((w.box[2] - x0) / step)); b++) mark[b] = 1
    for (let b = 0; b < n; b++) cover[b] += mark[b]
  }
  const corridors: Corridor[] = []
  let open = -1
  for (let b = 0; b <= n; b++) {
    const blank = b < n && cover[b] <= (strong.length >= 6 ? Math.max(2, 0.15 * strong.length) : 0.15 * strong.length)
    if (blank && open < 0) open = b
    if (!blank && open >= 0) {
      const a = x0 + open * step
      const e = x0 + b * step
      if (open > 0 && b < n && e - a >= 0.8 * gap) corridors.push({ a, b: e, crossed: 0 })
      open = -1
    }
  }
  // lines at the ends that cross a separator are not part of the table (a heading, a paragraph's last line)
  const crosses = (l: VLine) => corridors.some((c) => crossing(l, c))
  // (a line of two runs or more that crosses one is a spanning header: kept)
  while (taken.length && crosses(taken[0]) && chunks(taken[0], gap).length < 2) taken = taken.slice(1)
  while (taken.length && crosses(taken[taken.length - 1]) && chunks(taken[taken.length - 1], gap).length < 2) taken = taken.slice(0, -1)
  // a separator needs words on both sides, close to it, on at least 3 lines
  const supported = corridors.filter((c) => {
    let both = 0
    for (const l of taken) {
      if (crossing(l, c)) continue
      const left = l.words.some((w) => w.box[2] <= c.a + 1 && w.box[2] >= c.a - 30 * h)
      const right = l.words.some((w) => w.box[0] >= c.b - 1)
      if (left && right) both++
    }
    return both >= 3
  })
  if (supported.length === 0 || taken.length < 4) return null
  return { lines: taken, corridors: supported, end: lines.indexOf(taken[taken.length - 1]) + 1 }
}

/** A line crosses a separator when one of its words reaches into the middle half of the blank corridor. */
function crossing(l: VLine, c: Corridor): boolean {
  const q = (c.b - c.a) / 4
  return l.words.some((w) => Math.min(w.box[2], c.b - q) - Math.max(w.box[0], c.a + q) > 0)
}

function colOf(x: number, seps: number[]): number {
  let c = 0
  while (c < seps.length && x > seps[c]) c++
  return c
}

type Run = { c0: number; c1: number; words: W[] }
type Seg = { c0: number; c1: number; words: W[] }
/** Column separators (x) and the column each word starts in. */
type Columns = { seps: number[]; C: number; wordCol: (w: W) => number }

function columnsOf(corridors: Corridor[], gap: number): Columns {
  // separators near the start of the next column: its words start at the corridor's end, while
  // the corridor's start is blurred by the few lines allowed to reach into it
  const seps = corridors.map((c) => c.a + 0.75 * (c.b - c.a)).sort((a, b) => a - b)
  // a word's column by its start (cells are left-aligned or centred: a word that pokes over a
  // separator at its end, "đề" at the end of a long content line, belongs to the column it starts in)
  const wordCol = (w: W) => colOf(w.box[0] + Math.min(gap / 2, (w.box[2] - w.box[0]) / 4), seps)
  return { seps, C: seps.length + 1, wordCol }
}

/** The columns of each text run of a line; words join across a separator only when they are as close as words of one text (a group row, a spanning header), not across a column gap. */
function runsOf(l: VLine, cols: Columns, gap: number): Run[] {
  const runs: Run[] = []
  let prev: W | null = null
  for (const w of l.words) {
    const c = cols.wordCol(w)
    const last = runs[runs.length - 1]
    if (last && (c === last.c1 || (prev && w.box[0] - prev.box[2] < gap))) {
      last.c1 = Math.max(last.c1, c)
      last.words.push(w)
    } else runs.push({ c0: c, c1: c, words: [w] })
    prev = w
  }
  return runs
}

/** Lines grouped into rows: a wider pitch than the tightest in-cell pitch, or new text in the first column; a two-level header's first row split. */
function rowsOf(lines: VLine[], lineRuns: Run[][]): number[][] {
  const pitches = lines.slice(1).map((l, k) => l.cy - lines[k].cy)
  const sortedP = [...pitches].sort((a, b) => a - b)
  const base = sortedP[Math.floor(sortedP.length * 0.25)] ?? 0
  const rows: number[][] = [[0]]
  let hasFirst = lineRuns[0].some((r) => r.c0 === 0)
  for (let k = 1; k < lines.length; k++) {
    const startsFirst = lineRuns[k].some((r) => r.c0 === 0)
    if (pitches[k - 1] > 1.35 * base || (startsFirst && hasFirst)) {
      rows.push([k])
      hasFirst = startsFirst
    } else {
      rows[rows.length - 1].push(k)
      hasFirst ||= startsFirst
    }
  }
  // a two-level header: a run spanning columns above separate runs in those columns splits the first row
  const ks = rows[0]
  const spanAt = ks.findIndex((k) => lineRuns[k].some((x) => x.c1 > x.c0))
  if (spanAt >= 0) {
    const span = lineRuns[ks[spanAt]].find((x) => x.c1 > x.c0)!
    const splitAt = ks.findIndex((k, idx) => idx > spanAt && lineRuns[k].filter((x) => x.c0 === x.c1 && x.c0 >= span.c0 && x.c0 <= span.c1).length >= 2)
    if (splitAt > 0) rows.splice(0, 1, ks.slice(0, splitAt), ks.slice(splitAt))
  }
  return rows
}

/** Cells of one row: the column segments (spans merged, overlapping spans chained to the leftmost start), words placed. */
function segmentsOf(ks: number[], lineRuns: Run[][], cols: Columns): Seg[] {
  const { C, wordCol } = cols
  const spans: [number, number][] = []
  for (const k of ks) for (const run of lineRuns[k]) if (run.c1 > run.c0) spans.push([run.c0, run.c1])
  const owner = Array.from({ length: C }, (_, c) => c)
  for (const [a, b] of spans) for (let c = a; c <= b; c++) owner[c] = Math.min(owner[c], a)
  for (let c = 0; c < C; c++) owner[c] = owner[owner[c]]
  const segs = new Map<number, Seg>()
  for (let c = 0; c < C; c++) {
    const o = owner[c]
    const s = segs.get(o) ?? { c0: o, c1: c, words: [] }
    s.c1 = Math.max(s.c1, c)
    segs.set(o, s)
  }
  for (const k of ks) for (const run of lineRuns[k]) for (const w of run.words) segs.get(owner[wordCol(w)])!.words.push(w)
  return [...segs.values()].sort((a, b) => a.c0 - b.c0)
}

/** Header rows (0, 1, or 2 when a sub-header row sits under spanning cells) and how many first-row cells name a role. */
function headerOf(rowSegs: Seg[][]): { headerRows: number; named: number } {
  const named = rowSegs[0].filter((s) => s.words.length && roleOf(s.words.map((w) => w.text).join(' '))).length
  if (named === 0 || named < rowSegs[0].filter((s) => s.words.length).length / 2) return { headerRows: 0, named }
  const twoLevel = rowSegs.length > 1 && rowSegs[0].some((s) => s.c1 > s.c0) && rowSegs[1].filter((s) => s.words.length).every((s) => rowSegs[0].some((u) => u.c1 > u.c0 && s.c0 >= u.c0 && s.c1 <= u.c1))
  return { headerRows: twoLevel ? 2 : 1, named }
}

/** Group rows: body text up to the second column, nothing after it: the text spans to the end. */
function spanGroupRows(rowSegs: Seg[][], headerRows: number, C: number): void {
  if (C < 4) return
  for (let r = headerRows; r < rowSegs.length; r++) {
    const segs = rowSegs[r]
    const lastText = Math.max(...segs.filter((s) => s.words.length).map((s) => s.c0))
    const lastSeg = segs.find((s) => s.c0 === lastText)
    if (!lastSeg || lastSeg.c1 >= C - 1 || lastText > 1) continue
    if (segs.some((s) => s.c0 > lastText && s.words.length)) continue
    lastSeg.c1 = C - 1
    rowSegs[r] = segs.filter((s) => s.c0 <= lastText)
  }
}

/** Page-table cells from the row segments, boxes from the separators and the rows' lines; spanned sub-header cells dropped. */
function cellsOf(rowSegs: Seg[][], rows: number[][], lines: VLine[], cols: Columns, headerRows: number): { cells: PageTableCell[]; box: Box } {
  const { seps, C } = cols
  const R = rows.length
  const x0 = Math.min(...lines.map((l) => l.x0))
  const x1 = Math.max(...lines.map((l) => l.x1))
  const colX = (c: number) => (c === 0 ? x0 : seps[c - 1])
  const colX1 = (c: number) => (c === C - 1 ? x1 : seps[c])
  const rowY0 = rows.map((ks) => Math.min(...ks.map((k) => lines[k].y0)))
  const rowY1 = rows.map((ks, r) => (r + 1 < R ? rowY0[r + 1] : Math.max(...ks.map((k) => lines[k].y1))))
  const cells: PageTableCell[] = []
  for (let r = 0; r < R; r++) {
    for (const s of rowSegs[r]) {
      // a header cell over columns the sub-header row leaves empty spans it
      const rowSpan = headerRows === 2 && r === 0 && !rowSegs[1].some((u) => u.words.length && u.c0 <= s.c1 && u.c1 >= s.c0) ? 2 : 1
      const ws = readingOrder(s.words)
      const cell: PageTableCell = {
        row: r,
        col: s.c0,
        rowSpan,
        colSpan: s.c1 - s.c0 + 1,
        text: ws.map((w) => w.text).join(' '),
        box: [Math.round(colX(s.c0)), Math.round(rowY0[r]), Math.round(colX1(s.c1)), Math.round(rowY1[r + rowSpan - 1])],
        words: ws.map((w) => [w.k, w.i] as [number, number]),
      }
      if (ws.length) cell.conf = Math.round((ws.reduce((a, w) => a + w.conf, 0) / ws.length) * 1000) / 1000
      cells.push(cell)
    }
  }
  const out = cells.filter((c) => !(headerRows === 2 && c.row === 1 && !c.words?.length && cells.some((u) => u.row === 0 && u.rowSpan === 2 && c.col >= u.col && c.col < u.col + u.colSpan)))
  return { cells: out, box: [Math.round(x0), Math.round(rowY0[0]), Math.round(x1), Math.round(rowY1[R - 1])] }
}

function buildTable(lines: VLine[], corridors: Corridor[], gap: number): PageTable | null {
  const cols = columnsOf(corridors, gap)
  const { C } = cols
  const lineRuns = lines.map((l) => runsOf(l, cols, gap))
  const rows = rowsOf(lines, lineRuns)
  const R = rows.length
  if (R < 3) return null
  const rowSegs = rows.map((ks) => segmentsOf(ks, lineRuns, cols))
  const { headerRows, named } = headerOf(rowSegs)
  // conservative gates
  const textCols = (segs: Seg[]) => segs.filter((s) => s.words.length).length
  if (C < 3 && !(C === 2 && named >= 2)) return null
  const wide = rows.filter((_, r) => textCols(rowSegs[r]) >= Math.min(3, C)).length
  if (wide < 3 && !(named >= 2 && wide >= 2)) return null
  spanGroupRows(rowSegs, headerRows, C)
  const { cells, box } = cellsOf(rowSegs, rows, lines, cols, headerRows)
  return { box, rows: R, cols: C, cells, method: 'word-gaps' }
}

/** Words of one cell: by visual line (top to bottom), each left to right. */
function readingOrder(ws: W[]): W[] {
  if (ws.length < 2) return ws
  const h = median(ws.map((w) => w.box[3] - w.box[1])) || 1
  const byY = [...ws].sort((a, b) => cy(a.box) - cy(b.box))
  const lines: W[][] = []
  for (const w of byY) {
    const last = lines[lines.length - 1]
    if (last && Math.abs(cy(w.box) - cy(last[0].box)) < 0.5 * h) last.push(w)
    else lines.push([w])
  }
  return lines.flatMap((l) => l.sort((a, b) => a.box[0] - b.box[0]))
}
