/**
 * OCR stage benchmark on the committed scanned fixtures (A4, rendered at 300 dpi):
 *   1. seconds per page: open + text layer + verdict ("rest"), render, preprocess, OCR (1 worker)
 *   1b. wasm core: tesseract.js's stock worker vs ours (LSTM-only build)
 *   2. image format handed to tesseract.js: PGM vs PNG (encode + recognize)
 *   3. output format: TSV vs the `blocks` JSON tree
 *   4. page segmentation mode: CER and time for PSM 3 / 4 / 6
 *   5. pool throughput (pages/min) with 1 and 2 workers, peak memory per worker
 *   6. the same page images through native `tesseract -l vie` (OMP_THREAD_LIMIT=1), Debian's model and
 *      the very model tesseract.js loads, as a ratio
 * Wall and CPU time are both printed: CPU time is the fairer figure on a shared machine.
 *
 *   npm run bench:ocr [-- --skip-psm]
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { gunzipSync } from 'node:zlib'
import sharp from 'sharp'
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js'
import type { GreyImage } from '../../src/image/grey-image.js'
import { preprocessPage } from '../../src/image/preprocess.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { createOcrPool, fromTsv, resolveLangPath, toPgm } from '../../src/ocr/pool.js'
import { openPdf } from '../../src/pdf/open.js'
import { renderPage } from '../../src/pdf/render.js'
import { readTextLayer } from '../../src/pdf/text-layer.js'
import { judgeTextLayer } from '../../src/pdf/text-quality.js'
import { bestCer } from '../../tests/helpers/cer.js'

const { values } = parseArgs({ options: { 'skip-psm': { type: 'boolean' }, 'skip-native': { type: 'boolean' }, 'pool-child': { type: 'string' } } })
const ROOT = path.resolve(import.meta.dirname, '../..')
const FIX = path.join(ROOT, 'fixtures')
const L = DEFAULT_LIMITS
const SOURCES = [
  { file: 'lao-cai.office.pdf', page: 1, gt: 'lao-cai' },
  { file: 'hon-quan.office.pdf', page: 1, gt: 'hon-quan' },
  { file: 'hon-quan.office.pdf', page: 2, gt: 'hon-quan' },
]

type Clock = { wall: number; cpu: number }
async function timed<T>(fn: () => Promise<T>): Promise<[T, Clock]> {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const out = await fn()
  const c = process.cpuUsage(c0)
  return [out, { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 }]
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const f = (x: number, d = 2) => x.toFixed(d)
const avgClock = (cs: Clock[]): Clock => ({ wall: mean(cs.map((c) => c.wall)), cpu: mean(cs.map((c) => c.cpu)) })
const show = (c: Clock) => `${f(c.wall)} s wall, ${f(c.cpu)} s cpu`

const ref = (gt: string) => [`${gt}.gt.txt`, `${gt}.gt-logical.txt`].map((n) => path.join(FIX, n)).filter(existsSync).map((p) => readFileSync(p, 'utf8'))
/** CER of one page against its slice of the document ground truth (page k ≥ 2 starts at its page-number line "k"). */
function pageCer(gt: string, page: number, text: string): number {
  const slices = ref(gt).map((r) => {
    const lines = r.split('\n')
    const starts = [0, ...lines.flatMap((l, i) => (/^\d+$/.test(l.trim()) && Number(l) >= 2 ? [i] : []))]
    return lines.slice(starts[page - 1] ?? 0, starts[page] ?? lines.length).join('\n')
  })
  return bestCer(slices, text)
}
const textOf = (p: { lines: { text: string }[] }) => p.lines.map((l) => l.text).join('\n')

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, node ${process.version}, load avg ${os.loadavg().map((x) => f(x, 1)).join(' ')}`)

// ---- 1. stages ----
const rest: Clock[] = []
const render: Clock[] = []
const pre: Clock[] = []
const images: { img: GreyImage; gt: string; page: number }[] = []
for (const s of SOURCES) {
  const bytes = new Uint8Array(readFileSync(path.join(FIX, s.file)))
  const [pdf, c1] = await timed(async () => {
    const pdf = await openPdf(bytes, L)
    judgeTextLayer(await readTextLayer(pdf, s.page))
    return pdf
  })
  rest.push(c1)
  const [img, c2] = await timed(() => renderPage(pdf, s.page, { dpi: L.dpi, maxPixels: L.maxPixels }))
  render.push(c2)
  const [p, c3] = await timed(() => preprocessPage(img))
  pre.push(c3)
  images.push({ img: p, gt: s.gt, page: s.page })
  await pdf.close()
}
// ---- 5 (child process): pool throughput and memory, measured in a fresh process per pool size ----
if (values['pool-child']) {
  const size = Number(values['pool-child'])
  const base = process.memoryUsage().rss
  let peak = base
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25)
  const pool = await createOcrPool({ size })
  // start all workers before timing (lazy start is part of a real run, but not of throughput)
  await Promise.all([...Array(size).keys()].map(() => pool.recognize(images[0].img, 1)))
  const pages = [...images, ...images]
  const [, c] = await timed(() => Promise.all(pages.map(({ img }, i) => pool.recognize(img, i + 1))))
  clearInterval(timer)
  await pool.close()
  console.log(JSON.stringify({ size, pages: pages.length, wall: c.wall, cpu: c.cpu, perWorkerMiB: (peak - base) / 2 ** 20 / size }))
  process.exit(0)
}

{
  const pool = await createOcrPool({ size: 1 })
  await pool.recognize(images[0].img, 1) // the first call of a fresh worker is slower
  const ocr: Clock[] = []
  const cers: number[] = []
  for (const { img, gt, page: n } of images) {
    const [page, c] = await timed(() => pool.recognize(img, 1))
    ocr.push(c)
    cers.push(pageCer(gt, n, textOf(page)))
  }
  await pool.close()
  console.log('\n1. seconds per page (A4, 300 dpi, mean of 3 office pages)')
  console.log(`   open+text layer+verdict ${show(avgClock(rest))}`)
  console.log(`   render                  ${show(avgClock(render))}`)
  console.log(`   preprocess (defaults)   ${show(avgClock(pre))}`)
  console.log(`   OCR (1 worker, warm)    ${show(avgClock(ocr))}   CER ${cers.map((c) => f(100 * c) + '%').join(' ')}`)
}

// ---- 1b. which wasm core: tesseract.js's stock worker loads tesseract-core-simd (legacy engine included) ----
{
  console.log('\n1b. wasm core (3 office pages, 1 worker, warm)')
  for (const core of ['stock', 'lstm'] as const) {
    const pool = await createOcrPool({ size: 1, core })
    await pool.recognize(images[0].img, 1)
    const cs: Clock[] = []
    for (const { img } of images) cs.push((await timed(() => pool.recognize(img, 1)))[1])
    await pool.close()
    console.log(`   ${core === 'stock' ? 'stock worker (tesseract-core-simd)    ' : 'src/ocr/tesseract-worker.cjs (simd-lstm)'} ${show(avgClock(cs))}`)
  }
}

// ---- 2.–4. engine options on a raw tesseract.js worker ----
const langPath = resolveLangPath()
async function rawWorker(psm: PSM): Promise<Worker> {
  const w = await createWorker('vie', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' })
  await w.setParameters({ tessedit_pageseg_mode: psm, debug_file: '/dev/null', user_defined_dpi: '300' })
  await w.recognize(Buffer.from(toPgm(images[0].img)), {}, { text: false, tsv: true })
  return w
}
{
  const w = await rawWorker(PSM.AUTO)
  const img = images[0].img
  console.log('\n2. image handed to tesseract.js (lao-cai page 1; encode + recognize)')
  for (const [name, enc] of [
    ['PGM (raw + 15-byte header)', async () => Buffer.from(toPgm(img))],
    ['PNG (sharp, level 6)', () => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } }).png().toBuffer()],
    ['PNG (sharp, level 1)', () => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer()],
  ] as const) {
    const [buf, ce] = await timed(enc)
    const [, cr] = await timed(() => w.recognize(buf, {}, { text: false, tsv: true }))
    console.log(`   ${name.padEnd(28)} ${(buf.length / 1e6).toFixed(1).padStart(5)} MB  encode ${f(ce.wall)} s  recognize ${show(cr)}`)
  }
  console.log('\n3. output format (same page, PGM)')
  for (const out of [{ tsv: true }, { blocks: true }, { text: true }]) {
    const [, c] = await timed(() => w.recognize(Buffer.from(toPgm(img)), {}, { text: false, ...out }))
    console.log(`   ${Object.keys(out)[0].padEnd(8)} ${show(c)}`)
  }
  await w.terminate()
}
if (!values['skip-psm']) {
  console.log('\n4. page segmentation mode (3 office pages): CER and time per page')
  for (const psm of [PSM.AUTO, PSM.SINGLE_COLUMN, PSM.SINGLE_BLOCK]) {
    const w = await rawWorker(psm)
    const cs: Clock[] = []
    const cers: number[] = []
    for (const { img, gt, page } of images) {
      const [r, c] = await timed(() => w.recognize(Buffer.from(toPgm(img)), {}, { text: false, tsv: true }))
      cs.push(c)
      cers.push(pageCer(gt, page, textOf(fromTsv(r.data.tsv ?? '', img, 1))))
    }
    await w.terminate()
    console.log(`   PSM ${psm}: CER ${f(100 * mean(cers))}%  ${show(avgClock(cs))}`)
  }
}

// ---- 5. pool throughput and memory (fresh child process per size: RSS includes worker threads) ----
console.log('\n5. pool throughput (6 pages: the 3 office pages twice) and peak memory')
for (const size of [1, 2]) {
  const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--pool-child', String(size)], { encoding: 'utf8' })
  const line = r.stdout.trim().split('\n').pop() ?? ''
  try {
    const m = JSON.parse(line) as { size: number; pages: number; wall: number; cpu: number; perWorkerMiB: number }
    console.log(
      `   ${size} worker${size > 1 ? 's' : ' '}: ${f((60 * m.pages) / m.wall, 1)} pages/min (${f(m.wall / m.pages)} s/page wall, ${f(m.cpu / m.pages)} s/page cpu)  peak RSS +${f(m.perWorkerMiB, 0)} MiB per worker`,
    )
  } catch {
    console.log(`   ${size} workers: child failed: ${r.stderr.slice(-500)}`)
  }
}

// ---- 6. native tesseract ----
if (!values['skip-native']) {
  const has = spawnSync('tesseract', ['--version'], { encoding: 'utf8' })
  const langs = has.status === 0 ? execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8' }) : ''
  if (has.status !== 0 || !/\bvie\b/.test(langs)) {
    console.log('\n6. native tesseract: skipped (apt-get install -y tesseract-ocr tesseract-ocr-vie to compare)')
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kehoach-bench-'))
    try {
      writeFileSync(path.join(dir, 'vie.traineddata'), gunzipSync(readFileSync(path.join(langPath, 'vie.traineddata.gz'))))
      const files = images.map(({ img }, i) => {
        const p = path.join(dir, `p${i}.pgm`)
        writeFileSync(p, toPgm(img))
        return p
      })
      const pool = await createOcrPool({ size: 1 })
      await pool.recognize(images[0].img, 1)
      const js: Clock[] = []
      for (const { img } of images) js.push((await timed(() => pool.recognize(img, 1)))[1])
      await pool.close()
      const jsC = avgClock(js)
      console.log(`\n6. native ${has.stdout.split('\n')[0]} vs tesseract.js, same PGM pages, PSM 3, OMP_THREAD_LIMIT=1`)
      console.log(`   tesseract.js (pool, 1 worker)       ${show(jsC)}`)
      for (const [name, extra] of [
        ['native, Debian vie (fast model)', [] as string[]],
        ['native, same model as tesseract.js', ['--tessdata-dir', dir]],
      ] as const) {
        const runs = files.map((file, i) => {
          const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', 'tesseract', file, '-', '-l', 'vie', '--psm', '3', '--dpi', '300', ...extra], {
            encoding: 'utf8',
            env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          })
          const [wall, user, sys, kb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number)
          return { wall, cpu: user + sys, kb, cer: pageCer(images[i].gt, images[i].page, r.stdout) }
        })
        const c = avgClock(runs)
        console.log(
          `   ${name.padEnd(35)} ${show(c)}  max RSS ${f(Math.max(...runs.map((r) => r.kb)) / 1024, 0)} MiB  CER ${f(100 * mean(runs.map((r) => r.cer)))}%  → tesseract.js/native ${f(jsC.wall / c.wall)}× wall, ${f(jsC.cpu / c.cpu)}× cpu`,
        )
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
