// The end block (Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.9–10): "Nơi nhận:" list on the left,
// signature block on the right. Plain text may carry both columns on one line; a "|" marks a
// column boundary, a digital-signature stamp (organ name + signing time) may sit in between.
import type { PlanDocument } from '../schema/plan.js'
import type { Report } from '../report.js'
import { ARCHIVE_ENTRY, RANKS, RECIPIENTS_HEADING, RECIPIENT_NOTES, SIGNING_BODIES, SIGNING_TIME } from './data/signature.js'
import { headAt } from './issuer-block.js'
import { provOf, posOf, type XLine } from './lines.js'
import { AUTHORITY_RE, isPosition, knownPosition, startsWithOrganWord, looksLikeName, nameCase, positionCase, trailingPosition } from './signer.js'
import type { FieldTrace } from '../schema/plan.js'
import { expandAbbreviations, foldForSearch, isUpper, stripMarkup } from './text.js'
import { CONFIDENCE } from './confidence.js'

export type EndBlock = {
  signer: PlanDocument['signer']
  recipients: string[]
  traces: Record<string, FieldTrace>
}

const isOrganName = (s: string) => startsWithOrganWord(s)
/** A military or police rank before the signer's name ("Thượng tá Lê Hoàng Nam"): not part of the name. */
const RANK_RE = new RegExp(`^(?:${RANKS.join('|')})\\s+(?=\\p{Lu})`, 'u')

/** A list entry's dash; OCR reads it as "_" too. */
const BULLET = /^[-–•+_]/
const ENTRY = /^[-–•+_]\s*\S/

/** A page marker between pages of an OCR dump: "Page 9", "Trang 9". */
const PAGE_MARKER = /^(?:page|trang)\s+\d{1,4}$/i

function cleanEntry(s: string): string {
  // the list's closing mark "./." and OCR specks after it ("Lưu VT, ĐNPT,, /") are no part of the entry
  return s.replace(/^\s*[-–•+_*]\s*/, '').replace(/\s+/g, ' ').replace(/[\s;,./]+$/, '').trim()
}

/**
 * The end block's printed rows in page order. The layout stage may hand them over column by
 * column (all of "Nơi nhận" first, then the signature) or cut a row in two (`span`); the list and
 * the signature are read row by row as printed, so the parts of one row are joined again with
 * "|" (the column boundary), and in an uncut row a run of 4+ spaces is that boundary too.
 */
export type EndRow = { l: XLine; text: string; parts: { text: string; x: number }[] }

export function endRows(lines: XLine[]): EndRow[] {
  const rows = new Map<string, XLine[]>()
  for (const l of lines) {
    if (!l.text) continue
    const key = `${l.page}:${l.line}`
    rows.set(key, [...(rows.get(key) ?? []), l])
  }
  return [...rows.values()]
    .sort((a, b) => a[0].page - b[0].page || a[0].line - b[0].line || a[0].i - b[0].i)
    .map((row) => {
      row.sort((a, b) => (a.src.span?.[0] ?? 0) - (b.src.span?.[0] ?? 0) || a.i - b.i)
      const raw = stripMarkup(row[0].src.text.normalize('NFC'))
      const text = row.length > 1
        ? row.map((x) => x.text).join(' | ')
        : raw.replace(/(\S)[ \t\u00a0]{4,}(?=\S)/g, '$1 | ')
      // the row's column pieces with their horizontal positions (character offset or layout span)
      const parts = row.length > 1
        ? row.map((x) => ({ text: x.text, x: x.src.span?.[0] ?? 0 }))
        : [...raw.matchAll(/\S+(?:[ \t\u00a0]{1,3}\S+)*/g)].map((m) => ({ text: m[0], x: m.index! }))
      return { l: row[0], text: text.replace(/[ \t\u00a0]+/g, ' ').trim(), parts }
    })
}

