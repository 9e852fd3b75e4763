// Evaluation of the normalizer: de-accented and synthetically corrupted admin text, the real OCR pair
// 002, clean seeds (must stay unchanged), speed and memory. Scores come from ../shared/tools.
// usage: npm run eval:normalize [-- --only-ocr]   (--only-ocr: section (6) alone)
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { normalizeText, loadLanguageModel } from '../../src/normalize/index.js'
import { corrupt } from './corrupt.js'
import type { LanguageModel } from '../../src/normalize/index.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const shared = path.resolve(root, process.env.KEHOACH_SHARED ?? '../shared')
const tmp = path.join(root, '.cache/eval-normalize')
mkdirSync(tmp, { recursive: true })
const HELDOUT_LINES = 400

function score(name: string, input: string, gold: string, output: string): string {
  const f = (n: string, t: string) => (writeFileSync(path.join(tmp, `${name}.${n}.txt`), t), path.join(tmp, `${name}.${n}.txt`))
  const args = [path.join(shared, 'tools/score-normalize.mjs'), f('input', input), f('gold', gold), f('output', output)]
  return execFileSync('node', args, { encoding: 'utf8' }).split('\n')[0]
}

const stripAll = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC')

function cleanSets(): { name: string; text: string }[] {
  const sets: { name: string; text: string }[] = []
  const seeds = path.join(shared, 'seeds')
  for (const f of readdirSync(seeds).filter((f) => /^00[14]_/.test(f)).sort()) sets.push({ name: f.slice(0, 3), text: readFileSync(path.join(seeds, f), 'utf8') })
  const held = path.join(root, '.cache/lm-heldout.txt')
  if (existsSync(held)) sets.push({ name: 'heldout', text: readFileSync(held, 'utf8').split('\n').slice(0, HELDOUT_LINES).join('\n') })
  else console.log('  (no .cache/lm-heldout.txt: run npm run build:lm to create the held-out slice)')
  return sets
}

function noacc(file: string): string {
  return execFileSync('node', [path.join(shared, 'tools/noacc.mjs'), file], { encoding: 'utf8' })
}

// ---- (6) Vietnamese OCR of the scanned fixtures --------------------------------------------------------
// The scanned fixtures are read once through the real stage functions (prepareDocument → readPage with
// the tesseract.js pool) and the raw page text is cached in .cache/ocr/<sha>.json, keyed by the file's
// bytes and a hash of the code that reads pages (src/ocr, src/image, src/pdf, src/layout, src/pipeline.ts,
// the vie model package): later runs are instant, a change to the OCR path re-reads.
const FIXTURES = path.join(root, 'fixtures')
const OCR_CACHE = path.join(root, '.cache/ocr')
type OcrPageCache = { page: number; origin: string; text: string }

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort()
}

let codeVersionMemo: string | undefined
function ocrCodeVersion(): string {
  if (codeVersionMemo) return codeVersionMemo
  const h = createHash('sha256')
  const src = path.join(root, 'src')
  const files = [...['ocr', 'image', 'pdf', 'layout'].flatMap((d) => filesUnder(path.join(src, d))), path.join(src, 'pipeline.ts'), path.join(src, 'limits.ts')]
  for (const f of files) h.update(path.relative(root, f)).update(readFileSync(f))
  const vie = path.join(root, 'node_modules/@tesseract.js-data/vie/package.json')
  if (existsSync(vie)) h.update(readFileSync(vie))
  return (codeVersionMemo = h.digest('hex').slice(0, 16))
}

export async function ocrFixture(file: string): Promise<OcrPageCache[]> {
  const bytes = readFileSync(path.join(FIXTURES, file))
  const sha = createHash('sha256').update(bytes).update(ocrCodeVersion()).digest('hex').slice(0, 24)
  const cached = path.join(OCR_CACHE, `${sha}.json`)
  if (existsSync(cached)) return (JSON.parse(readFileSync(cached, 'utf8')) as { pages: OcrPageCache[] }).pages
  const { prepareDocument, readPage } = await import('../../src/pipeline.js')
  const { createOcrPool } = await import('../../src/ocr/pool.js')
  const { DEFAULT_LIMITS } = await import('../../src/limits.js')
  const pool = await createOcrPool({ size: 1 })
  try {
    const doc = await prepareDocument({ fileName: file, bytes }, DEFAULT_LIMITS)
    const pages: OcrPageCache[] = []
    for (let p = 1; p <= doc.pageCount; p++) {
      const sp = await readPage(doc, p, { ocr: pool, limits: DEFAULT_LIMITS })
      pages.push({ page: p, origin: sp.origin, text: sp.lines.map((l) => l.text).join('\n') })
    }
    mkdirSync(OCR_CACHE, { recursive: true })
    writeFileSync(cached, JSON.stringify({ file, codeVersion: ocrCodeVersion(), pages }, null, 1))
    return pages
  } finally {
    await pool.close()
  }
}

