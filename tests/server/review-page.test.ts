/**
 * The review page in a real headless Chromium at a 1366×768 laptop size, over the output of
 * `kehoach process` (which now keeps the original, so the page image loads) and a bearer token
 * (kept for the API, the page image and the links): filter "needs review", open the document,
 * jump to the unsure field with the keyboard, correct the number, confirm the date, save; the new
 * revision is checked through the API and on /events. Skipped when /usr/bin/chromium is missing.
 *
 * KEHOACH_UPDATE_SCREENSHOT=1 writes docs/review.png (the README's screenshot) from this run.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Plan } from '../../src/schema/plan.js'
import { startServer, type RunningServer } from '../../src/server/start.js'
import { FIXTURES } from '../helpers/fixtures.js'
import { makePlan, writePlans } from '../helpers/plans.js'
import { runCli } from '../helpers/run-cli.js'
import { rmDir, tempDir } from '../helpers/stores.js'

const CHROMIUM = process.env.KEHOACH_CHROMIUM ?? '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
if (!hasChromium) console.warn(`tests/server/review-page.test.ts: skipped, no browser at ${CHROMIUM}`)
const TOKEN = 'review-page-token'
const DOCS = path.resolve(import.meta.dirname, '../../docs')

describe.skipIf(!hasChromium)('the review page in headless Chromium', () => {
  let dir: string
  let s: RunningServer
  let id: string
  let browser: import('playwright-core').Browser
  const api = async (p: string) => {
    const r = await fetch(new URL(p, s.url), { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(r.status, p).toBe(200)
    return (r.headers.get('content-type') ?? '').startsWith('application/json') ? r.json() : r.text()
  }

  beforeAll(async () => {
    dir = tempDir('kehoach-review-page-')
    // `kehoach process` as a new user runs it: a text-layer PDF, no OCR needed
    const r = await runCli(['process', path.join(FIXTURES, 'lao-cai.digital.pdf'), '--out', dir])
    expect(r.code, r.stderr).toBe(0)
    const file = readdirSync(dir).find((n) => /^[0-9a-f]{64}\.json$/.test(n))!
    id = file.slice(0, 64)
    expect(readdirSync(path.join(dir, 'originals'))).toEqual([`${id}.pdf`]) // process keeps the original
    // the machine doubts the number (as it does for a hand-filled one): flagged, low confidence
    const plan = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Plan
    plan.document.fields.number = { ...plan.document.fields.number!, confidence: 0.4 }
    plan.quality.needsReview = true
    writeFileSync(path.join(dir, file), JSON.stringify(plan, null, 2))
    writePlans(dir, [makePlan({ seed: 'review-page-other', issuer: 'Sở Tài chính tỉnh Lào Cai', title: 'Kế hoạch kiểm tra tài chính năm 2024' })])
    s = await startServer({ dataDir: dir, port: 0, token: TOKEN, dashboard: false })
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await s?.close()
    rmDir(dir)
  })

  it('filters "needs review", shows fields beside the page image, takes a correction and a confirmation as a new revision', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await page.addInitScript((t) => sessionStorage.setItem('kehoach-token', t), TOKEN)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    // the second document is a plan without an original: its page image is a 404, shown as such
    page.on('console', (m) => m.type() === 'error' && !m.text().includes('status of 404') && errors.push(m.text()))
    page.on('response', (r) => r.status() >= 400 && !r.url().includes('/pages/') && errors.push(`${r.status()} ${r.url()}`))
    page.on('dialog', (d) => {
      errors.push(`unexpected dialog: ${d.message()}`)
      void d.dismiss()
    })
    await page.goto(s.url + '/')
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === '2 kết quả')
    await page.check('#needs')
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === '1 kết quả')
    const row = page.locator('#rows tr')
    expect(await row.getAttribute('data-id')).toBe(id)
    expect(await row.innerText()).toContain('Cần xem: Số, ký hiệu (tin cậy thấp 0.40)')
    await row.click()
    await page.waitForSelector('#fig[data-boxes]')
    // the page image came through with the token, and the number's box is marked unsure
    expect(await page.locator('#fig img').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(700)
    expect(await page.locator('#overlay rect.k-unsure[data-key="f:number"]').count()).toBe(1)
    expect(Number(await page.getAttribute('#fig', 'data-boxes'))).toBeGreaterThan(3)

    // list and detail side by side, nothing cut off, no horizontal scrolling at 1366×768
    const list = (await page.locator('#list').boundingBox())!
    const fields = (await page.locator('.fields').boundingBox())!
    const viewer = (await page.locator('.viewer').boundingBox())!
    expect(list.x + list.width).toBeLessThanOrEqual(fields.x + 1)
    expect(fields.x + fields.width).toBeLessThanOrEqual(viewer.x + 1)
    expect(viewer.x + viewer.width).toBeLessThanOrEqual(1366)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366)
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#rows td, #rows td div, .fld .top, .fields h2, .warn, .revs li')].filter((e) => e.scrollWidth > e.clientWidth + 1).length,
    )
    expect(clipped).toBe(0)

    // Alt+N: the first unsure field; correct the number, confirm the date, save with Ctrl+Enter
    await page.keyboard.press('Alt+n')
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).dataset.path)).toBe('document.number')
    expect(await page.locator('#overlay rect.hot[data-key="f:number"]').count()).toBe(1)
    await page.keyboard.press('Control+a')
    await page.keyboard.type('288/KH-VP')
    await page.check('[data-confirm="document.date"]')
    await page.fill('#reviewer', 'Nguyễn Thị Lan')
    if (process.env.KEHOACH_UPDATE_SCREENSHOT) await page.screenshot({ path: path.join(DOCS, 'review.png') })
    await page.locator('#v-document-number').focus()
    await page.keyboard.press('Control+Enter')
    await page.waitForFunction(() => document.querySelector('#msg')?.textContent?.startsWith('Đã lưu bản 2'))
    expect(await page.inputValue('#v-document-number')).toBe('288/KH-VP')
    expect(await page.locator('.fld[data-path="document.number"]').getAttribute('class')).toContain('reviewed')
    expect(await page.locator('.revs').innerText()).toContain('Nguyễn Thị Lan')
    // "Đúng hết" ticks every other field that has a value; saved, they are reviewed too
    await page.click('#confirm-rest')
    expect(await page.isChecked('[data-confirm="document.title"]')).toBe(true)
    expect(await page.isChecked('[data-confirm="document.issuer.parent"]')).toBe(false) // no value: nothing to confirm
    await page.keyboard.press('Control+Enter')
    await page.waitForFunction(() => document.querySelector('#msg')?.textContent?.startsWith('Đã lưu bản 3'))

    // the new revision through the API and on /events
    const plan = (await api(`/plans/${id}`)) as Plan
    expect(plan).toMatchObject({ revision: 3, document: { number: '288/KH-VP' }, quality: { needsReview: false } })
    expect(plan.document.fields.title).toMatchObject({ rule: 'review', confidence: 1 })
    expect(plan.document.fields.number).toMatchObject({ rule: 'review', confidence: 1 })
    expect(plan.document.fields.date).toMatchObject({ rule: 'review', confidence: 1 })
    const revs = (await api(`/plans/${id}/revisions`)) as { revisions: { revision: number; review: { reviewer: string; changes: unknown[] } | null }[] }
    expect(revs.revisions.map((r) => r.revision)).toEqual([3, 2, 1])
    expect(revs.revisions[1]!.review).toMatchObject({ reviewer: 'Nguyễn Thị Lan', changes: [{ path: 'document.number', action: 'corrected', new: '288/KH-VP' }, { path: 'document.date', action: 'confirmed' }] })
    expect(revs.revisions[0]!.review!.changes.every((c) => (c as { action: string }).action === 'confirmed')).toBe(true)
    const events = ((await api('/events')) as string).trim().split('\n').map((l) => JSON.parse(l) as { type: string; id: string; revision: number })
    expect(events.filter((e) => e.type === 'reviewed').map((e) => [e.id, e.revision])).toEqual([[id, 2], [id, 3]])

    // the row says so in place (the list keeps its order); filtering again, nothing needs review
    expect(await page.locator(`#rows tr[data-id="${id}"]`).innerText()).toContain('✓ đã duyệt (bản 3)')
    await page.click('#f button[type=submit]')
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === '0 kết quả')
    // without the filter, Alt+↓ / Alt+↑ go to the next and the previous document
    await page.uncheck('#needs')
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === '2 kết quả')
    await page.locator('#rows tr').first().click()
    await page.waitForSelector('#rows tr.sel')
    const first = await page.locator('#rows tr.sel').getAttribute('data-id')
    await page.keyboard.press('Alt+ArrowDown')
    await page.waitForFunction((f) => document.querySelector('#rows tr.sel')?.getAttribute('data-id') !== f, first)
    await page.keyboard.press('Alt+ArrowUp')
    await page.waitForFunction((f) => document.querySelector('#rows tr.sel')?.getAttribute('data-id') === f, first)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})

