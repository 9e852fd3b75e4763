/**
 * Drives the review page in headless Chromium (1366×768) over a data folder the way a reviewer
 * works through it, with gold labels standing in for the reviewer's reading of the page image:
 * every document of the list in turn (Alt+↓), every labelled header field compared with the
 * label — a wrong value is retyped —, the rest confirmed with "Đúng hết", saved with Ctrl+Enter.
 * Prints what was done and how long the page took. It measures the tool (clicks, keys, waits),
 * not a person's reading time.
 *
 *   node --import tsx scripts/review/drill.ts DATA GOLD_DIR
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { startServer } from '../../src/server/start.js'

// the scorer's own comparisons (../shared/tools/lib.mjs), so "right" means what score-extract.mjs counts as right
const lib = path.resolve(import.meta.dirname, '../../../shared/tools/lib.mjs')
const { canon, sim } = (await import(pathToFileURL(lib).href)) as { canon: (s: unknown) => string | null; sim: (a: unknown, b: unknown) => number }

const [dataDir, goldDir] = process.argv.slice(2)
if (!dataDir || !goldDir) throw new Error('usage: drill.ts DATA GOLD_DIR')
const CHROMIUM = process.env.KEHOACH_CHROMIUM ?? '/usr/bin/chromium'

/** Label key → the page's field path. */
const FIELDS: [string, string, (g: Record<string, unknown>) => unknown][] = [
  ['docType', 'document.type.name', (g) => g.docType],
  ['number', 'document.number', (g) => g.number],
  ['date', 'document.date', (g) => g.date],
  ['year', 'document.year', (g) => g.year],
  ['place', 'document.place', (g) => g.place],
  ['issuer', 'document.issuer.name', (g) => g.issuer],
  ['parentIssuer', 'document.issuer.parent', (g) => g.parentIssuer],
  ['title', 'document.title', (g) => g.title],
  ['signerName', 'document.signer.name', (g) => (g.signer as { name?: unknown } | null | undefined)?.name ?? (g.signer === null ? null : undefined)],
  ['signerPosition', 'document.signer.position', (g) => (g.signer as { position?: unknown } | null | undefined)?.position ?? (g.signer === null ? null : undefined)],
]
const gold = new Map<string, Record<string, unknown>>()
for (const f of readdirSync(goldDir).filter((n) => n.endsWith('.labels.json'))) gold.set(f.replace('.labels.json', ''), JSON.parse(readFileSync(path.join(goldDir, f), 'utf8')))
// a document scanned as one image per page ("d01_p1.png", "d01_p2.png"): its labels describe the first page's header
const goldOf = (fileName: string) => {
  const stem = fileName.replace(/\.[^.]+$/, '')
  return gold.get(stem) ?? (/_p1$/.test(stem) ? gold.get(stem.replace(/_p1$/, '')) : undefined)
}
// as score-extract.mjs compares: canonical text, titles by similarity ≥ 0.9
const same = (p: string, got: string, want: unknown) =>
  want == null ? got.trim() === '' : String(want).split('|').some((w) => (p === 'document.title' ? sim(got, w) >= 0.9 : canon(got) === canon(w)))

const s = await startServer({ dataDir, port: 0, dashboard: false })
const { chromium } = await import('playwright-core')
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
const started = performance.now()
await page.goto(s.url + '/')
await page.waitForFunction(() => /kết quả$/.test(document.querySelector('#status')?.textContent ?? ''))
const total = Number((await page.textContent('#status'))!.split(' ')[0])
await page.locator('#rows tr').first().click()
let corrected = 0, confirmed = 0, typed = 0, unsureSeen = 0, checked = 0
const perDoc: string[] = []
for (let n = 0; n < total; n++) {
  const t0 = performance.now()
  await page.waitForSelector('#fig[data-boxes], #fig p.muted:not(:has-text("Đang tải"))')
  await page.waitForSelector('#save')
  const fileName = await page.evaluate(() => (document.querySelector('#rows tr.sel') as HTMLElement)?.dataset.id ?? '')
  const plan = (await (await fetch(`${s.url}/plans/${fileName}`)).json()) as { source: { fileName: string } }
  const g = goldOf(plan.source.fileName)
  let c = 0, k = 0
  const unsure = await page.locator('.fld.unsure').count()
  unsureSeen += unsure
  for (const [, p, want] of g ? FIELDS : []) {
    const w = want(g!)
    if (w === undefined) continue
    const input = page.locator(`.fld[data-path="${p}"] [data-path="${p}"]`)
    const value = await input.inputValue()
    checked++
    if (same(p, value, w)) continue
    const text = w == null ? '' : String(w).split('|')[0]!
    await input.fill(text)
    typed += text.length
    c++
  }
  if (g) {
    // the rest is right: one click confirms it (the labels export then holds the whole header)
    await page.click('#confirm-rest')
    k = await page.locator('[data-confirm]:checked').count()
    await page.fill('#reviewer', 'drill')
    await page.keyboard.press('Control+Enter')
    await page.waitForFunction(() => /^Đã lưu|^Lỗi|^Văn bản/.test(document.querySelector('#msg')?.textContent ?? ''))
    const msg = await page.textContent('#msg')
    if (!msg?.startsWith('Đã lưu')) throw new Error(`${plan.source.fileName}: ${msg}`)
  }
  corrected += c
  confirmed += k
  perDoc.push(`${plan.source.fileName}: ${unsure} unsure shown, ${c} corrected, ${k} confirmed, ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  if (n < total - 1) {
    const before = await page.getAttribute('#rows tr.sel', 'data-id')
    await page.keyboard.press('Alt+ArrowDown')
    await page.waitForFunction((b) => document.querySelector('#rows tr.sel')?.getAttribute('data-id') !== b, before)
  }
}
const secs = (performance.now() - started) / 1000
console.log(perDoc.join('\n'))
console.log(`${total} documents, ${checked} labelled fields checked, ${unsureSeen} shown unsure, ${corrected} corrected (${typed} characters typed), ${confirmed} confirmed; page time ${secs.toFixed(1)} s`)
await browser.close()
await s.close()
