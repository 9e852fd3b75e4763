/**
 * Layout evaluation on fixtures/tables/ (npm run fixtures:tables), through the real stages:
 * prepareDocument → readPage (render → preprocess → OCR pool → detectTablesInImage, or text layer →
 * detectTablesInTextLayer) → assemblePlan (normalization of lines and table cells, layout, table
 * tasks) — the plan's tables and tasks are what is scored. Header / end-block sides are scored on
 * layoutDocument of the unnormalized lines.
 *
 *   npm run eval:layout            # all fixtures
 *   npm run eval:layout -- faint   # names containing "faint"
 *
 * Figures: cells with similarity ≥ 0.9 (and mean similarity), cell-text syllable error (syllable
 * edits / truth syllables; a truth row not found counts all its syllables), body rows found with
 * the right id, printed ids present in order (longest common subsequence of the id column with the
 * truth's ids / truth ids), task F1 (id and content ≥ 0.8 similar), header / end-block lines on the
 * right side, ms per page of table detection alone. A summary per scan quality follows; fixtures
 * named table-x-* come from a plan, geometry and fonts the table code was not tuned on.
 */
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { assemblePlan } from '../../src/assemble.js'
import { prepareDocument, readPage } from '../../src/pipeline.js'
import { createOcrPool } from '../../src/ocr/pool.js'
import { openPdf } from '../../src/pdf/open.js'
import { renderPage } from '../../src/pdf/render.js'
import { preprocessPage } from '../../src/image/preprocess.js'
import { layoutDocument, type NormalizedPage } from '../../src/layout/index.js'
import { detectTablesInImage } from '../../src/layout/tables/image.js'
import { detectTablesInTextLayer, drawnLinesOf } from '../../src/layout/tables/text-layer.js'
import type { SourcePage } from '../../src/schema/page.js'
import type { Table } from '../../src/schema/plan.js'

const DIR = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'tables')

type Truth = {
  name: string
  rows: { kind: string; id: string; cells: { col: number; colSpan: number; text: string }[] }[]
  tasks: { id: string; group: string; content: string; timeline: string; outputs: Record<string, string> }[]
  header: { left: string[]; right: string[] }
  end: { left: string[]; right: string[] }
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim()

function lev(a: string, b: string): number {
  const m = a.length
  const n = b.length
  let prev = Array.from({ length: n + 1 }, (_, j) => j)
  for (let i = 1; i <= m; i++) {
    const cur = [i]
    for (let j = 1; j <= n; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[n]
}
export const sim = (a: string, b: string) => {
  const x = norm(a)
  const y = norm(b)
  return x.length + y.length === 0 ? 1 : 1 - lev(x, y) / Math.max(x.length, y.length)
}

/** Edit distance over syllables (whitespace-separated words). */
function syllableEdits(truth: string, pred: string): number {
  const a = norm(truth).split(' ').filter(Boolean)
  const b = norm(pred).split(' ').filter(Boolean)
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]
}

/** Length of the longest common subsequence of two id lists. */
function lcs(a: readonly string[], b: readonly string[]): number {
  let prev = new Array(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    const cur = [0]
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1])
    prev = cur
  }
  return prev[b.length]
}

/** Scan quality of a fixture, for the summary: born-digital, office scans, poor scans (low dpi, q40, skew, faint). */
const POOR = /poor|-150|x-sans-faint/
const qualityOf = (file: string, origin: string | undefined) => (origin !== 'ocr' ? 'born-digital' : POOR.test(file) ? 'poor' : 'office')

type PredRow = { cells: Map<number, string>; text: string }

function predictedRows(t: Table): PredRow[] {
  const h = t.headerRows ?? 0
  const rows = new Map<number, PredRow>()
  for (const c of t.cells) {
    if (c.row < h) continue
    const r = rows.get(c.row) ?? { cells: new Map(), text: '' }
    r.cells.set(c.col, c.text)
    rows.set(c.row, r)
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => ({ ...r, text: [...r.cells.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t).join(' ') }))
}

