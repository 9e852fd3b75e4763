import { describe, expect, it } from 'vitest'
import { extractPlan } from '../../src/extract/index.js'
import { stripDiacritics } from '../../src/normalize/syllable.js'
import { Report } from '../../src/report.js'
import { docFromText } from './doc.js'

const head = `TRUNG ƯƠNG HỘI CHỮ THẬP ĐỎ         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
VIỆT NAM       Độc lập - Tự do - Hạnh phúc
Số: 15/KH-TƯHCTĐ      Hà Nội, ngày 25 tháng 6 năm 2024

KẾ HOẠCH
Vận động nguồn lực năm 2024
`
const tail = `
Nơi nhận:
- Lưu: VT.

CHỦ TỊCH

Lê Văn B
`
// A task table read by OCR without its grid: the header one cell a line and repeated after the page
// break, each row's cells run together or spread over the lines around its number, some numbers
// misread ("12" for 1.2, "| 3 |" for 1.3) or standing alone on their line.
const table = `
III. HOẠT ĐỘNG
STT
HOẠT ĐỘNG
THỜI GIAN
THỰC HIỆN
KẾT QUẢ ĐẦU RA
1 |Nhiệm vụ 1: Nâng cao nhận thức của các cấp Hội về công tác vận động nguồn lực
1.1 |Quán triệt, triển khai Nghị quyết và xây dựng kế hoạch thực hiện Hằng năm |Kế hoạch
Giao nhiệm vụ cho các ban, đơn vị và cán bộ đầu mối phụ trách công tác vận động
12 |nguồn lực của Hội ở các cấp          Quý I/2025   |Quyết định
phân công
STT
HOẠT ĐỘNG
THỜI GIAN
KẾT QUẢ ĐẦU RA
| 3 |Báo cáo, đánh giá kết quả triển khai các nguồn tài trợ với đối tác |Thường xuyên
2 |Nhiệm vụ 2: Thành lập và phát triển Quỹ hoạt động Chữ thập đỏ cấp tỉnh, thành phố
2.1
Hỗ trợ các tỉnh, thành Hội xây dựng đề án, hồ sơ và quy trình thành lập Quỹ
Hướng dẫn
Quý IV, 2024
Giám sát, kiểm tra việc quản lý và tổ chức thực hiện Quỹ hoạt động cấp tỉnh theo
quy định của Nghị định về tổ chức, hoạt động của quỹ xã hội, quỹ từ thiện
Tổ chức thực hiện
2.3 |Công tác quản lý, tổ chức thực hiện, kiểm tra hoạt động của Quỹ |6 tháng và cả năm
`
const tasksOf = (text: string) => extractPlan(docFromText(head + text + tail), new Report()).tasks

describe('a task table whose grid OCR lost (cells read as interleaved lines)', () => {
  const tasks = tasksOf(table)
  it('rows are found by their numbers counting up, misread numbers repaired from the sequence', () => {
    expect(tasks.map((t) => t.id)).toEqual(['1', '1.1', '1.2', '1.3', '2', '2.1', '2.2', '2.3'])
    expect(tasks.every((t) => t.origin === 'table')).toBe(true)
  })
  it('an activity starts on its number\'s line, above it when that line continues a sentence, or below a number alone', () => {
    expect(tasks.map((t) => t.content)).toEqual([
      'Nhiệm vụ 1: Nâng cao nhận thức của các cấp Hội về công tác vận động nguồn lực',
      'Quán triệt, triển khai Nghị quyết và xây dựng kế hoạch thực hiện',
      'Giao nhiệm vụ cho các ban, đơn vị và cán bộ đầu mối phụ trách công tác vận động nguồn lực của Hội ở các cấp',
      'Báo cáo, đánh giá kết quả triển khai các nguồn tài trợ với đối tác',
      'Nhiệm vụ 2: Thành lập và phát triển Quỹ hoạt động Chữ thập đỏ cấp tỉnh, thành phố',
      'Hỗ trợ các tỉnh, thành Hội xây dựng đề án, hồ sơ và quy trình thành lập Quỹ',
      'Giám sát, kiểm tra việc quản lý và tổ chức thực hiện Quỹ hoạt động cấp tỉnh theo quy định của Nghị định về tổ chức, hoạt động của quỹ xã hội, quỹ từ thiện',
      'Công tác quản lý, tổ chức thực hiện, kiểm tra hoạt động của Quỹ',
    ])
  })
  it('a group row ("Nhiệm vụ 2: …") is the group of the rows numbered under it', () => {
    expect(tasks.find((t) => t.id === '2.1')!.group).toBe(tasks.find((t) => t.id === '2')!.content)
    expect(tasks.find((t) => t.id === '1.3')!.group).toBe(tasks.find((t) => t.id === '1')!.content)
  })
  it('timelines are the timeline cells beside or below the activity; none is guessed from a count in another cell', () => {
    expect(tasks.map((t) => t.timeline)).toEqual([null, 'Hằng năm', 'Quý I/2025', 'Thường xuyên', null, 'Quý IV, 2024', null, null])
    expect(tasks.find((t) => t.id === '2.1')!.period).toEqual({ start: '2024-10-01', end: '2024-12-31', recurrence: null })
  })
  it('rows with a repaired number, and a row whose number was lost, are less certain than rows read as printed', () => {
    const conf = Object.fromEntries(tasks.map((t) => [t.id, t.confidence]))
    expect(conf['1.2']).toBeLessThan(conf['1.1'])
    expect(conf['1.3']).toBeLessThan(conf['2.1'])
    expect(conf['2.2']).toBeLessThan(conf['1.2'])
  })
  it('the same table without diacritics gives the same rows', () => {
    const plain = tasksOf(stripDiacritics(table))
    expect(plain.map((t) => t.id)).toEqual(['1', '1.1', '1.2', '1.3', '2', '2.1', '2.2', '2.3'])
    expect(plain.map((t) => t.content.slice(0, 24))).toEqual(tasks.map((t) => stripDiacritics(t.content).slice(0, 24)))
  })
  it('a table the layout stage read (its lines flagged as table rows) is not read again from its text', () => {
    const after = 'Các đơn vị báo cáo kết quả thực hiện về Ban Thường trực trước ngày 15/12 hằng năm.\n'
    const doc = docFromText(head + table + after + tail)
    let inside = false
    for (const l of doc.lines) {
      if (l.text === 'STT') inside = true
      if (l.text === after.trim()) inside = false
      if (inside && l.text) l.inTable = true
    }
    expect(extractPlan(doc, new Report()).tasks.filter((t) => t.origin === 'table')).toEqual([])
  })
  it('without a header naming the columns, numbered lines stay the outline\'s list items', () => {
    const list = tasksOf('\nIII. HOẠT ĐỘNG\n1. Quán triệt Nghị quyết\n2. Giao nhiệm vụ cho các ban\n')
    expect(list.map((t) => [t.id, t.origin])).toEqual([['1', 'list'], ['2', 'list']])
  })
})
