import { foldForSearch } from '../normalize/syllable.js'

/**
 * Search keys shared by both index back-ends, so SQLite and PostgreSQL agree on what matches.
 * Folding is done here, in one place (đ→d included), not by the databases' tokenizers.
 */

/** "Kế hoạch … giảm nghèo" → "ke hoach … giam ngheo"; null stays null. */
export function fold(s: string | null | undefined): string | null {
  return s == null ? null : foldForSearch(s)
}

/**
 * A document number as a key: folded, no spaces, one dash kind, no leading zeros in numeric parts.
 * "27/2022/NĐ-CP", "27 / 2022 / ND - CP" and "027/2022/nđ–cp" all give "27/2022/nd-cp".
 */
export function numberKey(s: string | null | undefined): string | null {
  if (s == null) return null
  const k = foldForSearch(s)
    .replace(/^so(\s*:\s*|\s+)(?=\d)/, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, '')
    .replace(/(^|[^0-9])0+(?=\d)/g, '$1')
  return k.length > 0 ? k : null
}

/** The last four-digit year in a deadline ("giai đoạn 2021-2025" → 2025, "hằng năm" → null). */
export function deadlineYear(deadline: string | null | undefined): number | null {
  if (!deadline) return null
  const years = [...deadline.matchAll(/(?<!\d)(19|20)\d{2}(?!\d)/g)].map((m) => Number(m[0]))
  return years.length ? Math.max(...years) : null
}

/** Words of a free-text query, folded: the terms every back-end matches (all must occur). */
export function searchTerms(q: string): string[] {
  return foldForSearch(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 32)
}
