/**
 * Query benchmark: N synthetic plans (default 10,000) written as JSON files, indexed with
 * indexFolder (read + hash + Plan.parse + insert), then p50/p95 latency of typical filtered
 * queries and full-text searches. Targets: p95 ≤ 50 ms filtered, ≤ 100 ms full-text.
 *
 *   npm run bench:query                       # SQLite (default index)
 *   npm run bench:query -- --db postgres://postgres@127.0.0.1:5432/test --n 10000
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { indexFolder } from '../../src/store/indexer.js'
import { PostgresStore } from '../../src/store/postgres.js'
import { SqliteStore } from '../../src/store/sqlite.js'
import type { PlanStore, QueryOptions } from '../../src/store/types.js'
import { makePlan, writePlans } from '../../tests/helpers/plans.js'

const { values } = parseArgs({ options: { n: { type: 'string', default: '10000' }, db: { type: 'string' }, runs: { type: 'string', default: '200' } } })
const N = Number(values.n)
const RUNS = Number(values.runs)

const PROVINCES = ['Bình Phước', 'Đồng Nai', 'Hà Giang', 'Đắk Nông', 'Quảng Ninh', 'Thừa Thiên Huế', 'Cần Thơ', 'Lào Cai', 'Nghệ An', 'Đà Nẵng', 'Bắc Giang', 'Sóc Trăng']
const BODIES = ['Ủy ban nhân dân tỉnh', 'Sở Giáo dục và Đào tạo tỉnh', 'Sở Y tế tỉnh', 'Tỉnh ủy', 'Sở Lao động - Thương binh và Xã hội tỉnh', 'Ủy ban nhân dân huyện']
const TYPES = [{ name: 'Kế hoạch', code: 'KH' }, { name: 'Chương trình hành động', code: 'CTr' }, { name: 'Quyết định', code: 'QĐ' }]
const SUBJECTS = ['giảm nghèo bền vững', 'chuyển đổi số', 'phòng chống dịch bệnh', 'xây dựng nông thôn mới', 'đào tạo nghề cho lao động nông thôn',
  'cải cách hành chính', 'phát triển du lịch', 'bảo vệ môi trường', 'an toàn giao thông', 'phổ biến giáo dục pháp luật']
const CITED = ['27/2022/NĐ-CP', '749/QĐ-TTg', '30/2020/NĐ-CP', '90/QĐ-TTg', '263/QĐ-TTg', '24/2021/NĐ-CP', '38/2021/NĐ-CP', '13/NQ-CP']
const FILLER = 'Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố căn cứ chức năng, nhiệm vụ được giao, chủ động xây dựng kế hoạch triển khai thực hiện; định kỳ báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh. '

function synthetic(i: number) {
  const r = (k: number) => (i * 2654435761 + k * 40503) % 1_000_003
  const province = PROVINCES[r(1) % PROVINCES.length]
  const subject = SUBJECTS[r(2) % SUBJECTS.length]
  const type = TYPES[r(3) % TYPES.length]
  const year = 2015 + (r(4) % 11)
  const date = `${year}-${String(1 + (r(5) % 12)).padStart(2, '0')}-${String(1 + (r(6) % 28)).padStart(2, '0')}`
  const cites = [CITED[r(7) % CITED.length], CITED[r(8) % CITED.length]].filter((x, j, a) => a.indexOf(x) === j)
  return makePlan({
    seed: `bench-${i}`,
    issuer: `${BODIES[r(9) % BODIES.length]} ${province}`,
    type,
    number: `${1 + (r(10) % 3000)}/${type.code}-UBND`,
    date,
    title: `Thực hiện ${subject} năm ${year} trên địa bàn tỉnh ${province}`,
    legalBases: cites.map((n) => ({ number: n })),
    targets: [{ text: `Phấn đấu đến năm ${year + 5} đạt ${r(11) % 100}% chỉ tiêu về ${subject}`, value: r(11) % 100, deadline: String(year + 5) }],
    tasks: [{ content: `Tổ chức tuyên truyền về ${subject}`, lead: `Sở Thông tin và Truyền thông` }, { content: `Kiểm tra, giám sát việc thực hiện ${subject}`, lead: 'Văn phòng UBND tỉnh' }],
    text: FILLER.repeat(8),
  })
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}

async function timeIt(store: PlanStore, q: QueryOptions): Promise<{ p50: number; p95: number; hits: number }> {
  const ms: number[] = []
  let hits = 0
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    const r = await store.query(q)
    ms.push(performance.now() - t)
    hits = r.total
  }
  return { p50: pct(ms, 50), p95: pct(ms, 95), hits }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'kehoach-bench-'))
let store: PlanStore | null = null
const schema = `kehoach_bench_${process.pid}`
try {
  let t = performance.now()
  for (let i = 0; i < N; i += 500) writePlans(dir, Array.from({ length: Math.min(500, N - i) }, (_, j) => synthetic(i + j)))
  console.log(`generated ${N} plans as JSON in ${((performance.now() - t) / 1000).toFixed(1)} s`)

  store = values.db ? await PostgresStore.open(values.db, { schema }) : new SqliteStore(path.join(dir, '.kehoach', 'index.sqlite'))
  t = performance.now()
  const rep = await indexFolder(dir, store)
  const secs = (performance.now() - t) / 1000
  console.log(`indexed ${rep.changed} files into ${store.kind} in ${secs.toFixed(1)} s → ${(rep.changed / secs).toFixed(0)} plans/s`)
  t = performance.now()
  const again = await indexFolder(dir, store)
  console.log(`re-scan of an unchanged folder (${again.unchanged} files): ${(performance.now() - t).toFixed(0)} ms`)

  const filtered: [string, QueryOptions][] = [
    ['issuer (folded, partial)', { issuer: 'dong nai' }],
    ['year + type', { year: 2022, type: 'KH' }],
    ['date range, sorted by date', { from: '2020-01', to: '2021-06', sort: 'date' }],
    ['cites 27/2022/ND-CP', { cites: '27/2022/ND-CP' }],
    ['target by 2025', { targetBy: 2025 }],
    ['issuer + cites + year', { issuer: 'so y te', cites: '749/QD-TTg', year: 2021 }],
    ['number (partial)', { number: '154/KH' }],
    ['page 50 of all, by issuer', { sort: 'issuer', offset: 2500, limit: 50 }],
  ]
  const fulltext: [string, QueryOptions][] = [
    ['"ke hoach giam ngheo"', { text: 'ke hoach giam ngheo' }],
    ['"chuyển đổi số"', { text: 'chuyển đổi số' }],
    ['"dao tao nghe lao dong nong thon"', { text: 'dao tao nghe lao dong nong thon' }],
    ['"phong chong dich" + year', { text: 'phong chong dich', year: 2020 }],
    ['"du lich" + issuer', { text: 'du lich', issuer: 'quang ninh' }],
    ['"tuyen truyen" (common)', { text: 'tuyen truyen' }],
  ]
  const report = async (title: string, list: [string, QueryOptions][], target: number) => {
    console.log(`\n${title} (${RUNS} runs each, limit 50; target p95 ≤ ${target} ms)`)
    let worst = 0
    for (const [name, q] of list) {
      const r = await timeIt(store!, { limit: 50, ...q })
      worst = Math.max(worst, r.p95)
      console.log(`  ${name.padEnd(36)} p50 ${r.p50.toFixed(2).padStart(7)} ms   p95 ${r.p95.toFixed(2).padStart(7)} ms   (${r.hits} hits)`)
    }
    console.log(`  worst p95 ${worst.toFixed(2)} ms ${worst <= target ? '✓' : '✗ over target'}`)
  }
  await report('filtered queries', filtered, 50)
  await report('full-text searches', fulltext, 100)
} finally {
  if (store instanceof PostgresStore) await store.dropSchema()
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
}
