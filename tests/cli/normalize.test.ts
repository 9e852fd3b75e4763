import { execFile, spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { packageRoot } from '../../src/version.js'

const run = promisify(execFile)
const root = packageRoot()
const cli = path.join(root, 'bin', 'kehoach.js')
const seedsDir = path.resolve(root, '..', 'shared', 'seeds')
const seeds = existsSync(seedsDir) ? readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort() : []

async function normalizeStdin(input: string): Promise<string> {
  const child = spawn('node', [cli, 'normalize'], { cwd: root })
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d))
  child.stdin.end(input)
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  expect(code).toBe(0)
  return out
}

describe('kehoach normalize', () => {
  it('reads stdin and writes line k for line k, restoring diacritics', async () => {
    const out = await normalizeStdin('UY BAN NHAN DAN TINH LAO CAI\n\n   Ke hoach thuc hien Nghi quyet so 21-NQ/TW\nSo: 90/QD-TTg\n')
    expect(out.split('\n')).toEqual(['ỦY BAN NHÂN DÂN TỈNH LÀO CAI', '', '   Kế hoạch thực hiện Nghị quyết số 21-NQ/TW', 'Số: 90/QĐ-TTg', ''])
  })

  it('leaves clean Vietnamese text exactly as it is', async () => {
    const clean = readFileSync(path.join(root, 'fixtures', 'lao-cai.gt.txt'), 'utf8')
    expect(await normalizeStdin(clean)).toBe(clean.normalize('NFC'))
  })

  it.skipIf(!seeds.length).each(seeds)('keeps the number of lines of seed %s', async (seed) => {
    const file = path.join(seedsDir, seed)
    const { stdout } = await run('node', [cli, 'normalize', file], { cwd: root, maxBuffer: 1 << 26 })
    expect(stdout.split('\n').length).toBe(readFileSync(file, 'utf8').split('\n').length)
  })

  it('fails clearly on a missing file', async () => {
    const err = await run('node', [cli, 'normalize', path.join(root, 'no-such-file.txt')], { cwd: root }).catch((e) => e)
    expect(err.code).toBe(5)
    expect(err.stderr).toMatch(/no-such-file\.txt/)
  })
})
