import { describe, expect, it } from 'vitest'
import type { GreyImage } from '../../src/image/grey-image.js'
import { despeckle, estimateSkew, normalizeContrast, preprocessPage, rotate } from '../../src/image/preprocess.js'

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
