/**
 * What the assemble job makes of its page children's outcomes as BullMQ reports them
 * (`getChildrenValues`, `getIgnoredChildrenFailures`, keyed `prefix:queue:<page job id>`): a page read
 * is read, a page that failed for good is a failed page with its reason — and a page with neither
 * (Redis restarted without persistence and lost it) fails no document: QueueStateLostError, so the
 * document is queued again instead of getting a failure report.
 */
import { describe, expect, it } from 'vitest'
import { QueueStateLostError } from '../../src/errors.js'
import { flowPages } from '../../src/queue/flow-pages.js'
import { pageJobId } from '../../src/queue/names.js'
import type { PreparedDocument } from '../../src/pipeline.js'
import type { SourcePage } from '../../src/schema/page.js'

const ID = 'a'.repeat(64)
const doc = { id: ID, fileName: 'ke-hoach.pdf', pageCount: 2 } as PreparedDocument
const key = (page: number) => `bull:kehoach-pages:${pageJobId(ID, page)}`
const page1: SourcePage = { page: 1, origin: 'ocr', lines: [{ text: 'KẾ HOẠCH' }], confidence: 0.9 }
const children = (values: Record<string, SourcePage>, failures: Record<string, string>) => ({
  getChildrenValues: async <T>() => values as Record<string, T>,
  getIgnoredChildrenFailures: async () => failures,
})
const noRead = () => Promise.reject(new Error('queue mode reads no page in the parent'))

describe('page outcomes of a queue-mode document', () => {
  it('takes read pages as read and a page that failed for good as failed, with its reason', async () => {
    const outcomes = await flowPages(children({ [key(1)]: page1 }, { [key(2)]: 'input.corrupt: page 2 could not be rendered' }))(doc, noRead)
    expect(outcomes[0]).toEqual({ page: 1, read: page1 })
    expect(outcomes[1]).toMatchObject({ page: 2, failed: { reason: 'input.corrupt: page 2 could not be rendered' } })
  })

  it('fails no document for a page Redis lost: neither result nor failure is QueueStateLostError (retryable)', async () => {
    const error = await flowPages(children({ [key(1)]: page1 }, {}))(doc, noRead).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(QueueStateLostError)
    expect(error).toMatchObject({ retryable: true, message: expect.stringContaining('page 2') })
  })
})
