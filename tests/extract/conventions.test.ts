// Rules added for documents beyond the development set: each a convention of Vietnamese
// administrative documents, tested on short snippets (plain text and laid-out lines).
import { describe, expect, it } from 'vitest'
import { extractPlan } from '../../src/extract/index.js'
import { splitHeaderLine } from '../../src/extract/header-columns.js'
import { restoreIssuerCode } from '../../src/extract/header.js'
import { bareCitation } from '../../src/extract/legal-bases.js'
import { findCitations } from '../../src/extract/cite.js'
import { findDeadlines, findQuantities } from '../../src/extract/quantities.js'
import { looksLikeName, nameCase, positionCase, trailingPosition } from '../../src/extract/signer.js'
import { organCase } from '../../src/extract/text.js'
import { Report } from '../../src/report.js'
import type { DocLine, LaidOutDocument } from '../../src/layout/document.js'
import { docFromText } from './doc.js'

const tail = `
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

I. MỤC ĐÍCH, YÊU CẦU
- Nội dung.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An`

const run = (doc: LaidOutDocument) => extractPlan(doc, new Report())
const head = (header: string) => run(docFromText(header + '\n\nKẾ HOẠCH\nVề việc thử\n' + tail)).document

describe('header: motto and decoration never join the issuer or the place', () => {
  it.each([
    ['TỈNH ỦY QUẢNG NGÃI ĐẢNG CỘNG SẢN VIỆT NAM', 'Tỉnh ủy Quảng Ngãi', null],
    ['BCH ĐOÀN TỈNH ĐỒNG THÁP      ĐOÀN TNCS HỒ CHÍ MINH', 'Ban Chấp hành Đoàn tỉnh Đồng Tháp', null],
    ['ĐẢNG BỘ TỈNH BẮC GIANG      ĐẢNG CỘNG SẢN VIỆT NAM\n  HUYỆN ỦY LỤC NAM', 'Huyện ủy Lục Nam', 'Đảng bộ tỉnh Bắc Giang'],
    ['ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nBAN CHỈ ĐẠO CHƯƠNG TRÌNH\nGIẢM NGHÈO BỀN VỮNG', 'Ban Chỉ đạo Chương trình giảm nghèo bền vững', 'Ủy ban nhân dân Thành phố Hồ Chí Minh'],
  ])('%s', (issuerBlock, issuer, parent) => {
    const d = head(`${issuerBlock}\nSố: 12/KH-X            Hà Nội, ngày 05 tháng 3 năm 2025`)
    expect(d.issuer.name).toBe(issuer)
    expect(d.issuer.parent?.toLowerCase() ?? null).toBe(parent?.toLowerCase() ?? null)
  })

  it('a name that ends in the motto words is not cut ("TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH")', () => {
    expect(splitHeaderLine('TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH').reason).toBe('none')
    expect(splitHeaderLine('BCH ĐOÀN TỈNH X      ĐOÀN TNCS HỒ CHÍ MINH').reason).toBe('motto')
  })

  it.each([
    ['         *                      Lục Nam, ngày 5 tháng 3 năm 2023', 'Lục Nam'],
    ['  -----     Hà Nội, ngày 05 tháng 3 năm 2025', 'Hà Nội'],
  ])('place without decoration: %s', (dateLine, place) => {
    expect(head(`UBND HUYỆN LỤC NAM\nSố: 12/KH-UBND\n${dateLine}`).place).toBe(place)
  })
})

/** Laid-out lines as the layout stage hands them over: column, block, span. */
function laid(rows: (Partial<DocLine> & { text: string })[]): LaidOutDocument {
  const lines = rows.map((r, k) => ({ page: 1, line: r.line ?? k, raw: r.text, ...r }))
  return { lines, pages: [{ page: 1, origin: 'ocr' as const }], tables: [] }
}

