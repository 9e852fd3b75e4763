/**
 * Re-reading table cells from their own crops. The page OCR (PSM 3) reads a ruled table as one
 * layout: short cells ("1.1", "II") next to a rule come out as "LÊN", "13", "u", and rule stubs
 * become stray characters. Each cell of a ruled table is cut out of the page, inset away from its
 * rules (rule remnants along the crop edges whitened, paper stretched to white), cut to its ink and
 * padded, and read on its own through the OCR pool: one line (PSM 7) when the page words put it on
 * one line, a block (PSM 6) otherwise. The crop's text replaces the page text when it reads with
 * about the page words' confidence or better. Id (STT) cells are read as is and binarised (and with
 * a whitelist of digits, dots and Roman numerals when neither looks like an id); the numbering of
 * the column picks among the reads (ids.ts). A cell's text, from its crop or its page words, loses
 * the marks that specks put where Vietnamese writing has none, judged with the words' own OCR
 * confidences (cell-marks.ts). Tables found from rules are re-read; of word-gap tables
 * only the id column (the page OCR reads a borderless table column by column and drops or garbles
 * its short ids; their other cells read fine, and only lose their stray marks); text layers have
 * exact text.
 * Only cells the page read is unsure of are read again (unsureCell: a word of low confidence, rule
 * stubs, no words over ink; unreadInk: text ink outside its words, which a seal over them made the
 * page OCR drop), and id cells (short, next to a rule: the page OCR's weakest reads). A crop whose
 * ink splits into the text's and a lighter one (a seal, grey in a grey scan) has the lighter one
 * whitened, where the page read lost words (on every crop it would thin a blurred scan's strokes).
 * Cost, 300 dpi, pool of 1: ≈ 1.4–2 s per ruled table page for every cell, ≈ 0.25 s per word-gap
 * table page.
 */
import type { GreyImage } from '../../image/grey-image.js'
import type { PageTable, PageTableCell, SourcePage } from '../../schema/page.js'
import { roleOf } from './header.js'
import { ID_TEXT, repairIds } from './ids.js'
import { dropStrayMarks, type ReadWord } from './cell-marks.js'

/** The part of the OCR pool this step needs (src/ocr/pool.ts). */
export type CellReader = { recognize(image: GreyImage, page: number, params?: Record<string, string>): Promise<SourcePage> }

const ID_WHITELIST = '0123456789.IVXLCABDE'

export type CellOcrOptions = {
  /**
   * 'unsure' (default): id cells, and other cells only where the page read is unsure of them (a word
   * below UNSURE_WORD_CONF, no words over ink, rule stubs in the text); 'all': every cell; 'short':
   * the id column and short cells
   */
  cells?: 'unsure' | 'all' | 'short'
}

/**
 * A page word read below this confidence makes its cell worth a second read. Tesseract's word
 * confidences on table cells of the office scans: median ≈ 0.97, 10th percentile ≈ 0.92; misread
 * marks ("Tố chức", "Lông ghép") sit at 0.85–0.94 — the cell's mean hides one bad word, its
 * minimum does not.
 */
const UNSURE_WORD_CONF = 0.93
/** Rule stubs at a cell text's ends, as the cell's text from its page words leaves them out (assign.ts). */
const RULE_STUBS = /^[|[\]]+|[|[\]]+$/g
/** Characters of rule stubs and specks the page OCR leaves in a cell's text. */
const JUNK = /[|[\]{}_~§¦]/

/** Whether the page read of a cell is unsure: a low-confidence word, junk characters, or no words at all. */
export function unsureCell(page: SourcePage, cell: PageTableCell): boolean {
  const refs = cell.words ?? []
  if (refs.length === 0 || !cell.text.trim()) return true
  if (JUNK.test(cell.text)) return true
  return refs.some(([k, i]) => (page.lines[k]?.words?.[i]?.conf ?? 0) < UNSURE_WORD_CONF)
}

/** Share of a cell's text ink outside its page words above which the page read lost words there. */
const UNREAD_INK = 0.25

/**
 * Whether the page read left text of the cell unread: more than UNREAD_INK of the cell's dark ink
 * (text, not a lighter seal over it) lies outside the boxes of its page words — words a seal or
 * stamp over them made the page OCR drop, while it read the rest with confidence.
 */
