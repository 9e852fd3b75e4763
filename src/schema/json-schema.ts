import { z } from 'zod'
import { Plan, SCHEMA_VERSION } from './plan.js'

/** The published JSON Schema for trackers, generated from the zod schema (never hand-edited). */
export function planJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Plan, { target: 'draft-2020-12' }),
    $id: `https://kehoach.dev/schema/plan-${SCHEMA_VERSION}.json`,
    title: `kehoach plan v${SCHEMA_VERSION}`,
  }
}