/**
 * A joint document (văn bản liên tịch, Nghị định 30/2020/NĐ-CP Điều 13 and Phụ lục I) carries one
 * signature column per issuing organ side by side, the lead organ's first, as its name is printed
 * first in the header. A row with two authority lines ("KT. GIÁM ĐỐC      TM. BAN THƯỜNG TRỰC")
 * shows them; the boundary is the middle of the gap between the two. Null for one column.
 */
export function jointSignatureBoundary(rows: EndRow[]): number | null {
  for (const r of rows) {
    if (RECIPIENTS_HEADING.test(r.text) || BULLET.test(r.text)) continue
    const isAuth = (t: string) => AUTHORITY_RE.exec(t)?.[1] != null && t.trimStart().startsWith(AUTHORITY_RE.exec(t)![1])
    const auth = r.parts.map((p, k) => ({ p, k })).filter(({ p }) => isAuth(p.text))
    if (auth.length >= 2) {
      const left = r.parts[auth[1].k - 1]
      return (left.x + left.text.length + auth[1].p.x) / 2
    }
    // an organ that signs in its own name prints its name in capitals where another prints its
    // authority line ("T/M BAN THƯỜNG VỤ HỘI NÔNG DÂN HUYỆN      PHÒNG GIAO DỊCH NHCSXH HUYỆN"): a
    // row of two pieces, an authority line and an organ name in capitals, is two columns too
    if (r.parts.length === 2 && auth.length === 1) {
      const other = r.parts[1 - auth[0].k].text
      if (isUpper(other) && startsWithOrganWord(expandAbbreviations(other))) return (r.parts[0].x + r.parts[0].text.length + r.parts[1].x) / 2
    }
  }
  return null
}

const fold = (s: string) => foldForSearch(expandAbbreviations(s)).replace(/\s+/g, ' ').trim()
const BODIES = SIGNING_BODIES.map((b) => ({ heads: b.heads.map(fold), signs: b.signs.map(fold).sort((x, y) => y.length - x.length) }))

/**
 * Does a signature column's authority or position line belong to the issuer? The line names the
 * issuer's collective body or its head's title ("KT. GIÁM ĐỐC" ↔ a Sở, "T/M BAN THƯỜNG VỤ" ↔ a Tỉnh
 * đoàn, `data/signature.ts` SIGNING_BODIES); an organ named after the title must be the issuer's
 * ("TM. BAN THƯỜNG VỤ TỈNH ĐOÀN" is not a Sở's).
 */
export function signsFor(line: string, issuer: string): boolean {
  const f = fold(line.replace(AUTHORITY_RE, (m, a: string) => m.replace(a, a.replace(/^\S+\s*[.:]?\s*/, '')))).replace(/^(pho|q\.?|quyen)\s+/, '')
  const fi = fold(issuer)
  const head = headAt(fi)
  if (!head) return false
  for (const b of BODIES) {
    if (!b.heads.includes(head)) continue
    const title = b.signs.find((t) => f === t || f.startsWith(t + ' '))
    if (!title) continue
    const named = f.slice(title.length).trim()
    // the body named after the title must be the issuer ("BỘ TRƯỞNG BỘ NỘI VỤ" signs for no Bộ Tài chính);
    // one word may stand for it ("CHỦ TỊCH UBND")
    if (!named || fi.includes(named) || (!named.includes(' ') && fi.startsWith(named))) return true
  }
  return false
}

/**
 * The signature column of a joint document that belongs to the issuer (the lead organ): the column
 * whose authority or position line `signsFor` the issuer; the left one when both or neither do.
 */
export function issuerSignatureSide(rows: EndRow[], boundary: number, issuer: string | null | undefined): 'left' | 'right' {
  if (!issuer) return 'left'
  const hit = { left: false, right: false }
  for (const r of rows) {
    if (RECIPIENTS_HEADING.test(r.text) || BULLET.test(r.text)) continue
    for (const p of r.parts) {
      const t = p.text.trim()
      const a = AUTHORITY_RE.exec(t)
      if (!(a && t.startsWith(a[1])) && !isPosition(t)) continue
      if (signsFor(t, issuer)) hit[p.x < boundary ? 'left' : 'right'] = true
    }
  }
  return hit.right && !hit.left ? 'right' : 'left'
}

