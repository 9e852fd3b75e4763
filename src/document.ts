/**
 * The document as it travels through the run (src/pipeline.ts): what comes in, what preparing it
 * finds out, and what becomes of each page. Types only, shared by the run and its stages
 * (assemble, the queue's job data) without an import cycle.
 */
import type { InputKind } from './ingest/sniff.js'
import type { DocumentPart } from './ingest/page-parts.js'
import type { ErrorReport } from './errors.js'
import type { SourcePage } from './schema/page.js'

/** `parts`: one document given as several page images, `bytes` their concatenation (src/ingest/page-parts.ts). */
export type DocumentInput = { fileName: string; bytes: Uint8Array; subfolder?: string | null; parts?: DocumentPart[] }

/** A part of a several-image document, with its page count (a multi-page TIFF part has several). */
export type PreparedPart = DocumentPart & { pageCount: number }

export type PreparedDocument = {
  id: string
  fileName: string
  subfolder: string | null
  kind: InputKind
  mediaType: string
  byteSize: number
  pageCount: number
  bytes: Uint8Array
  /** the page images of a several-image document, in page order; absent for one file */
  parts?: PreparedPart[]
}

export type Progress = { stage: string; page?: number; of?: number }

/**
 * One page after the page step: read, or failed for good. `reason` is the failure as the executor
 * saw it (a BullMQ failedReason: `[code] message\nhint: …`), `report` the same parsed.
 */
export type PageOutcome = { page: number; read: SourcePage } | { page: number; failed: { reason: string; report: ErrorReport } }
