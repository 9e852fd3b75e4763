import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { CorruptInputError, InputTooLargeError } from '../../src/errors.js'
import { countImagePages, decodeImagePage } from '../../src/image/decode.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { fixture } from '../helpers/fixtures.js'

const L = DEFAULT_LIMITS

describe('image decode', () => {
  it('rejects an image bomb from its header, fast', async () => {
    const bomb = fixture('bad/bomb-30000x30000.png')
    expect(bomb.length).toBeLessThan(1024)
    for (const run of [() => countImagePages(bomb, L), () => decodeImagePage(bomb, 0, L)]) {
      const t0 = performance.now()
      const error = await run().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InputTooLargeError)
      expect(performance.now() - t0).toBeLessThan(500)
    }
  })

  it('reads both pages of a multi-page TIFF with their resolution', async () => {
    const tif = fixture('scan-2p.tif')
    expect(await countImagePages(tif, L)).toBe(2)
    const [a, b] = await Promise.all([decodeImagePage(tif, 0, L), decodeImagePage(tif, 1, L)])
    for (const p of [a, b]) {
      expect(p.dpi).toBe(200)
      expect([p.width, p.height]).toEqual([1654, 2339])
      expect(p.data.length).toBe(p.width * p.height)
    }
    // different pages, not the first one twice
    let diff = 0
    for (let i = 0; i < a.data.length; i += 97) if (Math.abs(a.data[i] - b.data[i]) > 40) diff++
    expect(diff).toBeGreaterThan(100)
    await expect(decodeImagePage(tif, 2, L)).rejects.toThrow(RangeError)
  })

  it('applies EXIF orientation, defaults to 300 dpi and returns one grey channel', async () => {
    // 40×20 RGB PNG, left half black, then stored with EXIF orientation 6 (rotate 90° clockwise)
    const px = Buffer.alloc(40 * 20 * 3, 255)
    for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) px.fill(0, (y * 40 + x) * 3, (y * 40 + x) * 3 + 3)
    const jpg = await sharp(px, { raw: { width: 40, height: 20, channels: 3 } }).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    const img = await decodeImagePage(new Uint8Array(jpg), 0, L)
    expect([img.width, img.height]).toEqual([20, 40])
    expect(img.data.length).toBe(800)
    expect(img.dpi).toBe(300)
    expect(img.data[0]).toBeLessThan(60) // top rows are the former left half: black
    expect(img.data[799]).toBeGreaterThan(200)
  })

  it('reports a damaged image as corrupt', async () => {
    const png = fixture('bad/bomb-30000x30000.png').slice(0, 20)
    await expect(countImagePages(png, L)).rejects.toBeInstanceOf(CorruptInputError)
  })
})
