// Writes schema/plan-v<major>.schema.json from the zod schema; the test suite checks it is current.
import { writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { planJsonSchema } from '../src/schema/json-schema.js'
import { SCHEMA_VERSION } from '../src/schema/plan.js'
import { packageRoot } from '../src/version.js'

const file = path.join(packageRoot(), 'schema', `plan-v${SCHEMA_VERSION.split('.')[0]}.schema.json`)
mkdirSync(path.dirname(file), { recursive: true })
writeFileSync(file, JSON.stringify(planJsonSchema(), null, 2) + '\n')
console.log(`wrote ${path.relative(process.cwd(), file)}`)
