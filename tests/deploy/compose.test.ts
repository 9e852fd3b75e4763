// The deployment files, checked for the invariants that make `docker compose up` safe and correct
// by default (no Docker engine here: the files are parsed, not run).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { SETTINGS } from '../../src/cli/settings.js'

const ROOT = path.resolve(__dirname, '../..')
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8')
type Service = {
  command?: string[]; environment?: Record<string, string>; ports?: string[]; volumes?: string[]; healthcheck?: { test: string[] }
  depends_on?: Record<string, { condition: string }>; init?: boolean
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> }
const services = compose.services
const dockerfile = read('Dockerfile')
const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))

describe('docker-compose.yml', () => {
  it('has a healthcheck on every service, and kehoach services wait for a healthy Redis', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.healthcheck?.test?.length, name).toBeGreaterThan(0)
      if (name !== 'redis') {
        expect(s.depends_on?.redis?.condition, name).toBe('service_healthy')
        expect(s.init, name).toBe(true)
      }
    }
  })

  it('runs Redis with maxmemory, noeviction and AOF', () => {
    const cmd = services.redis!.command!.join(' ')
    expect(cmd).toMatch(/--maxmemory \S+/)
    expect(cmd).toMatch(/--maxmemory-policy noeviction/)
    expect(cmd).toMatch(/--appendonly yes/)
  })

  it('publishes the API on loopback by default and refuses to start without a token', () => {
    const api = services.api!
    expect(api.ports).toHaveLength(1)
    // "${KEHOACH_PUBLISH:-127.0.0.1}:…": the host address defaults to loopback
    expect(api.ports![0]).toMatch(/^\$\{KEHOACH_PUBLISH:-127\.0\.0\.1\}:/)
    // ${VAR:?message}: compose stops with the message when the token is unset or empty
    expect(api.environment!.KEHOACH_TOKEN).toMatch(/^\$\{KEHOACH_TOKEN:\?.+\}$/)
    for (const [name, s] of Object.entries(services)) if (name !== 'api') expect(s.ports, name).toBeUndefined()
  })

  it('keeps data in named volumes (declared at the top level), never anonymous ones', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const v of s.volumes ?? []) {
        const source = v.split(':')[0]!
        expect(v.split(':').length, `${name}: ${v}`).toBeGreaterThanOrEqual(2)
        if (!/^[.$/]/.test(source)) expect(Object.keys(compose.volumes), `${name}: ${v}`).toContain(source)
      }
    }
    expect(services.worker!.volumes).toContain('data:/srv/data')
  })

  it('passes only variables that .env.example documents, and .env.example names only real settings', () => {
    const example = read('.env.example')
    const documented = new Set([...example.matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]))
    const used = new Set([...read('docker-compose.yml').matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]))
    for (const v of used) expect(documented, v!).toContain(v)
    const known = new Set([...Object.values(SETTINGS).map((s) => s.env), 'KEHOACH_PUBLISH', 'KEHOACH_INBOX_DIR', 'REDIS_MAXMEMORY'])
    for (const v of documented) expect(known, v!).toContain(v)
  })
})

describe('Dockerfile', () => {
  it('builds in a build stage and ships a production image without dev tools', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2)
    expect(dockerfile).toMatch(/npm prune --omit=dev/)
    expect(finalStage).toMatch(/ENV NODE_ENV=production/)
    expect(finalStage).not.toMatch(/COPY (--from=build )?\/?(app\/)?(src|tests|scripts)\b(?!\/ocr\/tesseract-worker\.cjs)/)
    expect(finalStage).toMatch(/^USER node$/m)
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> }
    for (const dev of ['tsx', 'typescript', 'vitest', 'yaml']) expect(pkg.dependencies[dev], dev).toBeUndefined()
  })

  it('copies the OCR worker script beside the compiled pool (else OCR silently uses the slower core)', () => {
    expect(finalStage).toMatch(/^COPY src\/ocr\/tesseract-worker\.cjs \.\/dist\/src\/ocr\/tesseract-worker\.cjs$/m)
    // pool.ts looks for it beside itself
    expect(read('src/ocr/pool.ts')).toMatch(/path\.join\(here, 'tesseract-worker\.cjs'\)/)
    expect(finalStage).toMatch(/^COPY models \.\/models$/m)
  })

  it('declares no VOLUME (an anonymous volume per container would shadow the named ones)', () => {
    expect(dockerfile).not.toMatch(/^VOLUME/m)
  })

  it('runs the compiled CLI, not tsx', () => {
    expect(finalStage).toMatch(/ENTRYPOINT \["node", "\/app\/dist\/src\/cli\/main\.js"\]/)
    const instructions = dockerfile.split('\n').filter((l) => !l.startsWith('#')).join('\n')
    expect(instructions).not.toMatch(/tsx/)
  })
})

describe('.dockerignore', () => {
  it('keeps local data and build output out of the build context', () => {
    const ignore = read('.dockerignore').split('\n')
    for (const p of ['node_modules', 'dist', 'data', 'inbox', '.env']) expect(ignore, p).toContain(p)
  })
})
