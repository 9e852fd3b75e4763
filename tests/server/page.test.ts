/**
 * The web page in a real headless Chromium (Debian package `chromium`, driven by playwright-core
 * without a browser download): search without diacritics, open a plan, see its fields next to
 * the page image with provenance boxes. Skipped with a message when /usr/bin/chromium is missing.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runBatch } from '../../src/batch.js'
import { contentId } from '../../src/ingest/content-id.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { createOcrPool, type OcrPool } from '../../src/ocr/pool.js'
import type { Plan } from '../../src/schema/plan.js'
import { startServer, type RunningServer } from '../../src/server/start.js'
import { fixture, FIXTURES } from '../helpers/fixtures.js'
import { rmDir, tempDir } from '../helpers/stores.js'

const CHROMIUM = process.env.KEHOACH_CHROMIUM ?? '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
if (!hasChromium) {
  console.warn(`tests/server/page.test.ts: skipped, no browser at ${CHROMIUM} (Debian: apt-get install -y chromium; or set KEHOACH_CHROMIUM)`)
}

/** Originals kept like queue mode does, processed in-process into DATA/<id>.json. */
async function ingest(dir: string, names: string[]): Promise<Record<string, string>> {
  mkdirSync(path.join(dir, 'originals'), { recursive: true })
  const ids: Record<string, string> = {}
  const inputs = names.map((n) => {
    const id = contentId(fixture(n))
    ids[n] = id
    const original = path.join(dir, 'originals', `${id}${path.extname(n)}`)
    copyFileSync(path.join(FIXTURES, n), original)
    return { path: original, subfolder: null }
  })
  let pool: Promise<OcrPool> | undefined
  try {
    const r = await runBatch(inputs, { outDir: dir, limits: DEFAULT_LIMITS, model: null, ocr: () => (pool ??= createOcrPool({ size: 2 })) })
    expect(r).toMatchObject({ done: names.length, failed: 0 })
  } finally {
    if (pool) await (await pool).close()
  }
  return ids
}

describe('page images (GET /plans/:id/pages/:n.png)', () => {
  let dir: string
  let s: RunningServer
  let id: string
  beforeAll(async () => {
    dir = tempDir('kehoach-pages-')
    id = (await ingest(dir, ['lao-cai.digital.pdf']))['lao-cai.digital.pdf']!
    s = await startServer({ dataDir: dir, port: 0 })
  })
  afterAll(async () => {
    await s?.close()
    rmDir(dir)
  })

  it('renders a PDF page at ~100 dpi, caches it, refuses bad page numbers; the plan records the page size', async () => {
    const r = await fetch(`${s.url}/plans/${id}/pages/1.png`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('image/png')
    const png = Buffer.from(await r.arrayBuffer())
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    const width = png.readUInt32BE(16)
    expect(width).toBeGreaterThan(780) // A4 at 100 dpi ≈ 827 px
    expect(width).toBeLessThan(880)
    expect(existsSync(path.join(dir, '.kehoach', 'pages', `${id}-1.png`))).toBe(true)
    expect((await fetch(`${s.url}/plans/${id}/pages/2.png`)).status).toBe(404)
    expect((await fetch(`${s.url}/plans/${id}/pages/0.png`)).status).toBe(400)
    expect((await fetch(`${s.url}/plans/${id}/pages/1.jpg`)).status).toBe(400)
    expect((await fetch(`${s.url}/plans/${'0'.repeat(64)}/pages/1.png`)).status).toBe(404)
    const plan = (await (await fetch(`${s.url}/plans/${id}`)).json()) as Plan
    expect(plan.text.pages[0]).toMatchObject({ unit: 'pt' })
    expect(plan.text.pages[0]!.width).toBeCloseTo(595, -1)
  })
})

describe.skipIf(!hasChromium)('the web page in headless Chromium', () => {
  let dir: string
  let s: RunningServer
  let ids: Record<string, string>
  let browser: import('playwright-core').Browser
  beforeAll(async () => {
    dir = tempDir('kehoach-page-')
    ids = await ingest(dir, ['hon-quan.office.pdf', 'lao-cai.digital.pdf']) // OCR (px boxes) and text layer (pt boxes)
    s = await startServer({ dataDir: dir, port: 0 })
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
  })
  afterAll(async () => {
    await browser?.close()
    await s?.close()
    rmDir(dir)
  })

  it('searches "ke hoach giam ngheo" without diacritics, opens the plan, shows its fields and highlighted boxes on the page image', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`))
    await page.goto(s.url + '/')
    await page.fill('#q', 'ke hoach giam ngheo')
    await page.click('form button[type=submit]')
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === '1 kết quả')
    const row = page.locator('#rows tr')
    expect(await row.count()).toBe(1)
    expect(await row.getAttribute('data-id')).toBe(ids['hon-quan.office.pdf'])
    await row.click()
    await page.waitForSelector('#fig[data-boxes]')
    const plan = (await (await fetch(`${s.url}/plans/${ids['hon-quan.office.pdf']}`)).json()) as Plan
    expect(await page.inputValue('#v-document-number')).toBe(plan.document.number!)
    expect(await page.inputValue('#v-document-title')).toBe(plan.document.title!)
    expect(await page.locator('#plan .fields').innerText()).toContain('Cơ quan ban hành')
    const boxes = page.locator('#overlay rect.box')
    expect(await boxes.count()).toBeGreaterThan(0)
    // the "Số" field box sits on the printed number: inside the image, in its upper third
    const img = (await page.locator('#fig img').boundingBox())!
    const num = (await page.locator('#overlay rect[data-key="f:number"]').boundingBox())!
    expect(num.width).toBeGreaterThan(10)
    expect(num.x).toBeGreaterThanOrEqual(img.x)
    expect(num.x + num.width).toBeLessThanOrEqual(img.x + img.width + 1)
    expect(num.y).toBeLessThan(img.y + img.height / 3)
    // hovering a field highlights its box
    await page.hover('#plan .fld[data-key="f:number"]')
    expect(await page.locator('#overlay rect.hot').count()).toBeGreaterThan(0)
    await page.screenshot({ path: path.join(dir, 'page-ocr.png'), fullPage: true })
    expect(existsSync(path.join(dir, 'page-ocr.png'))).toBe(true)

    // a text-layer PDF: boxes in points, same overlay
    await page.fill('#q', 'tang cuong nang luc tinh nguyen lao cai')
    await page.click('form button[type=submit]')
    await page.waitForFunction((id) => document.querySelector('#rows tr')?.getAttribute('data-id') === id, ids['lao-cai.digital.pdf'])
    await page.locator('#rows tr').first().click()
    await page.waitForFunction(() => document.querySelector('#fig[data-boxes]') && document.querySelector('#plan h2')?.textContent?.includes('tình nguyện'))
    const lc = (await page.locator('#fig img').boundingBox())!
    const lcNum = (await page.locator('#overlay rect[data-key="f:number"]').boundingBox())!
    expect(lcNum.x).toBeGreaterThanOrEqual(lc.x)
    expect(lcNum.y).toBeLessThan(lc.y + lc.height / 3)
    await page.screenshot({ path: path.join(dir, 'page-text-layer.png'), fullPage: true })
    if (process.env.KEHOACH_KEEP_SCREENSHOTS) for (const f of ['page-ocr.png', 'page-text-layer.png']) copyFileSync(path.join(dir, f), path.join(process.env.KEHOACH_KEEP_SCREENSHOTS, f))
    expect(errors).toEqual([])
    await page.close()
  })
})
