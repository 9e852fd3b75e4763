import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { GreyImage } from '../../src/image/grey-image.js'
import { despeckle, estimateSkew, normalizeContrast, preprocessPage, rotate, rotatedSize } from '../../src/image/preprocess.js'

/** A synthetic 150 dpi page: 30 dark text-like lines of dashes on grey paper. */
function page(): GreyImage {
  const width = 1240
  const height = 1754
  const data = new Uint8Array(width * height).fill(210)
  for (let l = 0; l < 30; l++) {
    const y0 = 150 + l * 45
    for (let x = 150; x < 1090; x++) {
      if (x % 37 > 30) continue // word gaps
      for (let y = y0; y < y0 + 14; y++) data[y * width + x] = 40
    }
  }
  return { width, height, data, dpi: 150 }
}

describe('preprocess', () => {
  it.each([1.3, -2.1, 0.6, 4.2])('recovers a %s° skew', async (deg) => {
    const skewed = await rotate(page(), deg)
    expect(estimateSkew(skewed)).toBeCloseTo(deg, 1)
    const fixed = await preprocessPage(skewed, { deskew: true, normalize: false })
    expect(Math.abs(estimateSkew(fixed))).toBeLessThan(0.15)
    expect([fixed.width, fixed.height]).toEqual([1240, 1754])
  })

  it('knows the size of the box libvips rotates a page into (rotate cuts the page out of its middle)', async () => {
    for (const [w, h, deg] of [[1240, 1754, 1.3], [1654, 2339, -1.35], [2480, 3508, 0.425], [301, 199, 4.975], [77, 1033, -0.1]] as const) {
      const { info } = await sharp(new Uint8Array(w * h), { raw: { width: w, height: h, channels: 1 } })
        .rotate(deg, { background: { r: 255, g: 255, b: 255 } })
        .raw()
        .toBuffer({ resolveWithObject: true })
      expect(rotatedSize(w, h, deg)).toEqual([info.width, info.height])
    }
  })

  it('finds no skew on a straight page', () => {
    expect(Math.abs(estimateSkew(page()))).toBeLessThan(0.05)
  })

  it('stretches a grey page to white paper and black ink', async () => {
    const out = await normalizeContrast(page())
    expect(out.data[0]).toBeGreaterThan(245)
    expect(out.data[150 * 1240 + 150]).toBeLessThan(10)
    expect(out.data.length).toBe(1240 * 1754)
  })
})

describe('despeckle', () => {
  it('whitens isolated specks and keeps text and a full stop next to a letter', () => {
    const img = page()
    const { width, data } = img
    const paint = (x0: number, y0: number, w: number, h: number) => {
      for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) data[y * width + x] = 40
    }
    paint(60, 60, 2, 2) // dust in the margin
    paint(600, 1600, 3, 2) // dust below the text
    paint(1093, 150 + 5 * 45 + 10, 3, 3) // a full stop right after a line's last word (2 px gap)
    const out = despeckle(img)
    const at = (x: number, y: number) => out.data[y * width + x]
    expect(at(60, 60)).toBe(255)
    expect(at(601, 1601)).toBe(255)
    expect(at(1094, 150 + 5 * 45 + 11)).toBe(40)
    expect(at(200, 155)).toBe(40) // text
  })
})

/**
 * The rule despeckle implements, pixel by pixel: 8-connected dark components, the text height (median
 * height of those of ≥ 12 px), and a component whitened when it is small and no dark pixel outside it lies
 * within the margin around its box.
 */
function despeckleByRule(img: GreyImage): { data: Uint8Array; textHeight: number } {
  const { width: W, height: H, data } = img
  let sum = 0
  for (const v of data) sum += v
  const cut = Math.min(160, (sum / data.length) * 0.75)
  const label = new Int32Array(W * H).fill(-1)
  const comps: { px: number[]; x0: number; y0: number; x1: number; y1: number }[] = []
  for (let p = 0; p < W * H; p++) {
    if (data[p]! >= cut || label[p] !== -1) continue
    const c = { px: [] as number[], x0: W, y0: H, x1: -1, y1: -1 }
    const stack = [p]
    label[p] = comps.length
    while (stack.length) {
      const q = stack.pop()!
      const x = q % W, y = Math.floor(q / W)
      c.px.push(q)
      ;[c.x0, c.y0, c.x1, c.y1] = [Math.min(c.x0, x), Math.min(c.y0, y), Math.max(c.x1, x), Math.max(c.y1, y)]
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx, ny = y + dy, n = ny * W + nx
        if (nx < 0 || ny < 0 || nx >= W || ny >= H || data[n]! >= cut || label[n] !== -1) continue
        label[n] = comps.length
        stack.push(n)
      }
    }
    comps.push(c)
  }
  const heights = comps.filter((c) => c.px.length >= 12).map((c) => c.y1 - c.y0 + 1).sort((a, b) => a - b)
  const textHeight = heights[heights.length >> 1]!
  const m = Math.round(0.8 * textHeight)
  const out = data.slice()
  comps.forEach((c, i) => {
    if (Math.max(c.x1 - c.x0 + 1, c.y1 - c.y0 + 1) >= 0.3 * textHeight) return
    for (let y = Math.max(0, c.y0 - m); y <= Math.min(H - 1, c.y1 + m); y++) {
      for (let x = Math.max(0, c.x0 - m); x <= Math.min(W - 1, c.x1 + m); x++) if (data[y * W + x]! < cut && label[y * W + x] !== i) return
    }
    for (const q of c.px) out[q] = 255
  })
  return { data: out, textHeight }
}

describe('despeckle, against the rule pixel by pixel', () => {
  it('whitens the same specks on a page of letters and random dust', () => {
    let seed = 7
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const W = 400, H = 300
    const data = new Uint8Array(W * H).fill(235)
    const paint = (x0: number, y0: number, w: number, h: number, v = 30) => {
      for (let y = y0; y < Math.min(H, y0 + h); y++) for (let x = x0; x < Math.min(W, x0 + w); x++) data[y * W + x] = v
    }
    for (let row = 0; row < 8; row++) for (let k = 0; k < 14; k++) paint(20 + k * 26 + (row % 3), 20 + row * 32, 6, 10 + (k % 3))
    for (let i = 0; i < 400; i++) paint(Math.floor(rand() * W), Math.floor(rand() * H), 1 + Math.floor(rand() * 3), 1 + Math.floor(rand() * 3), Math.floor(rand() * 150))
    const img: GreyImage = { width: W, height: H, data, dpi: 150 }
    const want = despeckleByRule(img)
    const got = despeckle(img)
    expect(got.textHeight).toBe(want.textHeight)
    expect(Buffer.compare(Buffer.from(got.data), Buffer.from(want.data))).toBe(0)
    expect(Buffer.compare(Buffer.from(got.data), Buffer.from(data))).not.toBe(0) // some dust went
  })
})
