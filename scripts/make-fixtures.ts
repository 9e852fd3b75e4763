/**
 * Build the OCR/PDF fixtures under fixtures/ (committed; tests read them, never this script):
 * realistic scans of two Vietnamese plans (profiles office and poor), a born-digital PDF with a real
 * Unicode text layer, a scan with a garbage (English-model OCR) text layer, a 2-page TIFF, and
 * bad inputs under fixtures/bad/. Deterministic: seeded RNG, fixed dates, no clock.
 *
 *   npm run fixtures                  # everything
 *   npm run fixtures -- --only artefacts  # fixtures/artefacts/ only (colour scans with seal, handwriting, stamps)
 *
 * Needs at generation time only: fonts-dejavu-core + fonts-dejavu-extra (DejaVu Serif Condensed:
 * full Vietnamese glyphs) and qpdf (encrypted fixtures).
 *
 * PDFs are written with pdf-lib (+ @pdf-lib/fontkit): a pure-JS, dependency-free, widely used
 * writer; it embeds a subset TrueType font with a ToUnicode map, which the born-digital fixture
 * needs to extract as proper Unicode — hand-writing CIDFont/ToUnicode objects would be more code
 * to get wrong. It is a devDependency: the product never writes PDFs.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import { PDFDocument, setTextRenderingMode, StandardFonts, TextRenderingMode } from 'pdf-lib'
import sharp from 'sharp'
import { artefactScan, NAVY, PEN_BLUE, type ArtefactSpec } from './fixtures/artefacts.js'
import { HON_QUAN, LAO_CAI, type DocSpec } from './fixtures/content.js'
import { layout, type LaidPage } from './fixtures/layout.js'
import { A4, degrade, digitalPdf as writePdf, FIXED_DATE, type Grey, imagePdf as writeImagePdf, jpeg, newPdf as newPdfFor, measure, type Profile as ScanProfile, PROFILES as SCAN_PROFILES, rasterize, rng, savePdf } from './fixtures/render.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const OUT = path.join(ROOT, 'fixtures')
const BAD = path.join(OUT, 'bad')
const PRODUCER = 'scripts/make-fixtures.ts'

export type Profile = ScanProfile & { name: 'office' | 'poor' }
export const PROFILES: Record<'office' | 'poor', Profile> = {
  office: { name: 'office', ...SCAN_PROFILES.office },
  poor: { name: 'poor', ...SCAN_PROFILES.poor },
}

type ScanPage = { jpeg: Buffer; grey: Grey; skew: number }

async function scan(pages: LaidPage[], p: Profile, seed: number): Promise<ScanPage[]> {
  const r = rng(seed, { pairs: true })
  const out: ScanPage[] = []
  for (let i = 0; i < pages.length; i++) {
    const skew = Math.round((r.next() < 0.5 ? -1 : 1) * p.skew * (0.6 + 0.4 * r.next()) * 100) / 100
    const grey = await degrade(rasterize(pages[i].ops, p.dpi, skew), p, seed * 31 + i, { pairs: true })
    out.push({ grey, skew, jpeg: await jpeg(grey, p.jpegQuality, { chroma444: true }) })
  }
  return out
}

// ---------- PDF writers ----------
const save = savePdf
const newPdf = (title: string) => newPdfFor(title, PRODUCER)
const imagePdf = (scans: ScanPage[], title: string, withLayer?: Parameters<typeof writeImagePdf>[3]) => writeImagePdf(scans.map((s) => s.jpeg), title, PRODUCER, withLayer)
const digitalPdf = (pages: LaidPage[], title: string) => writePdf(pages.map((p) => p.ops), title, PRODUCER, ['regular', 'bold', 'italic', 'boldItalic'])

/**
 * What an English-model OCR leaves in a PDF: marks dropped, đ→d, typical confusions
 * (seeds 000/002 show the same kind of text). ASCII only, so a standard font carries it.
 */
function englishOcr(line: string, r: ReturnType<typeof rng>): string {
  let t = line.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC')
  t = t.replace(/[^\x20-\x7e]/g, '')
  return t
    .split(' ')
    .map((w) => {
      const x = r.next()
      if (x < 0.04) return w.replace(/i/g, 'l')
      if (x < 0.07) return w.replace(/o/g, '0')
      if (x < 0.09) return w.replace(/n/g, 'rn')
      return w
    })
    .join(' ')
}

