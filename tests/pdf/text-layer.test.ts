import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { openPdf } from '../../src/pdf/open.js'
import { readTextLayer } from '../../src/pdf/text-layer.js'
import { judgeTextLayer } from '../../src/pdf/text-quality.js'
import { SourcePage } from '../../src/schema/page.js'
import { cer } from '../helpers/cer.js'
import { fixture, fixtureText } from '../helpers/fixtures.js'

async function layer(name: string) {
  const pdf = await openPdf(fixture(name), DEFAULT_LIMITS)
  try {
    return await readTextLayer(pdf, 1)
  } finally {
    await pdf.close()
  }
}

describe('readTextLayer', () => {
  it('reads the born-digital fixture as Unicode lines in physical order', async () => {
    const page = await layer('lao-cai.digital.pdf')
    expect(SourcePage.parse(page)).toBeTruthy()
    expect(page.origin).toBe('text-layer')
    expect(page.width).toBeCloseTo(595.28, 1)
    expect(page.height).toBeCloseTo(841.89, 1)
    expect(page.lines[0].text).toBe('ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(page.lines.map((l) => l.text)).toContain('KẾ HOẠCH')
    const text = page.lines.map((l) => l.text).join('\n')
    expect(cer(fixtureText('lao-cai.gt.txt'), text)).toBeLessThan(0.005)
  })

  it('gives words boxes in points, top-left origin, left to right', async () => {
    const page = await layer('lao-cai.digital.pdf')
    const first = page.lines[0].words!
    expect(first[0].text).toBe('ỦY')
    const [x0, y0, x1, y1] = first[0].box
    expect(x0).toBeGreaterThan(50)
    expect(x1).toBeGreaterThan(x0)
    expect(y0).toBeGreaterThan(40) // near the top of the page, not the bottom
    expect(y1).toBeLessThan(120)
    for (let i = 1; i < first.length; i++) expect(first[i].box[0]).toBeGreaterThan(first[i - 1].box[0])
    expect(first.every((w) => w.conf === 1)).toBe(true)
    // lines go down the page
    const tops = page.lines.map((l) => l.box![1])
    expect([...tops].sort((a, b) => a - b)).toEqual(tops)
  })
})

describe('judgeTextLayer', () => {
  it('uses a good Vietnamese text layer', async () => {
    const v = judgeTextLayer(await layer('lao-cai.digital.pdf'))
    expect(v.usable).toBe(true)
    expect(v.score).toBeGreaterThan(0.9)
  })

  it('re-OCRs an English-model OCR layer (marks lost)', async () => {
    const v = judgeTextLayer(await layer('ocr-layer-eng.pdf'))
    expect(v.usable).toBe(false)
    expect(v.reason).toMatch(/carry marks .*re-OCRed/)
  })

  it('OCRs a scan without a text layer', async () => {
    const v = judgeTextLayer(await layer('lao-cai.office.pdf'))
    expect(v).toMatchObject({ usable: false, score: 0 })
    expect(v.reason).toMatch(/no text layer/)
  })

  it('re-OCRs legacy-font garbage (few valid syllables)', () => {
    // seed 003's kind of text: TCVN3 read as Latin-1 / broken OCR
    const garbage = "Th\\l'c hi~n Quy~t dinh s6 90/QD-TTg, Uy ban nhan dan huy~n ban hanh K~ ho~ch th\\l'c hi~n ch\\lO'ng trinh m\\lc tieu qu6c gia giam ngheo b~n v\\lng giai do~n 2021-2025 tren dia ban"
    const lines = [garbage, garbage.split(' ').reverse().join(' ')].map((text) => ({ text }))
    const v = judgeTextLayer({ page: 1, origin: 'text-layer', lines, confidence: null })
    expect(v.usable).toBe(false)
  })
})