export function unreadInk(image: GreyImage, page: SourcePage, cell: PageTableCell): boolean {
  const dpi = image.dpi > 0 ? image.dpi : 300
  const inset = Math.max(2, Math.round(dpi / 50))
  const grow = Math.round(dpi / 50)
  const [x0, y0] = [Math.max(0, Math.round(cell.box[0] + inset)), Math.max(0, Math.round(cell.box[1] + inset))]
  const [x1, y1] = [Math.min(image.width, Math.round(cell.box[2] - inset)), Math.min(image.height, Math.round(cell.box[3] - inset))]
  if (x1 <= x0 || y1 <= y0) return false
  const hist = new Uint32Array(256)
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) hist[image.data[y * image.width + x]]++
  const n = (x1 - x0) * (y1 - y0)
  const level = (q: number) => {
    let c = 0
    for (let v = 0; v < 256; v++) if ((c += hist[v]) >= q * n) return v
    return 255
  }
  const paper = level(0.6)
  const ink = level(0.005)
  if (paper - ink < 40) return false
  const dark = ink + SEAL_INK[0] * (paper - ink) // the text's own ink, not a lighter seal's
  const boxes = (cell.words ?? []).flatMap(([k, i]) => {
    const b = page.lines[k]?.words?.[i]?.box ?? page.lines[k]?.box
    return b ? [[b[0] - grow, b[1] - grow, b[2] + grow, b[3] + grow]] : []
  })
  let all = 0
  let outside = 0
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      if (image.data[y * image.width + x] >= dark) continue
      all++
      if (!boxes.some((b) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3])) outside++
    }
  return all > 0 && outside > UNREAD_INK * all
}

/**
 * Crop of a cell's ink: inset from the rules, rule remnants along the edges whitened, the paper
 * stretched to white (a grey crop on a white pad reads as a frame), cut to the ink's bounding box
 * and padded white. Null when the cell holds no ink. `seal`: the page read lost words of the cell
 * (unreadInk), so a lighter ink over its text (lighterInk) is whitened.
 */
export function cellCrop(image: GreyImage, box: PageTableCell['box'], opts: { seal?: boolean } = {}): GreyImage | null {
  const dpi = image.dpi > 0 ? image.dpi : 300
  const inset = Math.max(2, Math.round(dpi / 50)) // ≈ 0.5 mm: rule thickness and blur
  const x0 = Math.max(0, Math.round(box[0] + inset))
  const y0 = Math.max(0, Math.round(box[1] + inset))
  const x1 = Math.min(image.width, Math.round(box[2] - inset))
  const y1 = Math.min(image.height, Math.round(box[3] - inset))
  const w = x1 - x0
  const h = y1 - y0
  if (w < dpi / 25 || h < dpi / 25) return null
  const src = new Uint8Array(w * h)
  for (let y = 0; y < h; y++) src.set(image.data.subarray((y0 + y) * image.width + x0, (y0 + y) * image.width + x1), y * w)
  // paper and ink levels of the crop
  const hist = new Uint32Array(256)
  for (const v of src) hist[v]++
  const level = (q: number) => {
    let n = 0
    for (let v = 0; v < 256; v++) if ((n += hist[v]) >= q * src.length) return v
    return 255
  }
  const paper = level(0.6)
  const ink = Math.min(level(0.005), paper - 40)
  if (paper - ink < 40) return null
  const cut = ink + 0.55 * (paper - ink) // darker than this is ink
  const isInk = (v: number) => v < cut
  whitenEdgeRules(src, w, h, Math.round(dpi / 25), isInk)
  // ink bounding box from row / column profiles: bands of ink separated by blank runs, bands with
  // too little ink and too short for a letter (specks, dust, a dotted rule's dot) left out
  let rows = new Float64Array(h)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (isInk(src[y * w + x])) rows[y]++
  const letter = Math.round(dpi / 25) // ≈ 1 mm: shorter than any letter of body text, longer than a speck
  const pitch = Math.round(dpi / 6) // ≈ 4 mm: a text line and the blank to the next
  const [by0, by1] = inkSpan(rows, Math.round(dpi / 30), letter, pitch)
  if (by1 < 0) return null
  rows = new Float64Array(w)
  for (let y = by0; y <= by1; y++) for (let x = 0; x < w; x++) if (isInk(src[y * w + x])) rows[x]++
  const [bx0, bx1] = inkSpan(rows, Math.round(dpi / 10), letter, pitch)
  if (bx1 < 0) return null
  const pad = Math.round(dpi / 20)
  const W = bx1 - bx0 + 1 + 2 * pad
  const H = by1 - by0 + 1 + 2 * pad
  const data = new Uint8Array(W * H).fill(255)
  const span = paper - ink
  const light = opts.seal ? lighterInk(src, w, [bx0, by0, bx1, by1], ink, span) : 256
  const edge = light < 256 ? nearDark(src, w, h, light, Math.max(1, Math.round(dpi / STROKE_EDGE_PER_INCH))) : null
  for (let y = by0; y <= by1; y++) {
    for (let x = bx0; x <= bx1; x++) {
      const v = src[y * w + x]
      const seal = v >= light && !edge?.[y * w + x]
      data[(pad + y - by0) * W + pad + x - bx0] = v >= paper || seal ? 255 : Math.max(0, Math.round((255 * (v - ink)) / span))
    }
  }
  return { width: W, height: H, data, dpi }
}

