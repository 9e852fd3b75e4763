/**
 * Tables on a scanned page: ruling lines (rules.ts) → cell grids (grid.ts) → OCR words in cells
 * (assign.ts). Rules too faint for the strict search are looked for again with a lighter cut when it
 * finds no table of task-table width (RULE_CONTRAST). Pages without rules, or a table whose rules are
 * still too faint to find, fall back on word-gap columns (word-gaps.ts) when a header row names
 * task-table columns.
 */
import type { GreyImage } from '../../image/grey-image.js'
import { estimateSkew } from '../../image/preprocess.js'
import type { PageTable, SourcePage } from '../../schema/page.js'
import { median, unionBox, wordsOf } from '../geometry.js'
import { fillGrid } from './assign.js'
import { buildGrids, type Grid } from './grid.js'
import { rolesNamed } from './header.js'
import { binarize, findSegments, fromFrame, rotateBinary, toFrame, type RuleFrame } from './rules.js'
import { detectTablesByWordGaps, linesInTables } from './word-gaps.js'

export type ImageTableOptions = {
  /** skew of the page in degrees if already known (e.g. 0 after deskewing); measured otherwise */
  skew?: number
}

export function detectTablesInImage(image: GreyImage, page: SourcePage, opts: ImageTableOptions = {}): PageTable[] {
  if (image.width < 100 || image.height < 100) return []
  const dpi = image.dpi > 0 ? image.dpi : 300
  const f = Math.max(1, Math.round(dpi / 150))
  const u = dpi / f / 150 // working pixels per 1/150 inch
  const skew = opts.skew ?? measuredSkew(image)
  const fr: RuleFrame = { scale: 1 / f, skew, width: image.width, height: image.height }
  // faint rules: searched again with a lighter cut only when the strict search finds no task-wide
  // table on a page whose words name a task table's columns
  const strict = ruledGrids(image, f, u, skew, RULE_CONTRAST.strict)
  const faint = strict.some(taskWide) || !namesTaskColumns(page) ? [] : ruledGrids(image, f, u, skew, RULE_CONTRAST.faint)
  const grids = faint.some(taskWide) ? faint : strict
  const line = textLineHeight(page, dpi)
  const tables = grids
    .map((g) => fillGrid(g, page, (x, y) => toFrame(fr, x, y), (a, b) => fromFrame(fr, a, b), 'rules'))
    .filter((t) => !emptyAndTiny(t, line))
  // borderless tables elsewhere on the page: word-gap columns among the lines outside the ruled ones
  return [...tables, ...detectTablesByWordGaps(page, { skip: linesInTables(page, tables) })].sort((a, b) => a.box[1] - b.box[1])
}

/**
 * How much darker than the local mean (percent) a pixel must be to count as rule ink. The strict cut
 * keeps text strokes and paper grain out; the faint one finds thin grey dashed rules on grey paper
 * (x-sans-faint: rules ≈ 190–200 on paper ≈ 222 after clean-up, 10–13 % darker, broken by JPEG blocks
 * and the cubic upscale) and is tried only when the strict search finds no table of task-table width.
 */
const RULE_CONTRAST = { strict: 10, faint: 6 } as const

/** Least columns of a task table (STT | nội dung | thời gian …): a narrower grid is a box, a form field or rule fragments. */
const TASK_TABLE_MIN_COLS = 3

const taskWide = (g: Grid) => g.xs.length - 1 >= TASK_TABLE_MIN_COLS

/**
 * Whether a page's words name a task table's columns (STT | Nội dung | Thời gian …): the header row
 * read as one line, or as short lines of its own, one per cell (PSM 3 reads ruled cells as blocks).
 * The lighter rule search is spent only on such pages, not on every page of running text (it costs
 * ≈ 0.1–0.3 s on a 300 dpi A4 page).
 */
const HEADER_ROW_ROLES = 2
const HEADER_CELL_WORDS = 6
function namesTaskColumns(page: SourcePage): boolean {
  const roles = new Set<string>()
  for (const l of page.lines) {
    const named = rolesNamed(l.text)
    if (named.size >= HEADER_ROW_ROLES) return true
    if (l.text.split(/\s+/).length <= HEADER_CELL_WORDS) for (const r of named) roles.add(r)
  }
  return roles.size >= HEADER_ROW_ROLES
}

/** Rules (ink `contrast` % darker than the local mean) → grids, in the working frame. */
function ruledGrids(image: GreyImage, f: number, u: number, skew: number, contrast: number): Grid[] {
  const bin = rotateBinary(binarize(image, f, 2 * Math.round(15 * u) + 1, contrast), skew)
  const { h, v } = findSegments(bin, { minPiece: Math.round(8 * u), maxGap: Math.round(8 * u), minLen: Math.round(30 * u), minFill: 0.65 }, Math.round(8 * u))
  return buildGrids(h, v, { snap: 6 * u, reach: 6 * u })
}

/** Type size of the smallest text a table cell holds, for pages without OCR lines to measure. */
const MIN_TEXT_LINE_PT = 10

/** Height of a text line on the page in image pixels: the median of its OCR lines, else MIN_TEXT_LINE_PT. */
function textLineHeight(page: SourcePage, dpi: number): number {
  const hs = page.lines.flatMap((l) => {
    const b = l.box ?? unionBox(wordsOf(l).map((w) => w.box))
    return b ? [b[3] - b[1]] : []
  })
  return hs.length > 0 ? median(hs) : (MIN_TEXT_LINE_PT / 72) * dpi
}

/**
 * A grid of empty cells none of which could hold a line of text is no table: the stacked edges of
 * sheets in a photo, a hatched margin, a ruled border ornament.
 */
function emptyAndTiny(t: PageTable, line: number): boolean {
  return t.cells.every((c) => c.text === '' && Math.min(c.box[2] - c.box[0], c.box[3] - c.box[1]) < line)
}

/** Skew by projection profiles (the page's text and rules), clamped to what a table page shows. */
function measuredSkew(image: GreyImage): number {
  const s = estimateSkew(image)
  return Math.abs(s) < 0.05 || Math.abs(s) > 3 ? 0 : s
}
