/**
 * Ruling lines on a scanned page. The page is min-pooled to ≈150 dpi (thin rules survive: the darkest
 * pixel of each block is kept), binarised against the local mean (Bradley: faint grey rules on white
 * paper still count, a grey background does not), rotated by the measured skew, and scanned for long
 * dark runs, row by row (horizontal rules) and column by column (vertical rules). A run may jump small
 * gaps (broken, worn or dotted rules) as long as it stays mostly dark; runs in neighbouring rows
 * merge into one rule of some thickness.
 */
import type { GreyImage } from '../../image/grey-image.js'

/** A rule in the working frame (deskewed, downscaled): horizontal when y0 = y1, vertical when x0 = x1. */
export type Segment = { x0: number; y0: number; x1: number; y1: number }

export type Binary = { width: number; height: number; data: Uint8Array }

export type RuleFrame = {
  /** working pixels per original pixel (1 / downscale factor) */
  scale: number
  /** skew in degrees the working frame was rotated by (positive: lines fall to the right) */
  skew: number
  /** original image size */
  width: number
  height: number
}

/**
 * Min-pool by `f` then binarise against the local mean (window `win`, `t` percent darker). One pass
 * per stage over typed arrays: the pooling is unrolled for f = 1 and 2 (≈ 150 dpi from 150 / 300 dpi),
 * the local sums from column sums over the window's rows, kept up to date as the window moves down
 * (no integral image: a page-sized int32 array less per page).
 */
export function binarize(img: GreyImage, f: number, win: number, t = 10): Binary {
  const w = Math.floor(img.width / f)
  const h = Math.floor(img.height / f)
  const iw = img.width
  const src = img.data
  const small = new Uint8Array(w * h)
  if (f === 1) {
    for (let y = 0; y < h; y++) small.set(src.subarray(y * iw, y * iw + w), y * w)
  } else if (f === 2) {
    for (let y = 0, o = 0; y < h; y++) {
      let p = 2 * y * iw
      let q = p + iw
      for (let x = 0; x < w; x++, o++, p += 2, q += 2) {
        const a = src[p]!, b = src[p + 1]!, c = src[q]!, d = src[q + 1]!
        const m0 = a < b ? a : b
        const m1 = c < d ? c : d
        small[o] = m0 < m1 ? m0 : m1
      }
    }
  } else {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let m = 255
        for (let dy = 0; dy < f; dy++) {
          const row = (y * f + dy) * iw + x * f
          for (let dx = 0; dx < f; dx++) {
            const v = src[row + dx]!
            if (v < m) m = v
          }
        }
        small[y * w + x] = m
      }
    }
  }
  // window sums without an integral image: per column, the sum over the window's rows (updated as the
  // window moves down a row), then per row a running prefix over those column sums
  const out = new Uint8Array(w * h)
  const r = win >> 1
  const k = 100 - t
  const colSum = new Int32Array(w)
  const prefix = new Int32Array(w + 1)
  for (let y = 0; y < r && y < h; y++) for (let x = 0, s = y * w; x < w; x++) colSum[x] += small[s + x]!
  for (let y = 0; y < h; y++) {
    // window rows [y0, y1): add row y + r, drop row y − r − 1
    if (y + r < h) for (let x = 0, s = (y + r) * w; x < w; x++) colSum[x] += small[s + x]!
    if (y - r - 1 >= 0) for (let x = 0, s = (y - r - 1) * w; x < w; x++) colSum[x] -= small[s + x]!
    for (let x = 0, acc = 0; x < w; x++) prefix[x + 1] = acc += colSum[x]!
    const y0 = y - r > 0 ? y - r : 0
    const y1 = y + r + 1 < h ? y + r + 1 : h
    const dyn = (y1 - y0) * 100
    const s = y * w
    for (let x = 0; x < w; x++) {
      const v = small[s + x]!
      if (v < 90) {
        out[s + x] = 1
        continue
      }
      const x0 = x - r > 0 ? x - r : 0
      const x1 = x + r + 1 < w ? x + r + 1 : w
      const sum = prefix[x1]! - prefix[x0]!
      if (v * (x1 - x0) * dyn < sum * k) out[s + x] = 1
    }
  }
  return { width: w, height: h, data: out }
}

/** Rotate a binary image by `deg` (nearest neighbour) into the frame where the page's lines are level. */
export function rotateBinary(b: Binary, deg: number): Binary {
  if (Math.abs(deg) < 0.05) return b
  const t = (deg * Math.PI) / 180
  const c = Math.cos(t)
  const s = Math.sin(t)
  const out = new Uint8Array(b.width * b.height)
  const cx = b.width / 2
  const cy = b.height / 2
  for (let v = 0; v < b.height; v++) {
    for (let u = 0; u < b.width; u++) {
      // frame (u, v) → source (x, y): inverse of u = x c + y s, v = -x s + y c (about the centre)
      const du = u - cx
      const dv = v - cy
      const x = Math.round(du * c - dv * s + cx)
      const y = Math.round(du * s + dv * c + cy)
      if (x >= 0 && y >= 0 && x < b.width && y < b.height) out[v * b.width + u] = b.data[y * b.width + x]
    }
  }
  return { width: b.width, height: b.height, data: out }
}

