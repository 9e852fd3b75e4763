/**
 * Rules → cell grids. Rules that cross each other form a table; the distinct rule positions cut it
 * into elementary cells; where the rule between two neighbouring cells is missing over most of
 * their shared edge the cells are one merged cell (a group row spanning all columns, a header
 * spanning two leaf columns, a time cell spanning several rows). Shared by scans (rules found in
 * pixels) and text layers (rules drawn by the PDF), so both read merged cells the same way.
 */
import type { Segment } from './rules.js'

export type Interval = [number, number]
type Line = { pos: number; cover: Interval[] }

export type GridCell = { row: number; col: number; rowSpan: number; colSpan: number; x0: number; y0: number; x1: number; y1: number }
export type Grid = { xs: number[]; ys: number[]; cells: GridCell[]; /** elementary (r, c) → index in `cells` */ owner: Int32Array }

export type GridOptions = {
  /** rule positions closer than this are one rule (double rules, thickness) */
  snap: number
  /** how far a rule may stop short of the rule it meets */
  reach: number
  /** least share of an edge a rule must cover to separate two cells */
  minCover?: number
}

function unionIntervals(iv: Interval[], join: number): Interval[] {
  const s = [...iv].sort((a, b) => a[0] - b[0])
  const out: Interval[] = []
  for (const [a, b] of s) {
    const last = out[out.length - 1]
    if (last && a <= last[1] + join) last[1] = Math.max(last[1], b)
    else out.push([a, b])
  }
  return out
}

/** Parallel segments at (nearly) the same position become one line with several covered intervals. */
function clusterLines(segs: { pos: number; a: number; b: number }[], snap: number, join: number): Line[] {
  const s = [...segs].sort((p, q) => p.pos - q.pos)
  const groups: { pos: number[]; iv: Interval[]; w: number[] }[] = []
  for (const g of s) {
    const last = groups[groups.length - 1]
    if (last && g.pos - last.pos[last.pos.length - 1] <= snap) {
      last.pos.push(g.pos)
      last.iv.push([g.a, g.b])
      last.w.push(g.b - g.a)
    } else groups.push({ pos: [g.pos], iv: [[g.a, g.b]], w: [g.b - g.a] })
  }
  return groups.map((g) => {
    const tw = g.w.reduce((x, y) => x + y, 0) || 1
    return { pos: g.pos.reduce((acc, p, i) => acc + p * g.w[i], 0) / tw, cover: unionIntervals(g.iv, join) }
  })
}

const covers = (l: Line, at: number, reach: number) => l.cover.some(([a, b]) => at >= a - reach && at <= b + reach)

function coveredShare(l: Line, a: number, b: number, reach: number): number {
  if (b <= a) return 0
  let n = 0
  for (const [p, q] of l.cover) n += Math.max(0, Math.min(b, q + reach) - Math.max(a, p - reach))
  return n / (b - a)
}

function anchored(lines: Line[], across: Line[], reach: number): Line[] {
  const out: Line[] = []
  for (const l of lines) {
    const meets = (at: number) => across.some((m) => Math.abs(m.pos - at) <= reach && covers(m, l.pos, reach))
    const cover = l.cover.filter(([a, b]) => meets(a) || meets(b))
    if (cover.length > 0) out.push({ pos: l.pos, cover })
  }
  return out
}

/** Tables: connected groups of crossing horizontal and vertical lines, each cut into its cells. */
export function buildGrids(h: Segment[], v: Segment[], o: GridOptions): Grid[] {
  const minCover = o.minCover ?? 0.5
  const H0 = clusterLines(h.map((s) => ({ pos: s.y0, a: s.x0, b: s.x1 })), o.snap, o.reach)
  const V0 = clusterLines(v.map((s) => ({ pos: s.x0, a: s.y0, b: s.y1 })), o.snap, o.reach)
  // a rule runs from rule to rule: a stretch whose two ends meet no crossing line is a text stroke
  const V = anchored(V0, H0, o.reach)
  const H = anchored(H0, V, o.reach)
  // union-find over lines: H are 0..H-1, V are H..H+V-1
  const parent = Array.from({ length: H.length + V.length }, (_, i) => i)
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])))
  for (let i = 0; i < H.length; i++) {
    for (let j = 0; j < V.length; j++) {
      if (covers(H[i], V[j].pos, o.reach) && covers(V[j], H[i].pos, o.reach)) parent[find(i)] = find(H.length + j)
    }
  }
  const comps = new Map<number, { h: Line[]; v: Line[] }>()
  H.forEach((l, i) => {
    const r = find(i)
    if (!comps.has(r)) comps.set(r, { h: [], v: [] })
    comps.get(r)!.h.push(l)
  })
  V.forEach((l, j) => {
    const r = find(H.length + j)
    if (!comps.has(r)) comps.set(r, { h: [], v: [] })
    comps.get(r)!.v.push(l)
  })
  const grids: Grid[] = []
  for (const { h: hs, v: vs } of comps.values()) {
    if (hs.length < 2 || vs.length < 2) continue
    // keep only lines that meet at least two lines of the other direction (text strokes meet none or one)
    const hk = hs.filter((l) => vs.filter((m) => covers(l, m.pos, o.reach) && covers(m, l.pos, o.reach)).length >= 2)
    const vk = vs.filter((m) => hk.filter((l) => covers(l, m.pos, o.reach) && covers(m, l.pos, o.reach)).length >= 2)
    if (hk.length < 2 || vk.length < 2) continue
    let grid = cutGrid(hk, vk, o.reach, minCover)
    // a vertical that separates cells in only a few rows of a long table is a stroke over it (a
    // seal's ring, a stamp's frame, a pen line), not a column rule: cut again without it
    const strokes = grid ? strayVerticals(grid) : []
    if (grid && strokes.length > 0) grid = cutGrid(hk, vk.filter((l) => !strokes.includes(l.pos)), o.reach, minCover)
    if (grid) grids.push(grid)
  }
  return grids.sort((a, b) => a.ys[0] - b.ys[0])
}

