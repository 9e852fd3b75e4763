/**
 * One document given as several page images (phone photos, a scanner that writes one JPEG a page).
 *
 * Convention (README, "Several images, one document"): image files in one folder named
 * `<name>_p<N>.<ext>` (N = 1, 2, …; `.png .jpg .jpeg .tif .tiff`; case ignored) are the pages of the
 * document `<name>`, in the order of N (a multi-page TIFF part gives all its pages in place).
 * A single `<name>_p1.jpg` with no sibling stays an ordinary image document.
 *
 * The parts travel as one byte string (their concatenation) with their sizes beside it, so that the
 * queue stores one original and a page job slices out its part; the document's id is a sha256 over
 * the parts' own sha256s in page order — the same images in the same order are the same document,
 * whatever their file names, and a reordered set is another.
 */
import { createHash } from 'node:crypto'
import path from 'node:path'

/** `<name>_p<N>.<image ext>`: group name, page number. */
const PAGE_IMAGE_NAME = /^(.+)_p(\d{1,3})\.(png|jpe?g|tiff?)$/i

/** The file name a grouped document gets (`source.fileName`, `originals/<id>.pages`). */
export const GROUP_EXTENSION = '.pages'

export type DocumentPart = { fileName: string; byteSize: number }

/** `{ name, page }` when the file name follows the page-image convention. */
export function pageImageName(fileName: string): { name: string; page: number } | null {
  const m = PAGE_IMAGE_NAME.exec(path.basename(fileName))
  return m ? { name: m[1]!, page: Number(m[2]) } : null
}

export type PathGroup = { path: string; parts: string[] | null }

/**
 * Group a list of file paths: page images of one `<name>` in one folder become one entry (its
 * `path` the first page, `parts` all pages by page number); every other path stays as it was.
 * The entry stands where the group's first file stood in the input order.
 */
export function groupPageImages(paths: string[]): PathGroup[] {
  const groups = new Map<string, { page: number; path: string }[]>()
  const keyOf = (p: string) => {
    const named = pageImageName(p)
    return named ? `${path.dirname(p)}\u0000${named.name.toLowerCase()}` : null
  }
  for (const p of paths) {
    const key = keyOf(p)
    if (key) groups.set(key, [...(groups.get(key) ?? []), { page: pageImageName(p)!.page, path: p }])
  }
  const out: PathGroup[] = []
  const placed = new Set<string>()
  for (const p of paths) {
    const key = keyOf(p)
    const members = key ? groups.get(key)! : null
    if (!key || !members || members.length < 2) {
      out.push({ path: p, parts: null })
      continue
    }
    if (placed.has(key)) continue
    placed.add(key)
    const ordered = [...members].sort((a, b) => a.page - b.page || a.path.localeCompare(b.path))
    out.push({ path: ordered[0]!.path, parts: ordered.map((m) => m.path) })
  }
  return out
}

/** The grouped document's name: `<name>.pages` from its first part. */
export function groupFileName(firstPart: string): string {
  const named = pageImageName(firstPart)
  return `${named ? named.name : path.parse(firstPart).name}${GROUP_EXTENSION}`
}

/** The parts as one byte string and their sizes, in page order. */
export function joinParts(parts: { fileName: string; bytes: Uint8Array }[]): { bytes: Uint8Array; parts: DocumentPart[] } {
  const total = parts.reduce((n, p) => n + p.bytes.length, 0)
  const bytes = new Uint8Array(total)
  let at = 0
  for (const p of parts) {
    bytes.set(p.bytes, at)
    at += p.bytes.length
  }
  return { bytes, parts: parts.map((p) => ({ fileName: p.fileName, byteSize: p.bytes.length })) }
}

/** Part k's bytes out of the joined byte string. */
export function partBytes(bytes: Uint8Array, parts: DocumentPart[], k: number): Uint8Array {
  let at = 0
  for (let i = 0; i < k; i++) at += parts[i]!.byteSize
  return bytes.subarray(at, at + parts[k]!.byteSize)
}

/** sha256 over "kehoach-pages" and each part's own sha256, in page order. */
export function partsId(bytes: Uint8Array, parts: DocumentPart[]): string {
  const h = createHash('sha256').update('kehoach-pages\n')
  for (let k = 0; k < parts.length; k++) h.update(`${createHash('sha256').update(partBytes(bytes, parts, k)).digest('hex')}\n`)
  return h.digest('hex')
}

/** Which part holds document page `page` (1-based), and the page's index inside that part. */
export function locatePage(partPages: number[], page: number): { part: number; index: number } {
  let first = 1
  for (let k = 0; k < partPages.length; k++) {
    if (page < first + partPages[k]!) return { part: k, index: page - first }
    first += partPages[k]!
  }
  throw new RangeError(`page ${page} is outside 1..${first - 1}`)
}
