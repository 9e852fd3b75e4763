// The named corpus the model is built from (../shared/corpus layout), read as a stream of lines.
// Shared by scripts/build-lm.ts and `kehoach lm train` so both count exactly the same text.
import { createReadStream, existsSync, readFileSync, readdirSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { createGunzip } from 'node:zlib'
import { createInterface } from 'node:readline'
import path from 'node:path'
import type { NgramCounter } from './build.js'

export const HOLDOUT_EVERY = 1000
/** `build:lm -- --dev`: lines at this offset in each HOLDOUT_EVERY are held out too, as a dev slice. */
export const DEV_OFFSET = 500

async function* gzLines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })
  for await (const line of rl) yield line
}

/** Place names of the 2025 gazetteer: every "name" value in the mapping files. */
function gazetteerNames(file: string): string[] {
  const names: string[] = []
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) k === 'name' && typeof x === 'string' ? names.push(x) : walk(x)
  }
  walk(JSON.parse(readFileSync(file, 'utf8')))
  return names
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

/**
 * Counts the corpus into `counter`. Every HOLDOUT_EVERY-th line of legal-web goes to `heldOut`
 * instead (evaluation text the model never sees); with `dev`, every line at DEV_OFFSET too (a second
 * unseen slice to tune on, so the test slice is never tuned on). Returns the source list for the manifest.
 */
export async function countCorpus(counter: NgramCounter, corpus: string, heldOut?: (line: string) => void, log = (_: string) => {}, dev?: (line: string) => void): Promise<Record<string, unknown>[]> {
  if (!existsSync(corpus)) throw new Error(`corpus folder not found: ${corpus}`)
  const sources: Record<string, unknown>[] = []
  for (const name of ['legal-web.txt.gz', 'wiki-vi.txt.gz']) {
    const file = path.join(corpus, name)
    let lines = 0, held = 0
    for await (const line of gzLines(file)) {
      lines++
      if (name.startsWith('legal') && lines % HOLDOUT_EVERY === 0) {
        heldOut?.(line)
        held++
        continue
      }
      // a second slice, held out only when asked (a development set to tune on, apart from the test slice)
      if (dev && name.startsWith('legal') && lines % HOLDOUT_EVERY === DEV_OFFSET) {
        dev(line)
        held++
        continue
      }
      counter.addLine(line)
    }
    sources.push({ file: name, sha256: sha(file), lines, heldOut: held })
    log(`${name}: ${lines} lines, ${counter.tokens} tokens so far`)
  }
  const docsDir = path.join(corpus, 'dvhcvn-2025/input/docs')
  const docs = existsSync(docsDir) ? readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort() : []
  const docsHash = createHash('sha256')
  for (const f of docs) {
    const text = readFileSync(path.join(docsDir, f), 'utf8')
    docsHash.update(text)
    for (const line of text.split('\n')) counter.addLine(line)
  }
  sources.push({ file: 'dvhcvn-2025/input/docs/*.md', files: docs.length, sha256: docsHash.digest('hex') })
  for (const name of ['merges.json', 'splits.json']) {
    const file = path.join(corpus, 'dvhcvn-2025/mapping', name)
    if (!existsSync(file)) continue
    const names = gazetteerNames(file)
    for (const n of names) counter.addLine(n)
    sources.push({ file: `dvhcvn-2025/mapping/${name}`, sha256: sha(file), names: names.length })
  }
  return sources
}
