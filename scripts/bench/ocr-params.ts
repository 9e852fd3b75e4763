/**
 * CPU of the OCR of a page with the pool's Tesseract parameters against the same plus some others
 * (A/B), on the side-by-side bench's 9 pages cleaned as the pipeline cleans them: two tesseract.js workers
 * set up as src/ocr/pool.ts sets its own, used one at a time, the two variants of each page read one after
 * the other (order swapped every pass), so that a shared machine's load falls on both alike. CPU is
 * process.cpuUsage() around each recognize (the worker threads are in this process), summed over the pages,
 * per pass; the CER of each variant against the fixtures' ground truth, and the pages whose words differ.
 *
 *   node --import tsx scripts/bench/ocr-params.ts [--reps N] [--set name=value ...] [--init name=value ...] [--lang DIR]
 * `--set`: parameters set on the second worker (default tessedit_do_invert=0); `--init`: init-only ones
 * (load_system_dawg=0 …), given to the second worker's Init;
 * `--lang DIR`: the second worker loads DIR/vie.traineddata (not gzipped)
 * instead of the pool's model (e.g. Debian's /usr/share/tesseract-ocr/5/tessdata, the tessdata_fast network)
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createWorker, OEM, type Worker, type WorkerParams } from 'tesseract.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { openPdf } from '../../src/pdf/open.js'
import { renderPage } from '../../src/pdf/render.js'
import { preprocessPage } from '../../src/image/preprocess.js'
import { atOcrResolution } from '../../src/image/resolution.js'
import { fromTsv, resolveLangPath, startingParams, toPgm } from '../../src/ocr/pool.js'
import { denoisePage } from '../../src/ocr/denoise.js'
import type { GreyImage } from '../../src/image/grey-image.js'
import { bestCer } from '../../tests/helpers/cer.js'
import { BENCH_FILES, FIXTURES, ROOT, groundTruths } from './bench-files.js'

const { values } = parseArgs({ options: { reps: { type: 'string' }, set: { type: 'string', multiple: true }, init: { type: 'string', multiple: true }, lang: { type: 'string' } } })
const REPS = Number(values.reps) || 3
const pairs = (l: string[]) => Object.fromEntries(l.map((s) => s.split('=') as [string, string]))
const EXTRA = pairs(values.set ?? (values.lang || values.init ? [] : ['tessedit_do_invert=0']))
const INIT = pairs(values.init ?? [])

// the pages as src/ocr/read-image.ts hands them to the OCR (illumination, deskew, despeckle, upscale; upright pages)
const pages: { file: string; gt: string; page: number; image: GreyImage }[] = []
for (const { file, gt } of BENCH_FILES) {
  const pdf = await openPdf(new Uint8Array(readFileSync(path.join(FIXTURES, file))), DEFAULT_LIMITS)
  for (let p = 1; p <= pdf.pageCount; p++) {
    const img = await renderPage(pdf, p, { dpi: DEFAULT_LIMITS.dpi, maxPixels: DEFAULT_LIMITS.maxPixels })
    pages.push({ file, gt, page: p, image: await atOcrResolution(await preprocessPage(img), DEFAULT_LIMITS.dpi) })
  }
  await pdf.close()
}

async function start(extra: Record<string, string>, lang?: string, init?: Record<string, string>): Promise<Worker> {
  const options = { langPath: lang ?? resolveLangPath(), gzip: !lang, cacheMethod: 'none', workerPath: path.join(ROOT, 'src/ocr/tesseract-worker.cjs') }
  const worker = await createWorker('vie', OEM.LSTM_ONLY, options, init ? (init as never) : undefined)
  await worker.setParameters({ ...startingParams(), ...extra } as Partial<WorkerParams>)
  return worker
}
const variants = [
  { name: 'pool', worker: await start({}) },
  {
    name: [
      ...(values.lang ? [`model ${values.lang}`] : []),
      ...Object.entries({ ...INIT, ...EXTRA }).map(([k, v]) => `${k}=${v}`),
    ].join(' '),
    worker: await start(EXTRA, values.lang, values.init ? INIT : undefined),
  },
]
// one untimed read each first: a worker's first page costs more (wasm tiering, allocations)
for (const { worker } of variants) await worker.recognize(toPgm(pages[0]!.image).buffer as unknown as Buffer, {}, { text: false, tsv: true, blocks: false })
const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

const spent = variants.map(() => [] as number[])
const perPage = variants.map(() => pages.map(() => 0))
const texts = variants.map(() => pages.map(() => ''))
for (let rep = 0; rep < REPS; rep++) {
  variants.forEach((_, v) => spent[v]!.push(0))
  for (const [i, pg] of pages.entries()) {
    const order = (rep + i) % 2 === 0 ? [0, 1] : [1, 0]
    for (const v of order) {
      const { worker } = variants[v]!
      await worker.setParameters({ user_defined_dpi: String(Math.round(pg.image.dpi || 300)) } as Partial<WorkerParams>)
      const pgm = toPgm(pg.image).buffer as ArrayBuffer
      const t0 = cpuMs()
      const { data } = await worker.recognize(pgm as unknown as Buffer, {}, { text: false, tsv: true, blocks: false })
      const ms = cpuMs() - t0
      spent[v]![rep]! += ms
      perPage[v]![i]! += ms / REPS
      const page = denoisePage(fromTsv(data.tsv ?? '', pg.image, pg.page))
      const text = page.lines.map((l) => l.text).join('\n')
      if (rep > 0 && text !== texts[v]![i]) console.log(`${pg.file} p${pg.page}: ${variants[v]!.name} read it differently in pass ${rep + 1}`)
      texts[v]![i] = text
    }
  }
}
for (const v of variants) await v.worker.terminate()

const f0 = (x: number) => x.toFixed(0)
console.log(`OCR CPU ms over ${pages.length} pages, per pass (${REPS} passes, interleaved):`)
variants.forEach((v, k) => {
  const mean = spent[k]!.reduce((s, x) => s + x, 0) / REPS
  console.log(`  ${v.name.padEnd(28)} ${spent[k]!.map(f0).join(' ')}  mean ${f0(mean)}`)
})
console.log('per page (mean ms):')
for (const [i, pg] of pages.entries()) {
  const same = texts[0]![i] === texts[1]![i] ? 'same text' : 'text differs'
  console.log(`  ${`${pg.file} p${pg.page}`.padEnd(28)} ${perPage.map((p) => f0(p[i]!)).join(' / ')}  ${same}`)
  if (texts[0]![i] !== texts[1]![i]) {
    const [a, b] = [texts[0]![i]!.split('\n'), texts[1]![i]!.split('\n')]
    for (const l of a.filter((x) => !b.includes(x))) console.log(`      - ${l}`)
    for (const l of b.filter((x) => !a.includes(x))) console.log(`      + ${l}`)
  }
}
console.log('CER per file after the noise filter (pages joined):')
for (const { file, gt } of BENCH_FILES) {
  const idx = pages.flatMap((p, i) => (p.file === file ? [i] : []))
  const cers = variants.map((_, k) => bestCer(groundTruths(gt), idx.map((i) => texts[k]![i]!).join('\n')))
  console.log(`  ${file.padEnd(28)} ${cers.map((c) => (c * 100).toFixed(2)).join(' / ')}%`)
}
