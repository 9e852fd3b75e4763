/**
 * Optimal string alignment distance (Damerau–Levenshtein restricted: insert, delete, substitute,
 * swap two neighbours), for matching OCR-damaged words against the project's tables ("KEHO~CH" →
 * "KẾ HOẠCH"). Compare folded text; keep the allowed distance small and the words long.
 */
export function editDistance(a: string, b: string): number {
  const m = a.length
  const n = b.length
  let prev2: number[] = []
  let prev = Array.from({ length: n + 1 }, (_, j) => j)
  for (let i = 1; i <= m; i++) {
    const cur = [i]
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1)
      cur.push(d)
    }
    prev2 = prev
    prev = cur
  }
  return prev[n]!
}
