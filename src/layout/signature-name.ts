/**
 * The signer's name under a seal. The seal is stamped over the signature and often over the start of
 * the printed name (Nghị định 30/2020/NĐ-CP, Điều 33: the seal covers about a third of the signature,
 * to its left); Tesseract's page layout then takes the whole lower signature column for a picture and
 * reads nothing there (dev-real d04: "Trần Duy Đông" under a seal's ring in a 1-bit scan). When a page has
 * a signature position line ("CHỦ TỊCH", "GIÁM ĐỐC") in the right half of its lower part and no line
 * under it in that column, the band under it is read again as one block; a line there that reads as a
 * person's name (a known surname, Vietnamese syllables, the OCR sure of all but the seal-touched first
 * word) is added to the page with its own words and confidences.
 */
import type { GreyImage } from '../image/grey-image.js'
import { raw, toGrey } from '../image/preprocess.js'
import type { OcrPool } from '../ocr/pool.js'
import type { PageLine, PageWord, SourcePage } from '../schema/page.js'
import type { Box } from '../schema/provenance.js'
import { SURNAMES } from '../extract/data/signature.js'
import { surnameOf, trailingPosition } from '../extract/signer.js'
import { isVietnameseSyllable } from '../normalize/syllable.js'
import sharp from 'sharp'

export const SIGNATURE_NAME = {
  /** the position line must start below this share of the page's height */
  minTop: 0.3,
  /** … and its position words be centred right of this share of the width (the signature column) */
  minCentre: 0.45,
  /** how far under the position line the name is looked for, in line heights */
  depth: 10,
  /** how far the band reaches left and right of the position words, in line heights */
  side: 6,
  /** mean confidence of the name's words after the first (the first is the one the seal touches) */
  minConf: 0.6,
} as const

/** The page with the signer's name re-read from under the seal when its page read has none. */
export async function rereadSignatureName(page: SourcePage, image: GreyImage, reader: OcrPool): Promise<SourcePage> {
  const band = nameBand(page, image)
  if (!band) return page
  const crop = await toGrey(sharp(image.data, raw(image)).extract({ left: band[0], top: band[1], width: band[2] - band[0], height: band[3] - band[1] }), image.dpi)
  const read = await reader.recognize(crop, page.page, { tessedit_pageseg_mode: '6' })
  const name = [...read.lines].reverse().map((l) => nameLine(l, band)).find((l) => l !== null)
  if (!name) return page
  const lines = [...page.lines, name].sort((a, b) => (a.box?.[1] ?? 0) - (b.box?.[1] ?? 0))
  return { ...page, lines }
}

/** The band under the last signature position line, when nothing was read under it in its column. */
function nameBand(page: SourcePage, image: GreyImage): Box | null {
  for (let k = page.lines.length - 1; k >= 0; k--) {
    const l = page.lines[k]
    if (!l.box || !l.words?.length || l.box[1] < image.height * SIGNATURE_NAME.minTop) continue
    const pos = trailingPosition(l.text)
    if (!pos) continue
    const n = pos.position.split(/\s+/).length
    const words = l.words.slice(-n)
    const x0 = words[0].box[0]
    const x1 = words[words.length - 1].box[2]
    if ((x0 + x1) / 2 < image.width * SIGNATURE_NAME.minCentre) continue
    const lh = Math.max(...words.map((w) => w.box[3] - w.box[1]))
    // a word read under the position in its column (a line's box may stretch over both columns)
    const below = page.lines.slice(k + 1).some((m) => (m.words ?? []).some((w) => w.box[1] >= l.box![3] && w.box[0] < x1 + lh && w.box[2] > x0 - lh))
    if (below) return null
    const left = Math.max(0, Math.round(x0 - SIGNATURE_NAME.side * lh))
    const right = Math.min(image.width, Math.round(x1 + SIGNATURE_NAME.side * lh))
    const top = Math.min(image.height - 1, l.box[3])
    const bottom = Math.min(image.height, Math.round(top + SIGNATURE_NAME.depth * lh))
    return bottom - top > lh && right > left ? [left, top, right, bottom] : null
  }
  return null
}

/**
 * The surname as read, or with the first letter the seal's ring hid ("rần" → Trần) when one surname
 * of the table alone ends so; else null.
 */
function sealedSurname(word: string): string | null {
  const known = surnameOf(word)
  if (SURNAMES.includes(known)) return known
  const lost = SURNAMES.filter((s) => s.slice(1) === word.toLowerCase())
  return lost.length === 1 ? lost[0] : null
}

/** A read line that is a person's name, moved to page coordinates; else null. */
function nameLine(l: PageLine, band: Box): PageLine | null {
  const words = (l.words ?? []).map((w) => ({ ...w, text: w.text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '') })).filter((w) => w.text)
  if (words.length < 2 || words.length > 5) return null
  const surname = sealedSurname(words[0].text)
  if (!surname) return null
  words[0] = { ...words[0], text: surname }
  if (!words.every((w) => /^\p{Lu}/u.test(w.text) && isVietnameseSyllable(w.text.toLowerCase()))) return null
  const rest = words.slice(1)
  if (rest.reduce((s, w) => s + w.conf, 0) / rest.length < SIGNATURE_NAME.minConf) return null
  const shift = (b: Box): Box => [b[0] + band[0], b[1] + band[1], b[2] + band[0], b[3] + band[1]]
  const moved: PageWord[] = words.map((w) => ({ ...w, box: shift(w.box) }))
  const box: Box = [moved[0].box[0], Math.min(...moved.map((w) => w.box[1])), moved[moved.length - 1].box[2], Math.max(...moved.map((w) => w.box[3]))]
  return { text: moved.map((w) => w.text).join(' '), box, conf: moved.reduce((s, w) => s + w.conf, 0) / moved.length, words: moved }
}
