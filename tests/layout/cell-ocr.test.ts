import { createCanvas } from '@napi-rs/canvas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GreyImage } from '../../src/image/grey-image.js'
import { createOcrPool, type OcrPool } from '../../src/ocr/pool.js'
import { cellCrop, rereadTableCells, unreadInk } from '../../src/layout/tables/cell-ocr.js'
import { repairIds } from '../../src/layout/tables/ids.js'
import type { PageTable, PageTableCell, SourcePage } from '../../src/schema/page.js'

/** A 300 dpi grey page (greyish paper, dark ink) with rules and text drawn on it. */
function drawCells(opts: { width: number; height: number; rules?: [number, number, number, number][]; text?: [string, number, number, number?][]; ruleWidth?: number }): GreyImage {
  const canvas = createCanvas(opts.width, opts.height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = 'rgb(232,232,232)'
  ctx.fillRect(0, 0, opts.width, opts.height)
  ctx.strokeStyle = 'rgb(40,40,40)'
  ctx.lineWidth = opts.ruleWidth ?? 4
  for (const [x0, y0, x1, y1] of opts.rules ?? []) {
    ctx.beginPath()
    ctx.moveTo(x0, y0)
    ctx.lineTo(x1, y1)
    ctx.stroke()
  }
  ctx.fillStyle = 'rgb(30,30,30)'
  for (const [t, x, y, size] of opts.text ?? []) {
    ctx.font = `${size ?? 42}px DejaVu Sans`
    ctx.fillText(t, x, y)
  }
  const rgba = ctx.getImageData(0, 0, opts.width, opts.height).data
  const data = new Uint8Array(opts.width * opts.height)
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]
  return { width: opts.width, height: opts.height, data, dpi: 300 }
}

/** Ink bounding box (pixels darker than 128) of an image, or null. */
function inkBox(img: GreyImage): [number, number, number, number] | null {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -1
  let y1 = -1
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++)
      if (img.data[y * img.width + x] < 128) {
        x0 = Math.min(x0, x)
        y0 = Math.min(y0, y)
        x1 = Math.max(x1, x)
        y1 = Math.max(y1, y)
      }
  return x1 < 0 ? null : [x0, y0, x1, y1]
}

