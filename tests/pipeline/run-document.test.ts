/**
 * The one document run (src/pipeline.ts): the page executor decides who reads the pages; a page
 * that failed for good stays in the plan as an empty page with a warning and needsReview, through
 * the report (so the plan is validated with it); a document with no page read fails with the first
 * page's own error. Real parts: a plain-text document of three pages (form-feed separated), real
 * normalization without the language model, real schema validation.
 */
import { describe, expect, it } from 'vitest'
import { NoPageReadError, InputTooLargeError, toErrorReport } from '../../src/errors.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { mapLimit, pagePool, runDocument, type PageExecutor, type PageOutcome } from '../../src/pipeline.js'
import { fixtureText } from '../helpers/fixtures.js'

const text = fixtureText('hon-quan.gt-logical.txt').split('\n')
const third = Math.ceil(text.length / 3)
const input = { fileName: 'ba-trang.txt', bytes: new TextEncoder().encode([0, 1, 2].map((i) => text.slice(i * third, (i + 1) * third).join('\n')).join('\f')) }
const noOcr = () => Promise.reject(new Error('plain text needs no OCR'))
const deps = (pages: PageExecutor) => ({ limits: DEFAULT_LIMITS, model: null, ocr: noOcr, pages, clock: () => new Date(0), startedAt: 0 })

/** An executor that reads every page but reports the listed ones as failed for good. */
const failing = (pages: number[], error: Error): PageExecutor => async (doc, read) => {
  const out: PageOutcome[] = []
  for (let page = doc.pageCount; page >= 1; page--) {
    // outcomes out of order on purpose: assemble orders the pages
    if (pages.includes(page)) out.push({ page, failed: { reason: error.message, report: toErrorReport(error, 'page') } })
    else out.push({ page, read: await read(page) })
  }
  return out
}

describe('runDocument', () => {
  it('reads every page with the injected executor and assembles them in page order', async () => {
    const plan = await runDocument(input, deps(pagePool(() => 2)))
    expect(plan.source.pageCount).toBe(3)
    expect(plan.text.pages.map((p) => p.page)).toEqual([1, 2, 3])
    expect(plan.quality.warnings.filter((w) => w.code === 'queue:page-failed')).toEqual([])
  })

  it('keeps a page that failed for good as an empty page with a positioned warning, and marks the plan for review', async () => {
    const whole = await runDocument(input, deps(pagePool(() => 1)))
    const plan = await runDocument(input, deps(failing([2], new Error('render timed out'))))
    expect(plan.text.pages.map((p) => p.page)).toEqual([1, 2, 3])
    expect(plan.text.pages[1]!.text).toBe('')
    expect(plan.text.pages[1]!.note).toMatch(/page could not be read: render timed out/)
    expect(plan.text.pages[0]!.text).toBe(whole.text.pages[0]!.text)
    expect(plan.quality.warnings.filter((w) => w.code === 'queue:page-failed')).toEqual([
      { severity: 'warning', code: 'queue:page-failed', message: 'page 2 could not be read: render timed out', position: { page: 2 } },
    ])
    expect(plan.quality.needsReview).toBe(true)
  })

  it('fails the document with the first page error (its code and hint) when no page could be read', async () => {
    const tooLarge = new InputTooLargeError('page 1 is over the pixel limit')
    const run = runDocument(input, deps(failing([1, 2, 3], tooLarge)))
    await expect(run).rejects.toBeInstanceOf(NoPageReadError)
    await expect(run).rejects.toMatchObject({ code: 'input.too-large', retryable: false, message: expect.stringMatching(/no page of ba-trang\.txt could be read/) })
  })
})

describe('mapLimit', () => {
  it('keeps at most `limit` calls in flight and returns results in input order', async () => {
    let inFlight = 0
    let most = 0
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      most = Math.max(most, ++inFlight)
      await new Promise((r) => setTimeout(r, n))
      inFlight--
      return n * 10
    })
    expect(out).toEqual([50, 10, 40, 20, 30])
    expect(most).toBe(2)
  })

  it('starts no new item after a failure and throws only once the calls in flight have finished', async () => {
    const started: number[] = []
    let finished = 0
    const run = mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n)
      if (n === 2) throw new Error('page 2 failed')
      await new Promise((r) => setTimeout(r, 20))
      finished++
      return n
    })
    await expect(run).rejects.toThrow('page 2 failed')
    expect(finished).toBe(started.length - 1) // every started item but the failed one ran to its end
    expect(started.length).toBeLessThan(6)
  })
})
