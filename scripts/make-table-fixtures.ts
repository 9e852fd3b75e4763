/**
 * Table fixtures under fixtures/tables/ (committed; tests and `npm run eval:layout` read them):
 * a plan whose task table runs over two pages (header repeated), with a two-level header
 * (CẤP THỰC HIỆN/KẾT QUẢ ĐẦU RA over Trung ương | Các tỉnh, thành Hội), group rows spanning the
 * columns ("Nhiệm vụ 1: …") and multi-line cells — the structure of seed 000, with content written
 * for the project. Three renderings: an office scan, a scan with faint, broken rules and more skew,
 * and a born-digital PDF (real text layer, drawn rules). Each has `<name>.truth.json`.
 *
 *   npm run fixtures:tables
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { seal } from './fixtures/artefacts.js'
import { A4, PROFILES, degrade, digitalPdf, drawPage, hasFontSet, imagePdf, jpeg, measure, rasterize, rng, useFontSet, type FontSetName, type Op, type Profile, type RuleOp } from './fixtures/render.js'

const PRODUCER = 'scripts/make-table-fixtures.ts'
const STYLES = ['regular', 'bold', 'italic'] as const
const OUT = path.resolve(import.meta.dirname, '..', 'fixtures', 'tables')

type Row =
  | { kind: 'group'; id: string; text: string }
  | { kind: 'task'; id: string; content: string; time: string; central: string; local: string }

const ROWS: Row[] = [
  { kind: 'group', id: 'A', text: 'Các chỉ tiêu chủ yếu đến năm 2027' },
  { kind: 'task', id: '1', content: 'Đối với chỉ tiêu 100% cơ sở Hội sử dụng phần mềm quản lý hội viên thống nhất', time: 'Năm 2025 - 2026', central: 'Xây dựng phần mềm, tập huấn cán bộ quản trị cấp tỉnh', local: 'Cập nhật dữ liệu hội viên, báo cáo hằng quý' },
  { kind: 'task', id: '2', content: 'Đối với chỉ tiêu 70% thủ tục nội bộ của Hội được xử lý trên môi trường mạng', time: 'Hằng năm', central: 'Ban hành quy trình điện tử mẫu', local: 'Áp dụng quy trình, kiểm tra việc thực hiện ở cơ sở' },
  { kind: 'group', id: 'B', text: 'Nhiệm vụ và giải pháp chủ yếu' },
  { kind: 'group', id: 'I', text: 'Nhiệm vụ 1: Nâng cao nhận thức của cán bộ, hội viên về chuyển đổi số' },
  { kind: 'task', id: '1.1', content: 'Quán triệt kế hoạch đến toàn thể cán bộ chuyên trách các cấp Hội', time: 'Quý II năm 2025', central: 'Tổ chức hội nghị trực tuyến toàn quốc', local: 'Tổ chức hội nghị quán triệt tại địa phương' },
  { kind: 'task', id: '1.2', content: 'Biên soạn tài liệu hỏi đáp về kỹ năng số cho hội viên nông dân', time: 'Quý III năm 2025', central: 'Biên soạn, phát hành tài liệu điện tử', local: 'Nhân bản tài liệu, phổ biến đến chi hội' },
  { kind: 'task', id: '1.3', content: 'Tuyên truyền gương điển hình ứng dụng công nghệ trong sản xuất, kinh doanh', time: 'Hằng năm', central: 'Mở chuyên mục trên trang thông tin của Hội', local: 'Giới thiệu mỗi năm ít nhất 05 mô hình tiêu biểu' },
  { kind: 'group', id: 'II', text: 'Nhiệm vụ 2: Hoàn thiện hạ tầng và dữ liệu phục vụ hoạt động của Hội' },
  { kind: 'task', id: '2.1', content: 'Rà soát, chuẩn hóa danh sách hội viên và cập nhật vào cơ sở dữ liệu chung', time: 'Năm 2025', central: 'Hướng dẫn chuẩn dữ liệu, kiểm tra chất lượng', local: 'Rà soát danh sách, nhập liệu đầy đủ, chính xác' },
  { kind: 'task', id: '2.2', content: 'Trang bị thiết bị họp trực tuyến cho cơ quan Hội cấp huyện', time: 'Năm 2026', central: 'Hỗ trợ kỹ thuật, kết nối hệ thống', local: 'Bố trí kinh phí mua sắm thiết bị' },
  { kind: 'task', id: '2.3', content: 'Bảo đảm an toàn thông tin cho hệ thống phần mềm dùng chung', time: 'Thường xuyên', central: 'Giám sát, cảnh báo và xử lý sự cố', local: 'Phân công cán bộ phụ trách an toàn thông tin' },
  { kind: 'group', id: 'III', text: 'Nhiệm vụ 3: Kiểm tra, giám sát và sơ kết việc thực hiện' },
  { kind: 'task', id: '3.1', content: 'Kiểm tra việc triển khai kế hoạch tại các tỉnh, thành Hội', time: 'Quý IV hằng năm', central: 'Lập đoàn kiểm tra theo chuyên đề', local: 'Tự kiểm tra, báo cáo kết quả về Trung ương Hội' },
  { kind: 'task', id: '3.2', content: 'Sơ kết hai năm thực hiện kế hoạch, đề xuất điều chỉnh chỉ tiêu', time: 'Tháng 12 năm 2026', central: 'Tổ chức hội nghị sơ kết, khen thưởng', local: 'Xây dựng báo cáo sơ kết của đơn vị' },
]

/**
 * A second plan for the variants the table code was not tuned on: numeric group rows
 * ("1 | Nhiệm vụ 1: …" over 1.1, 1.2), more rows (three pages), other period words.
 */
