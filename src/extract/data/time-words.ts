// Time expressions of plans: where a timeline stands in a task or objective ("đến năm 2030",
// "hằng năm", "giai đoạn 2021-2025", "Quý I/2024"). What a timeline means as dates (quarters,
// recurrences, year parts) is in period-words.ts, read by timeline.ts.

/** A timeline inside a task or objective: quarters, ranges of years, "năm 2024", months. */
export const TIMELINE_PATTERNS: readonly RegExp[] = [
  // "Quý I, II và IV", "Quý I-II/2024", "Quý IV, 2024" (a numeral is no year's first digit: "Quý IV, 2" is not read)
  /(?:trong\s+)?quý\s+[IVX1-4]+(?![\d])(?:\s*(?:,|và|-|–)\s*[IVX1-4]+(?!\d))*(?:\s*(?:\/|,|năm)\s*\d{4})?/iu,
  /(?:giai đoạn|từ năm|năm)\s+\d{4}\s*[-–—]\s*\d{4}/iu,
  /\b\d{4}\s*[-–—]\s*\d{4}\b/u,
  /tháng\s+\d{1,2}(?:\s*(?:\/|năm)\s*\d{4})/iu,
  /(?:trước|đến|trong)\s+(?:năm|tháng)\s+\d{1,4}(?:\/\d{4})?/iu,
  /\bnăm\s+\d{4}\b/iu,
  /h[ằà]ng\s+(?:năm|quý|tháng)|thường xuyên|định kỳ/iu,
]
