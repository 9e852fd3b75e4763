// Evaluation of the normalizer: de-accented and synthetically corrupted admin text, the real OCR pair
// 002, clean seeds (must stay unchanged), speed and memory. Scores come from ../shared/tools.
// usage: npm run eval:normalize [-- --quick]
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { normalizeText, loadLanguageModel } from '../../src/normalize/index.js'
import { corrupt } from './corrupt.js'

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

function main() {
  const t0 = performance.now()
  const lm = loadLanguageModel()
  const loadMs = performance.now() - t0
  if (!existsSync(shared)) {
    console.log('skipped: ../shared not found')
    return
  }
  console.log(`model ${lm.version}, vocabulary ${lm.size}, load ${loadMs.toFixed(0)} ms`)

  console.log('\n(1) de-accented clean text (every diacritic stripped)')
  let syl = 0, ms = 0, cpuMs = 0
  for (const s of cleanSets()) {
    const file = path.join(tmp, `${s.name}.clean.txt`)
    writeFileSync(file, s.text)
    const input = s.name === 'heldout' ? stripAll(s.text) : noacc(file)
    const gold = s.name === 'heldout' ? s.text : s.text.split('\n').filter((l) => !l.startsWith('# ')).join('\n')
    const r = normalizeText(input)
    // speed: a second, timed pass (the first one builds the lexicon and warms the JIT)
    // wall time suffers from other jobs on a shared machine; CPU time of this (single-threaded) process does less
    const t = performance.now(), c = process.cpuUsage()
    for (let k = 0; k < 3; k++) syl += normalizeText(input).stats.syllables
    ms += performance.now() - t
    const u = process.cpuUsage(c)
    cpuMs += (u.user + u.system) / 1000
    console.log(`  ${s.name}: ${score(`${s.name}.noacc`, input, gold, r.text)}`)
  }
  const speed = syl / (ms / 1000), cpuSpeed = syl / (cpuMs / 1000)

  console.log('\n(2) synthetic OCR-style corruption (marks kept on half the syllables, rest dropped or wrong, ~5% glyph confusions, seed 42)')
  for (const s of cleanSets()) {
    const input = corrupt(s.text, 42)
    const r = normalizeText(input)
    console.log(`  ${s.name}: ${score(`${s.name}.synth`, input, s.text, r.text)}`)
  }

  console.log('\n(3) real OCR pair 002_input → 002_gold')
  const inp = readFileSync(path.join(shared, 'dev/002_input.txt'), 'utf8')
  const gold = readFileSync(path.join(shared, 'dev/002_gold.txt'), 'utf8')
  const r002 = normalizeText(inp)
  console.log(`  adapted: ${score('002', inp, gold, r002.text)}`)
  const r002n = normalizeText(inp, { adapt: false })
  console.log(`  no adaptation: ${score('002.noadapt', inp, gold, r002n.text)}`)

  console.log('\n(4) clean seeds: changed syllables (target 0)')
  for (const f of readdirSync(path.join(shared, 'seeds')).filter((f) => /^00[14]_/.test(f)).sort()) {
    const text = readFileSync(path.join(shared, 'seeds', f), 'utf8')
    const r = normalizeText(text)
    const restoreChanges = r.changes.filter((c) => c.layer === 'restore')
    console.log(`  ${f.slice(0, 3)}: ${restoreChanges.length} restore changes of ${r.stats.syllables} syllables, output ${r.text === text ? 'identical' : 'differs'}` +
      (restoreChanges.length ? ` (e.g. ${restoreChanges.slice(0, 5).map((c) => `${c.from}→${c.to}`).join(', ')})` : ''))
  }

  const garbled = ['000', '002', '003']
    .map((id) => readdirSync(path.join(shared, 'seeds')).find((f) => f.startsWith(id + '_')))
    .filter((f): f is string => !!f)
    .map((f) => {
      const t = readFileSync(path.join(shared, 'seeds', f), 'utf8')
      const c = process.cpuUsage()
      const n = normalizeText(t).stats.syllables
      const u = process.cpuUsage(c)
      return `${f.slice(0, 3)} ${Math.round(n / ((u.user + u.system) / 1e6))}`
    })
    .join(', ') + ' syllables per CPU-second'
  console.log('\n(5) speed and memory (one core)')
  console.log(`  de-accented text (warm, 3 passes): ${Math.round(cpuSpeed)} syllables per CPU-second, ${Math.round(speed)} syllables/s wall (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`)
  console.log(`  garbled 000/002/003 (cold, with adaptation): ${garbled}`)
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
}

main()
