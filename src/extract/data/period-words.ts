// Period words of task timelines ("THỜI GIAN THỰC HIỆN" column, deadline clauses), folded
// (no diacritics, lower case: foldForSearch), so that OCR that lost or changed a mark ("Hãng năm",
// "Quy II/2025") reads the same. Calendar: quarters (quý) are three months each, Roman or Arabic
// numbered ("Quý II/2025", "Quý 2 năm 2025"); a half year is "6 tháng đầu/cuối năm" (sáu tháng
// đầu năm = January–June, the reporting period of Nghị định 09/2019/NĐ-CP Điều 12 on báo cáo
// định kỳ: "báo cáo 6 tháng", "báo cáo năm"); "hằng năm" and "hàng năm" are both in use
// (Từ điển tiếng Việt, Hoàng Phê: "hằng" is the standard form).
//
// Recurrences are iCalendar RRULE strings (RFC 5545 §3.3.10) so that an ICS export can copy them.

/** Folded recurrence words → RRULE. Longest first: "hang nam" must not shadow "6 thang hang nam". */
export const RECURRENCE_WORDS: readonly { folded: string; rrule: string }[] = [
  { folded: 'hang nam', rrule: 'FREQ=YEARLY' },
  { folded: 'hang quy', rrule: 'FREQ=MONTHLY;INTERVAL=3' },
  { folded: 'hang thang', rrule: 'FREQ=MONTHLY' },
  { folded: 'hang tuan', rrule: 'FREQ=WEEKLY' },
  { folded: 'moi nam', rrule: 'FREQ=YEARLY' },
  { folded: 'moi quy', rrule: 'FREQ=MONTHLY;INTERVAL=3' },
  { folded: 'moi thang', rrule: 'FREQ=MONTHLY' },
  { folded: 'dinh ky', rrule: '' }, // "định kỳ" alone says no frequency: recurring, unknown rule → no period
]

/** Words that make the period open at its start: "Trước 30/6/2025", "Đến năm 2030", "Chậm nhất …". */
export const DEADLINE_WORDS: readonly string[] = ['truoc ngay', 'truoc', 'den het', 'den', 'cham nhat', 'han chot', 'hoan thanh truoc']

/** Words that make the period open at its end: "Từ tháng 3/2025". "Từ … đến …" is a range (both ends). */
export const FROM_WORDS: readonly string[] = ['bat dau tu', 'tu']

/** Parts of a year by their months: "6 tháng đầu năm 2025" → January–June. */
export const YEAR_PARTS: readonly { folded: RegExp; months: [number, number] }[] = [
  { folded: /(?:6|sau) thang dau nam/, months: [1, 6] },
  { folded: /(?:6|sau) thang cuoi nam/, months: [7, 12] },
  { folded: /nua dau nam/, months: [1, 6] },
  { folded: /nua cuoi nam/, months: [7, 12] },
  { folded: /(?:9|chin) thang dau nam/, months: [1, 9] },
  { folded: /(?:3|ba) thang dau nam/, months: [1, 3] },
  { folded: /dau nam/, months: [1, 3] }, // "đầu năm 2025": the first quarter, the usual reading in plans
  { folded: /cuoi nam/, months: [10, 12] }, // "cuối năm 2025": the last quarter
]

/** Quarter numerals as OCR and typists write them. */
export const QUARTER_NUMERALS: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 }

/** Timelines that say "all along" or "when needed": no dates to give (a tracker keeps the text). */
export const UNDATED_WORDS: readonly string[] = ['thuong xuyen', 'lien tuc', 'khi co yeu cau', 'theo yeu cau', 'dot xuat']
