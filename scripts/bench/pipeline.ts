/**
 * Whole-pipeline benchmark on the scanned fixtures: where a page's time goes, stage by stage
 * (the same timer as `kehoach process --timings`), and the pipeline's own overhead (everything but
 * OCR) as a share of OCR time (target ≤ 10%). One OCR worker, one page at a time.
 *
 *   npm run bench           (the side-by-side run, this, then the OCR-stage benchmark: npm run bench:ocr)
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pagePool, prepareDocument, readPage, runDocument } from '../../src/pipeline.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { createOcrPool } from '../../src/ocr/pool.js'
import { loadLanguageModel } from '../../src/normalize/index.js'
import { Timings } from '../../src/timings.js'
import { packageRoot } from '../../src/version.js'

const FILES = ['lao-cai.office.pdf', 'hon-quan.office.pdf', 'hon-quan.poor.pdf', 'scan-2p.tif', 'ocr-layer-eng.pdf']
const root = packageRoot()

const t0 = performance.now()
const model = loadLanguageModel()
const modelLoad = (performance.now() - t0) / 1000
const pool = await createOcrPool({ size: 1 })
// Warm the worker (its first page is slower) so the figures are per page in steady state.
{
  const doc = await prepareDocument({ fileName: FILES[0]!, bytes: readFileSync(path.join(root, 'fixtures', FILES[0]!)) }, DEFAULT_LIMITS)
  await readPage(doc, 1, { ocr: pool, limits: DEFAULT_LIMITS })
}

const timings = new Timings()
const cpu0 = process.cpuUsage()
const wall0 = performance.now()
let pages = 0
for (const file of FILES) {
  const bytes = readFileSync(path.join(root, 'fixtures', file))
  const plan = await runDocument({ fileName: file, bytes }, { limits: DEFAULT_LIMITS, model, ocr: async () => pool, pages: pagePool(() => 1), timer: timings.time })
  pages += plan.source.pageCount
}
const cpu = process.cpuUsage(cpu0)
const wallAll = (performance.now() - wall0) / 1000
await pool.close()

console.log(`model load ${modelLoad.toFixed(2)} s; one OCR worker, one page at a time; ${pages} pages of ${FILES.join(', ')}`)
for (const line of timings.summary(pages)) console.log(line)
const ms = (stage: string) => timings.entries().find((e) => e.stage === stage)?.ms ?? 0
const all = timings.entries().reduce((a, e) => a + e.ms, 0)
console.log(`overhead (everything but OCR) ${((100 * (all - ms('ocr'))) / ms('ocr')).toFixed(1)}% of OCR time (target ≤ 10%; table cell re-reads count in "tables")`)
console.log(`process CPU (main thread + OCR worker) ${((cpu.user + cpu.system) / 1e6 / pages).toFixed(2)} s/page over ${(wallAll / pages).toFixed(2)} s/page wall`)
console.log(`peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`)