const ROWS_B: Row[] = [
  { kind: 'group', id: '1', text: 'Nhiệm vụ 1: Tuyên truyền, phổ biến pháp luật về phòng, chống thiên tai' },
  { kind: 'task', id: '1.1', content: 'Xây dựng chuyên mục hỏi đáp trên đài truyền thanh xã về kỹ năng ứng phó với bão, lũ', time: '6 tháng đầu năm 2025', central: 'Cung cấp nội dung, tài liệu mẫu', local: 'Phát sóng định kỳ trên hệ thống loa' },
  { kind: 'task', id: '1.2', content: 'Tổ chức diễn tập phòng, chống thiên tai và tìm kiếm cứu nạn cấp huyện', time: 'Tháng 10 hằng năm', central: 'Hướng dẫn kịch bản, cử cán bộ theo dõi', local: 'Huy động lực lượng, phương tiện tham gia' },
  { kind: 'task', id: '1.3', content: 'Biên soạn sổ tay an toàn cho hộ gia đình vùng ven sông', time: 'Quý II/2025', central: 'Thẩm định nội dung sổ tay', local: 'In ấn, cấp phát đến từng hộ' },
  { kind: 'task', id: '1.4', content: 'Lồng ghép nội dung phòng, chống thiên tai vào sinh hoạt chi hội', time: 'Thường xuyên', central: 'Ban hành tài liệu sinh hoạt', local: 'Duy trì sinh hoạt hằng tháng' },
  { kind: 'group', id: '2', text: 'Nhiệm vụ 2: Củng cố lực lượng xung kích và trang thiết bị tại chỗ' },
  { kind: 'task', id: '2.1', content: 'Kiện toàn đội xung kích phòng, chống thiên tai ở các thôn, tổ dân phố', time: 'Quý I/2025', central: 'Hướng dẫn tiêu chí thành lập đội', local: 'Ra quyết định kiện toàn, phân công nhiệm vụ' },
  { kind: 'task', id: '2.2', content: 'Mua sắm áo phao, đèn pin, loa cầm tay cho đội xung kích', time: 'Năm 2025', central: 'Hỗ trợ một phần kinh phí', local: 'Bố trí ngân sách, tổ chức mua sắm' },
  { kind: 'task', id: '2.3', content: 'Tập huấn sơ cấp cứu và kỹ năng cứu hộ dưới nước cho thành viên đội', time: '2025 - 2027', central: 'Cử giảng viên, cấp chứng nhận', local: 'Lập danh sách học viên, bố trí địa điểm' },
  { kind: 'task', id: '2.4', content: 'Kiểm tra, bảo dưỡng phương tiện cứu hộ trước mùa mưa bão', time: 'Tháng 5 hằng năm', central: 'Kiểm tra xác suất tại một số địa phương', local: 'Lập biên bản kiểm tra, thay thế thiết bị hỏng' },
  { kind: 'group', id: '3', text: 'Nhiệm vụ 3: Khắc phục hậu quả và sơ kết, tổng kết' },
  { kind: 'task', id: '3.1', content: 'Vận động nguồn lực hỗ trợ người dân bị thiệt hại sau thiên tai', time: 'Khi có thiên tai', central: 'Kêu gọi các tổ chức, doanh nghiệp ủng hộ', local: 'Rà soát đối tượng, phân bổ hàng cứu trợ' },
  { kind: 'task', id: '3.2', content: 'Báo cáo kết quả thực hiện kế hoạch về Ban Chỉ huy cấp tỉnh', time: 'Trước ngày 15/12/2025', central: 'Tổng hợp báo cáo toàn tỉnh', local: 'Gửi báo cáo đúng thời hạn' },
  { kind: 'task', id: '3.3', content: 'Tổng kết giai đoạn, khen thưởng tập thể và cá nhân tiêu biểu', time: 'Quý IV/2027', central: 'Tổ chức hội nghị tổng kết', local: 'Đề xuất danh sách khen thưởng' },
]

