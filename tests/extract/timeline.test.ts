import { describe, expect, it } from 'vitest'
import { parseTimeline } from '../../src/extract/timeline.js'

const p = (start: string | null, end: string | null, recurrence: string | null = null) => ({ start, end, recurrence })

describe('timeline → ISO period', () => {
  it('reads quarters as three-month spans, Roman or Arabic, with "/" or "năm" before the year', () => {
    expect(parseTimeline('Quý II/2025')).toEqual(p('2025-04-01', '2025-06-30'))
    expect(parseTimeline('Quý II năm 2025')).toEqual(p('2025-04-01', '2025-06-30'))
    expect(parseTimeline('Quý 4/2025')).toEqual(p('2025-10-01', '2025-12-31'))
    expect(parseTimeline('Quý I, II và III năm 2024')).toEqual(p('2024-01-01', '2024-09-30'))
    expect(parseTimeline('Quý I-II/2024')).toEqual(p('2024-01-01', '2024-06-30'))
  })
  it('reads the year after a comma ("Quý IV, 2024"), its first digit no quarter', () => {
    expect(parseTimeline('Quý IV, 2024')).toEqual(p('2024-10-01', '2024-12-31'))
  })
  it('reads years, year ranges, months and half years', () => {
    expect(parseTimeline('Năm 2025')).toEqual(p('2025-01-01', '2025-12-31'))
    expect(parseTimeline('2025 - 2030')).toEqual(p('2025-01-01', '2030-12-31'))
    expect(parseTimeline('Giai đoạn 2021 - 2025')).toEqual(p('2021-01-01', '2025-12-31'))
    expect(parseTimeline('Tháng 12 năm 2026')).toEqual(p('2026-12-01', '2026-12-31'))
    expect(parseTimeline('Tháng 2/2028')).toEqual(p('2028-02-01', '2028-02-29'))
    expect(parseTimeline('6 tháng đầu năm 2025')).toEqual(p('2025-01-01', '2025-06-30'))
    expect(parseTimeline('6 tháng cuối năm 2025')).toEqual(p('2025-07-01', '2025-12-31'))
  })
  it('gives recurring timelines an RRULE, with the months when the text names them', () => {
    expect(parseTimeline('Hằng năm')).toEqual(p(null, null, 'FREQ=YEARLY'))
    expect(parseTimeline('Hàng quý')).toEqual(p(null, null, 'FREQ=MONTHLY;INTERVAL=3'))
    expect(parseTimeline('Tháng 10 hằng năm')).toEqual(p(null, null, 'FREQ=YEARLY;BYMONTH=10'))
    expect(parseTimeline('Quý IV hằng năm')).toEqual(p(null, null, 'FREQ=YEARLY;BYMONTH=10,11,12'))
    expect(parseTimeline('Hằng năm (2025-2030)')).toEqual(p('2025-01-01', '2030-12-31', 'FREQ=YEARLY'))
  })
  it('reads timelines whose marks OCR changed or lost like the printed ones', () => {
    expect(parseTimeline('Hãng năm')).toEqual(p(null, null, 'FREQ=YEARLY'))
    expect(parseTimeline('Quy Il/2025')).toEqual(p('2025-04-01', '2025-06-30'))
  })
  it('leaves a deadline open at its start and a "from" open at its end', () => {
    expect(parseTimeline('Trước ngày 15/12/2025')).toEqual(p(null, '2025-12-15'))
    expect(parseTimeline('Đến năm 2030')).toEqual(p(null, '2030-12-31'))
    expect(parseTimeline('Từ tháng 3/2025')).toEqual(p('2025-03-01', null))
    expect(parseTimeline('Từ năm 2025 đến năm 2030')).toEqual(p('2025-01-01', '2030-12-31'))
  })
  it('gives no period where the text does not allow dates with confidence', () => {
    expect(parseTimeline('Thường xuyên')).toBeNull()
    expect(parseTimeline('Tháng 10')).toBeNull() // no year, not recurring
    expect(parseTimeline('Sau khi có hướng dẫn của Trung ương')).toBeNull()
    expect(parseTimeline('Quý IV/2025 và các năm tiếp theo')).toBeNull()
    expect(parseTimeline('31/2/2025')).toBeNull()
    expect(parseTimeline('')).toBeNull()
    expect(parseTimeline(null)).toBeNull()
  })
})
