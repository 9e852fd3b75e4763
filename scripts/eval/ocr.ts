/**
 * CER of the OCR stage on the scanned fixtures, with and without each preprocessing step
 * (none / normalize / deskew / both / despeckle = deskew + speck removal; pages = readPage's whole page
 * step: blank test, orientation, the default clean-up), each scored on the raw
 * words and after the noise-word filter (`+dn`, src/ocr/denoise.ts, the pool's default), through the
 * real stage functions: openPdf → renderPage → preprocessPage → OcrPool.recognize (→ denoisePage).
 *
 *   npm run eval:ocr [-- --only hon-quan.poor.pdf] [--psm 3] [--variants none,both] [--rotate 3]
 *
 * --rotate D turns every page a further D degrees (alternating sign by page) before preprocessing:
 * the fixtures are skewed ≤ 1.5°, real scans up to ±5°.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { decodeImagePage, countImagePages } from '../../src/image/decode.js'
import type { GreyImage } from '../../src/image/grey-image.js'
import { preprocessPage, rotate } from '../../src/image/preprocess.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { denoisePage } from '../../src/ocr/denoise.js'
import { createOcrPool } from '../../src/ocr/pool.js'
import { readPageImage } from '../../src/ocr/read-image.js'
import type { SourcePage } from '../../src/schema/page.js'
import { openPdf } from '../../src/pdf/open.js'
import { renderPage } from '../../src/pdf/render.js'
import { bestCer } from '../../tests/helpers/cer.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const FIX = path.join(ROOT, 'fixtures')
const { values } = parseArgs({ options: { only: { type: 'string' }, psm: { type: 'string' }, variants: { type: 'string' }, rotate: { type: 'string' } } })

const VARIANTS = {
  none: { normalize: false, deskew: false, despeckle: false },
  normalize: { normalize: true, deskew: false, despeckle: false },
  deskew: { normalize: false, deskew: true, despeckle: false },
  both: { normalize: true, deskew: true, despeckle: false },
  despeckle: { normalize: false, deskew: true, despeckle: true },
} as const
/** "pages": the whole page step readPage runs (blank test, orientation, default clean-up, OCR: src/ocr/read-image.ts). */
type Variant = keyof typeof VARIANTS | 'pages'
const variants = (values.variants?.split(',') ?? [...Object.keys(VARIANTS), 'pages']) as Variant[]

const files = readdirSync(FIX)
  .filter((f) => /\.(office|poor)\.pdf$|\.tif$/.test(f))
  .filter((f) => !values.only || f === values.only)
  .sort()

async function pagesOf(file: string): Promise<GreyImage[]> {
  const bytes = readFileSync(path.join(FIX, file))
  if (file.endsWith('.tif')) {
    const n = await countImagePages(bytes, DEFAULT_LIMITS)
    return Promise.all([...Array(n).keys()].map((i) => decodeImagePage(bytes, i, DEFAULT_LIMITS)))
  }
  const pdf = await openPdf(bytes, DEFAULT_LIMITS)
  const out: GreyImage[] = []
  for (let p = 1; p <= pdf.pageCount; p++) out.push(await renderPage(pdf, p, { dpi: DEFAULT_LIMITS.dpi, maxPixels: DEFAULT_LIMITS.maxPixels }))
  await pdf.close()
  return out
}

// words unfiltered here, so that each variant is scored without and with the noise filter (the pool's
// default) from the same OCR run: "deskew" is the raw words, "deskew+dn" after denoisePage
const pool = await createOcrPool({ size: 2, denoise: false, ...(values.psm ? { psm: Number(values.psm) as never } : {}) })
const cols = variants.flatMap((v) => [v, `${v}+dn`])
const totals = new Map<string, { e: number; n: number }>()
console.log(`file                      ${cols.map((v) => v.padStart(12)).join('')}`)
for (const file of files) {
  const base = file.replace(/\.(office|poor)\.pdf$|\.tif$/, '')
  const refs = [`${base}.gt.txt`, `${base}.gt-logical.txt`].map((n) => path.join(FIX, n)).filter(existsSync).map((p) => readFileSync(p, 'utf8'))
  const extra = Number(values.rotate ?? 0)
  const pages = await Promise.all((await pagesOf(file)).map((p, i) => (extra ? rotate(p, i % 2 ? -extra : extra) : p)))
  const row: string[] = []
  for (const v of variants) {
    const read = await Promise.all(
      pages.map(async (img, i) => (v === 'pages' ? readPageImage(img, i + 1, pool) : pool.recognize(await preprocessPage(img, VARIANTS[v]), i + 1))),
    )
    const textOf = (ps: SourcePage[]) => ps.map((p) => p.lines.map((l) => l.text).join('\n')).join('\n')
    const n = refs[0].replace(/\s+/g, ' ').trim().length
    for (const [col, text] of [[v, textOf(read)], [`${v}+dn`, textOf(read.map(denoisePage))]]) {
      const c = bestCer(refs, text)
      const t = totals.get(col) ?? { e: 0, n: 0 }
      totals.set(col, { e: t.e + c * n, n: t.n + n })
      row.push(`${(100 * c).toFixed(2)}%`.padStart(12))
    }
  }
  console.log(`${file.padEnd(26)}${row.join('')}`)
}
console.log(`${'all (char-weighted)'.padEnd(26)}${cols.map((v) => `${((100 * totals.get(v)!.e) / totals.get(v)!.n).toFixed(2)}%`.padStart(12)).join('')}`)
await pool.close()
