import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, copyFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { Plan } from '../../src/schema/plan.js'
import { packageRoot } from '../../src/version.js'

const run = promisify(execFile)
const root = packageRoot()
const cli = path.join(root, 'bin', 'kehoach.js')
const fixture = (...p: string[]) => path.join(root, 'fixtures', ...p)

type CliResult = { code: number; stdout: string; stderr: string }
async function kehoach(args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('node', [cli, ...args], { cwd: root, maxBuffer: 1 << 26 })
    return { code: 0, stdout, stderr }
  } catch (e: any) {
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

const plans = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => Plan.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))))

describe('kehoach process: bad inputs fail alone, with a report, and the batch goes on', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'kehoach-bad-'))
  const inbox = mkdtempSync(path.join(tmpdir(), 'kehoach-in-'))
  let result: CliResult
  // One folder: every bad input, then good ones sorted after them.
  beforeAll(async () => {
    for (const f of readdirSync(fixture('bad'))) copyFileSync(fixture('bad', f), path.join(inbox, f))
    writeFileSync(path.join(inbox, 'zz-plan.txt'), 'ỦY BAN NHÂN DÂN\nHUYỆN HỚN QUẢN\nSố: 12/KH-UBND\nKẾ HOẠCH\nThực hiện công tác giảm nghèo năm 2024\n')
    writeFileSync(path.join(inbox, '.DS_Store'), 'junk')
    writeFileSync(path.join(inbox, 'copy.pdf.part'), '%PDF-1.4 half a file')
    result = await kehoach(['process', inbox, '--out', out, '--no-progress'])
  })

  it('exits 2 because some inputs failed', () => {
    expect(result.code).toBe(2)
  })

  it.each([
    ['empty.pdf', 'input.empty'],
    ['truncated.pdf', 'input.corrupt'],
    ['encrypted-user-password.pdf', 'input.encrypted'],
    ['html-renamed.pdf', 'input.unsupported'],
    ['bomb-30000x30000.png', 'input.too-large'],
    ['pages-1000.pdf', 'input.too-large'],
    ['huge-page.pdf', 'input.too-large'],
  ])('%s → failed/%s.error.json with code %s, a message and a hint', (file, code) => {
    const report = JSON.parse(readFileSync(path.join(out, 'failed', `${file}.error.json`), 'utf8'))
    expect(report).toMatchObject({ code, file: path.join(inbox, file) })
    expect(report.message.length).toBeGreaterThan(10)
    expect(report.hint.length).toBeGreaterThan(10)
    expect(result.stderr).toContain(`FAIL ${path.join(inbox, file)}`)
  })

  it('processes the good inputs after the bad ones, including a permissions-only encrypted PDF', () => {
    const names = plans(out).map((p) => p.source.fileName).sort()
    expect(names).toEqual(['encrypted-permissions-only.pdf', 'zz-plan.txt'])
  })

  it('skips hidden and partial files', () => {
    expect(result.stderr).not.toContain('.DS_Store')
    expect(result.stderr).not.toContain('copy.pdf.part')
  })
})

describe('kehoach process: fixtures to schema-valid JSON', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'kehoach-out-'))

  it('reads a born-digital PDF from its text layer and a text dump as plain text', async () => {
    const txt = path.join(mkdtempSync(path.join(tmpdir(), 'kehoach-txt-')), 'plan.txt')
    writeFileSync(txt, 'UBND TỈNH LÀO CAI\nSố: 219/KH-UBND\fTrang hai\n')
    const r = await kehoach(['process', fixture('lao-cai.digital.pdf'), txt, '--out', out, '--no-progress'])
    expect(r.code).toBe(0)
    const byName = Object.fromEntries(plans(out).map((p) => [p.source.fileName, p]))
    const digital = byName['lao-cai.digital.pdf']!
    expect(digital.source.textOrigin).toBe('text-layer')
    expect(digital.id).toBe(digital.source.sha256)
    expect(digital.document.number).toBe('219/KH-UBND')
    expect(digital.text.pages[0]!.text).toContain('Lào Cai')
    const plain = byName['plan.txt']!
    expect(plain.source).toMatchObject({ textOrigin: 'plain-text', pageCount: 2 })
    expect(plain.text.pages.map((p) => p.raw)).toEqual(['UBND TỈNH LÀO CAI\nSố: 219/KH-UBND', 'Trang hai'])
  })

  it('recognises a file it has already processed and does not process it again', async () => {
    const r = await kehoach(['process', fixture('lao-cai.digital.pdf'), '--out', out, '--no-progress'])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/dup .*lao-cai\.digital\.pdf/)
    expect(r.stderr).toContain('0 done, 1 duplicate, 0 failed')
  })

  it('OCRs a scanned PDF and detects a garbage text layer', async () => {
    const r = await kehoach(['process', fixture('ocr-layer-eng.pdf'), '--out', out, '--no-progress'])
    expect(r.code).toBe(0)
    const plan = plans(out).find((p) => p.source.fileName === 'ocr-layer-eng.pdf')!
    expect(plan.source.textOrigin).toBe('ocr')
    expect(plan.text.pages[0]!.note).toMatch(/re-OCRed/)
    expect(plan.text.pages[0]!.lineBoxes?.length).toBe(plan.text.pages[0]!.text.split('\n').length)
    expect(plan.quality.ocrConfidence).toBeGreaterThan(0.5)
  })

  it('rejects bad arguments with exit code 1', async () => {
    const r = await kehoach(['process', fixture('lao-cai.digital.pdf'), '--jobs', 'many', '--out', out])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('--jobs')
    expect(existsSync(path.join(out, 'failed', 'lao-cai.digital.pdf.error.json'))).toBe(false)
  })
})