/** Monotone alignment of truth rows to predicted rows maximising summed row similarity (≥ 0.5 to pair). */
function alignRows(truth: Truth['rows'], pred: PredRow[]): (PredRow | null)[] {
  const T = truth.map((r) => r.cells.map((c) => c.text).join(' '))
  const n = T.length
  const m = pred.length
  const S = T.map((t) => pred.map((p) => sim(t, p.text)))
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1))
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], S[i][j] >= 0.5 ? S[i][j] + best[i + 1][j + 1] : -Infinity)
  const out: (PredRow | null)[] = []
  let i = 0
  let j = 0
  while (i < n) {
    if (j < m && S[i][j] >= 0.5 && best[i][j] === S[i][j] + best[i + 1][j + 1]) {
      out.push(pred[j])
      i++
      j++
    } else if (j < m && best[i][j] === best[i][j + 1]) j++
    else {
      out.push(null)
      i++
    }
  }
  return out
}

async function evaluate(file: string, pool: Awaited<ReturnType<typeof createOcrPool>>) {
  const bytes = new Uint8Array(readFileSync(path.join(DIR, file)))
  const truth = JSON.parse(readFileSync(path.join(DIR, file.replace(/\.pdf$/, '.truth.json')), 'utf8')) as Truth
  const limits = DEFAULT_LIMITS
  const doc = await prepareDocument({ fileName: file, bytes }, limits)
  const pdf = await openPdf(bytes, limits)
  const pages: NormalizedPage[] = []
  const read: SourcePage[] = []
  const detectMs: number[] = []
  const cellMs: number[] = []
  const t0 = performance.now()
  for (let p = 1; p <= doc.pageCount; p++) {
    // the pool as readPage sees it, timing the cell re-reads (calls with per-call parameters)
    let first = Infinity
    let last = -Infinity
    const timed: typeof pool = {
      ...pool,
      recognize: async (image, n, params) => {
        const a = performance.now()
        const r = await pool.recognize(image, n, params)
        if (params) {
          first = Math.min(first, a)
          last = Math.max(last, performance.now())
        }
        return r
      },
    }
    const page = await readPage(doc, p, { ocr: timed, limits, pdf })
    cellMs.push(last > first ? last - first : 0)
    read.push(page)
    pages.push({ ...page, normalizedLines: page.lines.map((l) => l.text) })
    // table detection alone, timed on the same input readPage used
    if (page.origin === 'ocr') {
      const image = await preprocessPage(await renderPage(pdf, p, { dpi: limits.dpi, maxPixels: limits.maxPixels }))
      const a = performance.now()
      detectTablesInImage(image, page, { skew: 0 })
      detectMs.push(performance.now() - a)
    } else {
      const a = performance.now()
      detectTablesInTextLayer(page, await drawnLinesOf(pdf, p))
      detectMs.push(performance.now() - a)
    }
  }
  const readMs = performance.now() - t0
  await pdf.close()
  const laid = layoutDocument(pages)
  const plan = assemblePlan(doc, read.map((p) => ({ page: p.page, read: p })), { model: null, now: new Date(0), startedAt: 0 })
  const tasks = plan.tasks.filter((t) => t.origin === 'table')
  const table = [...plan.tables].sort((a, b) => b.cells.length - a.cells.length)[0]
  const pred = table ? predictedRows(table) : []
  const aligned = alignRows(truth.rows, pred)
  let cells = 0
  let good = 0
  let simSum = 0
  let rowsOk = 0
  let syllables = 0
  let edits = 0
  truth.rows.forEach((r, i) => {
    const p = aligned[i]
    if (p && norm(p.cells.get(0) ?? '').replace(/\.$/, '') === r.id) rowsOk++
    for (const c of r.cells) {
      const n = norm(c.text).split(' ').filter(Boolean).length
      syllables += n
      edits += p ? Math.min(n, syllableEdits(c.text, p.cells.get(c.col) ?? '')) : n
      const s = p ? sim(c.text, p.cells.get(c.col) ?? '') : 0
      cells++
      simSum += s
      if (s >= 0.9) good++
    }
  })
  // printed ids, in order: the id column of the predicted table against the truth's ids
  const predIds = pred.map((r) => norm(r.cells.get(0) ?? '').replace(/[.)]$/, '')).filter(Boolean)
  const idsInOrder = lcs(truth.rows.map((r) => r.id), predIds) / truth.rows.length
  // tasks
  let tp = 0
  let fieldOk = 0
  let fields = 0
  for (const t of truth.tasks) {
    const hit = tasks.find((x) => x.id === t.id && sim(x.content, t.content) >= 0.8)
    if (!hit) continue
    tp++
    const pairs: [string, string][] = [[t.timeline, hit.timeline ?? ''], [t.group, hit.group ?? '']]
    for (const [k, v] of Object.entries(t.outputs)) pairs.push([v, hit.outputs?.[k] ?? ''])
    for (const [a, b] of pairs) {
      fields++
      if (sim(a, b) >= 0.9) fieldOk++
    }
  }
  const precision = tasks.length ? tp / tasks.length : 0
  const recall = truth.tasks.length ? tp / truth.tasks.length : 0
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0
  // header / end-block separation
  let sideOk = 0
  let sideN = 0
  const check = (block: 'header' | 'end', side: 'left' | 'right', want: string[]) => {
    const lines = laid.lines.filter((l) => l.block === block)
    for (const w of want) {
      sideN++
      const best = lines.reduce((acc, l) => (sim(w, l.text) > acc.s ? { s: sim(w, l.text), l } : acc), { s: 0, l: null as (typeof lines)[number] | null })
      if (best.l && best.s >= 0.8 && best.l.column === side) sideOk++
    }
  }
  check('header', 'left', truth.header.left)
  check('header', 'right', truth.header.right)
  check('end', 'left', truth.end.left)
  check('end', 'right', truth.end.right)
  return {
    file,
    origin: pages[0]?.origin,
    quality: qualityOf(file, pages[0]?.origin),
    tables: plan.tables.length,
    syllableError: syllables ? edits / syllables : 0,
    idsInOrder,
    pagesJoined: table?.pages.join('+') ?? '-',
    cells: `${good}/${cells}`,
    cellShare: good / cells,
    cellMeanSim: simSum / cells,
    rows: `${rowsOk}/${truth.rows.length}`,
    rowShare: rowsOk / truth.rows.length,
    tasksF1: f1,
    taskFields: fields ? fieldOk / fields : 0,
    sides: `${sideOk}/${sideN}`,
    sideShare: sideOk / sideN,
    detectMsPerPage: detectMs.reduce((a, b) => a + b, 0) / Math.max(1, detectMs.length),
    readMsPerPage: readMs / Math.max(1, pages.length),
    cellMsPerPage: cellMs.reduce((a, b) => a + b, 0) / Math.max(1, cellMs.length),
  }
}

