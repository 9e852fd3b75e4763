import { describe, expect, it } from 'vitest'
import type { GreyImage } from '../../src/image/grey-image.js'
import { atOcrResolution } from '../../src/image/resolution.js'
import { detectTablesInImage } from '../../src/layout/tables/image.js'
import type { SourcePage } from '../../src/schema/page.js'
import { drawPage, type Rule } from './draw.js'

// A task table like seed 000's: STT | HOẠT ĐỘNG | THỜI GIAN | CẤP THỰC HIỆN (Trung ương | Các tỉnh)
const X = [100, 180, 600, 760, 960, 1160]
const Y = [200, 260, 310, 360, 480, 600]
function taskTable(): Rule[] {
  const r: Rule[] = []
  // full horizontals, except under the spanning header (y=260 only over the two leaf columns) and the group row
  r.push([X[0], Y[0], X[5], Y[0]], [X[3], Y[1], X[5], Y[1]], [X[0], Y[2], X[5], Y[2]], [X[0], Y[3], X[5], Y[3]], [X[0], Y[4], X[5], Y[4]], [X[0], Y[5], X[5], Y[5]])
  // verticals: outer ones full; inner ones skip the group row (Y[2]..Y[3]) except after STT; X[4] only below the spanning header
  r.push([X[0], Y[0], X[0], Y[5]], [X[5], Y[0], X[5], Y[5]], [X[1], Y[0], X[1], Y[5]])
  for (const x of [X[2], X[3]]) r.push([x, Y[0], x, Y[2]], [x, Y[3], x, Y[5]])
  r.push([X[4], Y[1], X[4], Y[2]], [X[4], Y[3], X[4], Y[5]])
  return r
}
const blank: SourcePage = { page: 1, origin: 'ocr', lines: [], confidence: 0.9 }
/** A page whose OCR read a task table's header cells each as a line of its own, as PSM 3 reads ruled cells. */
const headerCells: SourcePage = { ...blank, lines: ['STT', 'Nội dung', 'Thời gian thực hiện'].map((text) => ({ text })) }

/** The page as a 200 dpi scan on grey paper (white → `paper`, ± `grain` of fixed pseudo-random noise) whose text measured 18 px. */
function greyScan(img: GreyImage, paper: number, grain: number): GreyImage {
  let seed = 7
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 2 * grain
  const data = img.data.map((v) => Math.max(0, Math.min(255, Math.round((v * paper) / 255 + noise()))))
  return { ...img, data, dpi: 200, textHeight: 18 }
}

function spans(img: ReturnType<typeof drawPage>) {
  const [t] = detectTablesInImage(img, blank)
  return { t, shape: t ? t.cells.map((c) => `${c.row},${c.col} ${c.rowSpan}x${c.colSpan}`) : [] }
}

const expected = [
  '0,0 2x1', '0,1 2x1', '0,2 2x1', '0,3 1x2',
  '1,3 1x1', '1,4 1x1',
  '2,0 1x1', '2,1 1x4',
  '3,0 1x1', '3,1 1x1', '3,2 1x1', '3,3 1x1', '3,4 1x1',
  '4,0 1x1', '4,1 1x1', '4,2 1x1', '4,3 1x1', '4,4 1x1',
]

