import { describe, expect, it } from 'vitest'
import { detectTablesByWordGaps } from '../../src/layout/tables/word-gaps.js'
import { layoutDocument } from '../../src/layout/index.js'
import { tasksFromTables } from '../../src/extract/table-tasks.js'
import type { PageLine } from '../../src/schema/page.js'
import { line, page } from './helpers.js'

const o = { ch: 16, h: 40 }
const X = [200, 330, 1150, 1500, 1950] // column starts: STT | Nội dung | Thời gian | Chủ trì | Kết quả
/** One table row: cell texts (each may wrap: '\n'), laid from `y` with a 50 px pitch inside the cell. */
function row(cells: string[], y: number): { lines: PageLine[]; height: number } {
  const lines: PageLine[] = []
  let n = 1
  cells.forEach((t, c) => {
    if (!t) return
    t.split('\n').forEach((part, i) => lines.push(line(part, X[c], y + i * 50, o)))
    n = Math.max(n, t.split('\n').length)
  })
  return { lines, height: n * 50 + 40 }
}
const prose = (y: number) => [
  line('Thực hiện chương trình công tác năm 2025, Ban Thường vụ ban hành kế hoạch', 200, y, o),
  line('chuyển đổi số trong hoạt động của Hội với các nội dung như sau đây:', 200, y + 50, o),
]

function tablePage() {
  const lines: PageLine[] = [...prose(300)]
  let y = 450
  for (const cells of [
    ['STT', 'Nội dung', 'Thời gian', 'Chủ trì', 'Kết quả'],
    ['I', 'Nhiệm vụ 1: Tuyên truyền về chuyển đổi số'],
    ['1.1', 'Quán triệt kế hoạch đến\ntoàn thể cán bộ', 'Quý II', 'Văn phòng', 'Hội nghị'],
    ['1.2', 'Biên soạn tài liệu', 'Quý III', 'Ban Tuyên giáo', 'Tài liệu\nđiện tử'],
    ['1.3', 'Tuyên truyền gương điển hình', 'Hằng năm', 'Ban Tuyên giáo', 'Chuyên mục'],
  ]) {
    const r = row(cells, y)
    lines.push(...r.lines)
    y += r.height
  }
  lines.push(...prose(y + 60))
  return page(1, lines)
}

