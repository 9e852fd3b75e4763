/**
 * A pool of tesseract.js workers (Vietnamese LSTM model, loaded offline from @tesseract.js-data/vie),
 * started on first need (or all at once: `prestart`) and reused across pages and documents.
 * Each worker is a single-threaded wasm engine in a worker thread (≈ 300 MiB): one per core.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createWorker, OEM, PSM, type Worker, type WorkerParams } from 'tesseract.js'
import { MissingDependencyError } from '../errors.js'
import type { GreyImage } from '../image/grey-image.js'
import type { PageLine, PageWord, SourcePage } from '../schema/page.js'
import type { Box } from '../schema/provenance.js'
import { denoisePage } from './denoise.js'

export type OcrPool = {
  /**
   * `params`: Tesseract parameters for this call only (a cell: tessedit_pageseg_mode '7', a whitelist);
   * only those of CALL_PARAMS, so that the worker can be set back (restingParams)
   */
  recognize(image: GreyImage, page: number, params?: Record<string, string>): Promise<SourcePage>
  size: number
  close(): Promise<void>
}

export type OcrPoolOptions = {
  /** workers (default: the available cores) */
  size?: number
  /** folder holding vie.traineddata.gz (default: @tesseract.js-data/vie/4.0.0) */
  langPath?: string
  /** page segmentation mode (default chosen by `npm run bench:ocr`, docs/ocr.md) */
  psm?: PSM
  /**
   * 'lstm' (default): our worker script that loads the LSTM-only wasm core (tesseract-core-simd-lstm);
   * 'stock': tesseract.js's own script, which loads the core with the legacy engine too (see tesseract-worker.cjs).
   */
  core?: 'lstm' | 'stock'
  /**
   * drop speckle and margin noise words from whole-page reads (default true; src/ocr/denoise.ts,
   * measured in docs/ocr.md). Calls with `params` (table cells, single lines) are never filtered.
   */
  denoise?: boolean
  /**
   * start every worker now (≈ 1 s of CPU each), while the first pages are decoded and cleaned, rather
   * than each on the first call that finds no free worker: for callers that have scanned pages to read
   */
  prestart?: boolean
}

/**
 * PSM 3 (automatic layout, no OSD) vs 4/6: measured on the scanned fixtures in docs/ocr.md.
 * PSM 3 keeps the header columns and the table apart enough; 6 merges the header rows.
 */
export const DEFAULT_PSM = PSM.AUTO

/**
 * The Tesseract parameters a call may set (OcrPool.recognize `params`) and the value a worker has
 * when a call does not set them (Tesseract's own default for the whitelist). The pool sets them on a
 * worker with SetVariable, only those that differ from what that worker has: tesseract.js's per-call
 * parameters save and restore every Tesseract parameter around the call (SaveParameters, ≈ 45 ms of
 * CPU), which cost more than reading a table cell itself (docs/ocr.md, "Cell reads").
 */
const restingParams = (psm: PSM): Record<CallParam, string> => ({ tessedit_pageseg_mode: psm, tessedit_char_whitelist: '' })
/**
 * What a worker is set to when it starts: its resting parameters, and debug_file, without which
 * tesseract prints "Detected N diacritics" and similar notes to stderr.
 */
export const startingParams = (psm: PSM = DEFAULT_PSM): Partial<WorkerParams> =>
  ({ ...restingParams(psm), preserve_interword_spaces: '0', debug_file: '/dev/null' }) as Partial<WorkerParams>
const CALL_PARAMS = ['tessedit_pageseg_mode', 'tessedit_char_whitelist'] as const
type CallParam = (typeof CALL_PARAMS)[number]

/** Where the offline Vietnamese model lives; MissingDependencyError when the package is absent. */
export function resolveLangPath(langPath?: string): string {
  let dir = langPath
  if (!dir) {
    try {
      const pkg = createRequire(import.meta.url).resolve('@tesseract.js-data/vie/package.json')
      dir = path.join(path.dirname(pkg), '4.0.0')
    } catch (error) {
      throw new MissingDependencyError('the Vietnamese OCR model (@tesseract.js-data/vie) is not installed', {
        stage: 'ocr',
        cause: error,
      })
    }
  }
  if (!existsSync(path.join(dir, 'vie.traineddata.gz'))) {
    throw new MissingDependencyError(`the Vietnamese OCR model is missing: no vie.traineddata.gz in ${dir}`, { stage: 'ocr' })
  }
  return dir
}

/**
 * The image as binary PGM (P5): a 15-byte header on the raw pixels, read by Leptonica without
 * any decompression. PNG would cost seconds to encode on a noisy 300 dpi page (NOTES.md); BMP goes
 * through bmp-js in tesseract.js (a JS re-encode). Measured in docs/ocr.md.
 */
