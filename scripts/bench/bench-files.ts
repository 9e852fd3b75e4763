/**
 * The scanned PDFs the speed benches read (the fixtures with a ground truth: office 300 dpi, poor
 * 200 dpi, colour artefact scans 200 dpi; 9 pages), and their ground truth, in one place.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const FIXTURES = path.join(ROOT, 'fixtures')

/** file → ground-truth stem (X.gt.txt, X.gt-logical.txt) and the scan's own dpi (its page images for native tesseract) */
export const BENCH_FILES: readonly { file: string; gt: string; dpi: number }[] = [
  { file: 'lao-cai.office.pdf', gt: 'lao-cai', dpi: 300 },
  { file: 'hon-quan.office.pdf', gt: 'hon-quan', dpi: 300 },
  { file: 'lao-cai.poor.pdf', gt: 'lao-cai', dpi: 200 },
  { file: 'hon-quan.poor.pdf', gt: 'hon-quan', dpi: 200 },
  { file: 'artefacts/lao-cai.pdf', gt: 'artefacts/lao-cai', dpi: 200 },
  { file: 'artefacts/hon-quan.pdf', gt: 'artefacts/hon-quan', dpi: 200 },
]

/** The ground truths of a stem that exist (physical and logical line order). */
export function groundTruths(gt: string): string[] {
  return ['gt.txt', 'gt-logical.txt'].flatMap((ext) => {
    try {
      return [readFileSync(path.join(FIXTURES, `${gt}.${ext}`), 'utf8')]
    } catch {
      return []
    }
  })
}
