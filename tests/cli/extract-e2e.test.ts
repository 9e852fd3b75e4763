import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { Plan } from '../../src/schema/plan.js'
import { packageRoot } from '../../src/version.js'

const run = promisify(execFile)
const root = packageRoot()
const cli = path.join(root, 'bin', 'kehoach.js')
const shared = path.resolve(root, '..', 'shared')
const haveShared = existsSync(path.join(shared, 'dev'))

async function processFiles(files: string[]): Promise<Map<string, Plan>> {
  const out = mkdtempSync(path.join(tmpdir(), 'kehoach-e2e-'))
  await run('node', [cli, 'process', ...files, '--out', out, '--no-progress', '--reprocess'], { cwd: root, maxBuffer: 1 << 26 })
  const plans = readdirSync(out)
    .filter((f) => f.endsWith('.json'))
    .map((f) => Plan.parse(JSON.parse(readFileSync(path.join(out, f), 'utf8'))))
  return new Map(plans.map((p) => [p.source.fileName, p]))
}

/** The labels' comparison rule for names: NFC, case and old/new tone placement ignored. */
const fold = (s: string | null | undefined) =>
  s == null ? null : s.normalize('NFC').toLowerCase().replace(/òa/g, 'oà').replace(/óa/g, 'oá').replace(/ủy/g, 'uỷ').replace(/\s+/g, ' ').trim()

describe.skipIf(!haveShared)('kehoach process on the clean seed texts fills the SPEC paths with the labelled values', () => {
  const seeds = haveShared ? readdirSync(path.join(shared, 'seeds')).filter((f) => /^00[14]_/.test(f)) : []
  let plans: Map<string, Plan>
  beforeAll(async () => {
    plans = await processFiles(seeds.map((f) => path.join(shared, 'seeds', f)))
  })

  it.each(seeds)('%s', (seed) => {
    const label = JSON.parse(readFileSync(path.join(shared, 'dev', `${seed.slice(0, 3)}.labels.json`), 'utf8'))
    const { document: d, legalBases } = plans.get(seed)!
    expect(d.type.name).toBe(label.docType)
    expect(d.number).toBe(label.number)
    expect(d.date).toBe(label.date)
    expect(d.year).toBe(label.year)
    expect(d.place).toBe(label.place)
    expect(fold(d.issuer.name)).toBe(fold(label.issuer))
    expect(fold(d.signer?.name)).toBe(fold(label.signer.name))
    expect(legalBases.map((b) => b.number).filter(Boolean)).toEqual(
      expect.arrayContaining(label.legalBases.map((b: { number: string | null }) => b.number).filter(Boolean)),
    )
    expect(d.recipients.length).toBe(label.recipients.length)
    // Every extracted item says where it came from.
    for (const item of [...legalBases, ...plans.get(seed)!.targets, ...plans.get(seed)!.tasks]) {
      expect(item.prov.page).toBeGreaterThanOrEqual(1)
      expect(item.confidence).toBeGreaterThan(0)
    }
  })
})

describe('kehoach process on the born-digital and scanned fixtures', () => {
  let plans: Map<string, Plan>
  beforeAll(async () => {
    plans = await processFiles([path.join(root, 'fixtures', 'lao-cai.digital.pdf'), path.join(root, 'fixtures', 'lao-cai.office.pdf')])
  })

  it.each(['lao-cai.digital.pdf', 'lao-cai.office.pdf'])('%s: header, signer and recipients', (file) => {
    const p = plans.get(file)!
    expect(p.document.type).toEqual({ name: 'Kế hoạch', code: 'KH' })
    expect(p.document.number).toBe('219/KH-UBND')
    expect(p.document.date).toBe('2024-04-16')
    expect(p.document.place).toBe('Lào Cai')
    expect(p.document.signer?.authority).toBe('KT. CHỦ TỊCH')
    expect(p.document.recipients.length).toBeGreaterThan(2)
    expect(p.document.fields['number']!.prov.page).toBe(1)
  })

  it('keeps OCR boxes as provenance for a scanned page', () => {
    const p = plans.get('lao-cai.office.pdf')!
    expect(p.source.textOrigin).toBe('ocr')
    expect(p.document.fields['number']!.prov.box).toHaveLength(4)
  })
})
