import { BadArgumentError } from '../errors.js'

/** A command-line number that must be a positive whole number; a clear error names the flag. */
export function positiveInt(value: string | undefined, flag: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new BadArgumentError(`${flag} wants a positive whole number, got ${JSON.stringify(value)}`)
  return n
}

/** A command-line number that must be a whole number, 0 allowed (0 turns a periodic task off). */
export function wholeNumber(value: string | undefined, flag: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new BadArgumentError(`${flag} wants a whole number (0 or more), got ${JSON.stringify(value)}`)
  return n
}

export function optionalInt(value: string | undefined, flag: string): number | undefined {
  return value === undefined ? undefined : positiveInt(value, flag)
}