/**
 * Width of a text stroke's anti-aliased rim, as a fraction of an inch (1/300": 1 px at 300 dpi): the
 * lighter ink this close to the text's dark ink is the stroke's own edge (a diacritic, the bar of
 * "đ", a serif) and is kept when a seal's lighter ink is whitened; whitening it thins the strokes
 * until marks break ("chống" read "chông", "xung" "vung"). A wider rim (2 px) keeps specks of the
 * seal next to the letters ("cố" read "cỗ").
 */
const STROKE_EDGE_PER_INCH = 300

/** Pixels within `r` (a square) of one darker than `light`: the text's dark strokes and their rims. */
function nearDark(src: Uint8Array, w: number, h: number, light: number, r: number): Uint8Array {
  const rows = new Uint8Array(w * h)
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (src[y * w + x] >= light) continue
      for (let dx = Math.max(0, x - r); dx <= Math.min(w - 1, x + r); dx++) rows[y * w + dx] = 1
    }
  const out = new Uint8Array(w * h)
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (!rows[y * w + x]) continue
      for (let dy = Math.max(0, y - r); dy <= Math.min(h - 1, y + r); dy++) out[dy * w + x] = 1
    }
  return out
}

/** Where a crop's ink splits into the text's and a lighter one's (SEAL_INK, as a share of ink → paper). */
const SEAL_INK: [number, number] = [0.35, 0.65]

/**
 * Grey level from which a crop's ink is a second, lighter ink over the text (a red or blue seal or
 * stamp, grey in a grey scan), to be whitened: when more of the ink lies in the middle of the
 * ink → paper range than at the text's own darkness; 256 (nothing whitened) otherwise. Black text's
 * anti-aliased edges are a thin rim around its dark strokes, never more than them.
 */
function lighterInk(src: Uint8Array, w: number, [x0, y0, x1, y1]: [number, number, number, number], ink: number, span: number): number {
  const [lo, hi] = SEAL_INK.map((f) => ink + f * span)
  let dark = 0
  let mid = 0
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      const v = src[y * w + x]
      if (v < lo) dark++
      else if (v < hi) mid++
    }
  return mid > dark ? lo : 256
}

/**
 * A skewed or thick rule may still reach into the crop along an edge: rows / columns within `edge`
 * of an edge that are ink over most of their length are rule, not text, and are whitened.
 */
function whitenEdgeRules(src: Uint8Array, w: number, h: number, edge: number, isInk: (v: number) => boolean): void {
  for (let y = 0; y < h; y++) {
    if (y >= edge && y < h - edge) continue
    let n = 0
    for (let x = 0; x < w; x++) if (isInk(src[y * w + x])) n++
    if (n > 0.6 * w) src.fill(255, y * w, (y + 1) * w)
  }
  for (let x = 0; x < w; x++) {
    if (x >= edge && x < w - edge) continue
    let n = 0
    for (let y = 0; y < h; y++) if (isInk(src[y * w + x])) n++
    if (n > 0.6 * h) for (let y = 0; y < h; y++) src[y * w + x] = 255
  }
}

/**
 * First and last index of the bands of a profile worth keeping (bands split by `gap` blank entries):
 * bands with a tenth of the largest one's ink, and bands as long as a letter (`minExtent`) within
 * `reach` of those — a short last line ("phố" under two full lines) has little ink but a letter's
 * height and follows its paragraph; a speck is shorter, a scan's dark border lies far off.
 */
function inkSpan(profile: Float64Array, gap: number, minExtent: number, reach: number): [number, number] {
  const bands: { a: number; b: number; ink: number }[] = []
  let cur: { a: number; b: number; ink: number } | null = null
  for (let i = 0; i < profile.length; i++) {
    if (profile[i] < 2) continue
    if (cur && i - cur.b <= gap) {
      cur.b = i
      cur.ink += profile[i]
    } else {
      cur = { a: i, b: i, ink: profile[i] }
      bands.push(cur)
    }
  }
  if (bands.length === 0) return [0, -1]
  const most = Math.max(...bands.map((b) => b.ink))
  const strong = bands.filter((b) => b.ink >= 0.1 * most)
  const near = (b: { a: number; b: number }) => strong.some((s) => b.a - s.b <= reach && s.a - b.b <= reach)
  const kept = bands.filter((b) => strong.includes(b) || (b.b - b.a + 1 >= minExtent && near(b)))
  return [kept[0].a, kept[kept.length - 1].b]
}

