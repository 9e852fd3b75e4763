import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { NgramCounter } from '../../normalize/lm/build.js'
import { countCorpus } from '../../normalize/lm/corpus.js'
import { writeModel } from '../../normalize/lm/format.js'
import { loadLanguageModel, packageRoot } from '../../normalize/lm/model.js'

function textFiles(p: string): string[] {
  if (statSync(p).isDirectory()) return readdirSync(p).sort().flatMap((f) => textFiles(path.join(p, f)))
  return /\.(txt|md)$/i.test(p) ? [p] : []
}

/**
 * `kehoach lm train`: adapts the model to an archive's own clean documents by mixing their counts
 * (repeated --weight times) with the base corpus counts, then re-estimating. `kehoach lm info`.
 */
export function registerLm(program: Command): void {
  const lm = program.command('lm').description('the Vietnamese syllable language model')
  lm.command('train')
    .argument('<paths...>', 'clean .txt/.md documents or folders of them')
    .option('--out <path>', 'model file to write', 'models/vi-syllable-lm.adapted.bin')
    .option('--corpus <dir>', 'base corpus folder', path.join(packageRoot(), '../shared/corpus'))
    .option('--weight <n>', 'how many times each new line counts against the base corpus', '20')
    .action(async (paths: string[], opts: { out: string; corpus: string; weight: string }) => {
      if (!existsSync(opts.corpus)) throw new Error(`base corpus not found: ${opts.corpus} (use --corpus DIR)`)
      const counter = new NgramCounter()
      const sources = await countCorpus(counter, opts.corpus)
      const files = paths.flatMap(textFiles)
      const weight = Math.max(1, Number(opts.weight) | 0)
      for (const f of files) for (const line of readFileSync(f, 'utf8').split('\n')) for (let k = 0; k < weight; k++) counter.addLine(line)
      sources.push({ adaptation: files.map((f) => path.basename(f)), weight })
      const { buffer, version } = writeModel(counter.build({}, { sources }))
      writeFileSync(opts.out, buffer)
      process.stderr.write(`wrote ${opts.out} (${(buffer.length / 1048576).toFixed(1)} MB, version ${version}) from ${files.length} documents\n`)
    })
  lm.command('info')
    .option('--model <path>', 'model file (default: the packaged one)')
    .description('print the model version, size and sources')
    .action((opts: { model?: string }) => {
      const t0 = performance.now()
      const m = loadLanguageModel(opts.model)
      const info = { version: m.version, vocabulary: m.size, loadMs: Math.round(performance.now() - t0), ...m.meta }
      process.stdout.write(JSON.stringify(info, null, 2) + '\n')
    })
}
