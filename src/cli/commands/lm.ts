import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { NgramCounter } from '../../normalize/lm/build.js'
import { countCorpus } from '../../normalize/lm/corpus.js'
import { writeModel } from '../../normalize/lm/format.js'
import { packageRoot } from '../../normalize/lm/model.js'
import { BadArgumentError, FileAccessError } from '../../errors.js'
import { runCommand } from '../exit.js'
import { loadModelOption } from '../model.js'
import { option } from '../settings.js'

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
    .addOption(option('verbose'))
    .action((paths: string[], opts: { out: string; corpus: string; weight: string; verbose?: boolean }) => runCommand(async () => {
      if (!existsSync(opts.corpus)) throw new FileAccessError(`base corpus not found: ${opts.corpus} (use --corpus DIR)`)
      for (const p of paths) if (!existsSync(p)) throw new FileAccessError(`${p}: no such file or folder`)
      const counter = new NgramCounter()
      const sources = await countCorpus(counter, opts.corpus)
      const files = paths.flatMap(textFiles)
      const weight = Number(opts.weight)
      if (!Number.isInteger(weight) || weight < 1) throw new BadArgumentError(`--weight wants a positive whole number, got ${JSON.stringify(opts.weight)}`)
      for (const f of files) for (const line of readFileSync(f, 'utf8').split('\n')) for (let k = 0; k < weight; k++) counter.addLine(line)
      sources.push({ adaptation: files.map((f) => path.basename(f)), weight })
      const { buffer, version } = writeModel(counter.build({}, { sources }))
      writeFileSync(opts.out, buffer)
      process.stderr.write(`wrote ${opts.out} (${(buffer.length / 1048576).toFixed(1)} MB, version ${version}) from ${files.length} documents\n`)
      process.stderr.write(`use it: kehoach process --model ${opts.out} …, or KEHOACH_MODEL=${path.resolve(opts.out)}\n`)
    }, opts.verbose))
  lm.command('info')
    .addOption(option('model'))
    .addOption(option('verbose'))
    .description('print the model version, size and sources')
    .action((opts: { model?: string; verbose?: boolean }) => runCommand(async () => {
      const t0 = performance.now()
      const m = loadModelOption(opts.model)
      const info = { version: m.version, vocabulary: m.size, loadMs: Math.round(performance.now() - t0), ...m.meta }
      process.stdout.write(JSON.stringify(info, null, 2) + '\n')
    }, opts.verbose))
}
