/**
 * Helpers shared by the sandboxed processors (workers/*.ts): where the shared folders are,
 * reading a document back from its durable original, compact page results, and turning
 * pipeline errors into BullMQ's retry decisions.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { UnrecoverableError } from 'bullmq'
import { KehoachError, toErrorReport, type ErrorReport } from '../errors.js'
import type { PreparedDocument } from '../document.js'
import type { SourcePage } from '../schema/page.js'
import type { DocumentRef } from './jobs.js'

/**
 * The folders a worker process uses, passed to its sandboxed children through the
 * environment (set by startWorkers): each machine may mount the shared data folder anywhere.
 */
export function workerDirs(env: NodeJS.ProcessEnv = process.env): { dataDir: string; outDir: string } {
  const dataDir = path.resolve(env.KEHOACH_DATA_DIR || 'data')
  const outDir = path.resolve(env.KEHOACH_OUT_DIR || path.join(dataDir, 'plans'))
  return { dataDir, outDir }
}

/** The PreparedDocument of a job, bytes read from DATA/originals. */
export async function loadDocument(ref: DocumentRef, dataDir: string): Promise<PreparedDocument> {
  const file = path.join(dataDir, ref.original)
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (cause) {
    // retryable (a plain Error): a shared folder that is briefly unmounted comes back
    throw new Error(
      `the original of ${ref.fileName} is not readable at ${file} (${(cause as Error).message}); ` +
        'is the shared data folder mounted, and is --data the same folder the watcher uses?',
      { cause },
    )
  }
  const { original: _o, limits: _l, forceOcr: _f, enqueuedAt: _e, ...doc } = ref
  return { ...doc, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }
}

/**
 * A page as it travels back to the parent job: numbers rounded (text-layer boxes are float
 * points; 2 decimals are well below a pixel), absent fields dropped by JSON. A 200-page
 * OCRed document stays a few MB in the parent's `processed` hash.
 */
export function compactPage(page: SourcePage): SourcePage {
  return JSON.parse(JSON.stringify(page, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v)))
}

/**
 * BullMQ's retry decision from a pipeline error: a KehoachError with `retryable: false`
 * (bad input, missing dependency) becomes UnrecoverableError so no attempt is wasted; the
 * message carries the report as `[code] message\nhint: …`, parsed back by `reportFromReason`.
 */
export function toJobError(error: unknown, stage: string): Error {
  const report = toErrorReport(error, stage)
  if (error instanceof KehoachError && !error.retryable) {
    return new UnrecoverableError(`[${report.code}] ${report.message}\nhint: ${report.hint}`)
  }
  return error instanceof Error ? error : new Error(String(error))
}

export function reportFromReason(reason: string, stage: string): ErrorReport {
  const m = /^\[([\w.-]+)\] ([\s\S]*?)(?:\nhint: ([\s\S]*))?$/.exec(reason)
  return {
    code: m ? m[1]! : 'queue.page-failed',
    stage,
    message: m ? m[2]! : reason,
    hint: m?.[3] ?? 'See the page job in the queue (failedReason, stacktrace); fix the cause and drop the file again.',
    retryable: !m,
  }
}