const HEADER_LEFT = ['TRUNG ƯƠNG HỘI NÔNG DÂN', 'TỈNH LẠNG GIANG', 'Số: 27/KH-HND']
const HEADER_RIGHT = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Lạng Giang, ngày 12 tháng 3 năm 2025']
const END_LEFT = ['Nơi nhận:', '- Ban Thường vụ Hội;', '- Các huyện, thành Hội;', '- Lưu: VP.']
const END_RIGHT = ['TM. BAN THƯỜNG VỤ', 'CHỦ TỊCH', 'Hoàng Minh Tuấn']
const COLUMNS = ['STT', 'HOẠT ĐỘNG', 'THỜI GIAN THỰC HIỆN', 'CẤP THỰC HIỆN/KẾT QUẢ ĐẦU RA / Trung ương', 'CẤP THỰC HIỆN/KẾT QUẢ ĐẦU RA / Các tỉnh, thành Hội']

/** Column edges (points), font size, line height and cell padding of a table. */
type Geometry = { X: number[]; fs: number; lh: number; pad: number }
const GEOMETRY: Geometry = { X: [62, 96, 290, 364, 455, 546], fs: 10.5, lh: 13, pad: 4 }
/** Another table shape: a wider id column, a narrow content column, wide result columns, larger type. */
const GEOMETRY_B: Geometry = { X: [56, 100, 262, 350, 452, 552], fs: 11, lh: 14.5, pad: 5 }

/** `splitRows`: a row that does not fit breaks across the page (Word's default), its rest under the repeated header */
type Rules = { width: number; grey?: number; dash?: [number, number]; splitRows?: boolean; /** where the page's text area ends (pt) */ bottom?: number; /** false: rows go on over the next page without the header (Word's default) */ repeatHeader?: boolean }
type Truth = {
  name: string
  pages: number
  columns: string[]
  /** body rows in order: cells (col, colSpan, text) */
  rows: { kind: 'group' | 'task'; id: string; cells: { col: number; colSpan: number; text: string }[] }[]
  tasks: { id: string; group: string; content: string; timeline: string; outputs: Record<string, string> }[]
  header: { left: string[]; right: string[] }
  end: { left: string[]; right: string[] }
}

function wrap(t: string, size: number, width: number, bold = false): string[] {
  const out: string[] = []
  let cur = ''
  for (const w of t.split(' ')) {
    const cand = cur ? `${cur} ${w}` : w
    if (cur && measure(cand, size, { bold }) > width) {
      out.push(cur)
      cur = w
    } else cur = cand
  }
  if (cur) out.push(cur)
  return out
}

