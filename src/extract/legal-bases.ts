// Legal bases: the documents cited in the preamble ("Căn cứ …", "Thực hiện …", "Xét đề nghị …",
// "Theo đề nghị …"), Nghị định 30/2020/NĐ-CP Phụ lục I mục II.5b. Several per clause are
// separated by ";". Inside one citation, further documents named in its subject ("về thực hiện
// Nghị quyết số 21-NQ/TW") are mentions, not bases: a later citation counts as a basis only when a
// separator (";", ",", "và") alone stands between them, or when it is cited in full (number, date and
// issuer: "kèm theo Kế hoạch thực hiện Nghị quyết số 99/NQ-CP ngày 03/10/2017 của Chính phủ"), which a
// preamble's reader counts among the documents it cites. The same document cited again in short form
// ("27/NĐ-CP" after "27/2022/NĐ-CP", same date) is listed once.
import type { LegalBasis } from '../schema/plan.js'
import type { Report } from '../report.js'
import { PREAMBLE_VERBS } from './data/header-patterns.js'
import { findCitations, type CiteHit } from './cite.js'
import { joinLines, posOf, provOfSpan, foldKeep, type XLine } from './lines.js'
import type { Structure } from './structure.js'
import { codeKey } from './citations.js'
import { findDate } from './date.js'
import { DOC_TYPES } from './data/doc-types.js'
import { expandAbbreviations, organCase } from './text.js'
import { isPosition, startsWithOrganWord } from './signer.js'
import { CONFIDENCE } from './confidence.js'

type Relation = LegalBasis['relation']

/**
 * A cited text followed by the one that amended it: "đã được sửa đổi, bổ sung (một số điều) (tại | bởi |
 * theo) (Khoản …) (Điều …)" right before the amending document — the way a preamble cites a text as in
 * force (Nghị định 34/2016/NĐ-CP, Phụ lục I mẫu: "Căn cứ … đã được sửa đổi, bổ sung bởi …").
 */
const AMENDED_BY = /(?:sửa đổi|bổ sung)(?:\s+một số điều)?\s+(?:tại|bởi|theo)(?:\s+(?:khoản|điểm|điều)\s+[\p{L}\d.]+)*\s*$/iu

function relationAt(fold: string): Relation | null {
  const t = fold.trimStart()
  for (const v of PREAMBLE_VERBS) if (t.startsWith(v.folded + ' ')) return v.relation
  return null
}

/** Segments of the preamble: split at ";" and at sentence ends. */
function segments(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  const re = /;|\.(?=\s+[\p{Lu}])|:\s*$/gu
  let last = 0
  for (const m of text.matchAll(re)) {
    out.push({ start: last, end: m.index! })
    last = m.index! + m[0].length
  }
  out.push({ start: last, end: text.length })
  return out.filter((s) => text.slice(s.start, s.end).trim())
}

/** Another document named in the same clause: "và" or "," then a capitalised type word. */
const NEXT_DOC = new RegExp(`(?:\\s+và|,)\\s+(?=(?:${[...DOC_TYPES].sort((a, b) => b.name.length - a.name.length).map((t) => t.name).join('|')})(?![\\p{L}]))`, 'u')

const BARE_TYPES = [...DOC_TYPES].sort((a, b) => b.name.length - a.name.length).map((t) => ({ name: t.name, f: foldKeep(t.name) }))

