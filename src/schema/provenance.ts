import { z } from 'zod'

/** A box in page pixels (OCR) or PDF points (text layer), top-left origin: [x0, y0, x1, y1]. */
export const Box = z.tuple([z.number(), z.number(), z.number(), z.number()])
export type Box = z.infer<typeof Box>

/**
 * Where an extracted item came from, so a reviewer can check it
 * (after docling's ProvenanceItem): 1-based page, 0-based line range on that page's text.
 */
export const Prov = z.object({
  page: z.number().int().min(1),
  lines: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  span: z.tuple([z.number().int(), z.number().int()]).optional().describe('character offsets in the first line'),
  box: Box.optional(),
})
export type Prov = z.infer<typeof Prov>

export const Confidence = z.number().min(0).max(1)