type SharedLib = {
  syllables: (s: string) => string[]
  alignedMatches: (g: string[], o: string[]) => number
  cer: (g: string, o: string) => number
}

/** Syllable errors of text against the better of the fixture's ground truths (physical / logical order). */
function syllableErrors(lib: SharedLib, gts: string[], text: string): { errors: number; total: number } {
  let best = { errors: Infinity, total: 0 }
  for (const g of gts) {
    const gs = lib.syllables(g)
    const e = gs.length - lib.alignedMatches(gs, lib.syllables(text))
    if (e < best.errors) best = { errors: e, total: gs.length }
  }
  return best
}

async function ocrSection(lm: LanguageModel): Promise<void> {
  console.log('\n(6) Vietnamese OCR (vie) of the scanned fixtures: syllable error against fixtures/<name>.gt*.txt, before → after normalizeText(page, { source: origin })')
  const libPath = path.join(shared, 'tools/lib.mjs')
  if (!existsSync(libPath)) {
    console.log('  skipped: ../shared/tools/lib.mjs not found')
    return
  }
  const lib = (await import(pathToFileURL(libPath).href)) as SharedLib
  const files = readdirSync(FIXTURES).filter((f) => /\.(office|poor)\.pdf$|^scan-2p\.tif$/.test(f)).sort()
  let before = 0, after = 0, afterPlain = 0, total = 0
  const samples: string[] = []
  for (const f of files) {
    const base = f.replace(/\.(office|poor)\.pdf$|\.tif$/, '')
    const gts = [`${base}.gt.txt`, `${base}.gt-logical.txt`].map((n) => path.join(FIXTURES, n)).filter(existsSync).map((p) => readFileSync(p, 'utf8'))
    if (!gts.length) continue
    let pages: OcrPageCache[]
    try {
      pages = await ocrFixture(f)
    } catch (error) {
      console.log(`  ${f}: skipped (OCR unavailable: ${String((error as Error).message ?? error).slice(0, 120)})`)
      continue
    }
    const raw = pages.map((p) => p.text).join('\n')
    const outs = pages.map((p) => normalizeText(p.text, { model: lm, source: p.origin === 'ocr' ? 'ocr' : undefined }))
    const out = outs.map((r) => r.text).join('\n')
    const plain = pages.map((p) => normalizeText(p.text, { model: lm }).text).join('\n')
    writeFileSync(path.join(tmp, `${f}.ocr-raw.txt`), raw)
    writeFileSync(path.join(tmp, `${f}.ocr-out.txt`), out)
    const b = syllableErrors(lib, gts, raw), a = syllableErrors(lib, gts, out), ap = syllableErrors(lib, gts, plain)
    before += b.errors; after += a.errors; afterPlain += ap.errors; total += b.total
    const changed = outs.reduce((n, r) => n + r.changes.filter((c) => c.layer === 'restore').length, 0)
    const pct = (e: number, n: number) => `${((100 * e) / n).toFixed(2)}%`
    console.log(`  ${f.padEnd(20)} syllables ${b.total}: errors ${b.errors} (${pct(b.errors, b.total)}) -> ${a.errors} (${pct(a.errors, a.total)}), ${changed} syllables changed` +
      ` [without source: ${ap.errors}] left ${b.errors ? ((100 * a.errors) / b.errors).toFixed(0) : '0'}% of the errors`)
    const rawLines = raw.split('\n'), outLines = out.split('\n')
    rawLines.forEach((l, i) => { if (l !== outLines[i] && samples.length < 12) samples.push(`    ${f}: ${l.trim()}\n    ${' '.repeat(f.length)}→ ${outLines[i].trim()}`) })
  }
  if (total) {
    console.log(`  all: syllables ${total}: errors ${before} (${((100 * before) / total).toFixed(2)}%) -> ${after} (${((100 * after) / total).toFixed(2)}%), ${((100 * after) / Math.max(1, before)).toFixed(0)}% of the errors left (target ≤ 50%); without source 'ocr': ${afterPlain}`)
    if (samples.length) console.log('  changed lines (first 12):\n' + samples.join('\n'))
  }
}

