import { describe, expect, it } from 'vitest'
import { findDate } from '../../src/extract/date.js'
import { findNumber, parseNumberField } from '../../src/extract/doc-number.js'

describe('findDate', () => {
  it.each([
    ['Hà Nội, ngày 25 tháng 6 năm 2024', '2024-06-25', 2024],
    ['Lào Cai, ngày 16 tháng 04 năm 2024', '2024-04-16', 2024],
    ['ngày 25/6/2024', '2024-06-25', 2024],
    ['ngày 05-01-2020', '2020-01-05', 2020],
    ['ngày 05.01.2020', '2020-01-05', 2020],
    ['ngày 16/6/ 2022', '2022-06-16', 2022],
    ['Hớn Quản, ngày       tháng       năm 2023', null, 2023],
    ['ngày    tháng 5 năm 2024', null, 2024],
    ['ngày 31 tháng 5 năm 2024', '2024-05-31', 2024],
  ])('%s', (text, iso, year) => {
    const d = findDate(text)!
    expect(d.iso).toBe(iso)
    expect(d.year).toBe(year)
    expect(d.valid).toBe(true)
  })
  it.each([['ngày 32 tháng 1 năm 2024'], ['ngày 29/02/2023'], ['ngày 31 tháng 4 năm 2024']])('invalid %s', (text) => {
    const d = findDate(text)!
    expect(d.iso).toBeNull()
    expect(d.valid).toBe(false)
  })
})

describe('document numbers', () => {
  it.each([
    ['154/KH-TUHCTD', '154/KH-TUHCTD', '154', null, 'KH', 'TUHCTD'],
    ['55/2007/QĐ-UBND', '55/2007/QĐ-UBND', '55', 2007, 'QĐ', 'UBND'],
    ['18-CTr/TU', '18-CTr/TU', '18', null, 'CTr', 'TU'],
    ['21- NQ/TW', '21-NQ/TW', '21', null, 'NQ', 'TW'],
    ['07 -KH/TW', '07-KH/TW', '07', null, 'KH', 'TW'],
    ['17/2022//TT-BLĐTBXH', '17/2022/TT-BLĐTBXH', '17', 2022, 'TT', 'BLĐTBXH'],
    ['1859/UBND-KGVX', '1859/UBND-KGVX', '1859', null, null, 'UBND-KGVX'],
    ['219 /KH-UBND', '219/KH-UBND', '219', null, 'KH', 'UBND'],
  ])('%s', (text, number, serial, year, typeCode, issuerCode) => {
    const h = findNumber(text)!
    expect(h).toMatchObject({ number, serial, year, typeCode, issuerCode })
  })
  it('is not fooled by dates and ranges', () => {
    expect(findNumber('ngày 18/01/2022')).toBeNull()
    expect(findNumber('giai đoạn 2021-2025')).toBeNull()
    expect(findNumber('tiểu dự án 1,2 - Dự án 7')).toBeNull()
  })
  it('reads a blank serial after "Số:"', () => {
    expect(parseNumberField('         /KH-UBND Hớn Quản')).toMatchObject({ number: null, serial: null, typeCode: 'KH', issuerCode: 'UBND' })
  })
})
