import type { Box } from '../schema/provenance.js'
import type { LaidTable } from './tables/join.js'
import type { TextOrigin } from '../schema/page.js'

/** One line of the document after normalization, in reading order, with where it stands. */
export type DocLine = {
  page: number
  /** 0-based line index within the page's `text.pages[].text` */
  line: number
  text: string
  raw: string
  box?: Box
  /** set by the layout stage where a line belongs to one of two side-by-side columns */
  column?: 'left' | 'right'
  /** where a printed line was split in two (header / end-block columns): character range of `text` in the page line */
  span?: [number, number]
  /** the line lies inside a detected table: its content reaches the plan through `tables`/table tasks */
  inTable?: boolean
  /** which block of the page the line belongs to, when the layout stage could tell */
  block?: 'header' | 'body' | 'end'
}

/** What the extractors read: every line of every page in reading order, plus recovered tables (cells with their OCR word confidences, tables/join.ts). */
export type LaidOutDocument = {
  lines: DocLine[]
  pages: { page: number; origin: TextOrigin; width?: number; height?: number }[]
  tables: LaidTable[]
}
