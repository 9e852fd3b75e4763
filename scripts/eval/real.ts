/**
 * `npm run eval:real`: the pipeline on real office documents — the scans in ../shared/dev-real (letters,
 * a plan, a decision, a submission, a Party letter; stamps, handwriting, phone photos) and the garbled
 * seed OCR dumps 000 and 003 — scored with the shared scorer (../shared/tools/score-extract.mjs) against
 * ../shared/dev-real/*.labels.json and fixtures/real-labels/*.labels.json.
 *
 * Besides the scorer's figures it prints "printed header": type, number, date, issuer and title, leaving
 * out the fields a label lists as handwritten on the page (those are read only with strong evidence).
 *
 * Options: `--cache DIR` keeps each document's read pages (OCR words and boxes) in DIR and reuses them on
 * the next run, so that extraction can be re-run in seconds (the pages are what `readPage` returned; delete
 * DIR after changing OCR or page preparation). `--out DIR` writes the JSON there (default: a temp folder).
 * `--only NAME` runs the inputs whose file name contains NAME.
 *
 * Inputs are collected and run as `kehoach process` does (`runDocument` with the in-process page pool):
 * page images `<stem>_p1.png`, `<stem>_p2.png` … are one document.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pagePool, runDocument, type PageExecutor } from '../../src/pipeline.js'
import { collectInputs, readDocumentInput, type InputFile } from '../../src/ingest/collect.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { loadLanguageModel } from '../../src/normalize/index.js'
import { createOcrPool, type OcrPool } from '../../src/ocr/pool.js'
import { writePlanFile } from '../../src/store/plan-files.js'
import { packageRoot } from '../../src/version.js'
import type { PageOutcome } from '../../src/document.js'

const arg = (k: string) => { const i = process.argv.indexOf(k); return i >= 0 ? process.argv[i + 1] : undefined }
const shared = path.resolve(packageRoot(), '..', 'shared')
const devReal = path.join(shared, 'dev-real')
if (!existsSync(devReal)) {
  console.log('eval:real skipped: ../shared/dev-real (real documents, labels and the scorer) not found')
  process.exit(0)
}
const cacheDir = arg('--cache')
const outDir = arg('--out') ?? mkdtempSync(path.join(tmpdir(), 'kehoach-real-'))
const only = arg('--only')
const ownLabels = path.join(packageRoot(), 'fixtures', 'real-labels')
const SEEDS_WITH_OWN_LABELS = new Set(readdirSync(ownLabels).filter((f) => f.endsWith('.labels.json')).map((f) => f.split('.')[0]))

/** The inputs as `kehoach process` collects them (page images `<stem>_pN` grouped into one document). */
async function inputs(): Promise<InputFile[]> {
  const real = readdirSync(devReal).filter((f) => /\.(pdf|png|jpe?g|tiff?)$/i.test(f)).map((f) => path.join(devReal, f))
  const seeds = readdirSync(path.join(shared, 'seeds')).filter((f) => SEEDS_WITH_OWN_LABELS.has(f.split('_')[0]!)).map((f) => path.join(shared, 'seeds', f))
  return (await collectInputs([...real, ...seeds])).filter((x) => !only || path.basename(x.path).includes(only))
}

let pool: OcrPool | null = null
const ocr = async () => (pool ??= await createOcrPool())
const inProcess = pagePool(async () => (await ocr()).size)

/** The product's page executor, with each document's page outcomes kept in the cache folder. */
const cachedPages: PageExecutor = async (doc, read) => {
  const cached = cacheDir && path.join(cacheDir, `${doc.id}.pages.json`)
  if (cached && existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as PageOutcome[]
  const outcomes = await inProcess(doc, read)
  if (cached) { mkdirSync(cacheDir!, { recursive: true }); writeFileSync(cached, JSON.stringify(outcomes)) }
  return outcomes
}

const model = loadLanguageModel()
mkdirSync(outDir, { recursive: true })
const t0 = Date.now()
const files = await inputs()
for (const file of files) {
  const plan = await runDocument(await readDocumentInput(file), { limits: DEFAULT_LIMITS, model, ocr, pages: cachedPages })
  await writePlanFile(outDir, plan)
}
await (pool as OcrPool | null)?.close()
console.log(`## real documents (${files.length} inputs, ${((Date.now() - t0) / 1000).toFixed(1)} s${cacheDir ? ', pages cached in ' + cacheDir : ''})`)

const scorer = path.join(shared, 'tools', 'score-extract.mjs')
function score(labels: string, title: string) {
  console.log(`\n### ${title}`)
  let out: string
  try {
    out = execFileSync('node', [scorer, outDir, labels], { encoding: 'utf8' })
  } catch (e: any) {
    out = e.stdout ?? String(e) // the scorer exits 1 when short of its thresholds
  }
  process.stdout.write(out)
  const json = (() => { try { return execFileSync('node', [scorer, outDir, labels, '--json'], { encoding: 'utf8' }) } catch (e: any) { return e.stdout } })()
  printedHeader(labels, JSON.parse(json))
}

/** Type, number, date, issuer, title over the fields printed on the page (a label's `handwritten` left out). */
function printedHeader(labels: string, scored: { perDoc: { id: string; errors: string[] }[] }) {
  const KEYS = { docType: 'docType', number: 'number', date: 'date', issuer: 'issuer', title: 'title' } as const
  let right = 0, all = 0
  for (const d of scored.perDoc) {
    const label = JSON.parse(readFileSync(path.join(labels, `${d.id}.labels.json`), 'utf8'))
    const handwritten = new Set<string>(label.handwritten ?? [])
    for (const k of Object.keys(KEYS)) {
      if (label[k] === undefined || handwritten.has(k)) continue
      all++
      if (!d.errors.some((e) => e.startsWith(`${k}:`))) right++
    }
  }
  console.log(`printed header (type, number, date, issuer, title; handwritten left out): ${right} of ${all} = ${(100 * right / Math.max(1, all)).toFixed(1)}%`)
}

score(devReal, 'real scans (../shared/dev-real)')
score(ownLabels, 'garbled seed OCR dumps (fixtures/real-labels)')
console.log(`\noutputs in ${outDir}`)