/** How much lower than the page words' confidence a cell crop may read and still replace them. */
const TOLERANCE = 0.02
/**
 * Least confidence of a crop read that replaces page words which left ink unread (unreadInk): the
 * page words' confidence says nothing of the words they lost. Crop reads of cells under a seal:
 * ≈ 0.89–0.93.
 */
const LOST_WORDS_CONF = 0.85

async function readText(reader: CellReader, crop: GreyImage, page: number, params: Record<string, string>): Promise<{ text: string; conf: number; words: ReadWord[] }> {
  const read = await reader.recognize(crop, page, params)
  const words = read.lines.flatMap((l) => l.words ?? [])
  const text = read.lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim()
  return { text, conf: words.length ? words.reduce((s, w) => s + w.conf, 0) / words.length : 0, words }
}

/** Crop scaled up by an integer factor (bilinear): small ids read better at ≈ 600 dpi. */
export function scaleUp(img: GreyImage, f: number): GreyImage {
  const W = img.width * f
  const H = img.height * f
  const data = new Uint8Array(W * H)
  for (let y = 0; y < H; y++) {
    const sy = Math.min(img.height - 1, Math.max(0, (y + 0.5) / f - 0.5))
    const y0 = Math.floor(sy)
    const y1 = Math.min(img.height - 1, y0 + 1)
    const fy = sy - y0
    for (let x = 0; x < W; x++) {
      const sx = Math.min(img.width - 1, Math.max(0, (x + 0.5) / f - 0.5))
      const x0 = Math.floor(sx)
      const x1 = Math.min(img.width - 1, x0 + 1)
      const fx = sx - x0
      const top = img.data[y0 * img.width + x0] * (1 - fx) + img.data[y0 * img.width + x1] * fx
      const bot = img.data[y1 * img.width + x0] * (1 - fx) + img.data[y1 * img.width + x1] * fx
      data[y * W + x] = Math.round(top * (1 - fy) + bot * fy)
    }
  }
  return { width: W, height: H, data, dpi: img.dpi * f }
}

/**
 * Reads of an id cell's crops, best first: each crop as is, binarised, scaled ×2 and binarised lighter
 * (faint strokes kept), and the last crop with only id characters allowed when no read looks like an
 * id. `crops`: the cell's crop, and where a seal over the cell made the page read lose it, the crop
 * with the seal's lighter ink whitened (the arc of a seal through an id cell reads "I", "_" or
 * nothing; the digit under it reads once the arc is gone). Reads that agree vote
 * together (votes, then looking like an id, then confidence); the numbering of the column picks
 * among them afterwards (ids.ts: the expected next id wins over a more frequent unexpected one).
 */
async function readId(reader: CellReader, crops: readonly GreyImage[], page: number): Promise<string[]> {
  const line = { tessedit_pageseg_mode: '7' }
  const reads: Awaited<ReturnType<typeof readText>>[] = []
  for (const crop of crops) {
    const big = scaleUp(crop, 2)
    reads.push(
      await readText(reader, crop, page, line),
      await readText(reader, { ...crop, data: crop.data.map((v) => (v < 128 ? 0 : 255)) }, page, line),
      await readText(reader, { ...big, data: big.data.map((v) => (v < 170 ? 0 : 255)) }, page, line),
    )
  }
  const last = crops[crops.length - 1]!
  if (!reads.some((r) => ID_TEXT.test(r.text))) reads.push(await readText(reader, scaleUp(last, 2), page, { ...line, tessedit_char_whitelist: ID_WHITELIST }))
  const key = (t: string) => t.replace(/[.)]$/, '')
  const votes = new Map<string, { text: string; n: number; conf: number; id: boolean }>()
  for (const r of reads) {
    if (!r.text) continue
    const v = votes.get(key(r.text)) ?? { text: r.text, n: 0, conf: 0, id: ID_TEXT.test(r.text) }
    v.n++
    v.conf = Math.max(v.conf, r.conf)
    votes.set(key(r.text), v)
  }
  return [...votes.values()].sort((x, y) => y.n - x.n || Number(y.id) - Number(x.id) || y.conf - x.conf).map((v) => v.text)
}

