// Domain adaptation reaches the pipeline: a model trained with `kehoach lm train` on an archive's own
// documents, named by `--model` or KEHOACH_MODEL, changes what `kehoach process` writes for a
// document of that domain, and the plan records which model it was.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadLanguageModel } from '../../src/normalize/lm/model.js'
import { stripDiacritics } from '../../src/normalize/syllable.js'
import { HELD_OUT, writeTinyCorpus } from '../helpers/tiny-corpus.js'

const ROOT = path.resolve(__dirname, '../..')
function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [path.join(ROOT, 'dist/src/cli/main.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000, env: { ...process.env, ...env } })
}

function onlyPlan(dir: string): { text: { pages: { text: string }[] }; processing: { languageModel: string | null } } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'))
  expect(files).toHaveLength(1)
  return JSON.parse(readFileSync(path.join(dir, files[0]!), 'utf8'))
}

describe('--model / KEHOACH_MODEL on kehoach process', () => {
  it('an adapted model repairs a document of its own domain better, and the plan names it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kehoach-model-'))
    const { corpus, docs, empty } = writeTinyCorpus(dir)
    const base = path.join(dir, 'base.bin')
    const adapted = path.join(dir, 'adapted.bin')
    expect(cli(['lm', 'train', empty, '--corpus', corpus, '--out', base]).status).toBe(0)
    expect(cli(['lm', 'train', docs, '--corpus', corpus, '--out', adapted, '--weight', '5']).status).toBe(0)

    // a de-accented OCR text dump of the archive's kind, not among the training documents
    const input = path.join(dir, 'in.txt')
    writeFileSync(input, `KẾ HOẠCH\n${stripDiacritics(HELD_OUT)}\n`)
    const run = (name: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
      const out = path.join(dir, name)
      const r = cli(['process', input, '--out', out, '--no-progress', ...args], env)
      expect(r.status, r.stderr).toBe(0)
      return onlyPlan(out)
    }
    const right = (text: string) => {
      const line = text.split('\n').find((l) => /^H/i.test(stripDiacritics(l)) && stripDiacritics(l).startsWith('Hoi')) ?? ''
      return line.split(' ').filter((w, i) => w === HELD_OUT.split(' ')[i]).length
    }
    const before = run('base', ['--model', base])
    const after = run('adapted', ['--model', adapted])
    const viaEnv = run('env', [], { KEHOACH_MODEL: adapted })
    expect(right(after.text.pages[0]!.text)).toBeGreaterThan(right(before.text.pages[0]!.text))
    expect(after.processing.languageModel).toBe(loadLanguageModel(adapted).version)
    expect(before.processing.languageModel).toBe(loadLanguageModel(base).version)
    expect(after.processing.languageModel).not.toBe(before.processing.languageModel)
    expect(viaEnv.text.pages[0]!.text).toBe(after.text.pages[0]!.text)
    expect(viaEnv.processing.languageModel).toBe(after.processing.languageModel)
  }, 300_000)

  it('says in one line which model file is missing or not a model (no stack)', () => {
    const missing = cli(['lm', 'info', '--model', '/nonexistent/model.bin'])
    expect(missing.status).toBe(5)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(missing.stderr).toMatch(/--model \/nonexistent\/model\.bin: no such file/)
    const dir = mkdtempSync(path.join(tmpdir(), 'kehoach-model-'))
    writeFileSync(path.join(dir, 'x.bin'), 'not a model')
    const foreign = cli(['process', path.join(ROOT, 'fixtures/heldout/h01.txt'), '--out', dir, '--model', path.join(dir, 'x.bin')])
    expect(foreign.status).toBe(1)
    expect(foreign.stderr).toMatch(/--model .*x\.bin: not a kehoach language model/)
    expect(foreign.stderr).not.toMatch(/\n\s+at /)
  })
})
