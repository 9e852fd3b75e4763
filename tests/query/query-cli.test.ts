import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csvCell } from '../../src/query/format.js'
import { makePlan, samplePlans, writeFailure, writePlans } from '../helpers/plans.js'
import { runCli } from '../helpers/run-cli.js'
import { rmDir, tempDir } from '../helpers/stores.js'

const [a, b, c, d] = samplePlans()

describe('kehoach query', () => {
  let dir: string
  beforeAll(() => {
    dir = tempDir('kehoach-query-')
    writePlans(dir, [a, b, c, d])
    writeFailure(dir, 'broken.pdf')
  })
  afterAll(() => rmDir(dir))

  it('finds plans by free text without diacritics (table for people)', async () => {
    const r = await runCli(['query', '--data', dir, '--text', 'ke hoach giam ngheo'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(a.id.slice(0, 12))
    expect(r.stdout).toContain('Bình Phước')
    expect(r.stdout).not.toContain(b.id.slice(0, 12))
  })

  it('filters and prints JSON, NDJSON and CSV', async () => {
    const json = await runCli(['query', '--data', dir, '--cites', '27/2022/ND-CP', '--format', 'json', '--sort', 'date', '--order', 'asc'])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout).map((x: { id: string }) => x.id)).toEqual([a.id, b.id])

    const nd = await runCli(['query', '--data', dir, '--issuer', 'dong nai', '--format', 'ndjson'])
    const lines = nd.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.map((x) => x.id)).toEqual([b.id])
    expect(lines[0]).toMatchObject({ number: '1595/KH-SGDĐT', issuerParent: 'Ủy ban nhân dân tỉnh Đồng Nai' })

    const csv = await runCli(['query', '--data', dir, '--target-by', '2025', '--format', 'csv'])
    expect(csv.stdout.split('\r\n')[0]).toBe('id,date,type,number,issuer,title')
    expect(csv.stdout).toContain(`${a.id},2022-03-10,KH,154/KH-UBND,Ủy ban nhân dân tỉnh Bình Phước,`)

    const typed = await runCli(['query', '--data', dir, '--type', 'CTr', '--year', '2023', '--format', 'ndjson'])
    expect(typed.stdout.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual([c.id])
  })

  it('runs read-only SQL and refuses writes with exit code 1', async () => {
    const ok = await runCli(['query', '--data', dir, '--sql', 'SELECT type_code, count(*) AS n FROM plans GROUP BY type_code ORDER BY type_code', '--format', 'json'])
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toEqual([{ type_code: 'CTr', n: 1 }, { type_code: 'KH', n: 2 }, { type_code: 'QĐ', n: 1 }])
    const events = await runCli(['query', '--data', dir, '--sql', `SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY type`, '--format', 'json'])
    expect(JSON.parse(events.stdout)).toEqual([{ type: 'created', n: 4 }, { type: 'failed', n: 1 }])
    const bad = await runCli(['query', '--data', dir, '--sql', 'DELETE FROM plans'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/read-only/)
  })

  it('picks up new result files on the next query', async () => {
    const e = makePlan({ seed: 'e', issuer: 'Ủy ban nhân dân thành phố Đà Nẵng', title: 'Phát triển đô thị thông minh', number: '5/KH-UBND', date: '2025-01-02' })
    writePlans(dir, [e])
    const r = await runCli(['query', '--data', dir, '--text', 'do thi thong minh', '--format', 'ndjson'])
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual([e.id])
  })

  it('rejects bad arguments with exit code 1 and a reason', async () => {
    const r = await runCli(['query', '--data', dir, '--year', '20x4'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/year/)
    const f = await runCli(['query', '--data', dir, '--format', 'xml'])
    expect(f.code).toBe(1)
    const missing = await runCli(['query', '--data', `${dir}/nope`])
    expect(missing.code).toBe(5)
  })

  it('quotes CSV cells and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('-5')).toBe('-5')
    expect(csvCell(null)).toBe('')
  })
})
