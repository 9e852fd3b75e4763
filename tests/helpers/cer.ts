/**
 * Character error rate as the project's yardstick computes it (/work/shared/tools/lib.mjs `cer`):
 * NFC, whitespace runs collapsed to one space, Levenshtein distance / reference length.
 */
export function levenshtein(a: string, b: string): number {
  const A = [...a]
  const B = [...b]
  if (!A.length) return B.length
  if (!B.length) return A.length
  let prev = new Int32Array(B.length + 1)
  let cur = new Int32Array(B.length + 1)
  for (let j = 0; j <= B.length; j++) prev[j] = j
  for (let i = 1; i <= A.length; i++) {
    cur[0] = i
    for (let j = 1; j <= B.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1))
    }
    ;[prev, cur] = [cur, prev]
  }
  return prev[B.length]
}

const canon = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim()

export function cer(reference: string, hypothesis: string): number {
  const r = canon(reference)
  return r.length ? levenshtein(r, canon(hypothesis)) / r.length : 0
}

/** The better of several references (physical and logical line order), as score-text.mjs does. */
export function bestCer(references: string[], hypothesis: string): number {
  return Math.min(...references.map((r) => cer(r, hypothesis)))
}