describe('header read from laid-out lines', () => {
  it('an unsplit left line holding the motto is split; a cut place word is moved right', () => {
    const d = run(laid([
      { line: 0, text: 'ỦY BAN NHÂN DÂN      ĐẢNG CỘNG SẢN VIỆT NAM', column: 'left', block: 'header' },
      { line: 1, text: 'BAN CHỈ ĐẠO GIẢM NGHÈO          TP.', column: 'left', block: 'header', span: [0, 33] },
      { line: 2, text: 'Số: 08/KH-BCĐ', column: 'left', block: 'header' },
      { line: 1, text: 'Hồ Chí Minh, ngày 17 tháng 02 năm 2025', column: 'right', block: 'header', span: [34, 72] },
      { line: 4, text: 'KẾ HOẠCH' },
      { line: 5, text: 'Thực hiện giảm nghèo' },
      { line: 7, text: 'I. MỤC TIÊU' },
      { line: 8, text: '- Nội dung.' },
    ])).document
    expect(d.issuer.name).toBe('Ban Chỉ đạo Giảm nghèo')
    expect(d.place).toBe('TP. Hồ Chí Minh')
  })
})

describe('end block', () => {
  it('columns handed over one after the other are read back in printed order', () => {
    const d = run(laid([
      { line: 0, text: 'KẾ HOẠCH' },
      { line: 1, text: 'Thử' },
      { line: 3, text: 'I. MỤC TIÊU' },
      { line: 4, text: '- Nội dung.' },
      { line: 7, text: '- Như trên;', column: 'left', block: 'end' },
      { line: 8, text: '- Lưu: VT.', column: 'left', block: 'end' },
      { line: 9, text: 'KT. CHỦ TỊCH', column: 'left', block: 'end' },
      { line: 10, text: 'PHÓ CHỦ TỊCH', column: 'left', block: 'end' },
      { line: 12, text: 'Giảng Thị Dung', column: 'left', block: 'end' },
      { line: 6, text: 'Nơi nhận:', column: 'right', block: 'end' },
    ])).document
    expect(d.signer).toEqual({ name: 'Giảng Thị Dung', position: 'Phó Chủ tịch', authority: 'KT. CHỦ TỊCH' })
    expect(d.recipients).toEqual(['Như trên', 'Lưu: VT'])
  })

  it('a row cut in two is joined at the column boundary; a wrapped recipient stays one entry', () => {
    const d = run(laid([
      { line: 0, text: 'KẾ HOẠCH' },
      { line: 1, text: 'Thử' },
      { line: 3, text: 'I. MỤC TIÊU' },
      { line: 4, text: '- Nội dung.' },
      { line: 6, text: 'Nơi nhận:                 T/M BAN THƯỜNG VỤ', column: 'left', block: 'end' },
      { line: 7, text: '- Các huyện ủy, thị ủy,', column: 'left', block: 'end', span: [0, 23] },
      { line: 7, text: 'PHÓ BÍ THƯ', column: 'right', block: 'end', span: [40, 50] },
      { line: 9, text: '- Lưu Văn phòng.           Đinh Thị Hồng Vân', column: 'left', block: 'end' },
      { line: 8, text: '  đảng ủy trực thuộc,', column: 'right', block: 'end' },
    ])).document
    expect(d.signer).toEqual({ name: 'Đinh Thị Hồng Vân', position: 'Phó Bí thư', authority: 'T/M BAN THƯỜNG VỤ' })
    expect(d.recipients).toEqual(['Các huyện ủy, thị ủy, đảng ủy trực thuộc', 'Lưu Văn phòng'])
  })

  it.each([
    ['Nơi nhận: T/M TỈNH ỦY\n- Như trên,\n- Lưu Văn phòng.\nPHÓ BÍ THƯ\nTrần Văn Ba', 'T/M TỈNH ỦY', ['Như trên', 'Lưu Văn phòng']],
    ['Nơi nhận:\n- Như trên;         TM. ỦY BAN NHÂN DÂN\n- Sở Y tế;              CHỦ TỊCH\n- Lưu: VT.      Trương Minh Quang', 'TM. ỦY BAN NHÂN DÂN', ['Như trên', 'Sở Y tế', 'Lưu: VT']],
  ])('signature text on the list rows is not a recipient (%#)', (end, authority, recipients) => {
    const d = run(docFromText(`KẾ HOẠCH\nThử\n\nI. MỤC TIÊU\n- Nội dung.\n\n${end}`)).document
    expect(d.signer?.authority).toBe(authority)
    expect(d.recipients).toEqual(recipients)
  })

  it.each([
    ['Trương Minh Quang', true], // the surname, not the organ word "Trường"
    ['Trường Tiểu học', false],
    ['Sở Y tế', false],
  ])('looksLikeName(%s) = %s', (s, want) => expect(looksLikeName(s)).toBe(want))

  it.each([
    ['Q. GIÁM ĐỐC', 'Quyền Giám đốc'],
    ['PHÓ CHỦ TỊCH', 'Phó Chủ tịch'],
  ])('position %s → %s (Q. is part of the title, not an authority)', (printed, want) => {
    const p = trailingPosition(printed)
    expect(p && positionCase(p.position)).toBe(want)
  })

  it.each([
    ['PHÂN ĐỨC NHUẬN', 'Phan Đức Nhuận'],
    ['LÊ THỊ HOA', 'Lê Thị Hoa'],
    ['LÃ VĂN AN', 'Lã Văn An'], // La and Lã are both surnames: kept as printed
  ])('surname repaired from the closed list: %s', (s, want) => expect(nameCase(s)).toBe(want))
})

