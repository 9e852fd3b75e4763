import { z } from 'zod'
import { Box } from './provenance.js'

/**
 * The page model shared by OCR, text-layer and plain-text pages: every later stage
 * (layout, normalize, extract) reads pages in this one shape.
 */
export const PageWord = z.object({
  text: z.string(),
  box: Box,
  conf: z.number().min(0).max(1),
})
export type PageWord = z.infer<typeof PageWord>

export const PageLine = z.object({
  text: z.string(),
  box: Box.optional(),
  conf: z.number().min(0).max(1).optional(),
  words: z.array(PageWord).optional(),
})
export type PageLine = z.infer<typeof PageLine>

/** A table found on one page (ruling lines on a scan, or text positions and drawn lines in a text layer). */
export const PageTableCell = z.object({
  row: z.number().int().min(0),
  col: z.number().int().min(0),
  rowSpan: z.number().int().min(1),
  colSpan: z.number().int().min(1),
  text: z.string(),
  box: Box,
  conf: z.number().min(0).max(1).optional(),
  /** the page words in this cell, in reading order, as [line index, word index] (word 0 of a word-less line = the whole line) */
  words: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).optional(),
})
export const PageTable = z.object({
  box: Box,
  rows: z.number().int(),
  cols: z.number().int(),
  cells: z.array(PageTableCell),
  /** how the grid was found: ruling lines, word-gap columns, text-layer positions */
  method: z.enum(['rules', 'word-gaps', 'text-layer']),
})
export type PageTable = z.infer<typeof PageTable>
export type PageTableCell = z.infer<typeof PageTableCell>

/** What readPage found out about the page as it came (src/image/blank.ts, src/ocr/orientation.ts, src/layout/continuation.ts). */
export const PageFlags = {
  /** no ink on the page (a duplex back side): not OCRed, no text */
  blank: z.boolean().optional(),
  /** degrees the page was turned clockwise to read it upright (a page scanned sideways or upside down) */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).optional(),
  /** the page starts mid-text, with no header block at its top: a later page, never given a header */
  continuation: z.boolean().optional(),
  /** number, date or type line at the top but no motto or issuer above them: the top was cut off */
  headerCut: z.boolean().optional(),
}

export const TextOrigin = z.enum(['ocr', 'text-layer', 'plain-text'])
export type TextOrigin = z.infer<typeof TextOrigin>

export const SourcePage = z.object({
  page: z.number().int().min(1),
  origin: TextOrigin,
  /** page size in the unit of the boxes (px for OCR at `dpi`, pt for text layers) */
  width: z.number().optional(),
  height: z.number().optional(),
  dpi: z.number().optional(),
  lines: z.array(PageLine),
  /** mean word confidence (OCR) or text-layer quality score, 0..1; null for plain text */
  confidence: z.number().min(0).max(1).nullable(),
  /** why this way was taken, e.g. "text layer scored 0.31 < 0.6 valid syllables: re-OCRed" */
  note: z.string().optional(),
  tables: z.array(PageTable).optional(),
  ...PageFlags,
})
export type SourcePage = z.infer<typeof SourcePage>
