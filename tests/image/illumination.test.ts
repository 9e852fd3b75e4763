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