// ---------- bad inputs ----------
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
function crc32(buf: Buffer): number {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}
/** A PNG whose header declares 30000×30000 grey pixels; the pixel data is a few bytes (an image bomb's shape). */
function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(30000, 0)
  ihdr.writeUInt32BE(30000, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 0 // greyscale
  const row = Buffer.alloc(30001) // filter byte + one row of zeros; the rest is missing
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(row)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

function qpdf(args: string[]): void {
  execFileSync('qpdf', args, { stdio: 'inherit', env: { ...process.env, SOURCE_DATE_EPOCH: '1704067200' } })
}

// ---------- main ----------
const write = (name: string, data: Buffer | string) => {
  writeFileSync(path.join(OUT, name), data)
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length
  console.log(`${name.padEnd(34)} ${(size / 1024).toFixed(1).padStart(8)} KiB`)
}
const gt = (pages: LaidPage[], which: 'physical' | 'logical') => pages.map((p) => p[which].join('\n')).join('\n') + '\n'

/** Colour scans of signed copies (fixtures/artefacts/): hand-filled number and day, seal, signature, stamps. */
const ARTEFACTS: ArtefactSpec[] = [
  {
    name: 'hon-quan', doc: HON_QUAN, seed: 9101, dpi: 200, skew: [0.7, -0.6], serial: '412', day: '15', handInk: PEN_BLUE,
    seal: ['ỦY BAN NHÂN DÂN HUYỆN HỚN QUẢN', 'TỈNH BÌNH PHƯỚC'], signedBy: 'Ủy ban nhân dân huyện Hớn Quản', signedAt: '15.09.2023 16:42:10',
    expect: { number: '412/KH-UBND', date: '2023-09-15', place: 'Hớn Quản', 'type.name': 'Kế hoạch', 'issuer.name': 'Ủy ban nhân dân huyện Hớn Quản', 'signer.name': 'Trần Văn Hùng' },
    handwritten: ['number', 'date'],
  },
  {
    name: 'lao-cai', doc: LAO_CAI, seed: 9202, dpi: 200, skew: [-1.1], serial: '219', day: '16', handInk: NAVY,
    seal: ['ỦY BAN NHÂN DÂN TỈNH LÀO CAI', 'VIỆT NAM'], signedBy: 'Ủy ban nhân dân tỉnh Lào Cai', signedAt: '16.04.2024 15:20:05',
    expect: { number: '219/KH-UBND', date: '2024-04-16', place: 'Lào Cai', 'type.name': 'Kế hoạch', 'issuer.name': 'Ủy ban nhân dân tỉnh Lào Cai', 'signer.name': 'Nguyễn Thành Sinh' },
    handwritten: ['number', 'date'],
  },
]

async function artefacts() {
  const dir = path.join(OUT, 'artefacts')
  mkdirSync(dir, { recursive: true })
  const manifest: Record<string, unknown> = {}
  for (const spec of ARTEFACTS) {
    const out = await artefactScan(spec, PRODUCER)
    write(path.join('artefacts', `${spec.name}.pdf`), out.pdf)
    write(path.join('artefacts', `${spec.name}.gt.txt`), out.gt)
    write(path.join('artefacts', `${spec.name}.expect.json`), out.expect)
    manifest[`${spec.name}.pdf`] = out.manifest
  }
  write(path.join('artefacts', 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
}

async function main() {
  if (process.argv.includes('--only')) {
    const only = process.argv[process.argv.indexOf('--only') + 1]
    if (only !== 'artefacts') throw new Error(`--only ${only}: only "artefacts" can be built alone`)
    return artefacts()
  }
  mkdirSync(BAD, { recursive: true })
  const docs: { spec: DocSpec; seed: number }[] = [
    { spec: HON_QUAN, seed: 1001 },
    { spec: LAO_CAI, seed: 4004 },
  ]
  const laid = new Map<string, LaidPage[]>()
  const manifest: Record<string, unknown> = {}
  for (const { spec, seed } of docs) {
    const pages = layout(spec, measure)
    laid.set(spec.name, pages)
    write(`${spec.name}.gt.txt`, gt(pages, 'physical'))
    write(`${spec.name}.gt-logical.txt`, gt(pages, 'logical'))
    for (const p of Object.values(PROFILES)) {
      const scans = await scan(pages, p, seed + (p.name === 'poor' ? 7 : 0))
      write(`${spec.name}.${p.name}.pdf`, await imagePdf(scans, `${spec.name} (${p.name} scan)`))
      manifest[`${spec.name}.${p.name}.pdf`] = { pages: pages.length, dpi: p.dpi, skewDegrees: scans.map((s) => s.skew) }
    }
  }

  // born-digital: Lào Cai plan with an embedded-font Unicode text layer
  const laoCai = laid.get('lao-cai')!
  write('lao-cai.digital.pdf', await digitalPdf(laoCai, 'lao-cai (born-digital)'))
  manifest['lao-cai.digital.pdf'] = { pages: laoCai.length, textLayer: 'unicode' }

  // scan + invisible English-model OCR text layer (what a copier's "searchable PDF" leaves)
  {
    const pages = laid.get('lao-cai')!
    const p = { ...PROFILES.office, dpi: 200, jpegQuality: 45 }
    const scans = await scan(pages, p, 777)
    const r = rng(778, { pairs: true })
    const pdf = await imagePdf(scans, 'ocr-layer-eng', async () => {})
    const doc = await PDFDocument.load(pdf)
    const helv = await doc.embedFont(StandardFonts.Helvetica)
    doc.getPages().forEach((page, i) => {
      page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible))
      const rows = pages[i].ops.filter((o) => o.kind === 'text')
      for (const o of rows) {
        if (o.kind !== 'text') continue
        page.drawText(englishOcr(o.text, r), { x: o.x, y: A4.height - o.y, size: o.size, font: helv })
      }
    })
    doc.setModificationDate(FIXED_DATE)
    write('ocr-layer-eng.pdf', await save(doc))
    write('ocr-layer-eng.gt.txt', gt(pages, 'physical'))
    write('ocr-layer-eng.gt-logical.txt', gt(pages, 'logical'))
    manifest['ocr-layer-eng.pdf'] = { pages: pages.length, dpi: 200, textLayer: 'english-model OCR, marks stripped (must be re-OCRed)' }
  }

  // multi-page TIFF (JPEG-compressed strips), 200 dpi, office quality: Hớn Quản plan
  {
    const pages = laid.get('hon-quan')!
    const p = { ...PROFILES.office, dpi: 200 }
    const scans = await scan(pages, p, 555)
    const { width, height } = scans[0].grey
    const tall = Buffer.concat(scans.map((s) => Buffer.from(s.grey.data)))
    const tif = await sharp(tall, { raw: { width, height: height * scans.length, channels: 1, pageHeight: height } })
      .tiff({ compression: 'jpeg', quality: 50, xres: 200 / 25.4, yres: 200 / 25.4, resolutionUnit: 'inch' })
      .toBuffer()
    write('scan-2p.tif', tif)
    write('scan-2p.gt.txt', gt(pages, 'physical'))
    manifest['scan-2p.tif'] = { pages: pages.length, dpi: 200, skewDegrees: scans.map((s) => s.skew) }
  }

  // ---- bad inputs ----
  const writeBad = (name: string, data: Buffer | string) => write(path.join('bad', name), data)
  writeBad('empty.pdf', Buffer.alloc(0))
  const good = readFileSync(path.join(OUT, 'lao-cai.digital.pdf'))
  writeBad('truncated.pdf', good.subarray(0, 1200))
  writeBad('html-renamed.pdf', '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n')
  writeBad('bomb-30000x30000.png', bombPng())
  {
    const pdf = await newPdf('1000 pages')
    for (let i = 0; i < 1000; i++) pdf.addPage([72, 72])
    writeBad('pages-1000.pdf', await save(pdf))
  }
  {
    // a tiny one-page PDF declaring a 200×200 inch page (MediaBox 14400 pt)
    const pdf = await newPdf('huge page')
    pdf.addPage([14400, 14400]).drawText('x', { x: 10, y: 10, size: 12 })
    writeBad('huge-page.pdf', await save(pdf))
  }
  const src = path.join(BAD, '.src.pdf')
  writeFileSync(src, good)
  // AES-128 (R4): its file key derives from the passwords and the (static) /ID, so with a static IV the
  // output is byte-identical run to run; AES-256 (R6) draws a random file key.
  try {
    qpdf(['--static-id', '--static-aes-iv', '--encrypt', 'secret-user', 'secret-owner', '128', '--use-aes=y', '--', src, path.join(BAD, 'encrypted-user-password.pdf')])
    qpdf(['--static-id', '--static-aes-iv', '--encrypt', '', 'secret-owner', '128', '--use-aes=y', '--print=none', '--modify=none', '--extract=n', '--', src, path.join(BAD, 'encrypted-permissions-only.pdf')])
    console.log('bad/encrypted-*.pdf written with qpdf')
  } catch (error) {
    console.error(`qpdf failed or missing (apt-get install qpdf): ${(error as Error).message}; encrypted fixtures kept as they were`)
  } finally {
    rmSync(src, { force: true })
  }

  write('manifest.json', JSON.stringify(manifest, null, 2) + '\n')
  await artefacts()
}

await main()
