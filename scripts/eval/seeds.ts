/**
 * Field extraction through the whole pipeline, as users run it: the raw seed OCR texts
 * (../shared/seeds) → `runBatch` (normalize, layout, extract) → JSON → the shared scorer
 * (../shared/tools/score-extract.mjs) against ../shared/dev/*.labels.json.
 * Also runs the de-accented variants of the clean seeds (VARIANT=noacc).
 */
import { mkdtempSync, readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runBatch } from '../../src/batch.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { loadLanguageModel } from '../../src/normalize/index.js'
import { packageRoot } from '../../src/version.js'

const shared = path.resolve(packageRoot(), '..', 'shared')
if (!existsSync(path.join(shared, 'seeds'))) {
  console.log('eval:seeds skipped: ../shared not found')
  process.exit(0)
}
const seeds = readdirSync(path.join(shared, 'seeds')).filter((f) => f.endsWith('.txt')).sort()
const labelled = new Set(readdirSync(path.join(shared, 'dev')).filter((f) => f.endsWith('.labels.json')).map((f) => f.split('.')[0]))
const work = mkdtempSync(path.join(tmpdir(), 'kehoach-eval-'))
const model = loadLanguageModel()
const noOcr = async () => {
  throw new Error('seed texts need no OCR')
}

async function run(label: string, files: string[], outDir: string, variant?: string) {
  mkdirSync(outDir, { recursive: true })
  const t0 = Date.now()
  await runBatch(files.map((p) => ({ path: p, subfolder: null })), { outDir, limits: DEFAULT_LIMITS, model, ocr: noOcr, reprocess: true })
  const secs = ((Date.now() - t0) / 1000).toFixed(1)
  console.log(`\n## ${label} (${files.length} files, ${secs} s)`)
  const scorer = path.join(shared, 'tools', 'score-extract.mjs')
  try {
    process.stdout.write(execFileSync('node', [scorer, outDir, path.join(shared, 'dev')], { env: { ...process.env, ...(variant ? { VARIANT: variant } : {}) }, encoding: 'utf8' }))
  } catch (e: any) {
    process.stdout.write(e.stdout ?? String(e)) // the scorer exits 1 when short of its thresholds
  }
}

await run('raw seed texts → pipeline', seeds.map((f) => path.join(shared, 'seeds', f)), path.join(work, 'raw'))

// De-accented clean seeds: the same documents with every mark stripped (the shared noacc tool).
const noaccDir = path.join(work, 'noacc-in')
mkdirSync(noaccDir, { recursive: true })
const noaccFiles = seeds
  .filter((f) => labelled.has(f.split('_')[0]!) && !['000', '002', '003'].includes(f.split('_')[0]!))
  .map((f) => {
    const out = path.join(noaccDir, f.replace(/\.txt$/, '.noacc.txt'))
    writeFileSync(out, execFileSync('node', [path.join(shared, 'tools', 'noacc.mjs'), path.join(shared, 'seeds', f)], { encoding: 'utf8' }))
    return out
  })
await run('clean seeds with diacritics stripped → pipeline', noaccFiles, path.join(work, 'noacc'), 'noacc')
console.log(`\noutputs in ${work}`)
