/**
 * CPU of the main-thread steps of a scanned page (what runs beside the OCR workers), one thread, on the
 * side-by-side bench's 9 pages: render (decode), blank check, line axis, illumination, skew, rotation,
 * despeckle, upscale, rule binarize and segments. CPU is process.cpuUsage() (libvips threads included),
 * summed over the pages, mean of `--reps` passes; a hash of each cleaned page shows the pixels are the same.
 *
 *   npm run build && node --import tsx scripts/bench/page-steps.ts [--root DIR] [--reps N]
 * `--root DIR`: a built checkout (its dist/) to time instead of this one (before/after, docs/ocr.md).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { root: { type: 'string' }, reps: { type: 'string' } } })
const ROOT = path.resolve(values.root ?? path.join(import.meta.dirname, '../..'))
const REPS = Number(values.reps) || 2
const FILES = ['lao-cai.office.pdf', 'hon-quan.office.pdf', 'lao-cai.poor.pdf', 'hon-quan.poor.pdf', 'artefacts/lao-cai.pdf', 'artefacts/hon-quan.pdf']

// the checkout's built modules (dist/), so that another checkout can be timed the same way
const dist = (p: string) => import(path.join(ROOT, 'dist/src', p))
const { openPdf } = await dist('pdf/open.js')
const { renderPage } = await dist('pdf/render.js')
const { DEFAULT_LIMITS } = await dist('limits.js')
const { blankPageNote } = await dist('image/blank.js')
const { lineAxis } = await dist('image/orientation.js')
const { flattenIllumination } = await dist('image/illumination.js')
const { estimateSkew, rotate, despeckle } = await dist('image/preprocess.js')
const { atOcrResolution } = await dist('image/resolution.js')
const { binarize, findSegments } = await dist('layout/tables/rules.js')

const spent: Record<string, number> = {}
const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
async function step<T>(name: string, f: () => T | Promise<T>): Promise<T> {
  const t0 = cpuMs()
  const out = await f()
  spent[name] = (spent[name] ?? 0) + cpuMs() - t0
  return out
}

const hashes: string[] = []
for (let rep = 0; rep < REPS; rep++) {
  for (const file of FILES) {
    const pdf = await openPdf(new Uint8Array(readFileSync(path.join(ROOT, 'fixtures', file))), DEFAULT_LIMITS)
    for (let p = 1; p <= pdf.pageCount; p++) {
      const img = await step('render', () => renderPage(pdf, p, { dpi: DEFAULT_LIMITS.dpi, maxPixels: DEFAULT_LIMITS.maxPixels }))
      await step('blank', () => blankPageNote(img))
      await step('lineAxis', () => lineAxis(img))
      const even = await step('illumination', () => flattenIllumination(img))
      const angle: number = await step('skew', () => estimateSkew(even))
      const straight = Math.abs(angle) >= 0.1 ? await step('rotate', () => rotate(even, -angle)) : even
      const clean = await step('despeckle', () => despeckle(straight))
      const ocr = await step('upscale', () => atOcrResolution(clean, DEFAULT_LIMITS.dpi))
      // the table step's strict rule search (src/layout/tables/image.ts)
      const f = Math.max(1, Math.round(ocr.dpi / 150))
      const u = ocr.dpi / f / 150
      const bin = await step('binarize', () => binarize(ocr, f, 2 * Math.round(15 * u) + 1, 10))
      await step('segments', () => findSegments(bin, { minPiece: Math.round(8 * u), maxGap: Math.round(8 * u), minLen: Math.round(30 * u), minFill: 0.65 }, Math.round(8 * u)))
      if (rep === 0) hashes.push(`${file} p${p}: ${createHash('sha1').update(ocr.data).digest('hex').slice(0, 12)} ${ocr.width}×${ocr.height} skew ${angle}°`)
    }
    await pdf.close()
  }
}
console.log(`${ROOT}: CPU ms over ${hashes.length} pages, mean of ${REPS} passes`)
let total = 0
for (const [name, ms] of Object.entries(spent)) {
  total += ms / REPS
  console.log(`${name.padEnd(13)}${(ms / REPS).toFixed(0).padStart(7)}`)
}
console.log(`${'total'.padEnd(13)}${total.toFixed(0).padStart(7)}\n${hashes.join('\n')}`)