describe('cellCrop', () => {
  // one ruled cell, 600 × 200 px at 300 dpi, rules on its edges, "1.2" near its top left
  const box: PageTableCell['box'] = [100, 100, 700, 300]
  const rules: [number, number, number, number][] = [
    [100, 100, 700, 100],
    [100, 300, 700, 300],
    [100, 100, 100, 300],
    [700, 100, 700, 300],
  ]

  it('cuts to the ink, inside the rules, on white paper with a white margin', () => {
    const img = drawCells({ width: 800, height: 400, rules, text: [['1.2', 130, 170]] })
    const crop = cellCrop(img, box)!
    expect(crop).not.toBeNull()
    expect(crop.dpi).toBe(300)
    // trimmed to the text: far smaller than the cell, about the size of "1.2" at 42 px plus the pad
    expect(crop.width).toBeLessThan(200)
    expect(crop.height).toBeLessThan(100)
    const ink = inkBox(crop)!
    const pad = Math.round(300 / 20)
    // the ink sits inside the white pad on every side: no rule remnant along an edge
    expect(ink[0]).toBeGreaterThanOrEqual(pad - 1)
    expect(ink[1]).toBeGreaterThanOrEqual(pad - 1)
    expect(crop.width - 1 - ink[2]).toBeGreaterThanOrEqual(pad - 1)
    expect(crop.height - 1 - ink[3]).toBeGreaterThanOrEqual(pad - 1)
    // the paper is stretched to white: the margin is pure white, not the page's grey
    expect(crop.data[0]).toBe(255)
    expect(crop.data[crop.data.length - 1]).toBe(255)
  })

  it('whitens a thick or skewed rule reaching into the crop along an edge', () => {
    // the left rule drawn 10 px wide and 8 px inside the cell box: it reaches past the inset
    const img = drawCells({ width: 800, height: 400, rules: [...rules, [108, 100, 108, 300]], ruleWidth: 10, text: [['Quý II', 300, 220]] })
    const crop = cellCrop(img, box)!
    // the crop starts at the text, not at the rule: its width is the text's, not the cell's
    expect(crop.width).toBeLessThan(250)
    const ink = inkBox(crop)!
    expect(ink[0]).toBeGreaterThanOrEqual(10)
  })

  it('keeps a short last line under full ones (little ink, but a letter high), leaves out a speck and a far dark band', () => {
    // a 1000 × 300 px cell: two full lines and "hộ" alone on the third; a dust speck in the blank below
    const cellBox: PageTableCell['box'] = [100, 100, 1100, 400]
    const ruled: [number, number, number, number][] = [
      [100, 100, 1100, 100],
      [100, 400, 1100, 400],
      [100, 100, 100, 400],
      [1100, 100, 1100, 400],
    ]
    const text: [string, number, number][] = [['Kiện toàn đội xung kích phòng, chống thiên', 130, 170], ['tai ở các thôn, tổ dân phố, khu dân cư và', 130, 222], ['hộ', 130, 300]]
    const crop = cellCrop(drawCells({ width: 1200, height: 500, rules: ruled, text }), cellBox)!
    const twoLines = cellCrop(drawCells({ width: 1200, height: 500, rules: ruled, text: text.slice(0, 2) }), cellBox)!
    // the third line, below a blank, adds its 70 px to the crop's height
    expect(crop.height - twoLines.height).toBeGreaterThan(50)
    const specked = drawCells({ width: 1200, height: 500, rules: ruled, text: text.slice(0, 2) })
    for (let y = 350; y < 353; y++) for (let x = 600; x < 603; x++) specked.data[y * 1200 + x] = 40
    expect(cellCrop(specked, cellBox)!.height).toBe(twoLines.height)
    // a dark band far below the text (a scan's border inside an open cell) stays out too
    const bordered = drawCells({ width: 1200, height: 500, rules: ruled, text: text.slice(0, 2) })
    for (let y = 370; y < 385; y++) for (let x = 700; x < 740; x++) bordered.data[y * 1200 + x] = 20
    expect(cellCrop(bordered, cellBox)!.height).toBe(twoLines.height)
  })

  it('whitens a lighter ink over the text (a seal, grey in a grey scan), keeps the text', () => {
    const text: [string, number, number][] = [['Kiện toàn đội', 130, 220]]
    const clean = cellCrop(drawCells({ width: 800, height: 400, rules, text }), box)!
    const sealed = drawCells({ width: 800, height: 400, rules, text })
    // a grey (140) ring of a seal, 14 px wide, over the cell and its text
    for (let y = 100; y < 300; y++)
      for (let x = 100; x < 700; x++) {
        const r = Math.hypot(x - 400, y - 330)
        if (r > 150 && r < 164) sealed.data[y * 800 + x] = Math.min(sealed.data[y * 800 + x], 140)
      }
    const crop = cellCrop(sealed, box, { seal: true })!
    // no seal pixel left grey: the crop holds the text's ink and white, like the crop without the seal
    expect(crop.data.filter((v) => v > 100 && v < 250).length).toBeLessThan(0.02 * crop.data.length)
    expect(inkBox(crop)![2] - inkBox(crop)![0]).toBeLessThan(inkBox(clean)![2] - inkBox(clean)![0] + 20)
  })

  it('keeps the thin strokes of the text where it whitens a seal (the rim of a stroke next to its dark core)', () => {
    // serif text (thin feet, bars and marks) with a seal's grey (115) band over its middle
    const draw = (seal: boolean): GreyImage => {
      const canvas = createCanvas(800, 400)
      const ctx = canvas.getContext('2d')
      ctx.fillStyle = 'rgb(232,232,232)'
      ctx.fillRect(0, 0, 800, 400)
      ctx.fillStyle = 'rgb(30,30,30)'
      ctx.font = '42px DejaVu Serif'
      ctx.fillText('Lồng ghép đội', 130, 220)
      const rgba = ctx.getImageData(0, 0, 800, 400).data
      const data = new Uint8Array(800 * 400)
      for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]
      if (seal) for (let y = 192; y < 222; y++) for (let x = 140; x < 390; x++) data[y * 800 + x] = Math.min(data[y * 800 + x], 115)
      return { width: 800, height: 400, data, dpi: 300 }
    }
    const clean = cellCrop(draw(false), box)!
    const sealed = cellCrop(draw(true), box, { seal: true })!
    expect([sealed.width, sealed.height]).toEqual([clean.width, clean.height])
    // the text's ink in the crop without the seal is still ink with the seal whitened (whitening every
    // pixel as light as the seal lost a tenth of it: feet, the bar of "đ", the grave of "ồ")
    const ink = clean.data.reduce((n, v) => n + (v < 128 ? 1 : 0), 0)
    const lost = clean.data.reduce((n, v, i) => n + (v < 128 && sealed.data[i] >= 250 ? 1 : 0), 0)
    expect(lost).toBeLessThan(0.01 * ink)
    // and the band itself is gone away from the letters: most of the crop is white
    expect(sealed.data.filter((v) => v >= 250).length).toBeGreaterThan(0.8 * sealed.data.length)
  })

  it('returns null for a cell that holds only its rules', () => {
    const img = drawCells({ width: 800, height: 400, rules })
    expect(cellCrop(img, box)).toBeNull()
  })
})

