/**
 * A document that starts mid-text (a later page given alone, flagged `continuation` by the page
 * step) gets no header invented from its body: type, number, date, place, issuer and title stay
 * null with a warning, while the end block it does carry (signer, recipients) is still read.
 * Real parts: a plain-text plan, real normalization and schema validation; the executor sets the
 * flag the page step would set on a real continuation scan.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { runDocument, type PageExecutor, type PageOutcome } from '../../src/pipeline.js'
import { fixtureText } from '../helpers/fixtures.js'

const input = { fileName: 'hon-quan.txt', bytes: new TextEncoder().encode(fixtureText('hon-quan.gt-logical.txt')) }
const noOcr = () => Promise.reject(new Error('plain text needs no OCR'))

const reading = (continuation: boolean): PageExecutor => async (doc, read) => {
  const out: PageOutcome[] = []
  for (let page = 1; page <= doc.pageCount; page++) {
    const r = await read(page)
    out.push({ page, read: continuation && page === 1 ? { ...r, continuation: true } : r })
  }
  return out
}
const run = (continuation: boolean) =>
  runDocument(input, { limits: DEFAULT_LIMITS, model: null, ocr: noOcr, pages: reading(continuation), clock: () => new Date(0), startedAt: 0 })

describe('a document that starts mid-text', () => {
  it('the same text with its header read normally has its header fields', async () => {
    const plan = await run(false)
    expect(plan.document.number).not.toBeNull()
    expect(plan.document.issuer.name).not.toBeNull()
  })

  it('keeps every header field null, says why, and still reads the end block', async () => {
    const [whole, cont] = [await run(false), await run(true)]
    const d = cont.document
    expect([d.type.name, d.number, d.date, d.place, d.issuer.name, d.title]).toEqual([null, null, null, null, null, null])
    expect(Object.keys(d.fields).filter((k) => /^(type|number|date|place|issuer|title)/.test(k))).toEqual([])
    expect(cont.quality.warnings.map((w) => w.code)).toContain('pages:continuation')
    expect(cont.quality.needsReview).toBe(true)
    expect(whole.document.signer?.name).toBeTruthy()
    expect(d.signer).toEqual(whole.document.signer)
    expect(d.recipients).toEqual(whole.document.recipients)
  })
})