// ---- learning the OCR mark channel (channel/ocr-marks.ts) from corpus pages ------------------------------
// Corpus lines (legal-web, every 1009th line from line 150,000: not the fixtures' text, not the seeds) are
// laid out on A4 pages, rasterised and degraded with the fixture scanner (scripts/fixtures/render.ts,
// profiles office and poor, other seeds than the fixtures'), OCRed with the product's pool after
// preprocessPage, and aligned with the truth syllable by syllable (LCS on mark-stripped forms); syllables
// with the same letters but other marks are counted. Writes src/normalize/channel/ocr-marks-data.ts.
async function learnOcrChannel(): Promise<void> {
  const { gunzipSync } = await import('node:zlib')
  const { rasterize, degrade, measure, PROFILES } = await import('../fixtures/render.js')
  const { preprocessPage } = await import('../../src/image/preprocess.js')
  const { createOcrPool } = await import('../../src/ocr/pool.js')
  const { countOcrMarks } = await import('../../src/normalize/channel/ocr-marks.js')
  const lib = (await import(pathToFileURL(path.join(shared, 'tools/lib.mjs')).href)) as SharedLib & { stripMarks: (s: string) => string }
  const all = gunzipSync(readFileSync(path.join(shared, 'corpus/legal-web.txt.gz'))).toString('utf8').split('\n')
  const picked: string[] = []
  for (let i = 150_000; i < all.length && picked.length < 400; i += 1009) {
    const l = all[i].trim()
    if (l.length >= 40 && l.length <= 400 && /[\u00C0-\u1EF9]/u.test(l)) picked.push(l)
  }
  const plan = (process.env.OCR_LEARN_PAGES ?? 'poor,poor,poor,office,office').split(',') as ('poor' | 'office')[]
  const pool = await createOcrPool({ size: 1 })
  const pairs: [string, string][] = []
  let cursor = 0, pageNo = 0, sylls = 0
  try {
    for (const profile of plan) {
      // one page: 12 pt text, wrapped at 470 pt; every fourth paragraph in bold capitals (headings)
      const ops: { kind: 'text'; text: string; x: number; y: number; size: number; bold?: boolean }[] = []
      const truth: string[] = []
      let y = 72
      while (y < 780 && cursor < picked.length) {
        const k = cursor++
        const caps = k % 4 === 3
        const para = caps ? picked[k].toUpperCase().slice(0, 90) : picked[k]
        let line = ''
        for (const w of para.split(/\s+/)) {
          const next = line ? line + ' ' + w : w
          if (measure(next, 12, { bold: caps }) > 470 && line) {
            ops.push({ kind: 'text', text: line, x: 62, y, size: 12, bold: caps })
            truth.push(line)
            y += 18
            line = w
            if (y >= 780) break
          } else line = next
        }
        if (line && y < 780) {
          ops.push({ kind: 'text', text: line, x: 62, y, size: 12, bold: caps })
          truth.push(line)
          y += 24
        }
      }
      const p = PROFILES[profile]
      const skew = (pageNo % 2 ? -1 : 1) * p.skew * 0.8
      const grey = await degrade(rasterize(ops, p.dpi, skew), p, 7001 + pageNo, { pairs: true })
      const page = await pool.recognize(await preprocessPage(grey), pageNo + 1)
      const g = lib.syllables(truth.join('\n')), o = lib.syllables(page.lines.map((l) => l.text).join('\n'))
      const gs = g.map(lib.stripMarks), os = o.map(lib.stripMarks)
      const dp = Array.from({ length: g.length + 1 }, () => new Int32Array(o.length + 1))
      for (let i = 1; i <= g.length; i++) for (let j = 1; j <= o.length; j++) dp[i][j] = gs[i - 1] === os[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1])
      let wrong = 0
      for (let i = g.length, j = o.length; i > 0 && j > 0; ) {
        if (gs[i - 1] === os[j - 1]) {
          if (/\p{L}/u.test(g[i - 1])) pairs.push([g[i - 1], o[j - 1]])
          if (g[i - 1] !== o[j - 1]) wrong++
          i--, j--
        } else if (dp[i - 1][j] >= dp[i][j - 1]) i--
        else j--
      }
      sylls += g.length
      console.log(`  page ${++pageNo} (${profile}): ${g.length} syllables, ${wrong} with wrong marks`)
    }
  } finally {
    await pool.close()
  }
  const counts = countOcrMarks(pairs)
  const out = path.join(root, 'src/normalize/channel/ocr-marks-data.ts')
  writeFileSync(out, `// Generated by \`npm run eval:normalize -- --learn-ocr-channel\`: mark confusions of tesseract vie on
// ${pageNo} corpus pages (${plan.join(', ')}) rendered with scripts/fixtures/render.ts; ${pairs.length} aligned syllables of ${sylls}.
// tone rows/columns: none, huyền, sắc, hỏi, ngã, nặng; context 'hat' = the base has â/ê/ô.
import type { OcrMarkCounts } from './ocr-marks.js'
export const OCR_MARK_COUNTS: OcrMarkCounts = ${JSON.stringify(counts)}
`)
  console.log(`  wrote ${path.relative(root, out)} from ${pairs.length} aligned syllables`)
}