/** Original pixel → working frame. */
export function toFrame(fr: RuleFrame, x: number, y: number): [number, number] {
  const xs = x * fr.scale
  const ys = y * fr.scale
  if (Math.abs(fr.skew) < 0.05) return [xs, ys]
  const t = (fr.skew * Math.PI) / 180
  const c = Math.cos(t)
  const s = Math.sin(t)
  const cx = (fr.width * fr.scale) / 2
  const cy = (fr.height * fr.scale) / 2
  const dx = xs - cx
  const dy = ys - cy
  return [dx * c + dy * s + cx, -dx * s + dy * c + cy]
}

/** Working frame → original pixel. */
export function fromFrame(fr: RuleFrame, u: number, v: number): [number, number] {
  let x = u
  let y = v
  if (Math.abs(fr.skew) >= 0.05) {
    const t = (fr.skew * Math.PI) / 180
    const c = Math.cos(t)
    const s = Math.sin(t)
    const cx = (fr.width * fr.scale) / 2
    const cy = (fr.height * fr.scale) / 2
    const du = u - cx
    const dv = v - cy
    x = du * c - dv * s + cx
    y = du * s + dv * c + cy
  }
  return [x / fr.scale, y / fr.scale]
}

export type RunOptions = {
  /** shortest solid piece that may start or extend a rule */
  minPiece: number
  /** longest gap a rule may jump */
  maxGap: number
  /** shortest rule kept */
  minLen: number
  /** least share of dark pixels along a kept rule */
  minFill: number
}

/**
 * Long runs along rows of `b` (call on a transposed image for columns): [row, x0, x1] per run.
 */
function rowRuns(b: Binary, o: RunOptions): [number, number, number][] {
  const out: [number, number, number][] = []
  const { width: w, height: h, data } = b
  for (let y = 0; y < h; y++) {
    const row = y * w
    let segStart = -1
    let segEnd = -1
    let dark = 0
    let x = 0
    const flush = () => {
      if (segStart >= 0 && segEnd - segStart >= o.minLen && dark >= o.minFill * (segEnd - segStart)) out.push([y, segStart, segEnd])
      segStart = -1
      dark = 0
    }
    while (x < w) {
      if (!data[row + x]) {
        x++
        continue
      }
      // a solid piece, allowing 1-pixel holes
      const a = x
      let n = 0
      while (x < w && (data[row + x] || (x + 1 < w && data[row + x + 1]))) {
        if (data[row + x]) n++
        x++
      }
      const bEnd = x
      if (bEnd - a < o.minPiece) continue
      if (segStart >= 0 && a - segEnd <= o.maxGap) {
        segEnd = bEnd
        dark += n
      } else {
        flush()
        segStart = a
        segEnd = bEnd
        dark = n
      }
    }
    flush()
  }
  return out
}

/** Runs of neighbouring rows that overlap merge into one rule at their mean row. */
function mergeRuns(runs: [number, number, number][], maxThick: number): { pos: number; a: number; b: number; thick: number }[] {
  runs.sort((p, q) => p[0] - q[0] || p[1] - q[1])
  type Acc = { first: number; last: number; sumPos: number; n: number; a: number; b: number }
  const open: Acc[] = []
  const done: Acc[] = []
  for (const [y, a, b] of runs) {
    let hit: Acc | undefined
    for (const acc of open) {
      if (y - acc.last <= 1 && y - acc.first < maxThick && Math.min(b, acc.b) - Math.max(a, acc.a) > 0.5 * Math.min(b - a, acc.b - acc.a)) {
        hit = acc
        break
      }
    }
    if (hit) {
      hit.last = y
      hit.sumPos += y
      hit.n++
      hit.a = Math.min(hit.a, a)
      hit.b = Math.max(hit.b, b)
    } else open.push({ first: y, last: y, sumPos: y, n: 1, a, b })
    for (let i = open.length - 1; i >= 0; i--) {
      if (y - open[i].last > 1) done.push(...open.splice(i, 1))
    }
  }
  done.push(...open)
  return done.map((d) => ({ pos: d.sumPos / d.n, a: d.a, b: d.b, thick: d.last - d.first + 1 }))
}

export function transpose(b: Binary): Binary {
  const out = new Uint8Array(b.width * b.height)
  for (let y = 0; y < b.height; y++) {
    const row = y * b.width
    for (let x = 0; x < b.width; x++) out[x * b.height + y] = b.data[row + x]
  }
  return { width: b.height, height: b.width, data: out }
}

export function findSegments(b: Binary, o: RunOptions, maxThick: number): { h: Segment[]; v: Segment[] } {
  const h = mergeRuns(rowRuns(b, o), maxThick).map((r) => ({ x0: r.a, x1: r.b, y0: r.pos, y1: r.pos }))
  const v = mergeRuns(rowRuns(transpose(b), o), maxThick).map((r) => ({ x0: r.pos, x1: r.pos, y0: r.a, y1: r.b }))
  return { h, v }
}
