/**
 * An appendix page whose table was scanned sideways (a landscape table on a portrait scan, or the sheet
 * fed turned): the page is turned upright by its ink profile before OCR (src/image/orientation.ts), so
 * its table is found and read as on an upright page. Real OCR of a real scanned table fixture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { turnPage } from '../../src/image/orientation.js'
import { createOcrPool, type OcrPool } from '../../src/ocr/pool.js'
import { readPageImage } from '../../src/ocr/read-image.js'
import type { SourcePage } from '../../src/schema/page.js'
import { fixturePage } from '../../scripts/fixtures/pages.js'
import { fixture } from '../helpers/fixtures.js'

let pool: OcrPool
beforeAll(async () => {
  pool = await createOcrPool({ size: 1 })
})
afterAll(async () => pool?.close())

const ids = (p: SourcePage) => (p.tables ?? []).flatMap((t) => t.cells.filter((c) => c.col === 0 && c.row > 0).map((c) => c.text.trim())).filter(Boolean)

describe('a table on a page scanned sideways', () => {
  it('is read upright: the page is turned back a quarter and the table rows keep their ids', async () => {
    const page = await fixturePage(fixture('tables/table-x-times-office.pdf'))
    const sideways = await readPageImage(await turnPage(page, 90), 1, pool)
    expect(sideways.rotation).toBe(270)
    expect(ids(sideways)).toEqual(expect.arrayContaining(['1', '1.1', '1.2', '1.3']))
    expect(sideways.lines.map((l) => l.text).join('\n')).toMatch(/HOẠT ĐỘNG|Hoạt động/i)
  }, 240_000)
})
