/**
 * A tiny language-model corpus in the layout of ../shared/corpus (gzipped `legal-web` and `wiki-vi`
 * files) and an archive's own documents of another kind (Hội Chữ thập đỏ), for the tests of
 * `kehoach lm train` and of an adapted model reaching the pipeline.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

export const BASE = [
  'Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện nhiệm vụ năm nay.',
  'Các sở, ban, ngành có trách nhiệm phối hợp thực hiện kế hoạch.',
  'Ngân sách nhà nước bảo đảm kinh phí thực hiện các nhiệm vụ.',
]
export const ARCHIVE = [
  'Hội Chữ thập đỏ huyện tổ chức hiến máu tình nguyện.',
  'Hội Chữ thập đỏ xã vận động nhân dân hiến máu tình nguyện.',
  'Hội Chữ thập đỏ tỉnh tổng kết phong trào hiến máu tình nguyện.',
]
/** a sentence of the archive's kind that is not among its documents */
export const HELD_OUT = 'Hội Chữ thập đỏ phường vận động hiến máu tình nguyện'

/** `dir/corpus` (base corpus), `dir/docs` (the archive's documents), `dir/empty` (no documents). */
export function writeTinyCorpus(dir: string): { corpus: string; docs: string; empty: string } {
  const corpus = path.join(dir, 'corpus')
  const docs = path.join(dir, 'docs')
  const empty = path.join(dir, 'empty')
  for (const d of [corpus, docs, empty]) mkdirSync(d, { recursive: true })
  const repeat = (lines: string[], n: number) => Array.from({ length: n }, () => lines).flat().join('\n') + '\n'
  writeFileSync(path.join(corpus, 'legal-web.txt.gz'), gzipSync(repeat(BASE, 3)))
  writeFileSync(path.join(corpus, 'wiki-vi.txt.gz'), gzipSync(repeat(BASE.slice(0, 1), 2)))
  writeFileSync(path.join(docs, 'archive.txt'), ARCHIVE.join('\n') + '\n')
  return { corpus, docs, empty }
}