describe('legal bases', () => {
  it.each([
    ['Luật Trật tự, an toàn giao thông đường bộ ngày 27 tháng 6 năm 2024', '2024-06-27'],
    ['Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013', '2013-06-19'],
  ])('a law name with commas ends at its date: %s', (text, date) => {
    const h = findCitations(text)
    expect(h[0]).toMatchObject({ type: 'Luật', number: null, date })
  })

  it.each([
    ['Căn cứ Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XXIII, nhiệm kỳ 2020 - 2025', 'Nghị quyết', null],
    ['Căn cứ Chương trình công tác Đoàn năm 2024 của Ban Thường vụ Tỉnh đoàn', 'Chương trình', 'Ban Thường vụ Tỉnh đoàn'],
    ['Căn cứ chức năng, nhiệm vụ của Sở', null, null],
    ['Căn cứ Kế hoạch này', null, null],
  ])('a document cited by name alone: %s', (seg, type, issuer) => {
    const h = bareCitation(seg)
    expect(h?.type ?? null).toBe(type)
    if (type) expect(h).toMatchObject({ number: null, date: null, issuer })
  })

  it('documents listed with commas under one verb are each a basis; one named in a subject is not', () => {
    const text = `KẾ HOẠCH\nThử\n\nThực hiện Chỉ thị số 10/CT-TTg ngày 19/4/2023 của Thủ tướng Chính phủ về an toàn giao thông, Kế hoạch số 35/KH-UBND ngày 24/01/2024 của UBND tỉnh về thực hiện Chỉ thị số 11/CT-TTg, Kế hoạch số 18/KH-BATGT ngày 31/01/2024 của Ban An toàn giao thông tỉnh;\n\nI. MỤC TIÊU\n- Nội dung.\n${tail.split('\n').slice(5).join('\n')}`
    const bases = run(docFromText(text)).legalBases.map((b) => b.number)
    expect(bases).toEqual(['10/CT-TTg', '35/KH-UBND', '18/KH-BATGT'])
  })

  const amended = (inSubject: string) => `KẾ HOẠCH\nThử\n\nCăn cứ Nghị định số 116/2021/NĐ-CP ngày 21/12/2021 của Chính phủ quy định chi tiết một số điều của Luật Phòng, chống ma túy về cai nghiện ma túy được sửa đổi, bổ sung tại Khoản 13 Điều 20 Nghị định số 184/2025/NĐ-CP ngày 01/7/2025 của Chính phủ về phân định thẩm quyền thực hiện ${inSubject};\n\nI. MỤC TIÊU\n- Nội dung.\n${tail.split('\n').slice(5).join('\n')}`
  it('a text cited as amended is cited with the text that amended it; a document only named in its subject is not', () => {
    const bases = run(docFromText(amended('Nghị quyết số 21-NQ/TW của Bộ Chính trị'))).legalBases.map((b) => b.number)
    expect(bases).toEqual(['116/2021/NĐ-CP', '184/2025/NĐ-CP'])
  })
  it('a document cited in full (number, date, issuer) inside another\'s subject is a legal basis too', () => {
    const bases = run(docFromText(amended('Quyết định số 12/QĐ-TTg ngày 02/01/2025 của Thủ tướng Chính phủ'))).legalBases.map((b) => b.number)
    expect(bases).toEqual(['116/2021/NĐ-CP', '184/2025/NĐ-CP', '12/QĐ-TTg'])
  })
  it('the same document cited again in short form ("27/NĐ-CP" after "27/2022/NĐ-CP", same date) is listed once', () => {
    const bases = run(docFromText(amended('Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ, sửa đổi Nghị định số 27/NĐ-CP ngày 19/4/2022 của Chính phủ'))).legalBases.map((b) => b.number)
    expect(bases).toEqual(['116/2021/NĐ-CP', '184/2025/NĐ-CP', '27/2022/NĐ-CP'])
  })
})

