import path from 'node:path'

/**
 * Files that archivists' tools leave beside real documents: macOS resource forks and
 * folder metadata, Windows thumbnails and desktop.ini, Office lock files (~$), and
 * partial copies (.part, .tmp, .crdownload). Hidden files (dot-files) are skipped too.
 */
const IGNORED_NAMES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini'])
const IGNORED_PREFIXES = ['.', '~$', '._']
const IGNORED_SUFFIXES = ['.part', '.tmp', '.crdownload', '.partial', '.swp']

export function isIgnoredFileName(filePath: string): boolean {
  const name = path.basename(filePath).toLowerCase()
  if (IGNORED_NAMES.has(name)) return true
  if (IGNORED_PREFIXES.some((p) => name.startsWith(p))) return true
  return IGNORED_SUFFIXES.some((s) => name.endsWith(s))
}
