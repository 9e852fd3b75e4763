import { describe, expect, it } from 'vitest'
import type { GreyImage } from '../../src/image/grey-image.js'
import { binarize } from '../../src/layout/tables/rules.js'

/** binarize's rule, pixel by pixel: min-pool by f, then dark (< 90) or ≥ t % darker than the mean of the window around it (clipped at the edges). */
function binarizeByRule(img: GreyImage, f: number, win: number, t: number): Uint8Array {
  const w = Math.floor(img.width / f), h = Math.floor(img.height / f)
  const small = new Uint8Array(w * h)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let m = 255
    for (let dy = 0; dy < f; dy++) for (let dx = 0; dx < f; dx++) m = Math.min(m, img.data[(y * f + dy) * img.width + x * f + dx]!)
    small[y * w + x] = m
  }
  const r = win >> 1
  const out = new Uint8Array(w * h)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const v = small[y * w + x]!
    let sum = 0, n = 0
    for (let yy = Math.max(0, y - r); yy < Math.min(h, y + r + 1); yy++) for (let xx = Math.max(0, x - r); xx < Math.min(w, x + r + 1); xx++, n++) sum += small[yy * w + xx]!
    if (v < 90 || v * n * 100 < sum * (100 - t)) out[y * w + x] = 1
  }
  return out
}

describe('binarize', () => {
  it('marks the pixels its rule marks, for every pooling, window and cut', () => {
    let seed = 3
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    for (const [width, height] of [[61, 47], [120, 33], [9, 80]] as const) {
      const data = new Uint8Array(width * height)
      for (let i = 0; i < data.length; i++) data[i] = rand() < 0.8 ? 190 + Math.floor(rand() * 65) : Math.floor(rand() * 255)
      const img: GreyImage = { width, height, data, dpi: 300 }
      for (const f of [1, 2, 3]) for (const win of [3, 11, 31]) for (const t of [6, 10]) {
        expect(Array.from(binarize(img, f, win, t).data)).toEqual(Array.from(binarizeByRule(img, f, win, t)))
      }
    }
  })
})
