import type { Command } from 'commander'
import { planJsonSchema } from '../../schema/json-schema.js'

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of the output (generated from the zod schema)')
    .action(() => {
      process.stdout.write(JSON.stringify(planJsonSchema(), null, 2) + '\n')
    })
}