describe('unreadInk', () => {
  it('says the page read lost words where the text ink of a cell lies outside its page words', () => {
    const img = drawCells({ width: 1200, height: 400, rules: [[100, 100, 1100, 100], [100, 300, 1100, 300], [100, 100, 100, 300], [1100, 100, 1100, 300]], text: [['Kiện toàn đội xung kích phòng', 130, 170], ['chống thiên tai ở các thôn', 130, 240]] })
    const line = (text: string, y: number, x1: number) => ({ text, box: [125, y - 40, x1, y + 12] as [number, number, number, number], conf: 0.97, words: [{ text, box: [125, y - 40, x1, y + 12] as [number, number, number, number], conf: 0.97 }] })
    const page: SourcePage = { page: 1, origin: 'ocr', width: 1200, height: 400, dpi: 300, confidence: 0.97, lines: [line('Kiện toàn đội xung kích phòng', 170, 1000), line('chống thiên tai ở các thôn', 240, 1000)] }
    const cell: PageTableCell = { row: 0, col: 0, rowSpan: 1, colSpan: 1, text: '', box: [100, 100, 1100, 300] }
    expect(unreadInk(img, page, { ...cell, words: [[0, 0], [1, 0]] })).toBe(false)
    // the second line's words were lost: half the ink has no word over it
    expect(unreadInk(img, page, { ...cell, words: [[0, 0]] })).toBe(true)
  })
})

