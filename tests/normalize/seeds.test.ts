import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../src/normalize/index.js'

const seeds = path.resolve(__dirname, '../../../shared/seeds')
const files = existsSync(seeds) ? readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort() : []

describe.skipIf(!files.length)('normalizeText on the seeds', () => {
  for (const f of files)
    it(`${f.slice(0, 3)}: keeps the line count and is idempotent`, () => {
      const text = readFileSync(path.join(seeds, f), 'utf8')
      const once = normalizeText(text).text
      expect(once.split('\n').length).toBe(text.split('\n').length)
      const twice = normalizeText(once).text
      const a = once.split('\n'), b = twice.split('\n')
      const differing = a.map((l, i) => [l, b[i]]).filter(([x, y]) => x !== y)
      expect(differing.slice(0, 5)).toEqual([])
    }, 180_000) // two passes over a garbled seed: ≈ 12 CPU-seconds, minutes of wall time on a busy shared machine
})
