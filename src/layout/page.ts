/**
 * Layout of one page, at the page step: its tables. A scan's tables are found on the page image
 * (ruled grids, word gaps) and their cells re-read from their own crops; a text layer's tables
 * from its words and the lines the PDF draws. The image is there only at the page step, so the
 * page tables are found here; `layoutDocument` (index.ts) then lays out the whole document — reading
 * order, header and end-block columns, tables joined over pages — after normalization.
 */
import type { GreyImage } from '../image/grey-image.js'
import type { PdfFile } from '../pdf/open.js'
import type { SourcePage } from '../schema/page.js'
import { detectTablesInImage, detectTablesInTextLayer, drawnLinesOf, rereadTableCells, type CellReader } from './tables/index.js'

/** Where the page was read from: a preprocessed scan and the reader for its cells, or a PDF page's text layer. */
export type PageLayoutSource = { image: GreyImage; reader: CellReader } | { pdf: PdfFile }

/** The page with its tables (`tables`); the page itself is not changed. */
export async function layoutPage(page: SourcePage, from: PageLayoutSource): Promise<SourcePage> {
  if ('pdf' in from) return { ...page, tables: detectTablesInTextLayer(page, await drawnLinesOf(from.pdf, page.page)) }
  // the image is preprocessed: already deskewed
  const found = detectTablesInImage(from.image, page, { skew: 0 })
  return { ...page, tables: await rereadTableCells(from.image, page, found, from.reader) }
}
