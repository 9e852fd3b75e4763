import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { normalizeText, loadLanguageModel } from '../../normalize/index.js'

/** `kehoach normalize [FILE]`: text in (file or stdin) → normalized text out, line for line. */
export function registerNormalize(program: Command): void {
  program
    .command('normalize')
    .argument('[file]', 'text file (stdin when omitted)')
    .description('repair Vietnamese text line by line: NFC, legacy encodings, OCR confusions, diacritics')
    .option('--model <path>', 'language model file (default: the packaged one)')
    .option('--no-adapt', 'do not re-learn the OCR channel from the document itself')
    .option('--stats', 'print statistics to stderr')
    .action((file: string | undefined, opts: { model?: string; adapt: boolean; stats?: boolean }) => {
      const text = readFileSync(file ?? 0, 'utf8')
      const r = normalizeText(text, { model: loadLanguageModel(opts.model), adapt: opts.adapt })
      process.stdout.write(r.text)
      if (opts.stats) process.stderr.write(JSON.stringify(r.stats) + '\n')
    })
}