describe('targets', () => {
  it.each([
    ['2.000 doanh nghiệp', 2000, 'doanh nghiệp'],
    ['2.000 thùng mì tôm', 2000, 'thùng'],
    ['5.000 lít nước', 5000, 'lít'],
    ['1.200 thanh niên', 1200, 'thanh niên'],
    ['02 bộ tài liệu', 2, 'bộ'],
    ['01 lần', 1, 'lần'],
  ])('count units: %s', (text, value, unit) => {
    expect(findQuantities(text, { countUnits: true })[0]).toMatchObject({ value, unit })
  })

  it('a bare 4-digit year is not a count', () => {
    expect(findQuantities('năm 2025 doanh nghiệp', { countUnits: true })).toEqual([])
  })

  it('"trước ngày 30/8/2025" is a deadline', () => {
    expect(findDeadlines('trước ngày 30/8/2025').map((d) => d.text)).toEqual(['2025'])
  })

  it.each([
    ['II. MỤC TIÊU\n- Tỷ trọng đạt 10% GRDP vào năm 2025 và 20% GRDP vào năm 2030.', [['10', '2025'], ['20', '2030']]],
    ['II. MỤC TIÊU\n- Đến năm 2025, 100% hồ sơ cấp tỉnh, 90% hồ sơ cấp huyện.', [['100', '2025'], ['90', '2025']]],
    ['II. MỤC TIÊU\n- Diễn tập ít nhất 01 lần tại 02 thôn trong năm 2025.', [['1', '2025'], ['2', '2025']]],
    ['II. CHỈ TIÊU NĂM 2025\n\n1. Tối thiểu 90% dân số có hồ sơ.\n\n2. Tổ chức 16 lớp tập huấn.', [['90', '2025'], ['16', '2025']]],
    ['II. MỤC TIÊU\n1. Phấn đấu đến năm 2026, 100% đơn vị lồng ghép vào kế hoạch hằng năm.', [['100', '2026']]],
  ])('deadline of each quantity (%#)', (section, want) => {
    const t = run(docFromText(`KẾ HOẠCH\nThử\n\n${section}\n\nIII. NHIỆM VỤ\n1. Làm.\n`)).targets
    expect(t.map((x) => [String(x.value), x.deadline])).toEqual(want)
  })
})

