/**
 * End to end, side by side, on the same scanned PDFs (the fixtures with a ground truth: office 300 dpi,
 * poor 200 dpi, colour artefact scans 200 dpi; 9 pages): wall time and character error rate of
 *   - `kehoach process` (a fresh CLI: model load, every stage, JSON written; its --timings summary),
 *   - native `tesseract -l vie` on the page images, as many processes as cores (OCR and nothing else:
 *     the floor; the page images are taken out of the PDFs beforehand, untimed),
 *   - `ocrmypdf -l vie --jobs <cores>` (also writes a PDF/A), files one after another.
 * A tool that is not installed is skipped (Debian: `apt-get install -y ocrmypdf tesseract-ocr-vie`).
 * One run each: on a shared machine, compare figures of one run only.
 *
 *   npm run bench   (this first)      node --import tsx scripts/bench/side-by-side.ts [--jobs N] [--baseline DIR]
 * `--baseline DIR`: also run the `kehoach` of another built checkout (before/after in one run).
 * `--runs N`: the whole comparison N times in a row, each run's table, then the median of each tool's
 * wall time and of each run's ratios (one run on a shared machine moves by ±15%).
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import sharp from 'sharp'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { openPdf } from '../../src/pdf/open.js'
import { renderPage } from '../../src/pdf/render.js'
import type { Plan } from '../../src/schema/plan.js'
import { bestCer } from '../../tests/helpers/cer.js'
import { BENCH_FILES, FIXTURES, ROOT, groundTruths } from './bench-files.js'

const { values } = parseArgs({ options: { jobs: { type: 'string' }, baseline: { type: 'string' }, runs: { type: 'string' } } })
const JOBS = Number(values.jobs) || os.availableParallelism()
const RUNS = Math.max(1, Number(values.runs) || 1)

const work = mkdtempSync(path.join(os.tmpdir(), 'kehoach-sbs-'))
const f2 = (x: number) => x.toFixed(2)
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0

/** Run `cmd` with at most `jobs` at once; resolves when all are done. */
async function runAll(cmds: { cmd: string; args: string[]; env?: NodeJS.ProcessEnv }[], jobs: number): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < cmds.length) {
      const c = cmds[next++]!
      await new Promise<void>((resolve, reject) => {
        const p = spawn(c.cmd, c.args, { stdio: ['ignore', 'ignore', 'pipe'], env: c.env ?? process.env })
        let err = ''
        p.stderr.on('data', (d) => (err += d))
        p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${c.cmd} ${c.args.join(' ')}: exit ${code}\n${err.slice(-500)}`))))
      })
    }
  }
  await Promise.all(Array.from({ length: jobs }, lane))
}

type Row = { name: string; wall: number; cer: number | null; note?: string }
const rows: Row[] = []
const pages = await pageCount()

async function pageCount(): Promise<number> {
  let n = 0
  for (const { file } of BENCH_FILES) {
    const pdf = await openPdf(new Uint8Array(readFileSync(path.join(FIXTURES, file))), DEFAULT_LIMITS)
    n += pdf.pageCount
    await pdf.close()
  }
  return n
}

let outDirs = 0

/** `kehoach process` of this checkout (with its --timings summary), or of the baseline checkout. */
async function benchKehoach(root: string, label: string, timings: boolean): Promise<void> {
  const out = path.join(work, `kehoach-${outDirs++}`) // a fresh folder each run: results already there are skipped
  const args = [path.join(root, 'bin/kehoach.js'), 'process', ...BENCH_FILES.map((f) => path.join(FIXTURES, f.file)), '--out', out, '--jobs', String(JOBS), '--no-progress']
  const t0 = performance.now()
  const r = spawnSync(process.execPath, timings ? [...args, '--timings'] : args, { encoding: 'utf8' })
  const wall = (performance.now() - t0) / 1000
  if (r.status !== 0) throw new Error(`kehoach process: exit ${r.status}\n${r.stderr}`)
  const plans = readdirSync(out).filter((n) => n.endsWith('.json')).map((n) => JSON.parse(readFileSync(path.join(out, n), 'utf8')) as Plan)
  const cers = BENCH_FILES.map(({ file, gt }) => {
    const plan = plans.find((p) => p.source.fileName === path.basename(file))!
    return bestCer(groundTruths(gt), plan.text.pages.map((p) => p.text).join('\n'))
  })
  rows.push({ name: `${label} process --jobs ${JOBS}`, wall, cer: mean(cers) })
  if (timings) console.log(`${label} --timings:\n${r.stderr.split('\n').filter((l) => /^(timings|stage|\w[\w-]* +\d)/.test(l)).join('\n')}\n`)
}

/** The scans' page images at their own resolution, as PNG (what native tesseract reads), untimed. */
async function pageImages(): Promise<{ file: string; gt: string; images: string[] }[]> {
  const out = []
  for (const { file, gt, dpi } of BENCH_FILES) {
    const pdf = await openPdf(new Uint8Array(readFileSync(path.join(FIXTURES, file))), DEFAULT_LIMITS)
    const images: string[] = []
    for (let p = 1; p <= pdf.pageCount; p++) {
      const img = await renderPage(pdf, p, { dpi, maxPixels: DEFAULT_LIMITS.maxPixels })
      const name = path.join(work, `${file.replace(/\W/g, '_')}-${p}.png`)
      await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.width * img.height), { raw: { width: img.width, height: img.height, channels: 1 } })
        .withMetadata({ density: dpi })
        .png({ compressionLevel: 1 })
        .toFile(name)
      images.push(name)
    }
    await pdf.close()
    out.push({ file, gt, images })
  }
  return out
}

let images: Promise<{ file: string; gt: string; images: string[] }[]> | undefined

async function benchNative(): Promise<void> {
  if (!has('tesseract', ['--list-langs']) || !spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout.includes('vie')) {
    rows.push({ name: 'native tesseract -l vie', wall: NaN, cer: null, note: 'skipped: not installed (tesseract-ocr-vie)' })
    return
  }
  const docs = await (images ??= pageImages())
  const cmds = docs.flatMap((d) => d.images.map((img) => ({ cmd: 'tesseract', args: [img, img.replace(/\.png$/, ''), '-l', 'vie'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } })))
  const t0 = performance.now()
  await runAll(cmds, JOBS)
  const wall = (performance.now() - t0) / 1000
  const cers = docs.map((d) => bestCer(groundTruths(d.gt), d.images.map((i) => readFileSync(i.replace(/\.png$/, '.txt'), 'utf8')).join('\n')))
  rows.push({ name: `native tesseract -l vie, ${JOBS} processes`, wall, cer: mean(cers) })
}

async function benchOcrmypdf(): Promise<void> {
  if (!has('ocrmypdf', ['--version'])) {
    rows.push({ name: 'ocrmypdf', wall: NaN, cer: null, note: 'skipped: not installed (ocrmypdf)' })
    return
  }
  const t0 = performance.now()
  await runAll(
    BENCH_FILES.map(({ file }, i) => ({ cmd: 'ocrmypdf', args: ['-l', 'vie', '--jobs', String(JOBS), '--sidecar', path.join(work, `o${i}.txt`), path.join(FIXTURES, file), path.join(work, `o${i}.pdf`)] })),
    1,
  )
  const wall = (performance.now() - t0) / 1000
  const cers = BENCH_FILES.map(({ gt }, i) => bestCer(groundTruths(gt), readFileSync(path.join(work, `o${i}.txt`), 'utf8').replace(/\f/g, '\n')))
  const version = spawnSync('ocrmypdf', ['--version'], { encoding: 'utf8' }).stdout.trim()
  rows.push({ name: `ocrmypdf ${version} --jobs ${JOBS} (PDF/A out)`, wall, cer: mean(cers) })
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length
}

function printTable(table: Row[]): void {
  const native = table.find((r) => r.name.startsWith('native'))?.wall
  const ocrmypdf = table.find((r) => r.name.startsWith('ocrmypdf'))?.wall
  console.log(`${'tool'.padEnd(48)} ${'wall s'.padStart(7)} ${'s/page'.padStart(7)} ${'CER'.padStart(7)} ${'÷native'.padStart(8)} ${'÷ocrmypdf'.padStart(9)}`)
  for (const r of table) {
    if (r.note) {
      console.log(`${r.name.padEnd(48)} ${r.note}`)
      continue
    }
    const ratio = (x: number | undefined) => (x && Number.isFinite(x) ? f2(r.wall / x) : '-')
    console.log(
      `${r.name.padEnd(48)} ${f2(r.wall).padStart(7)} ${f2(r.wall / pages).padStart(7)} ${(r.cer == null ? '-' : `${f2(100 * r.cer)}%`).padStart(7)} ${ratio(native).padStart(8)} ${ratio(ocrmypdf).padStart(9)}`,
    )
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

/** Median over the runs of each tool's wall time and of its ratios to native tesseract and OCRmyPDF. */
function printMedians(runs: Row[][]): void {
  const wallOf = (table: Row[], prefix: string) => table.find((r) => r.name.startsWith(prefix))?.wall ?? NaN
  console.log(`\nmedian of ${runs.length} runs`)
  console.log(`${'tool'.padEnd(48)} ${'wall s'.padStart(7)} ${'÷native'.padStart(8)} ${'÷ocrmypdf'.padStart(9)}`)
  for (const { name, note } of runs[0]!) {
    if (note) continue
    const walls = runs.map((t) => t.find((r) => r.name === name)!.wall)
    const ratio = (prefix: string) => median(runs.map((t, i) => walls[i]! / wallOf(t, prefix)))
    const fmt = (x: number) => (Number.isFinite(x) ? f2(x) : '-')
    console.log(`${name.padEnd(48)} ${fmt(median(walls)).padStart(7)} ${fmt(ratio('native')).padStart(8)} ${fmt(ratio('ocrmypdf')).padStart(9)}`)
  }
}

try {
  console.log(`side by side: ${BENCH_FILES.length} scanned PDFs, ${pages} pages; ${os.cpus().length} × ${os.cpus()[0]?.model}; load avg ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}\n`)
  const runs: Row[][] = []
  for (let run = 1; run <= RUNS; run++) {
    rows.splice(0)
    if (values.baseline) await benchKehoach(path.resolve(values.baseline), 'kehoach (baseline)', false)
    await benchKehoach(ROOT, 'kehoach', run === 1)
    await benchNative()
    await benchOcrmypdf()
    if (RUNS > 1) console.log(`run ${run} of ${RUNS}`)
    printTable(rows)
    runs.push([...rows])
  }
  if (RUNS > 1) printMedians(runs)
  console.log(`load avg after ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
