import { existsSync } from 'node:fs'
import path from 'node:path'
import { BadArgumentError, FileAccessError } from '../errors.js'
import { loadLanguageModel, type LanguageModel } from '../normalize/index.js'

/**
 * The normalizer's language model for a command: `--model PATH` / `KEHOACH_MODEL`, else the packaged
 * one. A missing or foreign file is a one-line error naming the flag, not a stack.
 */
export function loadModelOption(file: string | undefined): LanguageModel {
  if (file === undefined || file === '') return loadLanguageModel()
  const p = path.resolve(file)
  if (!existsSync(p)) throw new FileAccessError(`--model ${file}: no such file (a model written by \`kehoach lm train --out FILE\`)`)
  try {
    return loadLanguageModel(p)
  } catch (error) {
    throw new BadArgumentError(`--model ${file}: ${(error as Error).message}`, { cause: error })
  }
}

/** The model path to hand to queue workers (they load it themselves): absolute, checked here first. */
export function modelPathForWorkers(file: string | undefined): string | undefined {
  if (file === undefined || file === '') return undefined
  loadModelOption(file)
  return path.resolve(file)
}
