import { describe, expect, it } from 'vitest'
import type { GreyImage } from '../../src/image/grey-image.js'
import { denoisePage, denoiseWords } from '../../src/ocr/denoise.js'
import { fromTsv } from '../../src/ocr/pool.js'
import type { PageWord } from '../../src/schema/page.js'

/**
 * A line of words laid out left to right: [text, conf 0..1, width, height, gap before (px)],
 * baseline-aligned in a line ≈ 50 px tall (a 300 dpi body line); letters are 30–50 px tall.
 */
type W = [text: string, conf: number, w: number, h: number, gap: number]
function line(ws: W[]): PageWord[] {
  let x = 100
  return ws.map(([text, conf, w, h, gap]) => {
    x += gap
    const box: PageWord['box'] = [x, 1000 - h, x + w, 1000]
    x += w
    return { text, box, conf }
  })
}
const text = (ws: PageWord[]) => ws.map((w) => w.text).join(' ')
const body: W[] = [
  ['Chính', 0.93, 110, 48, 0],
  ['phủ', 0.92, 80, 50, 18],
  ['về', 0.93, 45, 47, 18],
  ['phê', 0.92, 70, 50, 18],
]

describe('denoiseWords', () => {
  it.each<[string, W[], string]>([
    // dropped: low confidence AND no letters/digits, not inside a sentence
    ['a low-confidence dot at the line start', [['..', 0.62, 6, 5, 0], ...body], 'Chính phủ về phê'],
    ['a low-confidence dash at the line end', [...body, ['-', 0.36, 21, 41, 1085]], 'Chính phủ về phê'],
    ['dust between the header columns', [...body, ['RE', 0.36, 57, 12, 175], ['..', 0.65, 4, 4, 130], ['Độc', 0.93, 80, 50, 98]], 'Chính phủ về phê Độc'],
    ['a dust dot at the line start read with high confidence', [['.', 0.92, 4, 5, 0], ...body], 'Chính phủ về phê'],
    ['a detached dust dot at the line end', [...body, ['.', 0.91, 3, 3, 28]], 'Chính phủ về phê'],
    ['a letter read in a 3×4 px speck', [...body.slice(0, 2), ['n', 0.92, 3, 4, 47], ...body.slice(2)], 'Chính phủ về phê'],
    ['an isolated 2-letter word with no confidence', [...body, ['ĐC', 0, 67, 26, 1074]], 'Chính phủ về phê'],
    ['an isolated short low-confidence word of odd height', [...body, ['in', 0.37, 72, 66, 837], ['Trần', 0.93, 100, 50, 152]], 'Chính phủ về phê Trần'],
    // kept: real punctuation and real short words
    ['a dash inside a sentence', [['Độc', 0.93, 80, 50, 0], ['lập', 0.93, 70, 48, 18], ['-', 0.93, 15, 8, 20], ['Tự', 0.93, 50, 50, 16]], 'Độc lập - Tự'],
    ['a low-confidence dash inside a sentence', [['2023', 0.93, 100, 45, 0], ['-', 0.74, 24, 72, 18], ['2030', 0.93, 100, 45, 18]], '2023 - 2030'],
    ['a "-" list marker with normal confidence', [['-', 0.93, 13, 5, 0], ...body], '- Chính phủ về phê'],
    ['a tiny "-" list marker read with 0.93', [['-', 0.93, 4, 5, 0], ...body], '- Chính phủ về phê'],
    ['punctuation inside a word', [['giai', 0.93, 80, 48, 0], ['đoạn', 0.93, 90, 50, 18], ['2021-2025;', 0.0, 304, 47, 18]], 'giai đoạn 2021-2025;'],
    ['a short real word between words', [...body.slice(0, 2), ['ở', 0.61, 31, 48, 21], ...body.slice(2)], 'Chính phủ ở về phê'],
    ['an isolated low-confidence short word of normal height ("TT" read as "TY")', [['TY', 0.17, 96, 41, 0], ['Nội', 0.93, 80, 42, 298]], 'TY Nội'],
    ['a table row number far from its text', [['-2', 0.26, 48, 35, 0], ['Tập', 0.9, 80, 45, 81]], '-2 Tập'],
    ['a 3-letter word of no confidence', [['LÀO', 0.9, 90, 50, 0], ['CAI', 0.01, 88, 39, 18]], 'LÀO CAI'],
  ])('%s', (_, ws, expected) => {
    expect(text(denoiseWords(line(ws)).kept)).toBe(expected)
  })
})

describe('denoisePage', () => {
  it('filters TSV rows, recomputes the line text, box and confidence, and drops emptied lines', () => {
    const img: GreyImage = { width: 2480, height: 3508, data: new Uint8Array(0), dpi: 300 }
    const row = (level: number, ln: number, wn: number, [l, t, w, h]: number[], conf: number, s: string) =>
      [level, 1, 1, 1, ln, wn, l, t, w, h, conf, s].join('\t')
    const tsv = [
      row(4, 1, 0, [90, 940, 700, 70], -1, ''),
      row(5, 1, 1, [90, 950, 6, 5], 62, '..'),
      row(5, 1, 2, [120, 952, 110, 48], 93, 'trên'),
      row(5, 1, 3, [248, 950, 80, 50], 92, 'địa'),
      row(5, 1, 4, [346, 953, 70, 47], 91, 'bàn'),
      row(4, 2, 0, [1500, 1100, 10, 10], -1, ''),
      row(5, 2, 1, [1500, 1100, 5, 5], 14, ':'),
    ].join('\n')
    const raw = fromTsv(tsv, img, 1)
    expect(raw.lines.map((l) => l.text)).toEqual(['.. trên địa bàn', ':'])
    const page = denoisePage(raw)
    expect(page.lines).toHaveLength(1)
    expect(page.lines[0]).toMatchObject({ text: 'trên địa bàn', box: [120, 950, 416, 1000], conf: 0.92 })
    expect(page.confidence).toBe(0.92)
  })
})
