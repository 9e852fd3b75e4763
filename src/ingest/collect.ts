import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { FileAccessError } from '../errors.js'
import type { DocumentInput } from '../pipeline.js'
import { contentId } from './content-id.js'
import { filesUnder } from './walk.js'
import { groupFileName, groupPageImages, joinParts, partsId } from './page-parts.js'

/** `parts`: the page images of one document (`<name>_p1.jpg`, `<name>_p2.jpg`…), `path` the first. */
export type InputFile = { path: string; subfolder: string | null; parts?: string[] }

/**
 * Expand the command line: files as given, folders walked (sorted, hidden/temp files skipped);
 * page images of one document (`<name>_p<N>.<ext>`, src/ingest/page-parts.ts) taken together.
 */
export async function collectInputs(paths: string[]): Promise<InputFile[]> {
  const files = await listInputs(paths)
  const byPath = new Map(files.map((f) => [f.path, f]))
  return groupPageImages(files.map((f) => f.path)).map((g) => ({ ...byPath.get(g.path)!, ...(g.parts ? { parts: g.parts } : {}) }))
}

/** The document's input as prepareDocument takes it: one file's bytes, or the page images joined. */
export async function readDocumentInput(file: InputFile): Promise<DocumentInput> {
  if (!file.parts) return { fileName: path.basename(file.path), bytes: await readInput(file.path), subfolder: file.subfolder }
  const parts = await Promise.all(file.parts.map(async (p) => ({ fileName: path.basename(p), bytes: await readInput(p) })))
  return { fileName: groupFileName(file.path), subfolder: file.subfolder, ...joinParts(parts) }
}

/** The id prepareDocument will give the input (to find duplicates before any work). */
export function inputId(input: DocumentInput): string {
  return input.parts ? partsId(input.bytes, input.parts) : contentId(input.bytes)
}

async function readInput(p: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(p))
  } catch (error) {
    throw new FileAccessError(`cannot read ${p}: ${(error as NodeJS.ErrnoException).code ?? error}`, { cause: error })
  }
}

async function listInputs(paths: string[]): Promise<InputFile[]> {
  const out: InputFile[] = []
  for (const p of paths) {
    let s
    try {
      s = await stat(p)
    } catch (error) {
      throw new FileAccessError(`${p}: no such file or folder`, { cause: error })
    }
    if (s.isDirectory()) for (const f of await filesUnder(p)) out.push({ path: f, subfolder: subfolderOf(p, f) })
    else out.push({ path: p, subfolder: null })
  }
  return out
}

/** The folder of `file` under the walked `root`, '/'-separated; null for a file at the top. */
function subfolderOf(root: string, file: string): string | null {
  const rel = path.relative(root, path.dirname(file))
  return rel === '' ? null : rel.split(path.sep).join('/')
}
