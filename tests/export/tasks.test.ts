import { describe, expect, it } from 'vitest'
import { diffJson } from '../../src/export/diff.js'
import { taskRows, tasksCsv, tasksIcs, tasksNdjson, TASK_COLUMNS } from '../../src/export/tasks.js'
import { makePlan } from '../helpers/plans.js'

function planWithPeriods() {
  const plan = makePlan({
    seed: 'tasks',
    number: '154/KH-UBND',
    date: '2024-03-10',
    tasks: [
      { content: 'Rà soát, cập nhật danh sách hộ nghèo; báo cáo "kết quả"', lead: 'Sở Lao động', timeline: 'Quý II/2024' },
      { content: 'Tổ chức hội nghị sơ kết', lead: 'UBND huyện', timeline: 'Hằng năm' },
      { content: '=HYPERLINK("x")', lead: null, timeline: 'Thường xuyên' },
    ],
  })
  // what the table stage writes when it can read the printed timeline as dates
  Object.assign(plan.tasks[0]!, { period: { start: '2024-04-01', end: '2024-06-30', recurrence: null } })
  Object.assign(plan.tasks[1]!, { period: { start: '2024-12-15', end: '2024-12-15', recurrence: 'yearly' } })
  return plan
}

describe('tasks as rows for trackers', () => {
  it('reads dates from tasks[].period and keeps the printed timeline; no period → no date', () => {
    const rows = taskRows(planWithPeriods())
    expect(rows.map((r) => [r.start, r.end, r.recurrence, r.timeline])).toEqual([
      ['2024-04-01', '2024-06-30', null, 'Quý II/2024'],
      ['2024-12-15', '2024-12-15', 'yearly', 'Hằng năm'],
      [null, null, null, 'Thường xuyên'],
    ])
    expect(rows[0]).toMatchObject({ documentNumber: '154/KH-UBND', documentDate: '2024-03-10', lead: 'Sở Lao động' })
  })

  it('ignores a period value that is not an ISO date rather than passing it on', () => {
    const plan = planWithPeriods()
    Object.assign(plan.tasks[2]!, { period: { start: 'quý 3', end: '2024-13', recurrence: null } })
    expect(taskRows(plan)[2]).toMatchObject({ start: null, end: null })
  })

  it('writes RFC 4180 CSV with CRLF, quoting, formula-injection guard, and a BOM only when asked', () => {
    const rows = taskRows(planWithPeriods())
    const csv = tasksCsv(rows)
    expect(csv.startsWith('planId,')).toBe(true)
    expect(csv.split('\r\n')[0]).toBe(TASK_COLUMNS.join(','))
    expect(csv).toContain('"Rà soát, cập nhật danh sách hộ nghèo; báo cáo ""kết quả"""')
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
    expect(csv.split('\r\n')).toHaveLength(rows.length + 2)
    const bom = tasksCsv(rows, { bom: true })
    expect(bom.charCodeAt(0)).toBe(0xfeff)
    expect(Buffer.from(bom, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })

  it('writes one JSON object per line', () => {
    const lines = tasksNdjson(taskRows(planWithPeriods())).trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatchObject({ content: 'Tổ chức hội nghị sơ kết', recurrence: 'yearly' })
  })

  it('writes an iCalendar file: all-day events with an exclusive end, RRULE for a known recurrence, undated tasks counted', () => {
    const { text, undated } = tasksIcs(taskRows(planWithPeriods()), '20260101T000000Z')
    expect(undated).toBe(1)
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2)
    expect(text).toContain('DTSTART;VALUE=DATE:20240401\r\nDTEND;VALUE=DATE:20240701')
    expect(text).toContain('DTSTART;VALUE=DATE:20241215\r\nDTEND;VALUE=DATE:20241216\r\nRRULE:FREQ=YEARLY')
    const unfolded = text.replace(/\r\n /g, '')
    expect(unfolded).toContain('SUMMARY:Rà soát\\, cập nhật danh sách hộ nghèo\\; báo cáo "kết quả"')
    // folded at 75 octets without splitting a UTF-8 character
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true)
  })
})

describe('revision diff', () => {
  it('lists replaces, adds and removes as JSON Patch with the old value, applying in order', () => {
    const a = { revision: 1, document: { title: 'Kế hoạch A', number: null }, tasks: [{ c: 'x' }, { c: 'y' }, { c: 'z' }], 'a/b': 1 }
    const b = { revision: 2, document: { title: 'Kế hoạch B', number: '12/KH' }, tasks: [{ c: 'x' }], extra: true }
    expect(diffJson(a, b)).toEqual([
      { op: 'replace', path: '/revision', value: 2, old: 1 },
      { op: 'replace', path: '/document/title', value: 'Kế hoạch B', old: 'Kế hoạch A' },
      { op: 'replace', path: '/document/number', value: '12/KH', old: null },
      { op: 'remove', path: '/tasks/2', old: { c: 'z' } },
      { op: 'remove', path: '/tasks/1', old: { c: 'y' } },
      { op: 'remove', path: '/a~1b', old: 1 },
      { op: 'add', path: '/extra', value: true },
    ])
    expect(diffJson(a, a)).toEqual([])
  })
})
