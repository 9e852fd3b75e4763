import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { normalizeText } from '../../normalize/index.js'
import { FileAccessError } from '../../errors.js'
import { runCommand } from '../exit.js'
import { loadModelOption } from '../model.js'
import { option } from '../settings.js'

type NormalizeOptions = { model?: string; adapt: boolean; stats?: boolean; verbose?: boolean }

/** `kehoach normalize [FILE]`: text in (file or stdin) → normalized text out, line for line. */
export function registerNormalize(program: Command): void {
  program
    .command('normalize')
    .argument('[file]', 'text file (stdin when omitted)')
    .description('repair Vietnamese text line by line: NFC, legacy encodings, OCR confusions, diacritics')
    .addOption(option('model'))
    .option('--no-adapt', 'do not re-learn the OCR channel from the document itself')
    .option('--stats', 'print statistics to stderr')
    .addOption(option('verbose'))
    .action((file: string | undefined, opts: NormalizeOptions) => runCommand(() => normalizeCommand(file, opts), opts.verbose))
}

async function normalizeCommand(file: string | undefined, opts: NormalizeOptions): Promise<void> {
  const text = await (file ? readFile(file, 'utf8') : readStdin()).catch((error: NodeJS.ErrnoException) => {
    throw new FileAccessError(`cannot read ${file ?? 'standard input'}: ${error.code ?? error.message}`, { cause: error })
  })
  const r = normalizeText(text, { model: loadModelOption(opts.model), adapt: opts.adapt })
  process.stdout.write(r.text)
  if (opts.stats) process.stderr.write(JSON.stringify(r.stats) + '\n')
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