const filter = process.argv[2] ?? ''
const files = readdirSync(DIR).filter((f) => f.endsWith('.pdf') && f.includes(filter)).sort()
const pool = await createOcrPool({ size: 1 })
const pct = (x: number) => `${(100 * x).toFixed(1)}%`
const results: Awaited<ReturnType<typeof evaluate>>[] = []
try {
  console.log('fixture                      origin      tables pages  cells≥0.9        meanSim  syl.err  rows(id)       ids-in-order tasksF1  fields  header/end   detect ms/page  cell-OCR ms/page  read s/page')
  for (const f of files) {
    const r = await evaluate(f, pool)
    results.push(r)
    console.log(
      [r.file.padEnd(28), String(r.origin).padEnd(11), String(r.tables).padEnd(6), r.pagesJoined.padEnd(6), `${r.cells} ${pct(r.cellShare)}`.padEnd(16), r.cellMeanSim.toFixed(3).padEnd(8), pct(r.syllableError).padEnd(8), `${r.rows} ${pct(r.rowShare)}`.padEnd(14), pct(r.idsInOrder).padEnd(12), r.tasksF1.toFixed(3).padEnd(8), pct(r.taskFields).padEnd(7), `${r.sides} ${pct(r.sideShare)}`.padEnd(12), r.detectMsPerPage.toFixed(0).padEnd(15), r.cellMsPerPage.toFixed(0).padEnd(17), (r.readMsPerPage / 1000).toFixed(1)].join(' '),
    )
  }
} finally {
  await pool.close()
}
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN)
console.log('\nsummary (mean per fixture)   fixtures  tasksF1  min F1  syl.err  max syl.err  ids-in-order  (all | table-x-* only)')
for (const q of ['born-digital', 'office', 'poor']) {
  for (const [label, set] of [['all', results.filter((r) => r.quality === q)], ['table-x', results.filter((r) => r.quality === q && r.file.startsWith('table-x-'))]] as const) {
    if (set.length === 0) continue
    console.log(
      [`${q} (${label})`.padEnd(28), String(set.length).padEnd(9), mean(set.map((r) => r.tasksF1)).toFixed(3).padEnd(8), Math.min(...set.map((r) => r.tasksF1)).toFixed(3).padEnd(7), pct(mean(set.map((r) => r.syllableError))).padEnd(8), pct(Math.max(...set.map((r) => r.syllableError))).padEnd(12), pct(mean(set.map((r) => r.idsInOrder)))].join(' '),
    )
  }
}