function build(rules: Rules, g: Geometry = GEOMETRY, rows: readonly Row[] = ROWS): Op[][] {
  const { X, lh: LH, pad: PAD } = g
  const FS = g.fs
  const pages: Op[][] = []
  let ops: Op[] = []
  let y = 0
  const rule = (x0: number, y0: number, x1: number, y1: number): RuleOp => ({ kind: 'line', x0, y0, x1, y1, width: rules.width, grey: rules.grey, dash: rules.dash })
  const text = (t: string, x: number, base: number, size: number, bold = false, italic = false) => ops.push({ kind: 'text', text: t, x, y: base, size, bold, italic })
  const centred = (t: string, cx: number, base: number, size: number, bold = false, italic = false) => text(t, cx - measure(t, size, { bold, italic }) / 2, base, size, bold, italic)
  const cellText = (lines: string[], x0: number, x1: number, top: number, centre: boolean, bold = false) =>
    lines.forEach((l, i) => (centre ? centred(l, (x0 + x1) / 2, top + PAD + FS + i * LH, FS, bold) : text(l, x0 + PAD, top + PAD + FS + i * LH, FS, bold)))
  const newPage = () => {
    ops = []
    pages.push(ops)
    y = 60
  }
  const tableHeader = () => {
    const top = y
    const h1 = 2 * LH + 2 * PAD
    const leaf = wrap('Các tỉnh, thành Hội', FS, X[5] - X[4] - 2 * PAD, true)
    const h2 = leaf.length * LH + 2 * PAD + 2
    cellText(['STT'], X[0], X[1], top + h1 / 2 - LH / 2, true, true)
    cellText(['HOẠT ĐỘNG'], X[1], X[2], top + h1 / 2 - LH / 2, true, true)
    cellText(wrap('THỜI GIAN THỰC HIỆN', FS, X[3] - X[2] - 2 * PAD, true), X[2], X[3], top + 4, true, true)
    cellText(wrap('CẤP THỰC HIỆN/KẾT QUẢ ĐẦU RA', FS, X[5] - X[3] - 2 * PAD, true), X[3], X[5], top, true, true)
    cellText(['Trung ương'], X[3], X[4], top + h1, true, true)
    cellText(leaf, X[4], X[5], top + h1, true, true)
    ops.push(rule(X[0], top, X[5], top), rule(X[3], top + h1, X[5], top + h1))
    for (const x of [X[0], X[1], X[2], X[3], X[5]]) ops.push(rule(x, top, x, top + h1 + h2))
    ops.push(rule(X[4], top + h1, X[4], top + h1 + h2))
    y = top + h1 + h2
    ops.push(rule(X[0], y, X[5], y))
  }
  newPage()
  HEADER_LEFT.forEach((t, i) => centred(t, 175, y + 12 + i * 16, 12, i < 2))
  HEADER_RIGHT.forEach((t, i) => centred(t, 410, y + 12 + i * 16, i === 2 ? 12 : 12, i < 2, i === 2))
  y += 80
  centred('KẾ HOẠCH', A4.width / 2, y, 14, true)
  centred('Thực hiện chuyển đổi số trong hoạt động của Hội giai đoạn 2025 - 2027', A4.width / 2, y + 18, 12, true)
  y += 50
  for (const l of wrap('Thực hiện chương trình công tác năm 2025, Ban Thường vụ Hội ban hành Kế hoạch thực hiện chuyển đổi số trong hoạt động của Hội với các nội dung sau:', 12, 453)) {
    text(l, 85, y, 12)
    y += 16
  }
  y += 6
  text('III. Hoạt động', 85, y, 12, true)
  y += 12
  tableHeader()
  for (const r of rows) {
    const cells =
      r.kind === 'group'
        ? [{ x0: X[1], x1: X[5], lines: wrap(r.text, FS, X[5] - X[1] - 2 * PAD, true), bold: true }]
        : [
            { x0: X[1], x1: X[2], lines: wrap(r.content, FS, X[2] - X[1] - 2 * PAD), bold: false },
            { x0: X[2], x1: X[3], lines: wrap(r.time, FS, X[3] - X[2] - 2 * PAD), bold: false },
            { x0: X[3], x1: X[4], lines: wrap(r.central, FS, X[4] - X[3] - 2 * PAD), bold: false },
            { x0: X[4], x1: X[5], lines: wrap(r.local, FS, X[5] - X[4] - 2 * PAD), bold: false },
          ]
    const n = Math.max(...cells.map((c) => c.lines.length))
    const h = n * LH + 2 * PAD + 2
    const xs = r.kind === 'group' ? [X[0], X[1], X[5]] : X
    const bottom = rules.bottom ?? 790
    const fits = Math.floor((bottom - y - 2 * PAD - 2) / LH)
    if (y + h > bottom && rules.splitRows && fits >= 1 && fits < n) {
      // the first lines of each cell close this page; the rest opens the next one, under the header
      const hA = fits * LH + 2 * PAD + 2
      cellText([r.id], X[0], X[1], y, true, r.kind === 'group')
      for (const c of cells) cellText(c.lines.slice(0, fits), c.x0, c.x1, y, false, c.bold)
      for (const x of xs) ops.push(rule(x, y, x, y + hA))
      ops.push(rule(X[0], y + hA, X[5], y + hA))
      newPage()
      if (rules.repeatHeader !== false) tableHeader()
      const hB = (n - fits) * LH + 2 * PAD + 2
      for (const c of cells) cellText(c.lines.slice(fits), c.x0, c.x1, y, false, c.bold)
      for (const x of xs) ops.push(rule(x, y, x, y + hB))
      y += hB
      ops.push(rule(X[0], y, X[5], y))
      console.log(`  row ${r.id} split across pages after ${fits} of ${n} lines`)
      continue
    }
    if (y + h > bottom) {
      newPage()
      if (rules.repeatHeader !== false) tableHeader()
      else ops.push(rule(X[0], y, X[5], y))
    }
    cellText([r.id], X[0], X[1], y, true, r.kind === 'group')
    for (const c of cells) cellText(c.lines, c.x0, c.x1, y, false, c.bold)
    for (const x of xs) ops.push(rule(x, y, x, y + h))
    y += h
    ops.push(rule(X[0], y, X[5], y))
  }
  y += 24
  if (y + 110 > 800) newPage()
  text('Đề nghị các cấp Hội nghiêm túc triển khai thực hiện Kế hoạch này./.', 85, y, 12)
  y += 30
  // "Nơi nhận:" bold (the committed fixtures were drawn without a bold-italic face)
  END_LEFT.forEach((t, i) => text(t, 85, y + i * 14, i === 0 ? 11 : 10, i === 0))
  END_RIGHT.forEach((t, i) => centred(t, 410, y + (i === 2 ? 80 : i * 16), 12, true))
  return pages
}

