/** Entries a memo of words, letters or observed pieces holds before it starts afresh (a long-lived process stays bounded). */
const MEMO_ENTRIES = 50_000

/**
 * `memo`'s value for `key`, made by `make(key)` the first time it is asked for; a memo that holds `max`
 * entries is emptied first. For pure functions of a word or a piece, which a document asks again and again.
 */
export function memoised<K, V>(memo: Map<K, V>, key: K, make: (key: K) => V, max = MEMO_ENTRIES): V {
  let value = memo.get(key)
  if (value === undefined) {
    if (memo.size >= max) memo.clear()
    memo.set(key, (value = make(key)))
  }
  return value
}

/** Parameter sets of the channel a process keeps its caches for (candidate lists, standard channels, alignments). */
export const MAX_PARAMETER_SETS = 8

/** The cache kept for parameter set `key` in `sets`, made by `make` on first use; the oldest set goes when MAX_PARAMETER_SETS are kept. */
export function perParameterSet<V>(sets: Map<string, V>, key: string, make: () => V): V {
  let value = sets.get(key)
  if (value === undefined) {
    if (sets.size >= MAX_PARAMETER_SETS) sets.delete(sets.keys().next().value!)
    sets.set(key, (value = make()))
  }
  return value
}
