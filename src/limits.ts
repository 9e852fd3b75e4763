/** Caps that keep hostile or huge inputs from exhausting memory or time. */
export type Limits = {
  /** bytes of one input file */
  maxBytes: number
  /** pages of one document (SPEC: plans have 1–200 pages) */
  maxPages: number
  /** pixels of one rendered or decoded page (guards against image bombs) */
  maxPixels: number
  /** render resolution for OCR */
  dpi: number
}

export const DEFAULT_LIMITS: Limits = {
  maxBytes: 512 * 1024 * 1024,
  maxPages: 500,
  // A4 at 400 dpi is ≈ 15.5 Mpx; 60 Mpx leaves room for A3 and large scans.
  maxPixels: 60_000_000,
  dpi: 300,
}
