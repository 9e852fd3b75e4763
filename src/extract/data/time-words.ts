// Time expressions of plans: Vietnamese calendar words and the deadline phrases of
// objectives ("đến năm 2030", "hằng năm", "giai đoạn 2021-2025", "Quý I/2024").
// Hằng năm / hàng năm are both in use (Từ điển tiếng Việt, Hoàng Phê: "hằng" is the standard form).

export const ROMAN_QUARTERS: Readonly<Record<string, number>> = { I: 1, II: 2, III: 3, IV: 4 }

/** Folded phrases of recurring or open timelines, with the canonical printed form. */
export const RECURRING: readonly { folded: string; text: string }[] = [
  { folded: 'hang nam', text: 'hằng năm' },
  { folded: 'hang quy', text: 'hằng quý' },
  { folded: 'hang thang', text: 'hằng tháng' },
  { folded: 'thuong xuyen', text: 'thường xuyên' },
  { folded: 'dinh ky', text: 'định kỳ' },
]

/** A timeline inside a task or objective: quarters, ranges of years, "năm 2024", months. */
export const TIMELINE_PATTERNS: readonly RegExp[] = [
  /(?:trong\s+)?quý\s+[IVX1-4]+(?:\s*(?:,|và|-|–)\s*[IVX1-4]+)*(?:\s*(?:\/|năm)\s*\d{4})?/iu,
  /(?:giai đoạn|từ năm|năm)\s+\d{4}\s*[-–—]\s*\d{4}/iu,
  /\b\d{4}\s*[-–—]\s*\d{4}\b/u,
  /tháng\s+\d{1,2}(?:\s*(?:\/|năm)\s*\d{4})/iu,
  /(?:trước|đến|trong)\s+(?:năm|tháng)\s+\d{1,4}(?:\/\d{4})?/iu,
  /\bnăm\s+\d{4}\b/iu,
  /h[ằà]ng\s+(?:năm|quý|tháng)|thường xuyên|định kỳ/iu,
]
