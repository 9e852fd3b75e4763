import { describe, expect, it } from 'vitest'
import { repairBoilerplate } from '../../src/normalize/boilerplate.js'

const repaired = (...lines: string[]) => repairBoilerplate(lines).lines

describe('repairBoilerplate (the header lines Nghị định 30/2020 and Hướng dẫn 36-HD/VPTW prescribe)', () => {
  it('writes a garbled Quốc hiệu or Tiêu ngữ as the rule prints it, beside the other column of the line', () => {
    expect(repaired('CỘNG HÒA XÃ HỘI chia NGHĨA và NAM')).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'])
    expect(repaired('CHỮ THẬP ĐỎ VIỆT NAM đọc 1ap - Ty đỗ - Hạnh phúc')).toEqual(['CHỮ THẬP ĐỎ VIỆT NAM Độc lập - Tự do - Hạnh phúc'])
    expect(repaired("Độc lập - Tl}.' đỗ - Hạnh phúc")).toEqual(['Độc lập - Tự do - Hạnh phúc'])
    expect(repaired('ĐẢNG CỘNG SAN VIET NAM')).toEqual(['ĐẢNG CỘNG SẢN VIỆT NAM'])
  })

  it('reports each rewrite with its column and a confidence from the letters that differed', () => {
    const line = 'UBND TỈNH LÀO CAI   CỘNG HÒA XÃ HỘI CHU NGHIA VIET NAM'
    const { fixes } = repairBoilerplate([line])
    expect(fixes).toHaveLength(1)
    expect(fixes[0]).toMatchObject({ line: 0, column: line.indexOf('CỘNG'), from: 'CỘNG HÒA XÃ HỘI CHU NGHIA VIET NAM', to: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' })
    expect(fixes[0].confidence).toBe(1) // only marks were lost
  })

  it('leaves a line as printed when it already reads as the rule (case, dashes, old tone placement)', () => {
    for (const line of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập – Tự do – Hạnh phúc', 'ĐỘC LẬP - TỰ DO - HẠNH PHÚC'])
      expect(repairBoilerplate([line]).fixes, line).toEqual([])
  })

  it('leaves other lines alone: other organisations, mentions in running text, lines below the header', () => {
    expect(repaired('HỘI CHỮ THẬP ĐỎ VIỆT NAM')).toEqual(['HỘI CHỮ THẬP ĐỎ VIỆT NAM'])
    expect(repaired('ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH')).toEqual(['ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH'])
    expect(repaired('công dân nước Cộng hòa xã hội chu nghia Viet Nam')).toEqual(['công dân nước Cộng hòa xã hội chu nghia Viet Nam'])
    const body = Array.from({ length: 20 }, (_, i) => `Dòng ${i + 1} của văn bản.`)
    expect(repaired(...body, 'CỘNG HÒA XÃ HỘI CHU NGHIA VIET NAM').at(-1)).toBe('CỘNG HÒA XÃ HỘI CHU NGHIA VIET NAM')
  })
})
