// The signer's name under a seal, re-read from the band under the signature position when the page
// read found nothing there (src/layout/signature-name.ts), with the real OCR.
import { createCanvas } from '@napi-rs/canvas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GreyImage } from '../../src/image/grey-image.js'
import { rereadSignatureName } from '../../src/layout/signature-name.js'
import { createOcrPool, type OcrPool } from '../../src/ocr/pool.js'
import type { PageLine, SourcePage } from '../../src/schema/page.js'

const W = 2480
const H = 1600
/** the block starts this far down, as on a page's lower part */
const T = 500

/** The lower part of an A4 page at 300 dpi: "Nơi nhận" on the left, the signature column on the right, a seal ring over the name's start. */
function signaturePage(opts: { name: string | null; seal: boolean }): GreyImage {
  const canvas = createCanvas(W, H)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = 'rgb(245,245,245)'
  ctx.fillRect(0, 0, W, H)
  ctx.fillStyle = 'rgb(20,20,20)'
  ctx.font = 'bold 50px DejaVu Serif'
  ctx.fillText('TM. ỦY BAN NHÂN DÂN', 1380, T + 200)
  ctx.fillText('CHỦ TỊCH', 1620, T + 270)
  ctx.font = '42px DejaVu Serif'
  ctx.fillText('Nơi nhận:', 300, T + 200)
  ctx.fillText('- Như trên;', 300, T + 270)
  ctx.fillText('- Lưu: VT.', 300, T + 340)
  if (opts.name) {
    ctx.font = 'bold 50px DejaVu Serif'
    ctx.fillText(opts.name, 1540, T + 700)
  }
  if (opts.seal) {
    ctx.strokeStyle = 'rgb(30,30,30)'
    ctx.lineWidth = 10
    ctx.beginPath()
    ctx.arc(1350, T + 520, 250, 0, 2 * Math.PI)
    ctx.stroke()
    ctx.lineWidth = 6
    ctx.beginPath()
    ctx.moveTo(1500, T + 500)
    ctx.bezierCurveTo(1700, T + 350, 1800, T + 650, 2100, T + 460)
    ctx.stroke()
  }
  const rgba = ctx.getImageData(0, 0, W, H).data
  const data = new Uint8Array(W * H)
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]
  return { width: W, height: H, data, dpi: 300 }
}

/** The page read as Tesseract gives it when the seal hides the column under the position: nothing there. */
function readWithout(page: SourcePage, image: GreyImage): SourcePage {
  const position = page.lines.findIndex((l) => /CHỦ TỊCH|CHU TỊCH/u.test(l.text))
  const under = (l: PageLine) => (l.box?.[1] ?? 0) > (page.lines[position]?.box?.[3] ?? H) && (l.box?.[2] ?? 0) > image.width * 0.45
  return { ...page, lines: page.lines.filter((l) => !under(l)) }
}

describe('rereadSignatureName (real OCR)', () => {
  let pool: OcrPool
  beforeAll(async () => { pool = await createOcrPool({ size: 1 }) }, 60_000)
  afterAll(async () => { await pool.close() })

  it('reads the name under a seal ring that the page read left out, in page coordinates', async () => {
    const image = signaturePage({ name: 'Trần Duy Đông', seal: true })
    const page = readWithout(await pool.recognize(image, 6), image)
    expect(page.lines.some((l) => /Đông/u.test(l.text))).toBe(false)
    const named = await rereadSignatureName(page, image, pool)
    const name = named.lines.find((l) => /Duy Đông/u.test(l.text))
    expect(name?.text).toBe('Trần Duy Đông')
    expect(name!.box![1]).toBeGreaterThan(T + 600)
    expect(name!.box![0]).toBeGreaterThan(1400)
  }, 60_000)

  it('adds nothing when the band under the position holds only a seal and a signature', async () => {
    const image = signaturePage({ name: null, seal: true })
    const page = readWithout(await pool.recognize(image, 6), image)
    const named = await rereadSignatureName(page, image, pool)
    expect(named.lines.length).toBe(page.lines.length)
  }, 60_000)

  it('leaves a page whose name the page read found as it is', async () => {
    const image = signaturePage({ name: 'Trần Duy Đông', seal: false })
    const page = await pool.recognize(image, 6)
    expect(page.lines.some((l) => /Duy Đông/u.test(l.text))).toBe(true)
    expect(await rereadSignatureName(page, image, pool)).toBe(page)
  }, 60_000)
})
