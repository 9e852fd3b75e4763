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
 * Pages given as `<stem>_p1.png`, `<stem>_p2.png` … are read as one document named `<stem>`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { prepareDocument, readPage, type PreparedDocument } from '../../src/pipeline.js'
import { assemblePlan } from '../../src/assemble.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { loadLanguageModel } from '../../src/normalize/index.js'
import { createOcrPool, type OcrPool } from '../../src/ocr/pool.js'
import { openPdf } from '../../src/pdf/open.js'
import { writePlanFile } from '../../src/store/plan-files.js'
import { packageRoot } from '../../src/version.js'
import type { SourcePage } from '../../src/schema/page.js'

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

type Input = { name: string; files: string[] }
function inputs(): Input[] {
  const byStem = new Map<string, string[]>()
  for (const f of readdirSync(devReal).filter((f) => /\.(pdf|png|jpe?g|tiff?)$/i.test(f)).sort()) {
    const m = /^(.*)_p(\d+)\.[^.]+$/.exec(f)
    const stem = m ? m[1]! : f
    byStem.set(stem, [...(byStem.get(stem) ?? []), path.join(devReal, f)])
  }
  const real = [...byStem].map(([stem, files]) => ({ name: files.length > 1 ? `${stem}${path.extname(files[0]!)}` : path.basename(files[0]!), files }))
  const seeds = readdirSync(path.join(shared, 'seeds')).filter((f) => SEEDS_WITH_OWN_LABELS.has(f.split('_')[0]!)).sort()
    .map((f) => ({ name: f, files: [path.join(shared, 'seeds', f)] }))
  return [...real, ...seeds].filter((x) => !only || x.name.includes(only))
}

let pool: OcrPool | null = null
const ocr = async () => (pool ??= await createOcrPool())

/** The pages of one file, read as `kehoach process` reads them (or taken from the cache). */
async function pagesOf(doc: PreparedDocument): Promise<SourcePage[]> {
  const cached = cacheDir && path.join(cacheDir, `${doc.id}.pages.json`)
  if (cached && existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as SourcePage[]
  const pdf = doc.kind === 'pdf' ? await openPdf(doc.bytes, DEFAULT_LIMITS) : undefined
  try {
    const pages: SourcePage[] = []
    for (let p = 1; p <= doc.pageCount; p++) {
      pages.push(await readPage(doc, p, { ocr: doc.kind === 'text' ? (null as unknown as OcrPool) : await ocr(), limits: DEFAULT_LIMITS, pdf }))
    }
    if (cached) { mkdirSync(cacheDir!, { recursive: true }); writeFileSync(cached, JSON.stringify(pages)) }
    return pages
  } finally {
    await pdf?.close()
  }
}

const model = loadLanguageModel()
mkdirSync(outDir, { recursive: true })
const t0 = Date.now()
for (const input of inputs()) {
  const docs = await Promise.all(input.files.map(async (f) => prepareDocument({ fileName: path.basename(f), bytes: new Uint8Array(readFileSync(f)) }, DEFAULT_LIMITS)))
  const pages: SourcePage[] = []
  for (const d of docs) for (const p of await pagesOf(d)) pages.push({ ...p, page: pages.length + 1 })
  const doc = { ...docs[0]!, fileName: input.name, pageCount: pages.length }
  const plan = assemblePlan(doc, pages.map((read) => ({ page: read.page, read })), { model, now: new Date(), startedAt: Date.now() })
  await writePlanFile(outDir, plan)
}
await (pool as OcrPool | null)?.close()
console.log(`## real documents (${inputs().length} inputs, ${((Date.now() - t0) / 1000).toFixed(1)} s${cacheDir ? ', pages cached in ' + cacheDir : ''})`)

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