function truth(name: string, pages: number, rowsIn: readonly Row[] = ROWS): Truth {
  const rows: Truth['rows'] = []
  const tasks: Truth['tasks'] = []
  let group = ''
  for (const r of rowsIn) {
    if (r.kind === 'group') {
      group = r.text
      rows.push({ kind: 'group', id: r.id, cells: [{ col: 0, colSpan: 1, text: r.id }, { col: 1, colSpan: 4, text: r.text }] })
    } else {
      rows.push({ kind: 'task', id: r.id, cells: [r.id, r.content, r.time, r.central, r.local].map((text, col) => ({ col, colSpan: 1, text })) })
      tasks.push({ id: r.id, group, content: r.content, timeline: r.time, outputs: { 'Trung ương': r.central, 'Các tỉnh, thành Hội': r.local } })
    }
  }
  return { name, pages, columns: COLUMNS, rows, tasks, header: { left: HEADER_LEFT, right: HEADER_RIGHT }, end: { left: END_LEFT, right: END_RIGHT } }
}

async function scanPdf(pages: Op[][], p: Profile, seed: number, title: string): Promise<Buffer> {
  const r = rng(seed)
  const jpegs: Buffer[] = []
  for (let i = 0; i < pages.length; i++) {
    const skew = Math.round((r.next() < 0.5 ? -1 : 1) * p.skew * (0.6 + 0.4 * r.next()) * 100) / 100
    jpegs.push(await jpeg(await degrade(rasterize(pages[i], p.dpi, skew), p, seed * 31 + i), p.jpegQuality))
  }
  return imagePdf(jpegs, title, PRODUCER)
}