/** A segment that opens with a preamble verb (or a list separator) and a type word, with no number. */
/** A number without its year part: "27/2022/NĐ-CP" → "27/NĐ-CP". */
function shortNumber(n: string): string {
  return codeKey(n).replace(/^(\d+[a-z]?)\/\d{4}\//u, '$1/')
}

export function bareCitation(seg: string, opts: { listed?: boolean } = {}): CiteHit | null {
  const f = foldKeep(seg)
  const lead = /^\s*(?:(?:can cu|thuc hien|trien khai)\s+)?/.exec(f)![0]
  const at = lead.length
  const type = BARE_TYPES.find((t) => f.startsWith(t.f + ' ', at) && /^[\p{Lu}]/u.test(seg.slice(at)))
  if (!type) return null
  const whole = seg.slice(at + type.name.length)
  // its own text ends where another document is named with "và" or "," ("Mệnh lệnh huấn luyện năm
  // 2025 của Tư lệnh Quân khu 4 và Chỉ lệnh số 35/CL-BTL …"): that one is cited on its own
  const nextDoc = NEXT_DOC.exec(whole)
  const rest = nextDoc ? whole.slice(0, nextDoc.index) : whole
  // a number or date would have made it an ordinary citation
  if (/^\s*(số|so)\b/iu.test(rest) || /\d{1,5}\s*[/-]\s*\p{Lu}/u.test(rest.slice(0, 40)) || /\sso\s+\d/.test(foldKeep(rest))) return null
  // its date may follow its name ("Nghị quyết Đại hội … nhiệm kỳ 2025 - 2030 thông qua ngày 12/8/2025"):
  // the first date of the segment, before any other type word
  const dk = /(?<![\p{L}])ngày\s+\d/iu.exec(rest)
  const other = BARE_TYPES.find((t) => { const k = foldKeep(rest).indexOf(' ' + t.f + ' '); return k >= 0 && (!dk || k < dk.index) && /^\s\p{Lu}/u.test(rest.slice(k)) })
  const dated = dk && !other ? findDate(rest.slice(dk.index)) : null
  const date = dated && dated.index === 0 ? dated : null
  const cua = /\s+của\s+([^,;]{3,80}?)(?:\s+(?:về|nhiệm kỳ)\b|[,;.]|$)/u.exec(rest)
  // the document is named (a capitalised word after the type) or its issuer is given ("của …")
  // (an organ, or a commander or head by title: "của Tư lệnh Quân khu 4", "của Chủ tịch UBND tỉnh")
  const issuerNamed = !!cua && (startsWithOrganWord(expandAbbreviations(cua[1])) || isPosition(cua[1].split(/\s+/).slice(0, 3).join(' ')) || isPosition(cua[1].split(/\s+/).slice(0, 2).join(' ')))
  if (!/^\s+[\p{Lu}]/u.test(rest) && !issuerNamed) return null
  if (opts.listed && !issuerNamed) return null
  const end = at + type.name.length + (cua ? cua.index + cua[0].length : (/[,;]/.exec(rest)?.index ?? rest.length))
  return { type: type.name, number: null, date: date?.iso ?? null, year: date?.year ?? null, issuer: cua ? organCase(cua[1]) : null, subject: rest.split(/[,;]/)[0].trim() || null, start: at, headEnd: end, end }
}

export function extractLegalBases(lines: XLine[], st: Structure, report: Report): LegalBasis[] {
  const pre = lines.slice(st.preamble[0], st.preamble[1]).filter((l) => l.text)
  if (!pre.length) return []
  // paragraphs: a new one starts at a preamble verb at the start of a line
  const paras: XLine[][] = []
  for (const l of pre) {
    // a preamble verb opens a paragraph with a capital ("Thực hiện …"); a wrapped line that starts
    // with it in lower case ("… về tiếp tục / thực hiện Nghị quyết …") continues the subject
    if (!paras.length || (relationAt(l.fold) && /^\p{Lu}/u.test(l.text))) paras.push([l])
    else paras[paras.length - 1].push(l)
  }
  const out: LegalBasis[] = []
  const seen = new Set<string>()
  for (const para of paras) {
    const j = joinLines(para)
    const f = foldKeep(j.text)
    let relation: Relation = relationAt(f) ?? 'other'
    for (const seg of segments(j.text)) {
      const segText = j.text.slice(seg.start, seg.end)
      const r = relationAt(f.slice(seg.start, seg.end))
      if (r) relation = r
      const hits = findCitations(segText)
      // a document cited by its name alone as the object of the verb ("Căn cứ Nghị quyết Đại hội đại
      // biểu Đảng bộ huyện lần thứ XXIII", "Căn cứ Chương trình công tác Đoàn … năm 2024 của Ban
      // Thường vụ Tỉnh đoàn"): number and date null
      const bare = bareCitation(segText)
      if (bare && !hits.some((x) => x.start <= bare.start + 1)) hits.unshift(bare)
      // … and one named alone in a list under the verb, after a comma, with its issuer ("Thực hiện Kế
      // hoạch số 125/KH-UBND … năm 2025, Chương trình công tác năm 2025 của Liên minh Hợp tác xã Việt Nam")
      const listedBare = new Set<CiteHit>()
      for (const m of segText.matchAll(/,\s+(?=\p{Lu})/gu)) {
        const at = m.index! + m[0].length
        if (hits.some((x) => x.start <= at && at < Math.max(x.end, x.headEnd))) continue
        const b = bareCitation(segText.slice(at), { listed: true })
        if (!b || b.start !== 0 || hits.some((x) => x.start === at)) continue
        const shifted = { ...b, start: at, headEnd: b.headEnd + at, end: b.end + at }
        listedBare.add(shifted)
        hits.push(shifted)
      }
      hits.sort((a, b) => a.start - b.start)
      let prev: CiteHit | null = null
      const bases: CiteHit[] = []
      for (const h of hits) {
        if (prev) {
          const between = segText.slice(prev.headEnd, h.start)
          const issuerEnd = prev.end > prev.headEnd && prev.issuer ? prev.end : prev.headEnd
          const gap = segText.slice(issuerEnd, h.start)
          // a list of documents under one verb: "Chỉ thị số 10/CT-TTg ngày … về …, Kế hoạch số 35/KH-UBND
          // ngày … của …": a full citation (number and date) right after a comma opens a new item,
          // while a document named inside a subject follows a word ("thực hiện Nghị quyết số 21-NQ/TW")
          // (a date printed but misread, "08/9/2925", still makes the citation full: its year is kept)
          const dated = !!h.date || !!h.year
          const listed = /,\s*$/u.test(segText.slice(0, h.start)) && ((!!h.number && dated) || listedBare.has(h))
          // … and after "và" a citation complete with number, date and its own issuer ("… ban hành Chương
          // trình hành động thực hiện Nghị quyết số 29-NQ/TW và Chương trình hành động số 38-CTr/TU ngày
          // 15/6/2023 của Tỉnh ủy Bình Dương"): a document named inside a subject is not cited in full
          || (/\svà\s*$/u.test(segText.slice(0, h.start)) && !!h.number && dated && !!h.issuer)
          // … and the document that amended the one cited ("Nghị định số 116/2021/NĐ-CP … được sửa đổi, bổ
          // sung tại Khoản 13 Điều 20 Nghị định số 184/2025/NĐ-CP"): the text in force is both
          || AMENDED_BY.test(between)
          // … and a document cited in full (number, date, issuer) inside another's subject: cited all the same
          || (!!h.number && !!h.date && !!h.issuer)
          if (!listed && !/^\s*(,|và|;)?\s*$/u.test(gap) && !/^\s*(,|và)?\s*$/u.test(between)) continue
        }
        bases.push(h)
        prev = h
      }
      bases.forEach((h, n) => {
        const key = h.number ? codeKey(h.number) : `${h.type}|${h.date ?? h.year ?? h.subject}`
        // the same document cited again in a short form ("Nghị định số 27/NĐ-CP ngày 19/4/2022" after
        // "Nghị định số 27/2022/NĐ-CP ngày 19/4/2022"): same type, serial, code and date
        const short = h.number && h.date ? `${h.type}|${shortNumber(h.number)}|${h.date}` : null
        if (seen.has(key) || (short && seen.has(short))) return
        seen.add(key)
        if (short) seen.add(short)
        const next = bases[n + 1]
        const subjEnd = next ? next.start : segText.length
        const subject = !h.number && h.subject && h.end === h.headEnd && /^(Luật|Bộ luật|Pháp lệnh|Hiến pháp)$/.test(h.type)
          ? h.subject
          : segText.slice(h.end, subjEnd).replace(/^\s*,?\s*(về việc|về|v\/v)\s+/iu, '').replace(/,\s+[^,]{3,80}\s+ban hành\s.*$/u, '').trim()
        const clause = segText.slice(h.start, subjEnd).trim()
        const absStart = seg.start + h.start
        out.push({
          relation,
          type: h.type,
          number: h.number,
          date: h.date,
          issuer: h.issuer,
          subject: subject ? subject.replace(/[;,.\s]+$/, '').replace(/^[“"]|[”"]$/g, '') || null : null,
          text: clause.replace(/[;,.\s]+$/, '').replace(/\s+và$/u, ''),
          prov: provOfSpan(j, absStart, seg.start + subjEnd),
          confidence: h.number ? CONFIDENCE.citedNumbered : CONFIDENCE.legalBasisUnnumbered,
        })
      })
    }
  }
  if (!out.length) report.info('no legal basis found in the preamble', posOf(pre[0]), 'extract:legal-bases-none')
  return out
}

