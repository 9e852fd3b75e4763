// The issuer block (Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.2; Hướng dẫn 36-HD/VPTW for Party
// documents): the names of the issuing organ and of the organ directly above it, top to bottom, in
// the header's left column. Read as a stack of organ names:
//   - each printed line opens a new organ when, after its abbreviations are written out (`data/organs.ts`
//     ORGAN_ABBREVIATIONS, SCHOOL_LEVELS, CONTEXT_ABBREVIATIONS, PLACE_ABBREVIATIONS), it begins with an
//     organ head word (`data/organs.ts` ORGAN_HEADS: Ủy ban nhân dân, Sở, Phòng, Chi bộ, Công ty, …);
//   - otherwise it continues the organ above (a name wrapped over two lines, "CÔNG TY TNHH MTV KHAI
//     THÁC" / "THỦY LỢI SÔNG TRÀ"); so does any line after an organ left open: a bare head ("ỦY BAN
//     NHÂN DÂN", "BAN CHẤP HÀNH", "ĐẢNG ỦY") or a line ending in "và", "-", ",";
//   - a lone place line ("TỈNH HÀ NAM") continues the organ above, and is dropped when that organ
//     already ends with the same place (a joint header's second column repeats it);
//   - inside one line (a row OCR merged), a lower local body after a higher one, or a sub unit after a
//     complete body, still starts a new organ (`splitOrganLine`).
// The issuer is the last organ, its parent the one directly above.
import { ADMIN_UNITS, LOCAL_BODIES, ORGAN_HEADS } from './data/organs.js'
import { foldKeep } from './lines.js'
import { clean, expandAbbreviations, expandPlaceAbbreviations, expandUpper, foldForSearch, isUpper, respellOrganHead } from './text.js'

const HEADS = ORGAN_HEADS.map((h) => ({ head: h, f: foldForSearch(h.words) })).sort((a, b) => b.f.length - a.f.length)
const LOCAL = LOCAL_BODIES.map((b) => foldForSearch(b))
const UNITS = ADMIN_UNITS.map((u) => foldForSearch(u)).sort((a, b) => b.length - a.length)

/** The organ head word a (folded) text begins with, or null. */
export function headAt(f: string): string | null {
  const t = f.replace(/\s+/g, ' ').trim()
  return HEADS.find(({ f: h }) => t === h || t.startsWith(h + ' '))?.f ?? null
}

/** A line that is a place alone: an administrative unit word and its name ("TỈNH HÀ NAM", "XÃ TÂN LẬP"). */
export function isPlaceLine(f: string): boolean {
  const t = f.replace(/\s+/g, ' ').trim()
  return UNITS.some((u) => t.startsWith(u + ' ') && !headAt(t))
}

/** One issuer line with its abbreviations written out and its head word re-spelled (`text.ts`). */
export function normalizeIssuerLine(line: string): string {
  return respellOrganHead(expandUpper(expandPlaceAbbreviations(clean(line))))
}

/**
 * An organ left open by its last line: a line ending in a connector, or a bare head word. A bare
 * local body ("ỦY BAN NHÂN DÂN") is named by its unit and place only: a line opening with another
 * organ's head under it is a new organ ("ỦY BAN NHÂN DÂN" / "BAN CHỈ ĐẠO …"); other bare heads are
 * named after a body ("ĐẢNG ỦY" / "CÔNG AN TỈNH", "BAN CHẤP HÀNH" / "HỘI NÔNG DÂN …").
 */
function open(organ: string, last: string, nextIsHead: boolean): boolean {
  if (/(\s(và|VÀ|va|VA)|[-–,&])\s*$/u.test(last)) return true
  const f = foldForSearch(expandAbbreviations(organ)).replace(/\s+/g, ' ').trim()
  if (!HEADS.some(({ f: h }) => f === h)) return false
  return !(nextIsHead && LOCAL.includes(f))
}

/**
 * The issuer block's lines (top to bottom, left column only) → organ names, top to bottom, as
 * printed (abbreviations written out; casing is `organCase`'s). Lines are grouped into organs by
 * the rules above; `splitOrganLine` then cuts a group that OCR merged from two rows.
 */
export function organStack(lines: string[], splitOrganLine: (s: string) => string[] = (s) => [s]): string[] {
  const stack: { text: string; last: string }[] = []
  for (const raw of lines) {
    const line = normalizeIssuerLine(raw)
    if (!line || !/\p{L}/u.test(line)) continue
    const f = foldForSearch(expandAbbreviations(line)).replace(/\s+/g, ' ').trim()
    const top = stack[stack.length - 1]
    if (!top) { stack.push({ text: line, last: line }); continue }
    if (open(top.text, top.last, !!headAt(f) && !isPlaceLine(f))) { top.text += ' ' + line; top.last = line; continue }
    if (isPlaceLine(f)) {
      // the same place printed again (a joint header's other column) is not repeated
      const tf = foldKeep(expandAbbreviations(top.text)).replace(/\s+/g, ' ').trim()
      if (!tf.endsWith(' ' + foldKeep(expandAbbreviations(line)).replace(/\s+/g, ' ').trim())) top.text += ' ' + line
      top.last = line
      continue
    }
    if (headAt(f)) { stack.push({ text: line, last: line }); continue }
    top.text += ' ' + line
    top.last = line
  }
  return stack.flatMap((o) => splitOrganLine(o.text)).map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean)
}

/**
 * Casing of an organ name printed in capitals, from the document's own mixed-case mention of it
 * ("CÔNG TY TNHH MTV KHAI THÁC THỦY LỢI SÔNG TRÀ" in the header, "Công ty TNHH MTV Khai thác thủy
 * lợi Sông Trà" in the title): a word the casing rules left in lower case is capitalised when the
 * mention capitalises it (proper names the rules cannot know). Head words and unit words keep the rules' case.
 */
export function caseFromMention(name: string, text: string): string {
  const words = name.split(' ')
  const nf = foldForSearch(name).toLowerCase()
  const body = expandAbbreviations(text.replace(/\s+/g, ' '))
  const bf = foldForSearch(body).toLowerCase()
  if (bf.length !== body.length || nf.length !== name.length) return name
  for (let k = bf.indexOf(nf); k >= 0; k = bf.indexOf(nf, k + 1)) {
    if (k > 0 && /[\p{L}\d]/u.test(bf[k - 1])) continue
    const mention = body.slice(k, k + name.length)
    if (isUpper(mention) || mention.split(' ').length !== words.length) continue
    const mw = mention.split(' ')
    const head = headAt(nf)
    let skip = head ? head.split(' ').length : 0
    return words.map((w, n) => {
      if (n < skip) return w
      const wf = foldForSearch(w).toLowerCase()
      if (UNITS.some((u) => u === wf || u.startsWith(wf + ' '))) { skip = n + 2; return w }
      return /^\p{Lu}/u.test(mw[n]) && /^\p{Ll}/u.test(w) ? mw[n][0] + w.slice(1) : w
    }).join(' ')
  }
  return name
}