type Variant = { name: string; font?: FontSetName; pages: Op[][]; rows: readonly Row[]; make: (pages: Op[][]) => Promise<Buffer> }

/** The variants the table code was tuned on: DejaVu Serif Condensed, one geometry, office scans. */
function tunedVariants(): Variant[] {
  const solid = build({ width: 0.8 })
  const faint = build({ width: 0.5, grey: 165, dash: [9, 1.6] })
  // a borderless table: the same plan without rules (word-gap columns)
  const borderless = solid.map((ops) => ops.filter((o) => o.kind !== 'line'))
  const split = build({ width: 0.8, splitRows: true, bottom: 775 })
  return [
    { name: 'table-office', pages: solid, rows: ROWS, make: (p) => scanPdf(p, PROFILES.office, 11, 'Kế hoạch (scan, office)') },
    { name: 'table-faint', pages: faint, rows: ROWS, make: (p) => scanPdf(p, { ...PROFILES.office, skew: 1.4, noise: 7, paper: 228, paperVariation: 10 }, 12, 'Kế hoạch (scan, faint rules)') },
    { name: 'table-digital', pages: solid, rows: ROWS, make: (p) => digitalPdf(p, 'Kế hoạch (born-digital)', PRODUCER, STYLES) },
    { name: 'table-borderless', pages: borderless, rows: ROWS, make: (p) => scanPdf(p, PROFILES.office, 13, 'Kế hoạch (scan, borderless table)') },
    { name: 'table-borderless-digital', pages: borderless, rows: ROWS, make: (p) => digitalPdf(p, 'Kế hoạch (born-digital, borderless table)', PRODUCER, STYLES) },
    { name: 'table-split', pages: split, rows: ROWS, make: (p) => scanPdf(p, PROFILES.office, 14, 'Kế hoạch (scan, row split across pages)') },
    { name: 'table-split-digital', pages: split, rows: ROWS, make: (p) => digitalPdf(p, 'Kế hoạch (born-digital, row split across pages)', PRODUCER, STYLES) },
  ]
}

/**
 * Variants the table code was NOT tuned on ("table-x-*"): another plan (ROWS_B), another geometry,
 * a Times-metric serif (Liberation Serif) and a sans (DejaVu Sans), 150 and 200 dpi, JPEG q40,
 * 2° skew, faint rules, rows going on over the next page without the header. Drawn only when the
 * font set is installed (FONT_SETS in fixtures/render.ts names the Debian package); skipped otherwise.
 */
