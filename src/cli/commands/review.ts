/**
 * `kehoach review export --data DATA --out DIR`: what people reviewed (POST /plans/:id/review, the
 * web page) written as `<stem>.labels.json` in the format of ../shared/dev/LABELS.md, readable by
 * score-extract.mjs: `node score-extract.mjs DATA DIR` measures the product on the archive's own corrections.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import { ExitCode } from '../../errors.js'
import { Plan } from '../../schema/plan.js'
import { writeFileAtomic } from '../../store/atomic-file.js'
import { planDirs } from '../../store/indexer.js'
import { reviewLabels } from '../../store/review-labels.js'
import { runCommand } from '../exit.js'

type ExportOptions = { data: string; out: string; verbose?: boolean }

export function registerReview(program: Command): void {
  const review = program.command('review').description('reviews people made on the web page or with POST /plans/:id/review')
  review
    .command('export')
    .description('write reviewed values as labelled examples (<stem>.labels.json, ../shared/dev/LABELS.md format; unreviewed fields left out)')
    .option('-d, --data <dir>', 'data folder (results)', process.env.KEHOACH_DATA ?? 'data')
    .requiredOption('-o, --out <dir>', 'folder for the label files')
    .option('-v, --verbose', 'print stack traces')
    .addHelpText('after', '\nExample:\n  kehoach review export --data data --out labels && node shared/tools/score-extract.mjs data labels')
    .action((opts: ExportOptions) => runCommand(() => exportReviews(opts), opts.verbose))
}

export async function exportReviews(opts: ExportOptions, log: (line: string) => void = (l) => process.stderr.write(l + '\n')): Promise<number> {
  let written = 0
  let skipped = 0
  const stems = new Set<string>()
  for (const dir of planDirs(opts.data)) {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^[0-9a-f]{64}\.json$/.test(n)).sort()
    for (const name of names) {
      const parsed = Plan.safeParse(JSON.parse(await readFile(path.join(dir, name), 'utf8').catch(() => 'null')))
      if (!parsed.success) {
        skipped++
        continue
      }
      const labels = reviewLabels(parsed.data)
      if (!labels) continue
      // two sources with one stem: the second gets the id's prefix (score-extract pairs only the first)
      const stem = stems.has(labels.id) ? `${labels.id}-${parsed.data.id.slice(0, 8)}` : labels.id
      stems.add(stem)
      await writeFileAtomic(path.join(opts.out, `${stem}.labels.json`), JSON.stringify({ ...labels, id: stem }, null, 2) + '\n')
      written++
    }
  }
  log(`kehoach review export: ${written} labelled document(s) → ${opts.out}${skipped ? ` (${skipped} unreadable plan file(s) skipped)` : ''}`)
  return ExitCode.ok
}