const sameImage = (a: GreyImage, b: GreyImage) => a.width === b.width && a.height === b.height && a.data.every((v, i) => v === b.data[i])

function idColumn(t: PageTable): number {
  // the column whose header names the id (STT / TT), else a narrow first column
  for (const c of t.cells) if (c.row <= 1 && c.colSpan === 1 && roleOf(c.text) === 'id') return c.col
  return -1
}

/** The cell with its page words' stray marks dropped (cell-marks.ts); the cell itself when there are none. */
function withoutStrayMarks(page: SourcePage, cell: PageTableCell): PageTableCell {
  const words = (cell.words ?? []).map(([k, i]): ReadWord | undefined => {
    const line = page.lines[k]
    return line?.words?.length ? line.words[i] : line && { text: line.text, conf: line.conf ?? 1 }
  })
  if (words.length === 0 || words.some((w) => !w)) return cell
  const text = dropStrayMarks(words as ReadWord[]).replace(RULE_STUBS, '').trim()
  return text === cell.text.replace(/\s+/g, ' ').trim() ? cell : { ...cell, text }
}

/** Lines the page words of a cell fall on (1 when they share a line). */
function lineCount(page: SourcePage, cell: PageTableCell): number {
  const ks = new Set((cell.words ?? []).map((r) => r[0]))
  return Math.max(1, ks.size)
}

/**
 * Re-read the cells of the page's rule tables on the OCR pool; returns new tables (the input is
 * not changed). Cells without ink keep their page text (usually empty).
 */
export async function rereadTableCells(image: GreyImage, page: SourcePage, tables: readonly PageTable[], reader: CellReader, opts: CellOcrOptions = {}): Promise<PageTable[]> {
  const mode = opts.cells ?? 'unsure'
  const out: PageTable[] = []
  for (const t of tables) {
    // text layers have exact text; word-gap tables on scans get their id column re-read (the page
    // OCR drops or garbles short ids in a column of their own), other cells keep the page text less
    // its stray marks
    if (t.method !== 'rules' && t.method !== 'word-gaps') {
      out.push(t)
      continue
    }
    const idCol = idColumn(t)
    if (t.method === 'word-gaps' && idCol < 0) {
      out.push(t)
      continue
    }
    const ids = new Map<PageTableCell, string[]>()
    const jobs = t.cells.map(async (cell): Promise<PageTableCell> => {
      const isId = cell.col === idCol && cell.colSpan === 1
      const pageText = cell.text.trim()
      const idCell = isId && roleOf(pageText) === null
      if (t.method === 'word-gaps' && !idCell) return withoutStrayMarks(page, cell)
      const kept = idCell ? cell : withoutStrayMarks(page, cell)
      if (mode === 'short' && !idCell && cell.text.length > 12) return kept
      const unread = unreadInk(image, page, cell)
      if (mode === 'unsure' && !idCell && !unsureCell(page, cell) && !unread) return kept
      const crop = cellCrop(image, cell.box, { seal: unread && !idCell })
      if (!crop) return kept
      if (idCell) {
        // an id's own crop is read as is (whitening a lighter ink would thin a faint scan's digits);
        // where the page read lost the id under a seal, the crop without the seal is read as well
        const sealed = unread ? cellCrop(image, cell.box, { seal: true }) : null
        const crops = sealed && !sameImage(sealed, crop) ? [crop, sealed] : [crop]
        ids.set(cell, [...(await readId(reader, crops, page.page)), pageText])
        return cell
      }
      const lines = lineCount(page, cell)
      const read = await readText(reader, crop, page.page, { tessedit_pageseg_mode: lines > 1 ? '6' : '7' })
      const { conf } = read
      // where the page read lost words, a crop read with more words wins unless it is poor itself
      const more = unread && read.words.length > (cell.words ?? []).length && conf >= LOST_WORDS_CONF
      if (!read.text || read.text === cell.text || (!more && conf < (cell.conf ?? 0) - TOLERANCE)) return kept
      const text = dropStrayMarks(read.words)
      return { ...cell, text, conf: Math.round(conf * 1000) / 1000 }
    })
    const cells = await Promise.all(jobs)
    // the id column, in row order, through the numbering
    const idCells = cells.filter((c) => ids.has(c)).sort((x, y) => x.row - y.row)
    const fixed = repairIds(idCells.map((c) => ids.get(c)!))
    const byCell = new Map(idCells.map((c, k) => [c, fixed[k]]))
    out.push({ ...t, cells: cells.map((c) => (byCell.has(c) && byCell.get(c) !== c.text ? { ...c, text: byCell.get(c)! } : c)) })
  }
  return out
}