describe('rereadTableCells (real OCR of synthetic cells)', () => {
  let pool: OcrPool
  beforeAll(async () => {
    pool = await createOcrPool({ size: 1 })
  }, 60_000)
  afterAll(async () => {
    await pool?.close()
  })

  const cell = (row: number, col: number, text: string, box: PageTableCell['box'], conf?: number): PageTableCell => ({ row, col, rowSpan: 1, colSpan: 1, text, box, words: text ? [[row, col]] : [], ...(conf !== undefined ? { conf } : {}) })
  /** STT | Nội dung over one body row: the ruling of a 1200×360 two-column table */
  const TWO_COLUMN_RULES: [number, number, number, number][] = [
    [50, 50, 1150, 50],
    [50, 150, 1150, 150],
    [50, 300, 1150, 300],
    [50, 50, 50, 300],
    [250, 50, 250, 300],
    [1150, 50, 1150, 300],
  ]
  const pageOf = (tables: PageTable[]): SourcePage => ({ page: 1, origin: 'ocr', width: 1200, height: 400, dpi: 300, lines: [], confidence: 0.5, tables })

  it('replaces garbled page text of a ruled table by the crop reads, ids through the numbering', async () => {
    // STT | Nội dung over one body row: "1.2" | "Biên soạn tài liệu"; the page OCR had "LÊN" and a bad read
    const img = drawCells({ width: 1200, height: 360, rules: TWO_COLUMN_RULES, text: [['STT', 100, 115], ['Nội dung', 500, 115], ['1.2', 110, 245], ['Biên soạn tài liệu', 290, 245]] })
    const table: PageTable = {
      box: [50, 50, 1150, 300],
      rows: 2,
      cols: 2,
      method: 'rules',
      cells: [cell(0, 0, 'STT', [50, 50, 250, 150], 0.9), cell(0, 1, 'Nội dung', [250, 50, 1150, 150], 0.9), cell(1, 0, 'LÊN', [50, 150, 250, 300], 0.3), cell(1, 1, 'Bien soan tai liéu', [250, 150, 1150, 300], 0.3)],
    }
    const [out] = await rereadTableCells(img, pageOf([table]), [table], pool)
    const at = (r: number, c: number) => out.cells.find((x) => x.row === r && x.col === c)!
    expect(at(1, 0).text).toBe('1.2')
    expect(at(1, 1).text).toBe('Biên soạn tài liệu')
    expect(at(0, 0).text).toBe('STT')
    expect(table.cells[2].text).toBe('LÊN') // the input is not changed
  }, 60_000)

  it('reads a cell again only where the page read is unsure of it', async () => {
    const img = drawCells({ width: 1200, height: 360, rules: TWO_COLUMN_RULES, text: [['STT', 100, 115], ['Nội dung', 500, 115], ['1', 130, 245], ['Biên soạn tài liệu', 290, 245]] })
    // the page words of the content cell: read with high confidence (as "… mới", which the crop would not say)
    const words = ['Biên', 'soạn', 'tài', 'liệu', 'mới'].map((text, i) => ({ text, box: [290 + i * 120, 220, 400 + i * 120, 270] as [number, number, number, number], conf: 0.97 }))
    const page: SourcePage = { ...pageOf([]), lines: [{ text: words.map((w) => w.text).join(' '), box: [290, 220, 900, 270], conf: 0.97, words }] }
    const body = { row: 1, col: 1, rowSpan: 1, colSpan: 1, text: 'Biên soạn tài liệu mới', box: [250, 150, 1150, 300] as PageTableCell['box'], words: words.map((_, i) => [0, i] as [number, number]), conf: 0.97 }
    const table: PageTable = { box: [50, 50, 1150, 300], rows: 2, cols: 2, method: 'rules', cells: [cell(0, 0, 'STT', [50, 50, 250, 150], 0.9), cell(0, 1, 'Nội dung', [250, 50, 1150, 150], 0.9), cell(1, 0, '1', [50, 150, 250, 300], 0.9), body] }
    const sure = (await rereadTableCells(img, page, [table], pool))[0].cells.find((c) => c.row === 1 && c.col === 1)!
    expect(sure.text).toBe('Biên soạn tài liệu mới')
    const unsurePage: SourcePage = { ...page, lines: [{ ...page.lines[0], words: words.map((w, i) => (i === 4 ? { ...w, conf: 0.5 } : w)) }] }
    const reread = (await rereadTableCells(img, unsurePage, [table], pool))[0].cells.find((c) => c.row === 1 && c.col === 1)!
    expect(reread.text).toBe('Biên soạn tài liệu')
  }, 60_000)

  it('reads the id column of a word-gap table (ids the page OCR dropped); its other cells keep the page text, less stray marks', async () => {
    const img = drawCells({ width: 1200, height: 360, text: [['STT', 70, 100], ['Nội dung', 400, 100], ['2.1', 80, 230], ['Rà soát danh sách hội viên', 300, 230]] })
    // the content cell's page words: "sảch" misread with confidence, a speck read as a period after "hội"
    const words = ['Rà', 'soát', 'danh', 'sảch', 'hội.', 'viên'].map((text, i) => ({ text, box: [300 + i * 130, 200, 420 + i * 130, 250] as [number, number, number, number], conf: i === 4 ? 0.6 : 0.95 }))
    const content: PageTableCell = { row: 1, col: 1, rowSpan: 1, colSpan: 1, text: words.map((w) => w.text).join(' '), box: [260, 150, 1150, 300], words: words.map((_, i) => [1, i] as [number, number]) }
    const table: PageTable = {
      box: [60, 50, 1150, 300],
      rows: 2,
      cols: 2,
      method: 'word-gaps',
      cells: [cell(0, 0, 'STT', [60, 50, 260, 150], 0.9), cell(0, 1, 'Nội dung', [260, 50, 1150, 150], 0.9), cell(1, 0, '', [60, 150, 260, 300]), content],
    }
    const header = [{ text: 'STT', box: [70, 80, 170, 120] as PageTableCell['box'], conf: 0.9 }, { text: 'Nội dung', box: [400, 80, 560, 120] as PageTableCell['box'], conf: 0.9 }]
    const lines = [{ text: 'STT Nội dung', box: [70, 80, 560, 120] as PageTableCell['box'], conf: 0.9, words: header }, { text: content.text, box: [300, 200, 1070, 250] as PageTableCell['box'], conf: 0.9, words }]
    const page: SourcePage = { ...pageOf([table]), lines }
    const [out] = await rereadTableCells(img, page, [table], pool)
    const at = (r: number, c: number) => out.cells.find((x) => x.row === r && x.col === c)!
    expect(at(1, 0).text).toBe('2.1')
    expect(at(1, 1).text).toBe('Rà soát danh sảch hội viên') // page text, not read again; the period before "viên" dropped
    expect(at(0, 1).text).toBe('Nội dung')
  }, 60_000)

  it('reads an id the arc of a seal hides from the crop with the seal whitened', async () => {
    // STT | Nội dung, one body row "2" | "Củng cố lực lượng"; the ring of a seal (grey 115, darker
    // than the binarising cut) runs through the id cell: its crop as is reads nothing
    const img = drawCells({ width: 1200, height: 360, rules: TWO_COLUMN_RULES, text: [['STT', 100, 115], ['Nội dung', 500, 115], ['2', 135, 245], ['Củng cố lực lượng', 290, 245]] })
    for (let y = 150; y < 300; y++)
      for (let x = 50; x < 1150; x++) {
        const r = Math.hypot(x - 330, y - 230)
        if (r > 170 && r < 184) img.data[y * 1200 + x] = Math.min(img.data[y * 1200 + x], 115)
      }
    // the page read lost both cells under the seal: no words there
    const boxes: PageTableCell['box'][] = [[50, 50, 250, 150], [250, 50, 1150, 150], [50, 150, 250, 300], [250, 150, 1150, 300]]
    const texts = ['STT', 'Nội dung', '', '']
    const table: PageTable = { box: [50, 50, 1150, 300], rows: 2, cols: 2, method: 'rules', cells: boxes.map((b, i) => ({ ...cell(i >> 1, i & 1, texts[i], b, 0.9), words: [] })) }
    const [out] = await rereadTableCells(img, { ...pageOf([table]), height: 360, confidence: 0.9 }, [table], pool)
    const at = (r: number, c: number) => out.cells.find((x) => x.row === r && x.col === c)!
    expect(at(1, 0).text).toBe('2')
  }, 60_000)
})