describe('word-gap tables', () => {
  it('finds a borderless table between paragraphs, with rows, wrapped cells and a group row', () => {
    const p = tablePage()
    const [t, ...rest] = detectTablesByWordGaps(p)
    expect(rest).toEqual([])
    expect(t.method).toBe('word-gaps')
    expect(t.cols).toBe(5)
    expect(t.rows).toBe(5)
    const at = (r: number, c: number) => t.cells.find((x) => x.row === r && x.col === c)
    expect([0, 1, 2, 3, 4].map((c) => at(0, c)?.text)).toEqual(['STT', 'Nội dung', 'Thời gian', 'Chủ trì', 'Kết quả'])
    expect(at(1, 1)?.colSpan).toBe(4)
    expect(at(2, 1)?.text).toBe('Quán triệt kế hoạch đến toàn thể cán bộ')
    expect(at(3, 4)?.text).toBe('Tài liệu điện tử')
    expect(at(4, 0)?.text).toBe('1.3')
    // word refs point at the page words
    const [k, i] = at(2, 0)!.words![0]
    expect(p.lines[k].words![i].text).toBe('1.1')
    // and the tasks come out of it
    const doc = layoutDocument([{ ...p, tables: [t] }])
    expect(tasksFromTables(doc.tables).map((x) => [x.id, x.group, x.content, x.timeline, x.lead])).toEqual([
      ['1.1', 'Nhiệm vụ 1: Tuyên truyền về chuyển đổi số', 'Quán triệt kế hoạch đến toàn thể cán bộ', 'Quý II', 'Văn phòng'],
      ['1.2', 'Nhiệm vụ 1: Tuyên truyền về chuyển đổi số', 'Biên soạn tài liệu', 'Quý III', 'Ban Tuyên giáo'],
      ['1.3', 'Nhiệm vụ 1: Tuyên truyền về chuyển đổi số', 'Tuyên truyền gương điển hình', 'Hằng năm', 'Ban Tuyên giáo'],
    ])
  })

  it('leaves two-column text (header block, end block) and prose alone', () => {
    const p = page(1, [
      line('ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 150, 150, { ...o, gaps: { 3: 500 } }),
      line('HUYỆN HỚN QUẢN Độc lập - Tự do - Hạnh phúc', 250, 200, { ...o, gaps: { 2: 420 } }),
      line('Số: 154/KH-UBND Hớn Quản, ngày 25 tháng 6 năm 2024', 250, 300, { ...o, gaps: { 1: 700 } }),
      ...prose(450),
      ...prose(560),
      line('Nơi nhận: KT. CHỦ TỊCH', 200, 900, { ...o, gaps: { 1: 1000 } }),
      line('- Như trên; PHÓ CHỦ TỊCH', 200, 950, { ...o, gaps: { 2: 900 } }),
      line('- Sở Nội vụ;', 200, 1000, o),
      line('- Lưu: VT. Nguyễn Văn An', 200, 1050, { ...o, gaps: { 2: 950 } }),
    ])
    expect(detectTablesByWordGaps(p)).toEqual([])
  })

  it('keeps a wide group row (its id dropped by the OCR) inside the table, and the prose after it out', () => {
    const lines: PageLine[] = [...prose(300)]
    let y = 450
    const group = 'Nhiệm vụ 2: Hoàn thiện hạ tầng và dữ liệu phục vụ hoạt động của Hội và các tổ chức thành viên'
    for (const cells of [
      ['STT', 'Nội dung', 'Thời gian', 'Chủ trì', 'Kết quả'],
      ['1.1', 'Quán triệt kế hoạch đến\ntoàn thể cán bộ', 'Quý II', 'Văn phòng', 'Hội nghị'],
      ['1.2', 'Biên soạn tài liệu', 'Quý III', 'Ban Tuyên giáo', 'Tài liệu\nđiện tử'],
      ['', group],
      ['2.1', 'Rà soát danh sách hội viên', 'Năm 2025', 'Văn phòng', 'Dữ liệu'],
      ['2.2', 'Trang bị thiết bị họp', 'Năm 2026', 'Văn phòng', 'Thiết bị'],
    ]) {
      const r = row(cells, y)
      lines.push(...r.lines)
      y += r.height
    }
    // a one-line paragraph at the paragraph indent, then the end block
    lines.push(line('Đề nghị các cấp Hội nghiêm túc triển khai thực hiện Kế hoạch này và báo cáo kết quả./.', 260, y + 20, o))
    lines.push(line('Nơi nhận: TM. BAN THƯỜNG VỤ', 200, y + 120, { ...o, gaps: { 1: 1000 } }))
    lines.push(line('- Như trên; CHỦ TỊCH', 200, y + 170, { ...o, gaps: { 2: 1050 } }))
    const p = page(1, lines)
    expect(lines.find((l) => l.text === group)!.box![2] - 330).toBeGreaterThan(0.6 * (2300 - 200))
    const tables = detectTablesByWordGaps(p)
    expect(tables).toHaveLength(1)
    const [t] = tables
    expect(t.rows).toBe(6)
    const at = (r: number, c: number) => t.cells.find((x) => x.row === r && x.col === c)
    expect(at(3, 1)?.text).toBe(group)
    expect(at(3, 1)?.colSpan).toBe(4)
    expect(at(5, 0)?.text).toBe('2.2')
    expect(t.cells.some((c) => /Đề nghị|Nơi nhận/.test(c.text))).toBe(false)
  })

  it('joins a spanning header whose word spaces are near the column gap (thresholds from the measured spacing)', () => {
    // word spaces 16 px (0.4 of the word height); the header "Kết quả đầu ra" spans the last two
    // columns, its words 22 px apart, wider than 0.55 × 40 px but well under the 60+ px column gaps
    const wide = { ch: 16, h: 40, gaps: { 0: 6, 1: 6, 2: 6 } }
    const lines: PageLine[] = [
      line('STT', 200, 450, o),
      line('Nội dung', 330, 450, o),
      line('Thời gian', 1150, 450, o),
      line('Kết quả đầu ra', 1700, 450, wide), // "đầu" in column 4, "ra" past the separator in column 5
      line('Trung ương', 1500, 500, o),
      line('Địa phương', 1950, 500, o),
    ]
    let y = 590
    for (const cells of [
      ['1', 'Quán triệt kế hoạch', 'Quý II', 'Hội nghị', 'Báo cáo'],
      ['2', 'Biên soạn tài liệu', 'Quý III', 'Tài liệu', 'Phổ biến'],
      ['3', 'Tuyên truyền', 'Hằng năm', 'Chuyên mục', 'Tin bài'],
      ['4', 'Rà soát danh sách', 'Năm 2025', 'Dữ liệu', 'Nhập liệu'],
      ['5', 'Trang bị thiết bị', 'Năm 2026', 'Thiết bị', 'Kinh phí'],
    ]) {
      const r = row(cells, y)
      lines.push(...r.lines)
      y += r.height
    }
    const [t] = detectTablesByWordGaps(page(1, lines))
    expect(t).toBeDefined()
    const top = t.cells.find((c) => c.row === 0 && c.text.startsWith('Kết quả'))
    expect(top?.text).toBe('Kết quả đầu ra')
    expect([top?.col, top?.colSpan]).toEqual([3, 2])
    expect(t.cells.filter((c) => c.row === 1).map((c) => c.text)).toEqual(['Trung ương', 'Địa phương'])
  })

  it('skips the lines it is told to (inside ruled tables)', () => {
    const p = tablePage()
    expect(detectTablesByWordGaps(p, { skip: new Set(p.lines.map((_, k) => k)) })).toEqual([])
  })
})