type Found = { text: string; line: XLine }

/**
 * "KT. BỘ TRƯỞNG" as printed: the prefix written "KT. " / "K/T ", and a position after it that the
 * position table spells up to its marks ("BỘ TRƯƠNG" read for TRƯỞNG) written as the table has it.
 */
function authorityCase(text: string): string {
  const t = text.replace(/^(KT|TM|TL|TUQ)\s*\.?\s*/, '$1. ').replace(/^(T\/M|K\/T|T\/L|T\/UQ)\s*/, '$1 ')
  const m = /^(\S+\s+)(.*)$/u.exec(t)
  if (!m) return t
  const deputy = /^(PHÓ|Q\.)\s+/u.exec(m[2])
  const head = deputy ? m[2].slice(deputy[0].length) : m[2]
  return m[1] + (deputy ? deputy[0] : '') + knownPosition(head)
}

/** The signer from the last authority line, the position and the name found in the block, with their traces. */
function signerOf(found: { authorities: Found[]; position: Found | null; name: Found | null }, traces: Record<string, FieldTrace>, report: Report, at: XLine | undefined): PlanDocument['signer'] {
  const { authorities, position, name } = found
  const auth = authorities[authorities.length - 1] ?? null
  const posText = position ? positionCase(position.text) : null
  const signer = auth || position || name
    ? { name: name ? nameCase(name.text) : null, position: posText, authority: auth ? authorityCase(auth.text) : null }
    : null
  if (auth) traces['signer.authority'] = { prov: provOf(auth.line), confidence: CONFIDENCE.signerAuthority, rule: 'extract:signer-authority' }
  if (position) traces['signer.position'] = { prov: provOf(position.line), confidence: CONFIDENCE.signerPosition, rule: 'extract:signer-position' }
  if (name) traces['signer.name'] = { prov: provOf(name.line), confidence: CONFIDENCE.signerName, rule: 'extract:signer-name' }
  if (!signer) report.warn('no signature block found (authority, position, name)', posOf(at), 'extract:signer-missing')
  else if (!name) report.warn('signature block without the signer\'s name', posOf((auth ?? position)?.line), 'extract:signer-name-missing')
  return signer
}

/** An archive entry ("Lưu: VT, NC.") ends the list unless it runs on (a trailing comma). */
function closesList(entry: string): boolean {
  return ARCHIVE_ENTRY.test(cleanEntry(entry)) && !/,\s*$/.test(entry)
}

