/**
 * Field extraction through the whole pipeline, as users run it: the raw seed OCR texts
 * (../shared/seeds) → `runBatch` (normalize, layout, extract) → JSON → the shared scorer
 * (../shared/tools/score-extract.mjs) against ../shared/dev/*.labels.json.
 * Also runs the de-accented variants of the clean seeds (VARIANT=noacc), and the held-out
 * plans in fixtures/heldout (written blind to the extraction code) as they are and de-accented.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runBatch } from '../../src/batch.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { loadLanguageModel } from '../../src/normalize/index.js'
import { packageRoot } from '../../src/version.js'
import { vietnameseTextScore } from '../../src/normalize/syllable.js'

const shared = path.resolve(packageRoot(), '..', 'shared')
if (!existsSync(path.join(shared, 'seeds'))) {
  console.log('eval:extract skipped: ../shared (seeds, labels and the scorer) not found')
  process.exit(0)
}
const seeds = readdirSync(path.join(shared, 'seeds')).filter((f) => f.endsWith('.txt')).sort()
const labelled = new Set(readdirSync(path.join(shared, 'dev')).filter((f) => f.endsWith('.labels.json')).map((f) => f.split('.')[0]))
const work = mkdtempSync(path.join(tmpdir(), 'kehoach-eval-'))
const model = loadLanguageModel()
const noOcr = async () => {
  throw new Error('seed texts need no OCR')
}

async function run(label: string, files: string[], outDir: string, variant?: string, labels = path.join(shared, 'dev')) {
  mkdirSync(outDir, { recursive: true })
  const t0 = Date.now()
  await runBatch(files.map((p) => ({ path: p, subfolder: null })), { outDir, limits: DEFAULT_LIMITS, model, ocr: noOcr, reprocess: true })
  const secs = ((Date.now() - t0) / 1000).toFixed(1)
  console.log(`\n## ${label} (${files.length} files, ${secs} s)`)
  const scorer = path.join(shared, 'tools', 'score-extract.mjs')
  try {
    process.stdout.write(execFileSync('node', [scorer, outDir, labels], { env: { ...process.env, ...(variant ? { VARIANT: variant } : {}) }, encoding: 'utf8' }))
  } catch (e: any) {
    process.stdout.write(e.stdout ?? String(e)) // the scorer exits 1 when short of its thresholds
  }
}

await run('raw seed texts → pipeline', seeds.map((f) => path.join(shared, 'seeds', f)), path.join(work, 'raw'))

// De-accented clean text: the labelled clean seeds and 002's corrected text, every mark stripped
// with the shared noacc tool, named `<label id>.noacc.txt` as the scorer's VARIANT=noacc expects.
const noaccDir = path.join(work, 'noacc-in')
mkdirSync(noaccDir, { recursive: true })
const cleanSources = [...labelled].flatMap((id) => {
  const seed = seeds.find((f) => f.startsWith(id + '_'))
  const gold = path.join(shared, 'dev', `${id}_gold.txt`)
  if (existsSync(gold)) return [[id, gold]]
  if (seed && vietnameseTextScore(readFileSync(path.join(shared, 'seeds', seed), 'utf8')).markedShare > 0.5) return [[id, path.join(shared, 'seeds', seed)]]
  return []
})
const noaccFiles = cleanSources.map(([id, src]) => {
  const out = path.join(noaccDir, `${id}.noacc.txt`)
  writeFileSync(out, execFileSync('node', [path.join(shared, 'tools', 'noacc.mjs'), src!], { encoding: 'utf8' }))
  return out
})
await run('clean seeds with diacritics stripped → pipeline', noaccFiles, path.join(work, 'noacc'), 'noacc')
// The held-out set (fixtures/heldout): plans written blind to the extraction code, with labels.
const heldout = path.join(packageRoot(), 'fixtures', 'heldout')
const heldoutFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f))
await run('held-out plans (fixtures/heldout) → pipeline', heldoutFiles(heldout), path.join(work, 'heldout'), undefined, heldout)
await run('held-out plans, diacritics stripped → pipeline', heldoutFiles(path.join(heldout, 'noacc')), path.join(work, 'heldout-noacc'), 'noacc', heldout)
// Later sets, each written blind to the code; the newest one has not been tuned on (see its README).
for (const name of ['heldout2', 'heldout3', 'heldout4', 'heldout5', 'heldout6', 'heldout7', 'heldout8']) {
  const dir = path.join(packageRoot(), 'fixtures', name)
  if (!existsSync(dir)) continue
  await run(`${name} → pipeline`, heldoutFiles(dir), path.join(work, name), undefined, dir)
  await run(`${name}, diacritics stripped → pipeline`, heldoutFiles(path.join(dir, 'noacc')), path.join(work, `${name}-noacc`), 'noacc', dir)
}
console.log(`\noutputs in ${work}`)
