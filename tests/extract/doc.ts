// Builds a LaidOutDocument from plain text (one page per form feed), for extractor tests and the
// text-based evaluation.
import type { LaidOutDocument } from '../../src/layout/document.js'

export function docFromText(text: string): LaidOutDocument {
  const pages = text.replace(/\r\n?/g, '\n').split('\f')
  const lines = pages.flatMap((p, k) => p.split('\n').map((t, line) => ({ page: k + 1, line, text: t, raw: t })))
  return { lines, pages: pages.map((_, k) => ({ page: k + 1, origin: 'plain-text' as const })), tables: [] }
}
