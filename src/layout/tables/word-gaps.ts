import type { PageTable, SourcePage } from '../../schema/page.js'

export function detectTablesByWordGaps(_page: SourcePage): PageTable[] {
  return []
}