function unseenVariants(): Variant[] {
  const out: Variant[] = []
  const poor150: Profile = { ...PROFILES.poor, dpi: 150, skew: 2, jpegQuality: 40 }
  if (hasFontSet('liberation-serif')) {
    useFontSet('liberation-serif')
    const solid = build({ width: 0.7 }, GEOMETRY_B, ROWS_B)
    const noHeader = build({ width: 0.7, repeatHeader: false }, GEOMETRY_B, ROWS_B)
    out.push(
      { name: 'table-x-times-office', font: 'liberation-serif', pages: solid, rows: ROWS_B, make: (p) => scanPdf(p, PROFILES.office, 21, 'Kế hoạch (scan, office, Times-like)') },
      { name: 'table-x-times-poor', font: 'liberation-serif', pages: solid, rows: ROWS_B, make: (p) => scanPdf(p, { ...PROFILES.poor, jpegQuality: 40 }, 22, 'Kế hoạch (scan, poor, Times-like)') },
      { name: 'table-x-times-digital', font: 'liberation-serif', pages: solid, rows: ROWS_B, make: (p) => digitalPdf(p, 'Kế hoạch (born-digital, Times-like)', PRODUCER, STYLES) },
      { name: 'table-x-times-seal', font: 'liberation-serif', pages: solid, rows: ROWS_B, make: (p) => sealedScanPdf(p, PROFILES.office, 26, 'Kế hoạch (scan, office, seal over cells)') },
      { name: 'table-x-times-noheader', font: 'liberation-serif', pages: noHeader, rows: ROWS_B, make: (p) => scanPdf(p, PROFILES.office, 23, 'Kế hoạch (scan, rows continue without header)') },
    )
  } else console.log('  liberation-serif missing (apt-get install fonts-liberation2): table-x-times-* skipped')
  if (hasFontSet('dejavu-sans')) {
    useFontSet('dejavu-sans')
    const solid = build({ width: 0.8 }, GEOMETRY, ROWS_B)
    const faint = build({ width: 0.5, grey: 175, dash: [7, 2] }, GEOMETRY_B, ROWS_B)
    out.push(
      { name: 'table-x-sans-150', font: 'dejavu-sans', pages: solid, rows: ROWS_B, make: (p) => scanPdf(p, poor150, 24, 'Kế hoạch (scan, 150 dpi, q40, 2° skew, sans)') },
      { name: 'table-x-sans-faint', font: 'dejavu-sans', pages: faint, rows: ROWS_B, make: (p) => scanPdf(p, { ...PROFILES.office, dpi: 200, skew: 2, noise: 8, paper: 226, paperVariation: 12, jpegQuality: 40 }, 25, 'Kế hoạch (scan, faint rules, 200 dpi, sans)') },
    )
  } else console.log('  dejavu-sans missing (apt-get install fonts-dejavu-core): table-x-sans-* skipped')
  return out
}

/**
 * An office scan with a red round seal over table cells of page 1 (ids and content of a few rows),
 * the way a "SAO Y" copy or a misplaced seal covers a table; the scanner's grey is the luminance, so
 * red ink becomes a mid grey over the black text.
 */
async function sealedScanPdf(pages: Op[][], p: Profile, seed: number, title: string): Promise<Buffer> {
  const r = rng(seed)
  const jpegs: Buffer[] = []
  for (let i = 0; i < pages.length; i++) {
    const skew = Math.round((r.next() < 0.5 ? -1 : 1) * p.skew * (0.6 + 0.4 * r.next()) * 100) / 100
    const { ctx, width, height } = drawPage(pages[i], p.dpi, skew)
    if (i === 0) {
      ctx.globalCompositeOperation = 'multiply'
      seal(ctx, 150, 560, 52, ['HỘI NÔNG DÂN TỈNH', 'BAN THƯỜNG VỤ'], r)
    }
    const rgba = ctx.getImageData(0, 0, width, height).data
    const data = new Uint8Array(width * height)
    for (let k = 0; k < data.length; k++) data[k] = Math.round(0.299 * rgba[k * 4] + 0.587 * rgba[k * 4 + 1] + 0.114 * rgba[k * 4 + 2])
    jpegs.push(await jpeg(await degrade({ width, height, data, dpi: p.dpi }, p, seed * 31 + i), p.jpegQuality))
  }
  return imagePdf(jpegs, title, PRODUCER)
}

async function main() {
  mkdirSync(OUT, { recursive: true })
  const only = process.argv[2] ?? ''
  const variants = [...tunedVariants(), ...unseenVariants()].filter((v) => v.name.includes(only))
  for (const v of variants) {
    useFontSet(v.font ?? 'dejavu-serif-condensed') // the font the variant was laid out in draws it
    const bytes = await v.make(v.pages)
    writeFileSync(path.join(OUT, `${v.name}.pdf`), bytes)
    writeFileSync(path.join(OUT, `${v.name}.truth.json`), JSON.stringify(truth(v.name, v.pages.length, v.rows), null, 1) + '\n')
    console.log(`${v.name}.pdf  ${v.pages.length} pages  ${(bytes.length / 1024).toFixed(0)} KiB`)
  }
}

await main()
