import { describe, expect, it } from 'vitest'
import { extractPlan } from '../../src/extract/index.js'
import { departmentFromCode } from '../../src/extract/issuer-from-code.js'
import { Report } from '../../src/report.js'
import { docFromText } from './doc.js'

// "UBND TỈNH LÀO CAI / SỞ GIÁO DỤC VÀ ĐÀO TẠO" read through a broken font mapping: the two header
// lines run together, marks lost, letters confused
const garbled = '\\JBND TiNH LA0 CAl sC GIAO DQC VA DAO T4O'

describe('a garbled department header rebuilt from the number\'s code, the header\'s words and the place', () => {
  it('the code\'s initials name the field, "tỉnh" and the place the province', () => {
    expect(departmentFromCode('GDĐT', garbled, 'Lào Cai')).toEqual({ issuer: 'Sở Giáo dục và Đào tạo', parent: 'Ủy ban nhân dân tỉnh Lào Cai' })
    expect(departmentFromCode('SGDĐT', garbled, 'Lào Cai')).toEqual({ issuer: 'Sở Giáo dục và Đào tạo', parent: 'Ủy ban nhân dân tỉnh Lào Cai' })
  })
  it('nothing unless all three agree', () => {
    expect(departmentFromCode('TNMT', garbled, 'Lào Cai')).toBeNull() // the header shows another field
    expect(departmentFromCode('GDĐT', garbled, 'Yên Bái')).toBeNull() // the header shows another province
    expect(departmentFromCode('GDĐT', 'GIAO DQC VA DAO T4O', 'Lào Cai')).toBeNull() // no province level shown
    expect(departmentFromCode('UBND', garbled, 'Lào Cai')).toBeNull() // the code is no field's
  })
  it('through the header: the rebuilt issuer is given below the confidence of one read from the page, with a warning', () => {
    const doc = docFromText(`${garbled}
VA DAO T4O•

s6:A;:j /KH-GDĐT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lào Cai, ngày 12 tháng 3 năm 2024

KẾ HOẠCH
Tổ chức hội thi giáo viên dạy giỏi năm 2024

I. MỤC ĐÍCH
- Nâng cao chất lượng dạy học.

Nơi nhận:
- Lưu: VT.

GIÁM ĐỐC

Lê Văn B
`)
    const report = new Report()
    const plan = extractPlan(doc, report)
    expect(plan.document.issuer).toEqual({ name: 'Sở Giáo dục và Đào tạo', parent: 'Ủy ban nhân dân tỉnh Lào Cai' })
    expect(plan.document.fields['issuer.name'].confidence).toBeLessThan(0.8)
    expect(report.warnings.map((w) => w.code)).toContain('extract:issuer-from-number-code')
  })
})
