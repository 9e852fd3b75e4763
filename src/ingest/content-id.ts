import { createHash } from 'node:crypto'

/** A document's id is the sha256 of its bytes: the same file dropped twice is one document. */
export function contentId(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
