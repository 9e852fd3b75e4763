// Evaluates src/extract on the development labels: builds LaidOutDocuments from text (seeds 001
// and 004 as they are, 002 from its corrected text), writes minimal outputs and runs the shared
// scorer. usage: npm run eval:extract [-- --json]
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { extractPlan } from '../../src/extract/index.js'
import { Report } from '../../src/report.js'
import { docFromText } from '../../tests/extract/doc.js'

const shared = process.env.KEHOACH_SHARED ?? path.resolve('../shared')
const inputs: { file: string; fileName: string }[] = [
  { file: 'seeds/001_9edc4a1c385e7432.txt', fileName: '001_9edc4a1c385e7432.txt' },
  { file: 'dev/002_gold.txt', fileName: '002_4273097f9324482f.txt' },
  { file: 'seeds/004_137dbfeabb2b5ce8.txt', fileName: '004_137dbfeabb2b5ce8.txt' },
]
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-extract-'))
for (const { file, fileName } of inputs) {
  const report = new Report()
  const plan = extractPlan(docFromText(fs.readFileSync(path.join(shared, file), 'utf8')), report)
  const json = { source: { fileName }, ...plan, quality: { warnings: report.warnings, needsReview: report.reviewReasons.length > 0, reviewReasons: report.reviewReasons } }
  fs.writeFileSync(path.join(out, fileName.replace(/\.txt$/, '.json')), JSON.stringify(json, null, 1))
}
console.log(`outputs in ${out}`)
const r = spawnSync('node', [path.join(shared, 'tools/score-extract.mjs'), out, path.join(shared, 'dev'), ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(r.status ?? 1)