describe('id numbering as a prior', () => {
  it('takes the expected id for a dot read as a digit, and the next Roman group on a continuation page', () => {
    expect(repairIds([['1.3'], ['II'], ['241', '21x']])).toEqual(['1.3', 'II', '2.1'])
    // a page starting at 2.3 (its "II" on the page before): "II" / "IHI" for the next group is III
    expect(repairIds([['2.3'], ['II', 'I', 'IHI'], ['31'], ['32']])).toEqual(['2.3', 'III', '3.1', '3.2'])
  })

  it('gives a group headed by a number the next number, not a Roman numeral (a seal arc read "I" for 2)', () => {
    // the reads of the sealed office fixture's id column: "2" under the seal read "_", "I" or nothing
    const reads = [['1', '1'], ['11', '1.1', '1.1'], ['1.2'], ['1.3'], ['1.4'], ['_', 'I', ''], ['2.1'], ['2.2', '252'], ['2.3', '2.3.'], ['2.4']]
    expect(repairIds(reads)).toEqual(['1', '1.1', '1.2', '1.3', '1.4', '2', '2.1', '2.2', '2.3', '2.4'])
    // an id cell read as nothing between two groups headed by numbers
    expect(repairIds([['1'], ['1.1'], ['1.2'], [], ['2.1']])).toEqual(['1', '1.1', '1.2', '2', '2.1'])
    // a group headed by a Roman numeral still goes on to the next numeral ("H" for II) …
    expect(repairIds([['I'], ['1.1'], ['1.2'], ['H'], ['2.1']])).toEqual(['I', '1.1', '1.2', 'II', '2.1'])
    expect(repairIds([['I'], ['1'], ['2'], ['H'], ['1']])).toEqual(['I', '1', '2', 'II', '1'])
    // … and so does a page that starts inside a group, its head on the page before
    expect(repairIds([['1.3'], ['1.4'], ['I'], ['2.1']])).toEqual(['1.3', '1.4', 'II', '2.1'])
  })
})
