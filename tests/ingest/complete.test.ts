/**
 * The completeness check that keeps the inbox from taking a copy still on its way: every real
 * document (fixtures and the real scans in shared/dev-real) reads as complete, and the same files
 * cut short (as a copy that pauses leaves them) read as incomplete, with the format's reason.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { incompleteReason } from '../../src/ingest/complete.js'
import { sniffInput } from '../../src/ingest/sniff.js'
import { ROOT } from '../queue/helpers.js'

const DEV_REAL = path.resolve(ROOT, '../shared/dev-real')
const realFiles = [
  ...['lao-cai.digital.pdf', 'lao-cai.office.pdf', 'hon-quan.poor.pdf', 'ocr-layer-eng.pdf', 'scan-2p.tif'].map((f) => path.join(ROOT, 'fixtures', f)),
  ...(existsSync(DEV_REAL) ? readdirSync(DEV_REAL).filter((f) => /\.(pdf|png)$/.test(f)).map((f) => path.join(DEV_REAL, f)) : []),
]

const check = (bytes: Uint8Array, name: string) => incompleteReason(bytes, sniffInput(bytes, name))

describe('incompleteReason', () => {
  it.each(realFiles.map((f) => [path.basename(f), f]))('%s, complete, is complete', async (_n, file) => {
    expect(await check(readFileSync(file), file)).toBeNull()
  })

  it.each(realFiles.map((f) => [path.basename(f), f]))('%s, cut at 60 %%, is incomplete', async (_n, file) => {
    const bytes = readFileSync(file)
    expect(await check(bytes.subarray(0, Math.floor(bytes.length * 0.6)), file)).toMatch(/PDF without its %%EOF|PNG without|JPEG without|TIFF whose/)
  })

  it('a real scan saved as JPEG: complete reads complete, cut short reads incomplete', async () => {
    const png = path.join(DEV_REAL, 'd02.png')
    const jpeg = await sharp(existsSync(png) ? png : path.join(ROOT, 'fixtures', 'scan-2p.tif')).jpeg({ quality: 80 }).toBuffer()
    expect(await check(jpeg, 'scan.jpg')).toBeNull()
    expect(await check(jpeg.subarray(0, Math.floor(jpeg.length * 0.7)), 'scan.jpg')).toMatch(/JPEG without its end-of-image marker/)
  })

  it('text has no end marker: never held back by this check', async () => {
    const text = readFileSync(path.join(ROOT, 'fixtures', 'hon-quan.gt.txt'))
    expect(await check(text.subarray(0, 100), 'a.txt')).toBeNull()
  })

  it('a two-page TIFF cut after its first page is incomplete, not a shorter document', async () => {
    const tif = readFileSync(path.join(ROOT, 'fixtures', 'scan-2p.tif'))
    for (const cut of [0.3, 0.5, 0.9, 0.999]) expect(await check(tif.subarray(0, Math.floor(tif.length * cut)), 'scan.tif')).toMatch(/TIFF whose/)
  })

  it('an image bomb is left to the pre-checks (a clear rejection), not waited on', async () => {
    const bomb = readFileSync(path.join(ROOT, 'fixtures', 'bad', 'bomb-30000x30000.png'))
    expect(await check(bomb, 'bomb.png')).toBeNull()
  })
})
