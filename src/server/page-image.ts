/**
 * `GET /plans/:id/pages/:n.png`: a page of the original, rendered at ~100 dpi for the web page
 * (PDF via pdf.js, images via sharp), cached as `DATA/.kehoach/pages/<id>-<n>.png`. The cache
 * path is built from a validated id and page number only.
 */
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { decodeImagePage } from '../image/decode.js'
import type { GreyImage } from '../image/grey-image.js'
import { DEFAULT_LIMITS, type Limits } from '../limits.js'
import { openPdf } from '../pdf/open.js'
import { renderPage } from '../pdf/render.js'
import { sniffInput } from '../ingest/sniff.js'
import { stateDir } from '../store/indexer.js'
import { writeFileAtomic } from '../store/atomic-file.js'

export const PAGE_DPI = 100

export class NoPageImage extends Error {}

const inFlight = new Map<string, Promise<string>>()

/** Path of the cached PNG of page `n` (1-based), rendering it first when needed. */
export async function pageImage(dataDir: string, id: string, n: number, original: string, limits: Limits = DEFAULT_LIMITS): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(id) || !Number.isInteger(n) || n < 1) throw new NoPageImage('bad page')
  const file = path.join(stateDir(dataDir), 'pages', `${id}-${n}.png`)
  const cached = await stat(file).catch(() => null)
  // the original never changes for an id (content hash), so a cached page is never stale
  if (cached?.isFile() && cached.size > 0) return file
  let p = inFlight.get(file)
  if (!p) {
    p = render(original, n, limits)
      .then(async (png) => {
        await writeFileAtomic(file, png)
        return file
      })
      .finally(() => inFlight.delete(file))
    inFlight.set(file, p)
  }
  return p
}

async function render(original: string, n: number, limits: Limits): Promise<Buffer> {
  const bytes = new Uint8Array(await readFile(original))
  const { kind } = sniffInput(bytes, path.basename(original))
  let grey: GreyImage
  if (kind === 'pdf') {
    const pdf = await openPdf(bytes, limits)
    try {
      if (n > pdf.pageCount) throw new NoPageImage(`the document has ${pdf.pageCount} page(s)`)
      // 'luma': reviewers see seals and signatures, which the OCR conversion drops
      grey = await renderPage(pdf, n, { dpi: PAGE_DPI, maxPixels: limits.maxPixels, grey: 'luma' })
    } finally {
      await pdf.close()
    }
  } else if (kind === 'image') {
    try {
      grey = await decodeImagePage(bytes, n - 1, limits, { grey: 'luma' })
    } catch (error) {
      if (error instanceof RangeError) throw new NoPageImage(error.message)
      throw error
    }
  } else {
    throw new NoPageImage('a plain-text document has no page image')
  }
  let img = sharp(Buffer.from(grey.data.buffer, grey.data.byteOffset, grey.data.byteLength), { raw: { width: grey.width, height: grey.height, channels: 1 } })
  if (grey.dpi > PAGE_DPI * 1.2) img = img.resize({ width: Math.max(1, Math.round((grey.width * PAGE_DPI) / grey.dpi)) })
  return img.png({ compressionLevel: 6, palette: false }).toBuffer()
}