function cutGrid(hs: Line[], vs: Line[], reach: number, minCover: number): Grid | null {
  const xs = vs.map((l) => l.pos).sort((a, b) => a - b)
  const ys = hs.map((l) => l.pos).sort((a, b) => a - b)
  // a table cut by the page edge has no closing rule: close it where its verticals end
  const vBottom = Math.max(...vs.map((l) => l.cover[l.cover.length - 1][1]))
  if (vBottom - ys[ys.length - 1] > 3 * reach) ys.push(vBottom)
  const vTop = Math.min(...vs.map((l) => l.cover[0][0]))
  if (ys[0] - vTop > 3 * reach) ys.unshift(vTop)
  const byX = new Map(vs.map((l) => [l.pos, l]))
  const byY = new Map(hs.map((l) => [l.pos, l]))
  const R = ys.length - 1
  const C = xs.length - 1
  if (R < 1 || C < 1 || (R === 1 && C === 1)) return null
  const parent = Array.from({ length: R * C }, (_, i) => i)
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])))
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (c + 1 < C) {
        const line = byX.get(xs[c + 1])!
        if (coveredShare(line, ys[r], ys[r + 1], reach) < minCover) parent[find(r * C + c)] = find(r * C + c + 1)
      }
      if (r + 1 < R) {
        const line = byY.get(ys[r + 1])
        if (!line || coveredShare(line, xs[c], xs[c + 1], reach) < minCover) parent[find(r * C + c)] = find((r + 1) * C + c)
      }
    }
  }
  const regions = new Map<number, { r0: number; r1: number; c0: number; c1: number }>()
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const id = find(r * C + c)
      const g = regions.get(id)
      if (!g) regions.set(id, { r0: r, r1: r, c0: c, c1: c })
      else {
        g.r0 = Math.min(g.r0, r)
        g.r1 = Math.max(g.r1, r)
        g.c0 = Math.min(g.c0, c)
        g.c1 = Math.max(g.c1, c)
      }
    }
  }
  const cells: GridCell[] = []
  const owner = new Int32Array(R * C).fill(-1)
  const sorted = [...regions.values()].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0)
  for (const g of sorted) {
    // a non-rectangular region (a rule ending mid-edge) is owned by its first cell; overlapping elementary cells keep their first owner
    const idx = cells.length
    cells.push({ row: g.r0, col: g.c0, rowSpan: g.r1 - g.r0 + 1, colSpan: g.c1 - g.c0 + 1, x0: xs[g.c0], y0: ys[g.r0], x1: xs[g.c1 + 1], y1: ys[g.r1 + 1] })
    for (let r = g.r0; r <= g.r1; r++) for (let c = g.c0; c <= g.c1; c++) if (owner[r * C + c] < 0) owner[r * C + c] = idx
  }
  return { xs, ys, cells, owner }
}

/** Rows a table must have before a vertical seen in few of them is taken for a stroke over it. */
const STRAY_MIN_ROWS = 6
/** Share of rows below which an interior vertical separates too few cells to be a column rule. */
const STRAY_MAX_SHARE = 0.25

/** Positions of interior verticals that separate the cells on their two sides in under STRAY_MAX_SHARE of the rows. */
function strayVerticals(g: Grid): number[] {
  const R = g.ys.length - 1
  const C = g.xs.length - 1
  if (R < STRAY_MIN_ROWS) return []
  const out: number[] = []
  for (let c = 1; c < C; c++) {
    let split = 0
    for (let r = 0; r < R; r++) if (g.owner[r * C + c - 1] !== g.owner[r * C + c]) split++
    if (split < STRAY_MAX_SHARE * R) out.push(g.xs[c])
  }
  return out
}

/** The cell index holding a point of the working frame, or -1. */
export function cellIndexAt(g: Grid, x: number, y: number): number {
  const C = g.xs.length - 1
  if (x < g.xs[0] || x > g.xs[C] || y < g.ys[0] || y > g.ys[g.ys.length - 1]) return -1
  let c = 0
  while (c + 1 < C && x >= g.xs[c + 1]) c++
  let r = 0
  while (r + 1 < g.ys.length - 1 && y >= g.ys[r + 1]) r++
  return g.owner[r * C + c]
}
