// OCR word confidences in restoration: the prior of keeping a token as the OCR read it. The decoder's
// cost of changing a token is, in effect, −log of the prior odds that the OCR misread it (in OCR-mark
// mode the constant OCR_CHANGE_COST, set for the typical word). A word's own confidence moves those
// odds: the cost of every candidate that changes the token is shifted by
//   CONF_WEIGHT × (logit(conf) − logit(CONF_REFERENCE)), within [−CONF_MAX_SHIFT, +CONF_MAX_SHIFT],
// so a word read at the reference confidence decodes as before, a surer one needs stronger LM evidence
// and an unsure one changes more readily. The token as read keeps its cost (docs/normalize.md).

/**
 * Confidence at which a token decodes as without confidences. Tesseract `vie` word confidences on the
 * fixtures' OCR pages: median 0.967, 10th percentile 0.93; of 747 syllables read at ≥ 0.96, 1 had a
 * wrong mark, of 219 below, 7 (docs/normalize.md).
 */
export const CONF_REFERENCE = 0.96
/** Nats of change cost per nat of confidence log-odds: 1 reads the confidence as the posterior it claims to be. */
export const CONF_WEIGHT = 1
/** Largest shift of the change cost either way (nats): OCR_CHANGE_COST, so a change never costs less than its channel cost alone. */
export const CONF_MAX_SHIFT = 3
const CONF_FLOOR = 0.01
const CONF_CEIL = 0.995

const logit = (p: number) => Math.log(p / (1 - p))

/** Nats added to the cost of changing a token the OCR read with confidence `conf` (0..1). */
export function changeCostShift(conf: number): number {
  const c = Math.min(CONF_CEIL, Math.max(CONF_FLOOR, conf))
  const shift = CONF_WEIGHT * (logit(c) - logit(CONF_REFERENCE))
  return Math.max(-CONF_MAX_SHIFT, Math.min(CONF_MAX_SHIFT, shift))
}

/** Per line, one value per whitespace-separated token; undefined where a token has none. */
export type TokenValues = (number | undefined)[][]

/** Start and end columns of the whitespace-separated tokens of a line. */
export function tokenSpans(line: string): [number, number][] {
  return [...line.matchAll(/\S+/gu)].map((m) => [m.index, m.index + m[0].length])
}

/**
 * Token values of a line carried over an edit of it: kept by index when the token count is unchanged,
 * else by character when the edit only moved spaces (a glued "tậphuấn" split into "tập huấn": both
 * halves take the glued token's value); otherwise lost (undefined).
 */
export function carryTokenValues(before: string, after: string, values: (number | undefined)[]): (number | undefined)[] | undefined {
  const spans = tokenSpans(after)
  if (spans.length === values.length) return values
  const owner: number[] = [] // token index of each non-space character of `before`
  tokenSpans(before).forEach(([a, b], k) => {
    for (let i = a; i < b; i++) owner.push(k)
  })
  if (owner.length !== after.replace(/\s+/gu, '').length) return undefined
  let seen = 0
  return spans.map(([a, b]) => {
    const k = owner[seen]
    seen += b - a
    return values[k]
  })
}
