// Builds models/vi-syllable-lm.bin from the named corpus. Deterministic: same inputs → same bytes.
// usage: npm run build:lm [-- CORPUS_DIR] [--out PATH] [--min-trigram N] [--min-bigram N] [--min-fourgram N] [--dev]   (default corpus: ../shared/corpus)
// Every 1000th line of legal-web is held out of the model and written to .cache/lm-heldout.txt,
// so the evaluation has administrative text the model never saw. --dev also holds out the lines at
// offset 500 of every 1000 (.cache/lm-dev.txt): a development slice to tune on, apart from the test slice.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { NgramCounter } from '../src/normalize/lm/build.js'
import { countCorpus, DEV_OFFSET, HOLDOUT_EVERY } from '../src/normalize/lm/corpus.js'
import { writeModel, stableJson } from '../src/normalize/lm/format.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const outIdx = args.indexOf('--out')
const out = outIdx >= 0 ? path.resolve(args[outIdx + 1]) : path.join(root, 'models/vi-syllable-lm.bin')
const opt = (name: string): number | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : undefined
}
const VALUE_FLAGS = ['--out', '--min-trigram', '--min-bigram', '--min-fourgram']
const positional = args.filter((a, i) => !a.startsWith('--') && !VALUE_FLAGS.includes(args[i - 1]))
const corpus = path.resolve(root, positional[0] ?? '../shared/corpus')

// pruning of the committed model (see docs/normalize.md for the measured trade-off)
const MIN_TRIGRAM = 2
const MIN_BIGRAM = 2
const MIN_FOURGRAM = 0 // 0: no 4-gram level

async function main() {
  const t0 = Date.now()
  const secs = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`
  const counter = new NgramCounter()
  mkdirSync(path.join(root, '.cache'), { recursive: true })
  const heldout = createWriteStream(path.join(root, '.cache/lm-heldout.txt'))
  const devOut = args.includes('--dev') ? createWriteStream(path.join(root, '.cache/lm-dev.txt')) : undefined
  const sources = await countCorpus(counter, corpus, (l) => heldout.write(l + '\n'), (m) => console.error(`${m} (${secs()})`), devOut && ((l) => devOut.write(l + '\n')))
  heldout.end()
  devOut?.end()
  console.error(`counting done: ${counter.tokens} tokens (${secs()}); estimating`)
  const tables = counter.build({ minTrigramCount: opt('--min-trigram') ?? MIN_TRIGRAM, minBigramCount: opt('--min-bigram') ?? MIN_BIGRAM, minFourgramCount: opt('--min-fourgram') ?? MIN_FOURGRAM }, { sources, holdout: `every ${HOLDOUT_EVERY}th line of legal-web` + (devOut ? ` and every ${HOLDOUT_EVERY}th from line ${DEV_OFFSET} (dev)` : ''), smoothing: 'interpolated Kneser-Ney, backoff form, 8-bit quantile codebooks' })
  const { buffer, version } = writeModel(tables)
  mkdirSync(path.dirname(out), { recursive: true })
  writeFileSync(out, buffer)
  const manifest = { file: path.basename(out), bytes: buffer.length, version, ...tables.meta }
  writeFileSync(out.replace(/\.bin$/, '') + '.manifest.json', JSON.stringify(JSON.parse(stableJson(manifest)), null, 2) + '\n')
  console.error(`wrote ${out}: ${(buffer.length / 1048576).toFixed(1)} MB, version ${version}, ${secs()}, peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