describe('organ names and codes after diacritic restoration', () => {
  it.each([
    ['BVDK', ['Bệnh viện Đa khoa thành phố Buôn Ma Thuột'], 'BVĐK'],
    ['TDTN-TNNT', ['Ban Chấp hành Đoàn tỉnh Đồng Tháp'], 'TĐTN-TNNT'],
    ['UBND', ['Ủy ban nhân dân tỉnh Nghệ An'], 'UBND'],
    ['SGDDT', ['Sở Giáo dục và Đào tạo'], 'SGDĐT'],
  ])('issuer code %s from %s', (code, names, want) => expect(restoreIssuerCode(code, names)).toBe(want))

  it.each([
    ['SỞ Y TẾ DAK LAK', 'Sở Y tế Đắk Lắk'],
    ['BỆNH VIỆN DA KHOA THÀNH PHỐ BUÔN MA THUỘT', 'Bệnh viện Đa khoa thành phố Buôn Ma Thuột'],
    ['BCH ĐOÀN TỈNH ĐỒNG THÁP', 'Ban Chấp hành Đoàn tỉnh Đồng Tháp'],
  ])('organCase(%s)', (s, want) => expect(organCase(s)).toBe(want))

  it('"CĐ" before its unit is the unit\'s trade union under the Liên đoàn Lao động; after "Trường" a level', () => {
    const text = `LĐLĐ HUYỆN THANH OAI                Độc lập - Tự do - Hạnh phúc
CĐ TRƯỜNG THCS BÍCH HÒA
Số: 12/KH-CĐ                      Bích Hòa, ngày 16 tháng 9 năm 2024
KẾ HOẠCH
Tổ chức phong trào thi đua năm học 2024 - 2025
${tail}`
    expect(extractPlan(docFromText(text), new Report()).document.issuer).toEqual({ name: 'Công đoàn Trường Trung học cơ sở Bích Hòa', parent: 'Liên đoàn Lao động huyện Thanh Oai' })
    expect(organCase('TRƯỜNG CĐ Y TẾ BẠCH MAI')).toMatch(/^Trường Cao đẳng /)
  })

  it('a "D" of a code the issuer\'s name does not spell, on a number line that lost its marks, may be an "Đ": the number is not stated as sure', () => {
    const header = (numberLine: string, issuer: string) => `${issuer}               BCH ĐOÀN TNCS HỒ CHÍ MINH
${numberLine}
                                     Phủ Lý, ngày 21 tháng 5 năm 2025
KẾ HOẠCH
Phối hợp tổ chức Ngày Môi trường thế giới năm 2025
${tail}`
    const run = (printed: string, issuer = 'SỞ TN&MT TỈNH HÀ NAM') => {
      const doc = docFromText(header('Số: 14/KHPH-STNMT-TD', issuer)) // the restorer leaves codes as printed
      doc.lines[1]!.raw = printed // the line as the page gave it, before its marks were restored
      return extractPlan(doc, new Report()).document
    }
    expect(run('So: 14/KHPH-STNMT-TD').fields.number!.confidence).toBeLessThan(0.8)
    expect(run('Số: 14/KHPH-STNMT-TD').fields.number!.confidence).toBeGreaterThanOrEqual(0.8) // a line with its marks prints Đ as Đ
    const spelled = docFromText(header('Số: 14/KH-UBND', 'ỦY BAN NHÂN DÂN TỈNH HÀ NAM'))
    spelled.lines[1]!.raw = 'So: 14/KH-UBND' // the D of UBND is the name's "dân"
    expect(extractPlan(spelled, new Report()).document.fields.number!.confidence).toBeGreaterThanOrEqual(0.8)
  })

  it('"Sợ:" before a number (the restorer gave "So:" a horn) is the lead organ\'s "Số:" of a joint plan', () => {
    const s = splitHeaderLine('Sợ: 14/KHPH-STNMT-TĐ                 Số: 203-KHPH/TĐTN-TNXH')
    expect([s.left, s.reason]).toEqual(['Sợ: 14/KHPH-STNMT-TĐ', 'number'])
    const text = `SỞ TN&MT TỈNH HÀ NAM               BCH ĐOÀN TNCS HỒ CHÍ MINH
Sợ: 14/KHPH-STNMT-TĐ                 Số: 203-KHPH/TĐTN-TNXH
                                     Phủ Lý, ngày 21 tháng 5 năm 2025
KẾ HOẠCH
Phối hợp tổ chức Ngày Môi trường thế giới năm 2025
${tail}`
    expect(extractPlan(docFromText(text), new Report()).document.number).toBe('14/KHPH-STNMT-TĐ')
  })
})

describe('deadlines and headers, more', () => {
  it('a baseline year is not a deadline', () => {
    expect(findDeadlines('đến năm 2026, giảm 10% so với năm 2023').map((d) => d.text)).toEqual(['2026'])
  })

  it.each([
    ['Lệ Thủy, ngày     tháng 7 năm 2025', 'date'],
    ['Số:       /KH-UBND        Phan Rang - Tháp Chàm, ngày     tháng     năm 2024', 'number'],
  ])('blanks left for the handwritten date are not a column gap: %s', (line, reason) => {
    const s = splitHeaderLine(line)
    expect(s.reason).toBe(reason)
    expect(s.right).toMatch(/ngày\s+tháng .*năm 20\d\d$/)
  })
})
