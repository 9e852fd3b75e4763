// The README and the files it promises: self-contained (every link resolves inside the repository),
// the configuration table in step with the CLI's settings, the licence and the sample output real.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Plan } from '../../src/schema/plan.js'
import { ENV_ONLY, SETTINGS } from '../../src/cli/settings.js'

const ROOT = path.resolve(__dirname, '../..')
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8')
const readme = read('README.md')

describe('README', () => {
  it('links only to files inside the repository, and they exist', () => {
    const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!)
    expect(links.length).toBeGreaterThan(3)
    for (const l of links) {
      expect(l, l).not.toMatch(/^(https?:|\.\.\/|\/)/)
      expect(existsSync(path.join(ROOT, l.split('#')[0]!)), l).toBe(true)
    }
    expect(readme).not.toMatch(/\.\.\/shared/)
  })

  it('lists every setting of the CLI with its variable and default in the configuration table', () => {
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Troubleshooting'))
    for (const s of Object.values(SETTINGS)) {
      const row = table.split('\n').find((l) => l.startsWith(`| \`${s.flags}\``))
      expect(row, s.flags).toBeDefined()
      if (s.env) expect(row, s.flags).toContain(`\`${s.env}\``)
    }
    for (const e of ENV_ONLY) expect(table).toContain(`\`${e.env}\``)
  })

  it('has a troubleshooting section and the compose workflow', () => {
    expect(readme).toMatch(/^## Troubleshooting$/m)
    expect(readme).toMatch(/cp \.env\.example \.env/)
    expect(readme).toMatch(/docker compose up -d/)
  })
})

describe('files the README promises', () => {
  it('LICENSE is the MIT licence package.json names', () => {
    expect(JSON.parse(read('package.json')).license).toBe('MIT')
    expect(read('LICENSE')).toMatch(/^MIT License/)
  })

  it('the sample plan is valid output of the current schema, with tasks', () => {
    const sample = JSON.parse(read('docs/sample-plan.json'))
    const r = Plan.safeParse(sample)
    expect(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3))).toBe(true)
    expect(sample.tasks.length).toBeGreaterThan(0)
  })

  it('the archivists\' guide says where to drop files, what happens and where failures go', () => {
    const guide = read('docs/huong-dan.md')
    for (const words of ['Bỏ tệp vào đâu', 'điều gì xảy ra', 'failed/', '.error.json', 'cần xem lại']) expect(guide).toContain(words)
  })
})
