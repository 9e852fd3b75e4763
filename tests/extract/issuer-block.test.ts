// The issuer block as a stack of organ names: invented header blocks.
import { describe, expect, it } from 'vitest'
import { initialsOf, splitOrgans } from '../../src/extract/header.js'
import { caseFromMention, organStack } from '../../src/extract/issuer-block.js'
import { signsFor } from '../../src/extract/end-block.js'
import { expandPlaceAbbreviations, organCase } from '../../src/extract/text.js'

const organs = (rows: string[]) => splitOrgans(rows).map(organCase)

describe('organ stack: issuer = last organ, parent = the one above', () => {
  it.each([
    // a head word opens a new organ
    [['LĐLĐ TỈNH BẮC NINH', 'CÔNG ĐOÀN NGÀNH Y TẾ'], ['Liên đoàn Lao động tỉnh Bắc Ninh', 'Công đoàn ngành Y tế']],
    [['ĐẢNG BỘ PHƯỜNG AN LẠC', 'CHI BỘ TRƯỜNG THPT AN LẠC'], ['Đảng bộ phường An Lạc', 'Chi bộ Trường Trung học phổ thông An Lạc']],
    [['ĐẢNG BỘ XÃ MỸ HÒA', 'CHI BỘ THÔN 3'], ['Đảng bộ xã Mỹ Hòa', 'Chi bộ thôn 3']],
    [['UBND TỈNH KON TUM', 'CÔNG TY CP CẤP NƯỚC KON TUM'], ['Ủy ban nhân dân tỉnh Kon Tum', 'Công ty Cổ phần Cấp nước Kon Tum']],
    [['SỞ NỘI VỤ', 'TRUNG TÂM LƯU TRỮ LỊCH SỬ'], ['Sở Nội vụ', 'Trung tâm Lưu trữ lịch sử']],
    [['TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM', 'VIỆN CÔNG NHÂN VÀ CÔNG ĐOÀN'], ['Tổng Liên đoàn Lao động Việt Nam', 'Viện Công nhân và Công đoàn']],
    // a name wrapped over two lines is one organ
    [['UBND TỈNH BÌNH ĐỊNH', 'CÔNG TY TNHH MTV THOÁT NƯỚC', 'VÀ XỬ LÝ NƯỚC THẢI'], ['Ủy ban nhân dân tỉnh Bình Định', 'Công ty Trách nhiệm hữu hạn Một thành viên Thoát nước và xử lý nước thải']],
    [['SỞ Y TẾ', 'TRUNG TÂM KIỂM SOÁT', 'BỆNH TẬT'], ['Sở Y tế', 'Trung tâm Kiểm soát bệnh tật']],
    // a lone place line continues the organ above; a bare local body is named by the place under it
    [['UBND HUYỆN CẦN GIỜ', 'ỦY BAN NHÂN DÂN', 'XÃ LÝ NHƠN'], ['Ủy ban nhân dân huyện Cần Giờ', 'Ủy ban nhân dân xã Lý Nhơn']],
    [['BỘ CHỈ HUY QUÂN SỰ', 'TỈNH GIA LAI'], ['Bộ Chỉ huy Quân sự tỉnh Gia Lai']],
    // a bare head named after a body takes the next line, even when it opens with a head word
    [['ĐẢNG BỘ TỈNH NINH THUẬN', 'ĐẢNG ỦY', 'CÔNG AN TỈNH'], ['Đảng bộ tỉnh Ninh Thuận', 'Đảng ủy Công an tỉnh']],
    // … but a bare Ủy ban nhân dân does not: a head word under it is a new organ
    [['ỦY BAN NHÂN DÂN', 'BAN CHỈ ĐẠO PHÒNG CHỐNG DỊCH'], ['Ủy ban nhân dân', 'Ban Chỉ đạo Phòng chống dịch']],
    // a repeated place (a joint header's other column) is not repeated
    [['SỞ TƯ PHÁP TỈNH HÀ TĨNH', 'TỈNH HÀ TĨNH'], ['Sở Tư pháp tỉnh Hà Tĩnh']],
    // abbreviated unit words before a place name
    [['UBND TP. BIÊN HÒA', 'UBND PHƯỜNG TÂN PHONG'], ['Ủy ban nhân dân thành phố Biên Hòa', 'Ủy ban nhân dân phường Tân Phong']],
    [['UBND TX. BẾN CÁT', 'UBND PHƯỜNG MỸ PHƯỚC'], ['Ủy ban nhân dân thị xã Bến Cát', 'Ủy ban nhân dân phường Mỹ Phước']],
    [['UBND H. CỦ CHI', 'UBND TT. CỦ CHI'], ['Ủy ban nhân dân huyện Củ Chi', 'Ủy ban nhân dân thị trấn Củ Chi']],
  ])('%j', (rows, want) => expect(organs(rows)).toEqual(want))

  it('a row OCR merged from two organs is still cut', () => {
    expect(organs(['UBND TỈNH ĐỒNG NAI SỞ TÀI CHÍNH'])).toEqual(['Ủy ban nhân dân tỉnh Đồng Nai', 'Sở Tài chính'])
  })
  it('the stack alone keeps one organ per line group', () => {
    expect(organStack(['UBND TỈNH A', 'SỞ Y TẾ'])).toEqual(['ỦY BAN NHÂN DÂN TỈNH A', 'SỞ Y TẾ'])
  })
})

