// Recognises document citations in running text (Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.5:
// a citation gives the type, "số" + number, "ngày" + date, "của" + issuing body, then the
// subject "về …"): "Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ về …".
// Laws are cited by name and date ("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015").
import { DOC_TYPES, NAMED_LAW_TYPES } from './data/doc-types.js'
import { ORGAN_ABBREVIATIONS, ORGAN_HEADS, STANDALONE_ABBREVIATIONS } from './data/organs.js'
import { findDate } from './date.js'
import { NUMBER_RE } from './doc-number.js'
import { foldKeep } from './lines.js'
import { foldForSearch, organCase } from './text.js'
import { restoreIssuerCode } from './header.js'

export type CiteHit = {
  type: string
  number: string | null
  date: string | null
  year: number | null
  issuer: string | null
  subject: string | null
  /** offsets in the searched text: the whole citation head, and where its issuer part ends */
  start: number
  headEnd: number
  end: number
}

const TYPES = [...DOC_TYPES].sort((a, b) => b.name.length - a.name.length).map((t) => ({ t, f: foldKeep(t.name) }))
const NAMED = new Set(NAMED_LAW_TYPES)
/** Words that end the issuer and start the subject of a citation. */
const SUBJECT_START = /\s(về|quy định|hướng dẫn|ban hành|phê duyệt|sửa đổi|bổ sung|thực hiện|triển khai|tại|trong|đối với|giao|phân bổ|v\/v|sau đây|cụ thể|nhằm|với|khóa|khoá)(?![\p{L}])|[,;:(“"”]|\.(?:\s|$)/iu
const HEAD_FOLDS = [
  ...ORGAN_HEADS.map((h) => foldForSearch(h.words)),
  ...ORGAN_ABBREVIATIONS.map((a) => foldForSearch(a[0])),
  ...STANDALONE_ABBREVIATIONS.map((a) => foldForSearch(a[0])),
]

function startsWithOrgan(s: string): boolean {
  const f = foldForSearch(s)
  return HEAD_FOLDS.some((h) => f === h || f.startsWith(h + ' '))
}

function wordBoundary(f: string, k: number, len: number): boolean {
  const b = k === 0 ? ' ' : f[k - 1]
  const a = f[k + len] ?? ' '
  return !/[\p{L}\d]/u.test(b) && !/[\p{L}\d]/u.test(a)
}

const CODE_OF = new Map(DOC_TYPES.filter((t) => t.code).map((t) => [t.name, t.code as string]))

/**
 * A cited number's codes after diacritic loss ("12/2025/NQ-HDND", "03/2023/QD-TTg"): the type
 * code is the Phụ lục III code of the cited type word ("Quyết định" → QĐ), and a "D" of the issuer
 * code is restored from the cited issuer's name as in the header (restoreIssuerCode: "Hội đồng
 * nhân dân" → HĐND, "Ban Chỉ đạo 389" → BCĐ389).
 */
export function restoreCitedCode(number: string, type: string, issuer: string | null): string {
  if (!/D/.test(number)) return number
  const m = /^(\d[^/-]*(?:\/\d{4})?[/-])([^/-]+)(?:([/-])(.*))?$/u.exec(number)
  if (!m) return number
  let [, head, first, sep, rest] = m
  const code = CODE_OF.get(type)
  const typed = !!code && foldForSearch(first) === foldForSearch(code) && first.length === code.length
  if (typed) first = code!
  if (issuer) {
    if (rest) rest = restoreIssuerCode(rest, [issuer])
    else if (!typed) first = restoreIssuerCode(first, [issuer])
  }
  return `${head}${first}${rest != null ? `${sep}${rest}` : ''}`
}

/**
 * "<type> <name, up to 10 words, no punctuation> số <number>": the number belongs to the type
 * word when its type code is that type's code ("Chương trình công tác năm 2024 số 05/CTr-ĐCT").
 */
function named(after: string, type: string): { number: string; length: number } | null {
  const code = CODE_OF.get(type)
  if (!code) return null
  const m = /^(\s*[\p{L}\d]+(?:\s+[\p{L}\d]+){0,9}?)\s+(?:s[oôơóòỏõọốồổỗộớờởỡợ])\s*[:.]?\s*/iu.exec(after)
  if (!m) return null
  const nm = NUMBER_RE.exec(after.slice(m[0].length))
  if (!nm || nm.index !== 0) return null
  const codes = nm[4].replace(/\s+/g, '').replace(/[.,;:]+$/, '')
  if (foldForSearch(codes.split(/[-/]/)[0]).toLowerCase() !== foldForSearch(code).toLowerCase()) return null
  return { number: `${nm[1]}${nm[2] ? `/${nm[2]}` : ''}${nm[3].trim() === '-' ? '-' : '/'}${codes}`, length: m[0].length + nm[0].length }
}

/** Every citation in `text`, in order. */
export function findCitations(text: string): CiteHit[] {
  const f = foldKeep(text)
  const taken: [number, number][] = []
  const hits: CiteHit[] = []
  const starts: { k: number; name: string }[] = []
  for (const { t, f: tf } of TYPES) {
    let from = 0
    for (;;) {
      const k = f.indexOf(tf, from)
      if (k < 0) break
      from = k + 1
      if (!wordBoundary(f, k, tf.length)) continue
      if (taken.some(([a, b]) => k >= a && k < b)) continue
      taken.push([k, k + tf.length])
      starts.push({ k, name: t.name })
    }
  }
  starts.sort((a, b) => a.k - b.k)
  const inside: [number, number][] = []
  for (const { k, name } of starts) {
    if (inside.some(([a, b]) => k >= a && k < b)) continue
    const typeEnd = k + name.length
    let p = typeEnd
    const afterType = text.slice(p)
    // "số" in any o-spelling: restoring marks on de-accented text may write "sở", "sổ"
    const so = /^\s*(?:(?:s[oôơóòỏõọốồổỗộớờởỡợ])\s*[:.]?\s*)*/iu.exec(afterType)!
    p += so[0].length
    let number: string | null = null
    const nm = NUMBER_RE.exec(text.slice(p))
    if (nm && nm.index === 0) {
      const code = nm[4].replace(/\s+/g, '').replace(/[.,;:]+$/, '')
      const sep = nm[3].trim() === '-' ? '-' : '/'
      number = `${nm[1]}${nm[2] ? `/${nm[2]}` : ''}${sep}${code}`
      p += nm[0].length
    } else if (!so[0].trim() && CODE_OF.get(name) && named(text.slice(p), name)) {
      // a document cited by its name before its number ("Chương trình công tác năm 2024 số
      // 05/CTr-ĐCT ngày …"): the number's type code is the cited type's Phụ lục III code
      const nmd = named(text.slice(p), name)!
      number = nmd.number
      p += nmd.length
    } else if (so[0].trim() || /^\s*\d{1,5}\s+(?:ngày|,)/iu.test(afterType)) {
      const bare = /^\s*(\d{1,5})(?![\d/])/.exec(text.slice(p))
      if (bare) { number = bare[1]; p += bare[0].length }
    }
    let subject: string | null = null
    // named laws: "Luật Thanh niên năm 2020", "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
    if (!number && NAMED.has(name)) {
      // a law's name may hold commas ("Luật Phòng, chống thiên tai", "Luật Trật tự, an toàn giao
      // thông đường bộ") and ends at its date; without a date it ends at the first punctuation
      // an amending law is named after the law it amends ("Luật sửa đổi, bổ sung một số điều của Luật
      // Bảo hiểm y tế số 46/2014/QH13 ngày 13/6/2014"): the number and date that follow are its own,
      // and the amended law named inside is no citation of its own
      const amend = /^\s*((?:sửa đổi|bổ sung)[^;.]{0,160}?)(?=\s*,?\s*(?:số\s+\d|ngày\s+\d))/u.exec(text.slice(p))
      // a name ends at its date, or at its number ("Luật Khám bệnh, chữa bệnh số 15/2023/QH15 ngày …")
      const m = amend ?? /^\s*((?:[\p{Lu}][\p{L}]*)(?:(?:,?\s+)(?!Luật\b|Bộ luật\b|Pháp lệnh\b)[\p{L}]+){0,15}?)(?=\s*(?:,\s*)?ngày\s+\d{1,2}\s+tháng|\s*(?:,\s*)?ngày\s+\d{1,2}\/|\s*,?\s*số\s+\d{1,4}\/\d{4}\/)/u.exec(text.slice(p))
        ?? /^\s*((?:[\p{Lu}][\p{L}]*)(?:\s+[\p{L}]+){0,12}?)(?=\s*(?:,\s*)?(?:ngày|năm)\s+\d|\s*(?:số|[;,.(]|$))/u.exec(text.slice(p))
      if (!m) continue
      subject = m[1]
      if (amend) inside.push([p, p + m[0].length])
      p += m[0].length
      // a law passed since 2016 is cited with its number too ("Luật Hợp tác xã số 17/2023/QH15 ngày …";
      // Luật Ban hành văn bản quy phạm pháp luật 2015, Điều 10: số/năm/QHxx)
      const ln = /^\s*,?\s*(?:s[oôơóòỏõọốồổỗộớờởỡợ])\s*[:.]?\s*/iu.exec(text.slice(p))
      const lm = ln ? NUMBER_RE.exec(text.slice(p + ln[0].length)) : null
      if (ln && lm && lm.index === 0) {
        number = `${lm[1]}${lm[2] ? `/${lm[2]}` : ''}${lm[3].trim() === '-' ? '-' : '/'}${lm[4].replace(/\s+/g, '').replace(/[.,;:]+$/, '')}`
        p += ln[0].length + lm[0].length
      }
    }
    // date right after the number (a comma may stand between)
    let date: string | null = null
    let year: number | null = null
    const dm = /^\s*,?\s*(?=ngày|năm\s+\d{4})/iu.exec(text.slice(p))
    if (dm) {
      const rest = text.slice(p + dm[0].length)
      const d = findDate(rest)
      if (d && d.index === 0) { date = d.iso; year = d.year; p += dm[0].length + d.length }
      else {
        const y = /^năm\s+(\d{4})/iu.exec(rest)
        if (y) { year = Number(y[1]); p += dm[0].length + y[0].length }
      }
    }
    if (!number && !(NAMED.has(name) ? date || year : date)) continue
    // issuer: "của X", or an organ named right after ("ngày 24/02/2023 UBND huyện …")
    let issuer: string | null = null
    const headEnd = p
    const im = /^\s*,?\s*(của\s+)?/iu.exec(text.slice(p))!
    const rest = text.slice(p + im[0].length)
    const stop = SUBJECT_START.exec(rest)
    const cand = (stop ? rest.slice(0, stop.index) : rest).trim()
    if (cand && cand.length <= 90 && (im[1] || startsWithOrgan(cand))) {
      issuer = organCase(cand)
      p += im[0].length + (stop ? stop.index : rest.length)
    } else {
      // "Xét đề nghị của Phòng X tại Tờ trình số …": the proposer is the issuer of the Tờ trình
      const before = /của\s+([^;,.]{3,90}?)\s+tại\s*$/iu.exec(text.slice(Math.max(0, k - 120), k))
      if (before && startsWithOrgan(before[1])) issuer = organCase(before[1])
    }
    const subj = /^\s*,?\s*(về|v\/v|quy định|hướng dẫn|ban hành|phê duyệt|sửa đổi)?\s*(.*)$/iu.exec(text.slice(p))
    if (!subject && subj && subj[2]) subject = (subj[1] && !/^về$|^v\/v$/i.test(subj[1]) ? `${subj[1]} ` : '') + subj[2].replace(/^việc\s+/i, '').trim()
    if (number) number = restoreCitedCode(number, name, issuer)
    hits.push({ type: name, number, date, year, issuer, subject: subject ? subject.replace(/[;.,\s]+$/, '') || null : null, start: k, headEnd, end: p })
  }
  return hits
}
