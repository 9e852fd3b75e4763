import { describe, expect, it } from 'vitest'
import { layoutDocument } from '../../src/layout/index.js'
import { tasksFromTables } from '../../src/extract/table-tasks.js'
import type { PageTable, PageTableCell } from '../../src/schema/page.js'
import type { Table } from '../../src/schema/plan.js'
import { line, page } from './helpers.js'

const cell = (row: number, col: number, text: string, rowSpan = 1, colSpan = 1): PageTableCell => ({ row, col, rowSpan, colSpan, text, box: [100 + col * 200, 100 + row * 50, 300 + col * 200, 150 + row * 50] })
const header: PageTableCell[] = [
  cell(0, 0, 'STT', 2), cell(0, 1, 'HOẠT ĐỘNG', 2), cell(0, 2, 'THỜI GIAN THỰC HIỆN', 2), cell(0, 3, 'CẤP THỰC HIỆN/KẾT QUẢ ĐẦU RA', 1, 2),
  cell(1, 3, 'Trung ương'), cell(1, 4, 'Các tỉnh, thành Hội'),
]
const pt = (cells: PageTableCell[], rows: number, y0 = 100): PageTable => ({ box: [100, y0, 1100, y0 + rows * 50], rows, cols: 5, cells, method: 'rules' })

describe('document tables', () => {
  it('joins a table continued on the next page with its header repeated', () => {
    const p1 = page(1, [line('Bảng nhiệm vụ', 100, 50)], {
      tables: [pt([...header, cell(2, 0, 'I'), cell(2, 1, 'Nhiệm vụ 1: Tuyên truyền', 1, 4), cell(3, 0, '1.1'), cell(3, 1, 'Quán triệt kế hoạch'), cell(3, 2, 'Quý II'), cell(3, 3, 'Hội nghị toàn quốc'), cell(3, 4, 'Hội nghị tại địa phương')], 4, 2400)],
    })
    const p2 = page(2, [], {
      tables: [pt([...header, cell(2, 0, '1.2'), cell(2, 1, 'Biên soạn tài liệu'), cell(2, 2, 'Quý III'), cell(2, 3, 'Phát hành'), cell(2, 4, 'Phổ biến')], 3, 120)],
    })
    const doc = layoutDocument([p1, p2])
    expect(doc.tables).toHaveLength(1)
    const t = doc.tables[0]
    expect(t.pages).toEqual([1, 2])
    expect(t.headerRows).toBe(2)
    expect(t.columns).toEqual(['STT', 'HOẠT ĐỘNG', 'THỜI GIAN THỰC HIỆN', 'CẤP THỰC HIỆN/KẾT QUẢ ĐẦU RA / Trung ương', 'CẤP THỰC HIỆN/KẾT QUẢ ĐẦU RA / Các tỉnh, thành Hội'])
    expect(t.cells.filter((c) => c.row === 4).map((c) => [c.text, c.page])).toEqual([['1.2', 2], ['Biên soạn tài liệu', 2], ['Quý III', 2], ['Phát hành', 2], ['Phổ biến', 2]])
    expect(t.cells.filter((c) => c.text === 'STT')).toHaveLength(1)
  })

  it('keeps unrelated tables apart and marks lines inside a table', () => {
    const l = line('1.1 Quán triệt kế hoạch Quý II', 120, 180)
    const p1 = page(1, [line('Văn bản mở đầu', 100, 50), l], { tables: [pt([...header, cell(2, 0, '1.1', 1, 1)], 3)] })
    const p2 = page(2, [], { tables: [{ ...pt([cell(0, 0, 'Tên'), cell(0, 1, 'Số lượng'), cell(1, 0, 'Máy tính'), cell(1, 1, '5')], 2, 1800), cols: 2 }] })
    const doc = layoutDocument([p1, p2])
    expect(doc.tables).toHaveLength(2)
    expect(doc.lines.find((x) => x.text.startsWith('1.1'))?.inTable).toBe(true)
    expect(doc.lines.find((x) => x.text.startsWith('Văn bản'))?.inTable).toBeUndefined()
  })

  it('rebuilds cell text from the normalized lines through word refs', () => {
    const l = line('Quan triet ke hoach', 300, 260)
    const p = page(1, [l], { tables: [pt([...header, { ...cell(2, 1, 'Quan triet ke hoach'), words: [[0, 0], [0, 1], [0, 2], [0, 3]] }], 3)] })
    p.normalizedLines = ['Quán triệt kế hoạch']
    const doc = layoutDocument([p])
    expect(doc.tables[0].cells.find((c) => c.row === 2)?.text).toBe('Quán triệt kế hoạch')
  })
})

describe('tasksFromTables', () => {
  const c = (row: number, col: number, text: string, rowSpan = 1, colSpan = 1) => ({ row, col, rowSpan, colSpan, text, page: 3, lines: [row, row] as [number, number], box: [0, row * 10, 100, row * 10 + 10] as [number, number, number, number] })
  const table: Table = {
    pages: [3],
    columns: ['STT', 'Nội dung', 'Thời gian', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Kết quả / Sản phẩm'],
    headerRows: 1,
    cells: [
      c(0, 0, 'STT'), c(0, 1, 'Nội dung'), c(0, 2, 'Thời gian'), c(0, 3, 'Đơn vị chủ trì'), c(0, 4, 'Đơn vị phối hợp'), c(0, 5, 'Sản phẩm'),
      c(1, 0, 'I'), c(1, 1, 'Nhiệm vụ 1: Hoàn thiện thể chế', 1, 5),
      c(2, 0, '1.'), c(2, 1, 'Rà soát văn bản'), c(2, 2, 'Năm 2025', 2), c(2, 3, 'Sở Tư pháp'), c(2, 4, 'Sở Nội vụ; Văn phòng UBND'), c(2, 5, 'Báo cáo'),
      c(3, 0, '2.'), c(3, 1, 'Ban hành quy chế'), c(3, 3, 'Sở Nội vụ'), c(3, 4, ''), c(3, 5, 'Quy chế'),
    ],
    prov: { page: 3, lines: [0, 3] },
    confidence: 0.9,
  }
  it('reads ids, groups, roles and spanning time cells', () => {
    const tasks = tasksFromTables([table])
    expect(tasks.map((t) => [t.id, t.group, t.content, t.timeline, t.lead, t.cooperating, t.outputs])).toEqual([
      ['1', 'Nhiệm vụ 1: Hoàn thiện thể chế', 'Rà soát văn bản', 'Năm 2025', 'Sở Tư pháp', ['Sở Nội vụ', 'Văn phòng UBND'], { 'Sản phẩm': 'Báo cáo' }],
      ['2', 'Nhiệm vụ 1: Hoàn thiện thể chế', 'Ban hành quy chế', 'Năm 2025', 'Sở Nội vụ', [], { 'Sản phẩm': 'Quy chế' }],
    ])
    expect(tasks[0].origin).toBe('table')
    expect(tasks[0].prov).toEqual({ page: 3, lines: [2, 2], box: [0, 20, 100, 30] })
  })
  it('leaves non-task tables alone', () => {
    expect(tasksFromTables([{ ...table, columns: ['Tên', 'Số lượng'], headerRows: 1, cells: [c(0, 0, 'Tên'), c(0, 1, 'Số lượng'), c(1, 0, 'Máy tính'), c(1, 1, '5')] }])).toEqual([])
  })
})