async function main() {
  if (process.argv.includes('--learn-ocr-channel')) return learnOcrChannel()
  if (process.argv.includes('--only-ocr')) {
    const lm = loadLanguageModel()
    if (!existsSync(shared)) return console.log('skipped: ../shared not found')
    return ocrSection(lm)
  }
  const t0 = performance.now()
  const lm = loadLanguageModel()
  const loadMs = performance.now() - t0
  if (!existsSync(shared)) {
    console.log('skipped: ../shared not found')
    return
  }
  console.log(`model ${lm.version}, vocabulary ${lm.size}, load ${loadMs.toFixed(0)} ms`)

  console.log('\n(1) de-accented clean text (every diacritic stripped)')
  const speedInputs: string[] = []
  for (const s of cleanSets()) {
    const file = path.join(tmp, `${s.name}.clean.txt`)
    writeFileSync(file, s.text)
    const input = s.name === 'heldout' ? stripAll(s.text) : noacc(file)
    const gold = s.name === 'heldout' ? s.text : s.text.split('\n').filter((l) => !l.startsWith('# ')).join('\n')
    const r = normalizeText(input)
    speedInputs.push(input)
    console.log(`  ${s.name}: ${score(`${s.name}.noacc`, input, gold, r.text)}`)
  }
  // speed: warm passes over the three de-accented sets (the scoring pass above built the lexicon and warmed
  // the JIT), at least 3 and until 3 CPU-seconds are spent, so one GC pause or a busy neighbour weighs
  // little. CPU time of this process (wall time suffers from other jobs on a shared machine).
  for (const input of speedInputs) normalizeText(input) // one untimed pass: candidate caches and JIT warm
  let syl = 0, passes = 0
  const t0w = performance.now(), c0 = process.cpuUsage()
  let cpuMs = 0
  const passRates: number[] = []
  while (passes < 3 || cpuMs < 3000) {
    const cp = process.cpuUsage()
    let n = 0
    for (const input of speedInputs) n += normalizeText(input).stats.syllables
    const up = process.cpuUsage(cp)
    passRates.push(n / ((up.user + up.system) / 1e6))
    syl += n
    passes++
    const u = process.cpuUsage(c0)
    cpuMs = (u.user + u.system) / 1000
  }
  const ms = performance.now() - t0w
  const speed = syl / (ms / 1000), cpuSpeed = syl / (cpuMs / 1000)
  const medianPass = passRates.sort((a, b) => a - b)[Math.floor(passRates.length / 2)]

  console.log('\n(2) synthetic OCR-style corruption (marks kept on half the syllables, rest dropped or wrong, ~5% glyph confusions, seed 42)')
  for (const s of cleanSets()) {
    const input = corrupt(s.text, 42)
    const r = normalizeText(input)
    console.log(`  ${s.name}: ${score(`${s.name}.synth`, input, s.text, r.text)}`)
  }

  console.log('\n(3) real OCR pair 002_input → 002_gold')
  const inp = readFileSync(path.join(shared, 'dev/002_input.txt'), 'utf8')
  const gold = readFileSync(path.join(shared, 'dev/002_gold.txt'), 'utf8')
  const cpuRate = new Map<string, number>() // garbled documents: syllables per CPU-second of their first (cold) run
  const timed = (id: string, text: string) => {
    const c = process.cpuUsage()
    const r = normalizeText(text)
    const u = process.cpuUsage(c)
    cpuRate.set(id, r.stats.syllables / ((u.user + u.system) / 1e6))
    return r
  }
  const r002 = timed('002', inp)
  console.log(`  adapted: ${score('002', inp, gold, r002.text)}`)
  const r002n = normalizeText(inp, { adapt: false })
  console.log(`  no adaptation: ${score('002.noadapt', inp, gold, r002n.text)}`)

  // seeds 000 (English-model OCR) and 003 (broken legacy font): keys written for this project for part of
  // each (fixtures/normalize/*.gold-*.txt, #? = line not keyed); the method was tuned looking only at the
  // 'tune' lines, the 'blind' lines were scored, never read for tuning
  console.log('\n(3b) garbled seeds against the hand-written keys (fixtures/normalize): tune lines / blind lines')
  for (const id of ['000', '003']) {
    const f = readdirSync(path.join(shared, 'seeds')).find((x) => x.startsWith(id + '_'))
    if (!f) continue
    const text = readFileSync(path.join(shared, 'seeds', f), 'utf8')
    const r = timed(id, text)
    const share = r.stats.syllables ? r.stats.changedSyllables / r.stats.syllables : 0
    const mean = r.stats.changedSyllables ? r.stats.changedConfidence / r.stats.changedSyllables : 0
    for (const part of ['tune', 'blind']) {
      const key = path.join(root, `fixtures/normalize/${id}.gold-${part}.txt`)
      if (existsSync(key)) console.log(`  ${id} ${part.padEnd(5)}: ${score(`${id}.${part}`, text, readFileSync(key, 'utf8'), r.text)}`)
    }
    console.log(`  ${id} changed ${(100 * share).toFixed(1)}% of syllables, mean confidence of the changes ${mean.toFixed(2)}`)
  }

  console.log('\n(4) clean seeds: changed syllables (target 0)')
  for (const f of readdirSync(path.join(shared, 'seeds')).filter((f) => /^00[14]_/.test(f)).sort()) {
    const text = readFileSync(path.join(shared, 'seeds', f), 'utf8')
    const r = normalizeText(text)
    const restoreChanges = r.changes.filter((c) => c.layer === 'restore')
    console.log(`  ${f.slice(0, 3)}: ${restoreChanges.length} restore changes of ${r.stats.syllables} syllables, output ${r.text === text ? 'identical' : 'differs'}` +
      (restoreChanges.length ? ` (e.g. ${restoreChanges.slice(0, 5).map((c) => `${c.from}→${c.to}`).join(', ')})` : ''))
  }

  const garbled = [...cpuRate].map(([id, rate]) => `${id} ${Math.round(rate)}`).join(', ') + ' syllables per CPU-second'
  console.log('\n(5) speed and memory (one core)')
  console.log(`  de-accented text (warm, ${passes} passes, ${syl} syllables, ${(cpuMs / 1000).toFixed(1)} CPU-s): ${Math.round(cpuSpeed)} syllables per CPU-second (median pass ${Math.round(medianPass)}), ${Math.round(speed)} syllables/s wall (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`)
  console.log(`  garbled (first run of each document, with adaptation): ${garbled}`)
  console.log(`  model load ${loadMs.toFixed(0)} ms; peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; heap used ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`)

  console.log('\nseed 003 (legacy garbage, no gold): sample before → after')
  const f003 = readdirSync(path.join(shared, 'seeds')).find((f) => f.startsWith('003_'))
  if (f003) {
    const t = readFileSync(path.join(shared, 'seeds', f003), 'utf8')
    const out = normalizeText(t).text.split('\n')
    t.split('\n').forEach((l, i) => {
      if (i >= 14 && i < 30 && l.trim()) console.log(`  - ${l}\n  + ${out[i]}`)
    })
  }

  await ocrSection(lm)
}

await main()
