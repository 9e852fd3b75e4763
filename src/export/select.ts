import type { PlanStore, QueryOptions } from '../store/types.js'
import { taskRows, type TaskRow } from './tasks.js'

/** plans read per page when exporting over a selection */
const PAGE = 200

/** Task rows of the plans a query selects, paging through the index (no limit: all of them). */
export async function selectedTaskRows(store: PlanStore, q: QueryOptions): Promise<TaskRow[]> {
  const rows: TaskRow[] = []
  const end = q.limit === undefined ? Infinity : (q.offset ?? 0) + q.limit
  for (let offset = q.offset ?? 0; offset < end; offset += PAGE) {
    const page = await store.query({ ...q, offset, limit: Math.min(PAGE, end - offset) })
    for (const s of page.items) {
      const plan = await store.get(s.id)
      if (plan) rows.push(...taskRows(plan))
    }
    if (page.items.length === 0 || offset + page.items.length >= page.total) break
  }
  return rows
}