export function toPgm(image: GreyImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`)
  const out = new Uint8Array(header.length + image.data.length)
  out.set(header, 0)
  out.set(image.data.subarray(0, image.width * image.height), header.length)
  return out
}

/** src/ocr/tesseract-worker.cjs, from src/ocr (tsx, tests) or from dist/src/ocr (built). */
function lstmWorkerPath(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url))
  for (const p of [path.join(here, 'tesseract-worker.cjs'), path.resolve(here, '../../../src/ocr/tesseract-worker.cjs')]) {
    if (existsSync(p)) return p
  }
  return undefined
}

/** `params`: the values of CALL_PARAMS and user_defined_dpi the worker has now */
type Slot = { worker: Worker; busy: boolean; params: Record<string, string> }
type Job = { image: GreyImage; page: number; params?: Record<string, string>; resolve: (p: SourcePage) => void; reject: (e: unknown) => void }

export async function createOcrPool(opts: OcrPoolOptions = {}): Promise<OcrPool> {
  const size = Math.max(1, Math.floor(opts.size ?? os.availableParallelism()))
  const langPath = resolveLangPath(opts.langPath) // fail fast, before any page work
  const psm = opts.psm ?? DEFAULT_PSM
  const denoise = opts.denoise ?? true
  const workerPath = opts.core === 'stock' ? undefined : lstmWorkerPath()
  const slots: Slot[] = []
  const starting: Promise<Slot>[] = []
  const queue: Job[] = []
  let closed = false

  async function start(): Promise<Slot> {
    let worker: Worker
    try {
      worker = await createWorker('vie', OEM.LSTM_ONLY, {
        langPath,
        gzip: true,
        cacheMethod: 'none',
        ...(workerPath ? { workerPath } : {}),
      })
    } catch (error) {
      throw new MissingDependencyError(`the OCR engine could not start: ${String((error as Error)?.message ?? error)}`, {
        stage: 'ocr',
        cause: error,
      })
    }
    await worker.setParameters(startingParams(psm))
    const slot = { worker, busy: false, params: { ...restingParams(psm) } }
    slots.push(slot)
    return slot
  }

  /** Start one more worker, up to `size`; waiting jobs fail only when no worker could start at all. */
  function grow(): void {
    if (slots.length + starting.length >= size) return
    const p = start()
    starting.push(p)
    p.then(
      () => {
        starting.splice(starting.indexOf(p), 1)
        pump()
      },
      (error) => {
        starting.splice(starting.indexOf(p), 1)
        if (slots.length === 0 && starting.length === 0) for (const j of queue.splice(0)) j.reject(error)
      },
    )
  }

  function pump(): void {
    while (queue.length) {
      const free = slots.find((s) => !s.busy)
      if (!free) return grow()
      const job = queue.shift()!
      free.busy = true
      run(free, job).finally(() => {
        free.busy = false
        pump()
      })
    }
  }

  async function run(slot: Slot, job: Job): Promise<void> {
    try {
      const wanted = { ...restingParams(psm), ...job.params, user_defined_dpi: String(Math.round(job.image.dpi || 300)) }
      const changed = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => slot.params[k] !== v))
      if (Object.keys(changed).length) {
        await slot.worker.setParameters(changed as Partial<WorkerParams>)
        Object.assign(slot.params, changed)
      }
      // the PGM's ArrayBuffer, not a Buffer: tesseract.js's loadImage copies a Buffer (new Uint8Array(buffer))
      // on the main thread before posting it, and takes an ArrayBuffer as a view (a page image: ≈ 9 MB)
      const pgm = toPgm(job.image).buffer as ArrayBuffer
      const { data } = await slot.worker.recognize(pgm as unknown as Buffer, {}, { text: false, tsv: true, blocks: false })
      const page = fromTsv(data.tsv ?? '', job.image, job.page)
      job.resolve(denoise && !job.params ? denoisePage(page) : page)
    } catch (error) {
      job.reject(error)
    }
  }

  if (opts.prestart) for (let i = 0; i < size; i++) grow()
  return {
    size,
    recognize(image, page, params) {
      if (closed) return Promise.reject(new Error('the OCR pool is closed'))
      const unknown = Object.keys(params ?? {}).filter((k) => !CALL_PARAMS.includes(k as CallParam))
      if (unknown.length) return Promise.reject(new Error(`OCR parameters a call may not set: ${unknown.join(', ')}`))
      return new Promise<SourcePage>((resolve, reject) => {
        queue.push({ image, page, params, resolve, reject })
        pump()
      })
    },
    async close() {
      closed = true
      for (const j of queue.splice(0)) j.reject(new Error('the OCR pool is closed'))
      await Promise.allSettled(starting)
      await Promise.allSettled(slots.splice(0).map((s) => s.worker.terminate()))
    },
  }
}

/**
 * Tesseract's TSV (level, page, block, par, line, word, left, top, width, height, conf, text)
 * → page lines with words; confidences 0..1. TSV is a flat string: cheaper to build and pass back
 * from the worker than the `blocks` JSON tree with a choice list per symbol.
 */
export function fromTsv(tsv: string, image: GreyImage, page: number): SourcePage {
  const lines: PageLine[] = []
  let key = ''
  let cur: { words: PageWord[]; box: Box } | null = null
  const flush = () => {
    if (cur && cur.words.length) {
      const conf = cur.words.reduce((s, w) => s + w.conf, 0) / cur.words.length
      lines.push({ text: cur.words.map((w) => w.text).join(' '), box: cur.box, conf: round(conf), words: cur.words })
    }
    cur = null
  }
  for (const row of tsv.split('\n')) {
    const f = row.split('\t')
    if (f.length < 12) continue
    const level = Number(f[0])
    const [left, top, width, height] = [Number(f[6]), Number(f[7]), Number(f[8]), Number(f[9])]
    if (level === 4) {
      flush()
      key = `${f[2]}.${f[3]}.${f[4]}`
      cur = { words: [], box: [left, top, left + width, top + height] }
    } else if (level === 5 && cur && `${f[2]}.${f[3]}.${f[4]}` === key) {
      const text = f.slice(11).join('\t').trim().normalize('NFC')
      const conf = Number(f[10])
      if (!text || conf < 0) continue
      cur.words.push({ text, box: [left, top, left + width, top + height], conf: round(Math.min(1, Math.max(0, conf / 100))) })
    }
  }
  flush()
  const words = lines.flatMap((l) => l.words ?? [])
  const confidence = words.length ? round(words.reduce((s, w) => s + w.conf, 0) / words.length) : 0
  return { page, origin: 'ocr', width: image.width, height: image.height, dpi: image.dpi, lines, confidence }
}

const round = (v: number) => Math.round(v * 1000) / 1000
