/**
 * Whole-pipeline benchmark on the scanned fixtures: where a page's time goes, and the pipeline's own
 * overhead (everything but OCR) as a share of OCR time (target ≤ 10%). One OCR worker, pages in order.
 *
 *   npm run bench           (this, then the OCR-stage benchmark: npm run bench:ocr)
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pagePool, prepareDocument, readPage, runDocument } from '../../src/pipeline.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { createOcrPool, type OcrPool } from '../../src/ocr/pool.js'
import { loadLanguageModel } from '../../src/normalize/index.js'
import { packageRoot } from '../../src/version.js'

const FILES = ['lao-cai.office.pdf', 'hon-quan.office.pdf', 'hon-quan.poor.pdf', 'scan-2p.tif', 'ocr-layer-eng.pdf']
const root = packageRoot()

const t0 = performance.now()
const model = loadLanguageModel()
const modelLoad = (performance.now() - t0) / 1000
const pool = await createOcrPool({ size: 1 })
// Wall time while any OCR call is in flight, measured at the pool's boundary (calls may overlap).
let ocrSeconds = 0
let active = 0
let since = 0
const timedPool: OcrPool = {
  ...pool,
  close: () => pool.close(),
  recognize: async (image, page, params) => {
    if (active++ === 0) since = performance.now()
    try {
      return await pool.recognize(image, page, params)
    } finally {
      if (--active === 0) ocrSeconds += (performance.now() - since) / 1000
    }
  },
}
// Warm the worker (its first page is slower) so the figures are per page in steady state.
{
  const doc = await prepareDocument({ fileName: FILES[0]!, bytes: readFileSync(path.join(root, 'fixtures', FILES[0]!)) }, DEFAULT_LIMITS)
  await readPage(doc, 1, { ocr: pool, limits: DEFAULT_LIMITS })
}

const rows: string[] = []
const cpu0 = process.cpuUsage()
const wall0 = performance.now()
let pages = 0, readTotal = 0, assembleTotal = 0, ocrTotal = 0
for (const file of FILES) {
  const bytes = readFileSync(path.join(root, 'fixtures', file))
  ocrSeconds = 0
  const s0 = performance.now()
  let s1 = s0
  const plan = await runDocument(
    { fileName: file, bytes },
    { limits: DEFAULT_LIMITS, model, ocr: async () => timedPool, pages: pagePool(() => 1), onProgress: (p) => p.stage === 'assemble' && (s1 = performance.now()) },
  )
  const s2 = performance.now()
  const doc = plan.source
  const read = (s1 - s0) / 1000, assemble = (s2 - s1) / 1000
  pages += doc.pageCount; readTotal += read; assembleTotal += assemble; ocrTotal += ocrSeconds
  rows.push(
    `${file.padEnd(22)} ${String(doc.pageCount).padStart(5)} ${(ocrSeconds / doc.pageCount).toFixed(2).padStart(8)} ` +
      `${((read - ocrSeconds) / doc.pageCount).toFixed(2).padStart(14)} ${(assemble / doc.pageCount).toFixed(2).padStart(10)} ` +
      `${((100 * (read - ocrSeconds + assemble)) / ocrSeconds).toFixed(1).padStart(9)}%`,
  )
}
const cpu = process.cpuUsage(cpu0)
const wallAll = (performance.now() - wall0) / 1000
await pool.close()

console.log(`model load ${modelLoad.toFixed(2)} s; one OCR worker; seconds per page (wall)`)
console.log(`${'file'.padEnd(22)} pages      OCR render+prep+io   assemble  overhead`)
for (const r of rows) console.log(r)
const overhead = readTotal - ocrTotal + assembleTotal
console.log(
  `all ${pages} pages: OCR ${(ocrTotal / pages).toFixed(2)} s/page, render+preprocess+text layer ${((readTotal - ocrTotal) / pages).toFixed(2)} s/page, ` +
    `normalize+layout+extract+validate ${(assembleTotal / pages).toFixed(2)} s/page → overhead ${((100 * overhead) / ocrTotal).toFixed(1)}% of OCR time (target ≤ 10%)`,
)
console.log(`process CPU (main thread + OCR worker) ${((cpu.user + cpu.system) / 1e6 / pages).toFixed(2)} s/page over ${(wallAll / pages).toFixed(2)} s/page wall`)
console.log(`peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`)
