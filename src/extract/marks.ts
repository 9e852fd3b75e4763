/**
 * Marks are not the document: receipt stamps ("ĐẾN"), digital-signature blocks (as a stamp over the
 * header or as the PDF's text layer: "Ký bởi", "Thời gian ký") and copy blocks ("SAO Y") are found,
 * read out into `marks[]`, and their lines are hidden from the header, body and end-block extractors
 * (a signing organ above the motto is no issuer, a receipt date is no date of issue).
 */
import type { Mark } from '../schema/plan.js'
import { MOTTO_STARTS } from './data/header-patterns.js'
import { COPY_STAMP, MAIL_OR_DOMAIN, RECEIPT_FIELDS, RECEIPT_LINE_MAX, RECEIPT_ORGAN_REACH, RECEIPT_WORD, SIGNATURE_LABELS, SIGNATURE_SIDE_LABELS, STAMP_TIME } from './data/marks.js'
import { CONFIDENCE } from './confidence.js'
import { matchTypeLine } from './header-columns.js'
import { provOf, type XLine } from './lines.js'
import { isUpper } from './text.js'

export type MarkKind = Mark['kind']
export type FoundMarks = { marks: Mark[]; covered: Set<number> }

/** Lines of page 1 a header's motto row may sit within. */
const HEADER_REACH = 25
const MOTTO_ROW = new RegExp(MOTTO_STARTS.map((m) => m.replace(/ /g, '\\s*')).join('|') + '|cong hoa xa hoi')

const isCue = (f: string) => SIGNATURE_LABELS.test(f) || COPY_STAMP.test(f) || MAIL_OR_DOMAIN.test(f) || STAMP_TIME.test(f)

/** The lines printed on `page` within `reach` rows of printed row `line` (the layout may list a row's columns apart). */
function near(lines: XLine[], l: XLine, reach: number): XLine[] {
  return lines.filter((n) => n.page === l.page && n.text && n !== l && Math.abs(n.line - l.line) <= reach)
}

/**
 * Page 1's lines printed above the motto row, when they carry a signature or copy cue: a
 * digital-signature or "SAO Y" stamp printed over the header (the issuer shares the motto's row, so
 * nothing of the document stands above it). Rows are compared as printed: the layout stage may list
 * the issuer's column before the stamp.
 */
function aboveMotto(lines: XLine[]): number[] {
  const page = lines.find((l) => l.text)?.page
  const onPage = lines.filter((l) => l.page === page && l.text)
  const motto = onPage.filter((l) => l.line < HEADER_REACH && MOTTO_ROW.test(l.fold)).reduce((m, l) => Math.min(m, l.line), Infinity)
  if (!Number.isFinite(motto)) return []
  const run = onPage.filter((l) => l.line < motto)
  return run.some((l) => isCue(l.fold)) ? run.map((l) => l.i) : []
}

/** Signature-label lines anywhere, grown over the neighbouring rows of the same block (organ, e-mail, time, "SAO Y"). */
function signatureBlocks(lines: XLine[]): number[] {
  const out = new Set<number>()
  for (const l of lines) {
    if (!l.text || !(SIGNATURE_LABELS.test(l.fold) || COPY_STAMP.test(l.fold))) continue
    const around = near(lines, l, 3)
    if (COPY_STAMP.test(l.fold) && !around.some((n) => n.line > l.line && (SIGNATURE_LABELS.test(n.fold) || STAMP_TIME.test(n.fold)))) continue
    out.add(l.i)
    for (const n of around) if (Math.abs(n.line - l.line) <= 1 && (SIGNATURE_SIDE_LABELS.test(n.fold) || isCue(n.fold))) out.add(n.i)
    // the organ under "SAO Y" ("Bộ Công an") sits between the label and the signing time
    if (COPY_STAMP.test(l.fold)) for (const n of around) if (n.line === l.line + 1 && around.some((t) => t.line === l.line + 2 && STAMP_TIME.test(t.fold))) out.add(n.i)
  }
  return [...out]
}

