import { describe, expect, it } from 'vitest'
import type { GreyImage } from '../../src/image/grey-image.js'
import { ILLUMINATION, flattenIllumination, paperGrid, paperSpread } from '../../src/image/illumination.js'

/** A synthetic 150 dpi page of text-like dashes, its light falling from 1 (left) to `dimmest` (right). */
function page(dimmest = 1): GreyImage {
  const width = 1240
  const height = 1754
  const data = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const line = y >= 150 && y < 1500 && (y - 150) % 45 < 14
      const ink = line && x >= 150 && x < 1090 && x % 37 <= 30
      const light = dimmest + (1 - dimmest) * (1 - x / width)
      data[y * width + x] = Math.round((ink ? 90 : 235) * light)
    }
  }
  return { width, height, data, dpi: 150 }
}

const at = (img: GreyImage, x: number, y: number) => img.data[y * img.width + x]!

describe('uneven light', () => {
  it('measures an evenly lit page as even and leaves it as it is', async () => {
    const even = page()
    expect(paperSpread(paperGrid(even))).toBeLessThan(0.02)
    expect(await flattenIllumination(even)).toBe(even)
  })

  it('measures light falling to 60% across the page as uneven', () => {
    expect(paperSpread(paperGrid(page(0.6)))).toBeGreaterThanOrEqual(ILLUMINATION.minSpread)
  })

  it('makes the paper white on both the bright and the dim side and the grey ink black', async () => {
    const dim = page(0.6)
    const flat = await flattenIllumination(dim)
    expect(at(dim, 1200, 1600)).toBeLessThan(160) // dim paper, darker than the bright side's ink threshold
    for (const [x, y] of [[50, 50], [1200, 1600], [620, 150 + 45 * 24 + 20]] as const) expect(at(flat, x, y)).toBeGreaterThan(240)
    for (const [x, y] of [[160, 155], [1080, 155], [620, 150 + 45 * 20 + 5]] as const) expect(at(flat, x, y)).toBeLessThan(40)
    expect([flat.width, flat.height, flat.dpi]).toEqual([dim.width, dim.height, dim.dpi])
  })
})

describe('paperGrid, against its rule', () => {
  it('gives each cell the grey half its pixels reach, then the brightest of its neighbours', () => {
    let seed = 11
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const width = 203, height = 157 // cells of 4 px, the last row and column short
    const data = new Uint8Array(width * height)
    for (let i = 0; i < data.length; i++) data[i] = rand() < 0.6 ? 200 + Math.floor(rand() * 56) : Math.floor(rand() * 256)
    const grid = paperGrid({ width, height, data, dpi: 150 })
    const cell = grid.cell
    const own = (r: number, c: number) => {
      const vs: number[] = []
      for (let y = r * cell; y < Math.min(height, (r + 1) * cell); y++) for (let x = c * cell; x < Math.min(width, (c + 1) * cell); x++) vs.push(data[y * width + x]!)
      vs.sort((a, b) => b - a)
      return vs[Math.ceil(vs.length * ILLUMINATION.paperShare) - 1]!
    }
    for (let r = 0; r < grid.rows; r++) {
      for (let c = 0; c < grid.cols; c++) {
        let best = 0
        for (let rr = Math.max(0, r - 1); rr <= Math.min(grid.rows - 1, r + 1); rr++) for (let cc = Math.max(0, c - 1); cc <= Math.min(grid.cols - 1, c + 1); cc++) best = Math.max(best, own(rr, cc))
        expect(grid.paper[r * grid.cols + c]).toBe(best)
      }
    }
  })
})
