/**
 * Reviews on disk: a review reads the current result, applies the corrections (reviews.ts) and
 * writes the next revision with writePlanFile, which keeps the one before in
 * `revisions/<id>/<rev>.json`. The index picks the new file up like any other (event `reviewed`).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { Plan, type ReviewRecord } from '../schema/plan.js'
import { findPlanFile } from './locate.js'
import { listRevisions, revisionsDir, writePlanFile } from './plan-files.js'
import { applyReview, isReviewed, type ReviewInput } from './reviews.js'

export class ReviewConflict extends Error {
  constructor(readonly current: number, message: string) {
    super(message)
  }
}
export class NoPlan extends Error {}

/** Reviews of one plan run one after the other in this process: the revision check and the write are one step. */
const locks = new Map<string, Promise<unknown>>()
async function serially<T>(id: string, fn: () => Promise<T>): Promise<T> {
  const before = locks.get(id) ?? Promise.resolve()
  const run = before.catch(() => {}).then(fn)
  locks.set(id, run)
  try {
    return await run
  } finally {
    if (locks.get(id) === run) locks.delete(id)
  }
}

async function readPlan(file: string): Promise<Plan> {
  return Plan.parse(JSON.parse(await readFile(file, 'utf8')))
}

/**
 * Write a review as the next revision. `revision`: the revision the reviewer edited; a plan that
 * changed since is a conflict (409). Without it, only a plan nobody has reviewed yet is accepted:
 * editing someone's review means naming the revision one saw.
 */
export async function reviewPlan(
  dataDir: string,
  id: string,
  input: ReviewInput & { revision?: number },
  now: Date,
): Promise<{ plan: Plan; record: ReviewRecord; file: string }> {
  return serially(id, async () => {
    const file = await findPlanFile(dataDir, id)
    if (!file) throw new NoPlan(`no plan ${id}`)
    const plan = await readPlan(file)
    if (input.revision != null && input.revision !== plan.revision) {
      throw new ReviewConflict(plan.revision, `the plan is at revision ${plan.revision}, not ${input.revision}: reload it, then review again`)
    }
    if (input.revision == null && isReviewed(plan)) {
      throw new ReviewConflict(plan.revision, `the plan was already reviewed (revision ${plan.revision}): send "revision": ${plan.revision} to edit that review`)
    }
    const dir = path.dirname(file)
    const next = Math.max(plan.revision, ...(await listRevisions(dir, id))) + 1
    const r = applyReview(plan, input, now, next)
    const written = await writePlanFile(dir, r.plan)
    return { plan: r.plan, record: r.record, file: written }
  })
}

export type RevisionEntry = {
  revision: number
  current: boolean
  processedAt: string
  needsReview: boolean
  /** null: the machine wrote this revision */
  review: ReviewRecord | null
}

/** The current revision and those kept in `revisions/<id>/`, newest first. */
export async function planRevisions(dataDir: string, id: string): Promise<RevisionEntry[] | null> {
  const file = await findPlanFile(dataDir, id)
  if (!file) return null
  const dir = path.dirname(file)
  const entry = (p: Plan, current: boolean): RevisionEntry => ({
    revision: p.revision, current, processedAt: p.processing.processedAt, needsReview: p.quality.needsReview, review: p.review ?? null,
  })
  const out = [entry(await readPlan(file), true)]
  for (const rev of await listRevisions(dir, id)) {
    const kept = await readPlan(path.join(revisionsDir(dir, id), `${rev}.json`)).catch(() => null)
    if (kept) out.push({ ...entry(kept, false), revision: rev })
  }
  return out.sort((a, b) => b.revision - a.revision)
}
