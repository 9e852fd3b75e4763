// `kehoach lm train`: adapts the model to an archive's own clean documents. Run as the real CLI on a tiny
// base corpus (the layout of ../shared/corpus), then checked: the model loads, knows the new words, and
// restores de-accented text of the same kind better than the base model built from the base corpus alone.
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../src/normalize/index.js'
import { loadLanguageModel } from '../../src/normalize/lm/model.js'
import { stripDiacritics } from '../../src/normalize/syllable.js'
import { HELD_OUT, writeTinyCorpus } from '../helpers/tiny-corpus.js'

const ROOT = path.resolve(__dirname, '../..')
function cli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
}

describe('kehoach lm train', () => {
  it('builds a model from clean documents that restores text of the same kind better', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kehoach-lm-'))
    const { corpus, docs, empty } = writeTinyCorpus(dir)

    const base = cli(['lm', 'train', empty, '--corpus', corpus, '--out', path.join(dir, 'base.bin')])
    expect(base.status, base.stderr).toBe(0)
    const adapted = cli(['lm', 'train', docs, '--corpus', corpus, '--out', path.join(dir, 'adapted.bin'), '--weight', '5'])
    expect(adapted.status, adapted.stderr).toBe(0)
    expect(adapted.stderr).toMatch(/from 1 documents/)

    const m0 = loadLanguageModel(path.join(dir, 'base.bin'))
    const m1 = loadLanguageModel(path.join(dir, 'adapted.bin'))
    expect(m0.has('chữ')).toBe(false)
    expect(m1.has('chữ')).toBe(true)
    expect(m1.meta.sources).toContainEqual({ adaptation: ['archive.txt'], weight: 5 })

    // held-out sentence of the same kind (not in the training documents)
    const gold = HELD_OUT
    const input = stripDiacritics(gold)
    const right = (out: string) => out.split(' ').filter((w, i) => w === gold.split(' ')[i]).length
    const before = right(normalizeText(input, { model: m0 }).text)
    const after = right(normalizeText(input, { model: m1 }).text)
    expect(after).toBeGreaterThan(before)
    expect(after).toBeGreaterThanOrEqual(gold.split(' ').length - 1)
  }, 240_000)
})