export function extractEndBlock(lines: XLine[], endStart: number, report: Report, issuer?: string | null): EndBlock {
  const traces: Record<string, FieldTrace> = {}
  const authorities: { text: string; line: XLine }[] = []
  let position: { text: string; line: XLine } | null = null
  let name: { text: string; line: XLine } | null = null
  const entries: { text: string; notes: string[]; first: XLine }[] = []
  let inList = false
  let listClosed = false

  const rows = endRows(lines.slice(endStart))
  const boundary = jointSignatureBoundary(rows)
  const side = boundary != null ? issuerSignatureSide(rows, boundary, issuer) : 'left'
  if (boundary != null && side === 'right') report.info('joint document: the issuer\'s signature column is on the right (matched by its authority line)', posOf(rows[0]?.l), 'extract:signer-joint-column')
  for (const row of rows) {
    const { l } = row
    let text = row.text
    // joint documents: keep the issuer's signature column on rows outside the list
    if (boundary != null && !inList && !RECIPIENTS_HEADING.test(text)) {
      const kept = row.parts.filter((p) => (side === 'left' ? p.x < boundary : p.x >= boundary))
      if (kept.length < row.parts.length) text = kept.map((p) => p.text).join(' | ').replace(/\s+/g, ' ').trim()
    }
    let t = text.replace(SIGNING_TIME, ' ').replace(/\s+/g, ' ').trim()
    // a page marker an OCR tool wrote between the pages ("Page 9") is no part of the block
    if (PAGE_MARKER.test(t)) continue
    const h = RECIPIENTS_HEADING.exec(t)
    if (h && !inList && !listClosed) {
      inList = true
      t = t.slice(h[0].length).trim()
      // "Nơi nhận:" stands alone at the head of its column; upper-case text after it on the same
      // row is the signature column's first line ("Nơi nhận: T/M TỈNH ỦY")
      if (t && !BULLET.test(t) && !t.includes('|') && isUpper(t)) t = '| ' + t
    }
    // a "|" separates the columns: notes in parentheses stay left, the rest is the signature side
    let right = ''
    const bar = t.indexOf('|')
    if (bar >= 0) { right = t.slice(bar + 1).replace(/\|/g, ' ').replace(/\s+/g, ' ').trim(); t = t.slice(0, bar).trim() }
    const notes: string[] = []
    right = right.replace(RECIPIENT_NOTES, (m) => { notes.push(m); return ' ' }).trim()
    for (const side of [t, right]) {
      const a = AUTHORITY_RE.exec(side)
      if (a) authorities.push({ text: a[1].trim(), line: l })
    }
    t = t.replace(AUTHORITY_RE, ' ').trim()
    right = right.replace(AUTHORITY_RE, ' ').trim()
    for (const side of ['t', 'right'] as const) {
      const v = side === 't' ? t : right
      const p = trailingPosition(v)
      if (p && (p.rest === '' || BULLET.test(v) || side === 'right' || inList)) {
        position = { text: p.position, line: l }
        if (side === 't') t = p.rest; else right = p.rest
      }
    }
    // whatever is left on the right side is a stamp or the name
    right = right.replace(RANK_RE, '')
    t = t.replace(RANK_RE, '')
    if (right && looksLikeName(right) && !isOrganName(right)) name = { text: right, line: l }

    const isEntry = ENTRY.test(t)
    if (inList && !listClosed && t) {
      if (isEntry) {
        // a name after the entry's final full stop belongs to the signature column
        const tail = /^(.*\S[.;,])\s+([\p{Lu}][\p{L}]+(?:\s+[\p{Lu}][\p{L}]*){1,4})$/u.exec(t)
        if (tail && looksLikeName(tail[2]) && !isOrganName(tail[2])) { name = { text: tail[2], line: l }; t = tail[1] }
        entries.push({ text: t, notes, first: l })
        // "Lưu: VT, …" is the list's last entry (Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.11)
        if (closesList(t)) listClosed = true
        continue
      }
      const prev = entries[entries.length - 1]
      const prevText = prev ? cleanEntry(prev.text) : ''
      const prevOpen = prev && !/[;.]\s*$/.test(prev.text) && !closesList(prev.text)
      const person = looksLikeName(t) && !isOrganName(t)
      if (prev && prevOpen && !person) {
        prev.text += ' ' + t
        prev.notes.push(...notes)
        continue
      }
      // a list printed without dashes: each line after an entry closed by ";" is the next entry
      const unbulleted = prev && !BULLET.test(entries[0].text) && /;\s*$/.test(prev.text)
      if ((entries.length === 0 || unbulleted) && t && !person) {
        entries.push({ text: t, notes, first: l })
        if (closesList(t)) listClosed = true
        continue
      }
      if (prev && ARCHIVE_ENTRY.test(prevText)) listClosed = true
    } else if (notes.length && entries.length) entries[entries.length - 1].notes.push(...notes)
    if (t && looksLikeName(t) && !isOrganName(t)) name = { text: t, line: l }
  }

  const recipients = entries
    .map((e) => [cleanEntry(e.text), ...e.notes].join(' ').replace(/\s+/g, ' ').trim())
    .filter((e) => e.length > 0)
  if (entries.length) traces['recipients'] = { prov: provOf(entries[0].first, entries[entries.length - 1].first), confidence: CONFIDENCE.recipients, rule: 'extract:recipients-list' }
  const signer = signerOf({ authorities, position, name }, traces, report, lines[endStart] ?? lines[lines.length - 1])
  return { signer, recipients, traces }
}
