import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { planJsonSchema } from '../../src/schema/json-schema.js'
import { SCHEMA_VERSION } from '../../src/schema/plan.js'
import { packageRoot } from '../../src/version.js'

describe('published JSON Schema', () => {
  const committed = path.join(packageRoot(), 'schema', `plan-v${SCHEMA_VERSION.split('.')[0]}.schema.json`)

  it('is the one generated from the zod schema (run `npm run schema` after changing src/schema)', () => {
    expect(JSON.parse(readFileSync(committed, 'utf8'))).toEqual(planJsonSchema())
  })

  it('lists every SPEC path', () => {
    const s = planJsonSchema() as any
    const props = (o: any) => Object.keys(o.properties ?? {})
    expect(props(s)).toEqual(expect.arrayContaining(['schemaVersion', 'id', 'source', 'document', 'legalBases', 'targets', 'tasks', 'text', 'quality']))
    expect(props(s.properties.source)).toEqual(expect.arrayContaining(['fileName', 'sha256', 'pageCount', 'textOrigin']))
    expect(props(s.properties.document)).toEqual(
      expect.arrayContaining(['type', 'number', 'date', 'year', 'place', 'issuer', 'title', 'signer', 'recipients']),
    )
  })
})