describe('unit abbreviations before a place name', () => {
  it.each([
    ['UBND TP. HUẾ', 'UBND THÀNH PHỐ HUẾ'],
    ['UBND TP HẢI PHÒNG', 'UBND THÀNH PHỐ HẢI PHÒNG'],
    ['UBND Q. 3', 'UBND QUẬN 3'],
    ['Ủy ban nhân dân TX. Sơn Tây', 'Ủy ban nhân dân thị xã Sơn Tây'],
    ['TT. HĐND HUYỆN', 'TT. HĐND HUYỆN'], // thường trực, not thị trấn
    ['TRUNG TÂM Y TẾ H', 'TRUNG TÂM Y TẾ H'],
  ])('%s → %s', (s, want) => expect(expandPlaceAbbreviations(s)).toBe(want))
})

describe('casing from the document\'s own mention', () => {
  it('capitalises proper names the rules cannot know, nothing else', () => {
    expect(caseFromMention('Công ty Cổ phần Thủy điện sông đà', 'Kế hoạch của Công ty CP Thủy điện Sông Đà năm 2025'))
      .toBe('Công ty Cổ phần Thủy điện Sông Đà')
    expect(caseFromMention('Ủy ban nhân dân tỉnh Gia Lai', 'của Ủy Ban Nhân Dân Tỉnh Gia Lai')).toBe('Ủy ban nhân dân tỉnh Gia Lai')
    expect(caseFromMention('Sở Y tế', 'không nhắc tới')).toBe('Sở Y tế')
  })
})

describe('signature column of a joint document, by its authority line', () => {
  it.each([
    ['KT. GIÁM ĐỐC', 'Sở Tư pháp tỉnh Hà Tĩnh', true],
    ['TM. BAN THƯỜNG VỤ TỈNH ĐOÀN', 'Sở Tư pháp tỉnh Hà Tĩnh', false],
    ['TM. BAN THƯỜNG VỤ TỈNH ĐOÀN', 'Tỉnh đoàn Hà Tĩnh', true],
    ['T/M BAN THƯỜNG VỤ', 'Hội Nông dân tỉnh Hà Tĩnh', true],
    ['TM. ỦY BAN NHÂN DÂN', 'Ủy ban nhân dân xã Kỳ Anh', true],
    ['KT. CHỦ TỊCH', 'Trung tâm Y tế huyện Kỳ Anh', false],
    ['PHÓ TRƯỞNG PHÒNG', 'Phòng Nội vụ', true],
    ['T/M CHI BỘ', 'Chi bộ Trường Tiểu học Kỳ Anh', true],
  ])('%s ↔ %s: %s', (line, issuer, want) => expect(signsFor(line, issuer)).toBe(want))
})

describe('issuer code as initials of the issuer', () => {
  it.each([
    ['CB', 'Chi bộ Trường Trung học cơ sở Tân Phú', true],
    ['CĐ', 'Chi bộ Trường Trung học cơ sở Tân Phú', false],
    ['UBND', 'Ủy ban nhân dân xã A', true],
  ])('%s ↔ %s', (code, name, want) => expect(initialsOf(code, [name])).toBe(want))
})