/** Receipt stamps: the "ĐẾN" row, the stamp's fields under it and the receiving organ's name above it. */
function receiptStamps(lines: XLine[]): number[] {
  const out: number[] = []
  for (const l of lines) {
    if (!l.text || !RECEIPT_WORD.test(l.text)) continue
    const fields = near(lines, l, 4).filter((n) => n.line > l.line && RECEIPT_FIELDS.test(n.fold))
    if (l.text.length > RECEIPT_LINE_MAX && !fields.length) continue
    out.push(l.i, ...fields.map((n) => n.i))
    const organ = near(lines, l, RECEIPT_ORGAN_REACH).filter((n) => n.line < l.line).sort((a, b) => b.line - a.line)
      .find((n) => isUpper(n.text) && n.text.length <= RECEIPT_LINE_MAX + 5 && /\p{L}{3}/u.test(n.text) && !matchTypeLine(n.text) && !MOTTO_ROW.test(n.fold))
    if (organ) out.push(organ.i)
  }
  return out
}

const after = (label: RegExp, s: string) => { const m = label.exec(s); return m ? s.slice(m.index + m[0].length).trim() || null : null }

function isoOf(s: string | null): string | null {
  if (!s) return null
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(s)
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`
  const d = /(\d{1,2})[./-](\d{1,2})[./-](\d{4})/.exec(s)
  return d ? `${d[3]}-${d[2].padStart(2, '0')}-${d[1].padStart(2, '0')}` : null
}

/** Reads one mark's lines: its kind and what it says (signer, organ, time; a receipt's number and date). */
function readMark(group: XLine[]): Mark {
  const texts = group.map((l) => l.text)
  const text = texts.join(' / ')
  const kind: MarkKind = group.some((l) => RECEIPT_WORD.test(l.text)) ? 'receipt-stamp' : group.some((l) => COPY_STAMP.test(l.fold)) ? 'copy-stamp' : 'digital-signature'
  const field = (re: RegExp) => { for (const t of texts) { const v = after(re, t); if (v) return v.replace(/[,;]\s*$/, '') } return null }
  const time = STAMP_TIME.exec(text.toLowerCase()) ? text.slice(STAMP_TIME.exec(text.toLowerCase())!.index).split(' / ')[0]!.trim() : null
  let signer = field(/(?:ký bởi|người ký)\s*:/iu)
  if (!signer && kind !== 'digital-signature') signer = texts.find((t) => !COPY_STAMP.test(t.toLowerCase()) && !RECEIPT_WORD.test(t) && /\p{L}{3}/u.test(t) && !/:/.test(t)) ?? null
  const number = kind === 'receipt-stamp' ? field(/(?:^|\s)số\s*:/iu) : null
  const date = kind === 'receipt-stamp' ? isoOf(field(/(?:^|\s)ngày\s*:/iu)) : isoOf(time)
  return { kind, text, number, date, time: kind === 'receipt-stamp' ? null : time, signer, organ: field(/cơ quan\s*:/iu), prov: provOf(group[0]!, group[group.length - 1]), confidence: CONFIDENCE.mark }
}

/** The marks on the pages and the line indices they cover (to be hidden from the other extractors). */
export function findMarks(lines: XLine[]): FoundMarks {
  const covered = new Set([...aboveMotto(lines), ...signatureBlocks(lines), ...receiptStamps(lines)])
  const sorted = [...covered].map((i) => lines[i]!).sort((a, b) => a.page - b.page || a.line - b.line || a.i - b.i)
  const groups: XLine[][] = []
  for (const l of sorted) {
    const last = groups[groups.length - 1]
    const prev = last?.[last.length - 1]
    // a new label starts a new block ("Ký bởi" under a "TRUNG TÂM CÔNG BÁO" stamp)
    const starts = /^\W*(ky boi|nguoi ky|sao y)\b/.test(l.fold) && last && !/^\W*sao y/.test(prev!.fold)
    if (last && prev!.page === l.page && l.line - prev!.line <= 2 && !starts) last.push(l)
    else groups.push([l])
  }
  return { marks: groups.map(readMark), covered }
}

/** The lines with the marks' lines emptied: indices stay, so provenance and line ranges stay true. */
export function withoutMarks(lines: XLine[], covered: Set<number>): XLine[] {
  if (!covered.size) return lines
  return lines.map((l) => (covered.has(l.i) ? { ...l, text: '', fold: '', src: { ...l.src, text: '' } } : l))
}