describe('grid from ruling lines', () => {
  it('finds merged header and group cells', () => {
    const { t, shape } = spans(drawPage(taskTable()))
    expect(t.rows).toBe(5)
    expect(t.cols).toBe(5)
    expect(shape).toEqual(expected)
    expect(t.box[0]).toBeGreaterThanOrEqual(95)
    expect(t.box[2]).toBeLessThanOrEqual(1165)
  })
  it('tolerates 1.5° skew', () => {
    expect(spans(drawPage(taskTable(), { skew: 1.5 })).shape).toEqual(expected)
    expect(spans(drawPage(taskTable(), { skew: -1.2 })).shape).toEqual(expected)
  })
  it('tolerates faint and broken rules', () => {
    expect(spans(drawPage(taskTable(), { grey: 170, broken: true, lineWidth: 1 })).shape).toEqual(expected)
  })
  it('finds grey dashed rules on grey paper after the OCR upscale, with the lighter second search on a page naming task columns', async () => {
    // rules 232 on white → ≈ 201 on paper 222: 9 % darker, under the strict 10 % cut
    const scan = greyScan(drawPage(taskTable(), { grey: 232, broken: true, lineWidth: 1.5 }), 222, 4)
    const up = await atOcrResolution(scan, 300) // cubic ×1.5, as the OCR step reads it
    expect(up.dpi).toBe(300)
    // words that name no table columns: the lighter search is not spent, and the strict one finds no table
    expect(detectTablesInImage(up, blank, { skew: 0 })).toEqual([])
    const [t] = detectTablesInImage(up, headerCells, { skew: 0 })
    expect([t.rows, t.cols]).toEqual([5, 5])
    // the group row and the body rows as drawn (the 50 px stub under the spanning header is not always kept)
    const shape = t.cells.map((c) => `${c.row},${c.col} ${c.rowSpan}x${c.colSpan}`)
    expect(shape.filter((c) => Number(c.split(',')[0]) >= 2)).toEqual(expected.slice(6))
    // the paper's grain alone makes no rules with the lighter cut
    expect(detectTablesInImage(await atOcrResolution(greyScan(drawPage([]), 222, 4), 300), headerCells, { skew: 0 })).toEqual([])
  })
  it('takes a vertical stroke crossing two rows of a long table (a seal ring, a pen line) for no column rule', () => {
    const xs = [100, 200, 700, 1000]
    const ys = Array.from({ length: 11 }, (_, i) => 200 + i * 60)
    const rules: Rule[] = [...ys.map((y): Rule => [xs[0], y, xs[3], y]), ...xs.map((x): Rule => [x, ys[0], x, ys[10]])]
    rules.push([450, ys[3], 450, ys[5]]) // from rule to rule, over two rows of the content column
    const [t] = detectTablesInImage(drawPage(rules), blank)
    expect(t.cols).toBe(3)
    expect(t.rows).toBe(10)
    expect(t.cells.every((c) => c.colSpan === 1)).toBe(true)
  })
  it('ignores lone rules and text', () => {
    const img = drawPage([[300, 100, 700, 100]], { text: [['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 300, 90], ['Độc lập - Tự do - Hạnh phúc', 350, 130]] })
    expect(detectTablesInImage(img, blank)).toEqual([])
  })
  it('takes a grid of empty cells too small for a text line (stacked sheet edges) for no table', () => {
    const xs = [100, 120, 142, 164]
    const ys = Array.from({ length: 8 }, (_, i) => 200 + i * 20)
    const rules: Rule[] = [...ys.map((y): Rule => [xs[0], y, xs[3], y]), ...xs.map((x): Rule => [x, ys[0], x, ys[7]])]
    const line = (text: string, x: number, y: number) => ({ text, words: [{ text, box: [x, y, x + 200, y + 30] as [number, number, number, number], conf: 0.9 }] })
    const text: SourcePage = { ...blank, lines: [line('Kế hoạch', 400, 100), line('năm 2026', 400, 500)] }
    expect(detectTablesInImage(drawPage(rules), text)).toEqual([])
    expect(detectTablesInImage(drawPage(rules), blank)).toEqual([])
    // the same small cells with text in one of them are a table
    const filled: SourcePage = { ...blank, lines: [{ text: '1', words: [{ text: '1', box: [104, 204, 114, 216], conf: 0.9 }] }] }
    const [t] = detectTablesInImage(drawPage(rules), filled)
    expect(t.rows).toBe(7)
    expect(t.cols).toBe(3)
  })
  it('puts words into cells in reading order', () => {
    const img = drawPage(taskTable())
    const w = (text: string, x: number, y: number) => ({ text, box: [x, y, x + text.length * 10, y + 20] as [number, number, number, number], conf: 0.9 })
    const page: SourcePage = {
      ...blank,
      lines: [
        { text: 'STT HOẠT ĐỘNG', words: [w('STT', 110, 220), w('HOẠT', 300, 220), w('ĐỘNG', 360, 220)] },
        { text: '1 Tổ chức hội nghị Quý III', words: [w('1', 110, 380), w('Tổ', 190, 380), w('chức', 220, 380), w('hội', 280, 380), w('Quý', 610, 380), w('III', 660, 380)] },
        { text: 'nghị', words: [w('nghị', 190, 410), w('|', 598, 410)] },
      ],
    }
    const [t] = detectTablesInImage(img, page)
    const at = (r: number, c: number) => t.cells.find((x) => x.row === r && x.col === c)!
    expect(at(3, 1).text).toBe('Tổ chức hội nghị')
    expect(at(3, 1).words).toEqual([[1, 1], [1, 2], [1, 3], [2, 0]])
    expect(at(3, 2).text).toBe('Quý III')
    expect(at(0, 1).text).toBe('HOẠT ĐỘNG')
  })
})
