import { describe, expect, it } from 'vitest'
import { CorruptInputError, EncryptedPdfError, InputTooLargeError } from '../../src/errors.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { openPdf } from '../../src/pdf/open.js'
import { readTextLayer } from '../../src/pdf/text-layer.js'
import { fixture } from '../helpers/fixtures.js'

const L = DEFAULT_LIMITS

describe('openPdf', () => {
  it('opens a born-digital PDF and leaves the caller its bytes', async () => {
    const bytes = fixture('lao-cai.digital.pdf')
    const pdf = await openPdf(bytes, L)
    expect(pdf.pageCount).toBe(1)
    expect(bytes.byteLength).toBeGreaterThan(0) // not detached
    await pdf.close()
  })

  it.each([
    ['bad/empty.pdf', /empty/],
    ['bad/truncated.pdf', /not a readable PDF/],
    ['bad/html-renamed.pdf', /not a readable PDF/],
  ])('rejects %s as corrupt', async (name, message) => {
    const error = await openPdf(fixture(name), L).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CorruptInputError)
    expect((error as CorruptInputError).message).toMatch(message)
    expect((error as CorruptInputError).stage).toBe('pdf')
  })

  it('rejects a PDF that needs a user password', async () => {
    const error = await openPdf(fixture('bad/encrypted-user-password.pdf'), L).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EncryptedPdfError)
    expect((error as EncryptedPdfError).code).toBe('input.encrypted')
  })

  it('opens a permissions-only encrypted PDF (no password needed)', async () => {
    const pdf = await openPdf(fixture('bad/encrypted-permissions-only.pdf'), L)
    expect(pdf.pageCount).toBe(1)
    const page = await readTextLayer(pdf, 1) // decrypted: the Vietnamese text reads
    expect(page.lines[0].text).toBe('ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    await pdf.close()
  })

  it('rejects a 1000-page PDF before any page work', async () => {
    const t0 = performance.now()
    const error = await openPdf(fixture('bad/pages-1000.pdf'), { ...L, maxPages: 200 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputTooLargeError)
    expect((error as Error).message).toMatch(/1000 pages/)
    expect(performance.now() - t0).toBeLessThan(3000)
  })
})
