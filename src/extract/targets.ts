// Targets: quantified objectives. Two conventions of plans make a quantity a target:
// - it is stated in an objectives section ("Mục tiêu", "Chỉ tiêu"): percentages and counted
//   results, with the deadline of its clause ("Đến năm 2025, 60% …; phấn đấu đến năm 2030 đạt
//   tỷ lệ 80%" → 60% by 2025, 80% by 2030);
// - it is an amount of money the plan commits ("Nguồn vốn thực hiện là: 249 triệu đồng"),
//   wherever it is stated in the body;
// - it is stated as a commitment: after "phấn đấu", "ít nhất", "tối thiểu", "không quá" in the body
//   or in the preamble (a Chỉ thị states its targets in its opening sentence), or with a deadline in
//   a Mục đích / Yêu cầu item ("Trong năm 2025, kiểm tra ít nhất 12 cơ quan…; 100% kiến nghị…");
// - it is a counted output a task item delivers ("tổ chức 04 lớp với khoảng 300 lượt người").
// Background figures ("tỷ lệ che phủ rừng đạt trên 62%", "mới có khoảng 35% học phần") are none of these.
import type { Target } from '../schema/plan.js'
import { foldKeep, joinLines, provOfSpan, type XLine } from './lines.js'
import type { Section } from './outline.js'
import { findDeadlines, findQuantities, type Deadline } from './quantities.js'
import { COMMITMENT, DELIVERY_VERB, FREQUENCY_AFTER } from './data/units.js'
import { bodyRanges, type Structure } from './structure.js'

/** The deepest section holding each line. */
export function sectionOfLines(lines: XLine[], sections: Section[]): Map<number, Section> {
  const map = new Map<number, Section>()
  for (const s of sections) for (let k = s.start; k <= s.end; k++) map.set(k, s)
  return map
}

/** Items: a section's own lines (marker line through the line before its first child). */
type Item = { sec: Section | null; lines: XLine[]; preamble?: boolean }
function items(lines: XLine[], st: Structure, sections: Section[]): Item[] {
  const out: Item[] = []
  // the preamble's paragraphs (blank-line separated): only commitments count there
  for (const l of lines.slice(st.preamble[0], st.preamble[1])) {
    if (!l.text || l.src.inTable) { if (out.length && out[out.length - 1].lines.length) out.push({ sec: null, lines: [], preamble: true }); continue }
    if (!out.length) out.push({ sec: null, lines: [], preamble: true })
    out[out.length - 1].lines.push(l)
  }
  let cur: Item | null = null
  const starts = new Map(sections.map((s) => [s.start, s]))
  for (const l of bodyRanges(st).flatMap(([a, b]) => lines.slice(a, b))) {
    const s = starts.get(l.i)
    if (s) { cur = { sec: s, lines: [] }; out.push(cur) }
    if (!l.text || l.src.inTable) continue
    if (!cur) { cur = { sec: null, lines: [] }; out.push(cur) }
    cur.lines.push(l)
  }
  return out
}

function sectionHeading(s: Section | null): string | null {
  let p = s
  while (p && (p.kind === 'dash' || p.kind === 'plus')) p = p.parent
  return p?.node.heading ?? null
}

/** "CHỈ TIÊU NĂM 2025": the single year in the heading of a targets section or one above it. */
function yearOfHeading(s: Section | null): Deadline | null {
  for (let p = s; p; p = p.parent) {
    if (p.kind === 'dash' || p.kind === 'plus') continue
    // a baseline in an item's heading ("Giảm 10% … so với năm 2020") is no deadline: findDeadlines
    const years = p.role === 'targets' ? findDeadlines(p.node.heading ?? '').filter((d) => /^\d{4}$/.test(d.text)) : []
    if (years.length === 1) return { text: years[0].text, index: -1 }
  }
  return null
}

/**
 * The deadline a list's lead-in gives its items: "Năm 2025, phấn đấu:", "Đến năm 2030 phấn đấu
 * đạt:", "Chỉ tiêu năm 2024 được giao:" — the last sentence of an item's own text ends with ":"
 * and names one year; the "-", "a)" items under it inherit it (their own year, if any, wins).
 */
export function leadInDeadline(text: string): Deadline | null {
  const t = text.trim()
  if (!t.endsWith(':')) return null
  const last = t.split(/[.;](?=\s+\p{Lu})/u).pop() ?? t
  const ds = findDeadlines(last).filter((d) => /^\d{4}$/.test(d.text))
  return ds.length ? { text: ds[ds.length - 1].text, index: -1 } : null
}

/**
 * Background in an objectives section (labelling convention: "Năm 2023, …",
 * "Hiện nay, …", "Tính đến …" are current-state figures, not targets): a clause that states the
 * present state ("hiện có", "hiện nay", "hiện chiếm", "tính đến") before its quantity, or whose
 * only years are before the plan's own year ("Năm 2024, Ban đã cấp mới 11 dự án" in a 2025 plan),
 * with no commitment word before the quantity. Folded text (foldKeep offsets).
 */
export const PRESENT_STATE = /(?<![\p{L}])(hien co|hien nay|hien chiem|hien dat|hien dang|tinh den|(?:toan|ca) (?:tinh|huyen|thi xa|thanh pho|quan|xa|phuong|nuoc|quoc|nganh) (?:hien )?co(?! them))(?![\p{L}])/u
/** A school year ("Năm học 2023 - 2024") dates a clause like a year: its closing year. */
const SCHOOL_YEAR = /(?<![\p{L}])nam hoc (\d{4})\s*[-–]\s*(\d{4})/u
export function pastYearClause(deadlines: Deadline[], docYear: number | null, folded = ''): boolean {
  const years = deadlines.filter((d) => /^\d{4}$/.test(d.text)).map((d) => Number(d.text))
  const school = SCHOOL_YEAR.exec(folded)
  if (school) years.push(Number(school[2]))
  return docYear != null && years.length > 0 && years.every((y) => y < docYear)
}

/**
 * "Đến ngày 29/02/2024, dư nợ … đạt 312,6 tỷ đồng" in a plan dated 14/3/2024: a figure stated as of
 * a day on or before the plan's date is the present state; "đến ngày 31/12/2025" after it is a
 * deadline. `clause` is the text before the first quantity onwards; `docDate` ISO or null.
 */
export function statedAsOf(clause: string, docDate: string | null): boolean {
  if (!docDate) return false
  const m = /^\P{L}*(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/iu.exec(clause)
  if (!m) return false
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`
  return iso <= docDate
}

export function extractTargets(lines: XLine[], st: Structure, sections: Section[], docYear: number | null = null, docDate: string | null = null): Target[] {
  const out: Target[] = []
  const leadIns = new Map<Section, Deadline | null>()
  const inheritedFrom = (s: Section | null): Deadline | null => {
    for (let p = s?.parent ?? null; p; p = p.parent) { const d = leadIns.get(p); if (d) return d }
    return null
  }
  for (const it of items(lines, st, sections)) {
    if (it.sec) leadIns.set(it.sec, leadInDeadline(joinLines(it.lines).text))
    if (!it.lines.length) continue
    const role = it.sec?.role ?? null
    // a background section ("Tình hình", "Thực trạng", "Kết quả năm 2024", "Đặc điểm tình hình") states
    // figures of the present or the past, money included: none is a target (a target is a value to reach)
    if (role === 'background') continue
    const inTargets = role === 'targets'
    const inPurpose = role === 'purpose'
    const inTasks = role === 'tasks'
    // where a commitment word opens the objectives of an item (offset in the item's text), if any
    const itemText = joinLines(it.lines).text
    const commit = role === 'responsibilities' || role === 'budget' ? null : COMMITMENT.exec(foldKeep(itemText))
    const committedFrom = commit ? commit.index : Infinity
    const j = joinLines(it.lines)
    const headingYear = inTargets ? yearOfHeading(it.sec) : null
    // clauses: split at ";" and sentence ends; the deadline carries over within an item
    let inherited: Deadline | null = inTargets ? inheritedFrom(it.sec) : null
    // a sentence about the past ("Năm 2024, …; tỷ lệ … đạt 66,3%.") stays background to its end
    let pastSentence = false
    // the heading's own year ("CHỈ TIÊU NĂM 2024 Năm 2023, toàn tỉnh có …") does not date the first clause
    const heading = it.sec?.node.heading ?? ''
    const hk = heading ? j.text.indexOf(heading) : -1
    const headEndOff = hk >= 0 ? hk + heading.length : 0
    let from = 0
    // (a sentence may follow in brackets: "… trở lên. (Năm 2023 toàn Đảng bộ kết nạp 196 đảng viên.)" —
    // a remark of its own, so its past year does not make the figure before it background)
    const parts = [...j.text.matchAll(/;|\.(?=\s+[(“"]?\p{Lu})|$/gu)]
    for (const p of parts) {
      const clause = j.text.slice(from, p.index!)
      const base = from
      from = p.index! + p[0].length
      if (!clause.trim()) continue
      const deadlines = findDeadlines(clause)
      const foldedClause = foldKeep(clause)
      const ownYears = deadlines.filter((d) => base + d.index >= headEndOff)
      const bodyFold = foldedClause.slice(Math.max(0, headEndOff - base))
      const firstQ = /\d/.exec(bodyFold)?.index ?? bodyFold.length
      const stateHere = (PRESENT_STATE.test(bodyFold.slice(0, firstQ)) || statedAsOf(clause.slice(Math.max(0, headEndOff - base)), docDate)) && !COMMITMENT.test(bodyFold.slice(0, firstQ))
      if (pastYearClause(ownYears, docYear, bodyFold) || stateHere) pastSentence = true
      else if (ownYears.some((d) => /^\d{4}$/.test(d.text)) || COMMITMENT.test(bodyFold)) pastSentence = false
      const pastHere = pastSentence
      if (p[0] === '.' || p[0] === '') pastSentence = false
      const counting = inTargets || inPurpose || inTasks || it.preamble || base + clause.length > committedFrom
      const qs = findQuantities(clause, { countUnits: counting, anyNoun: counting, durations: inTargets })
      let delivered = false
      for (const q of qs) {
        const committed = base + q.index > committedFrom
        // a Mục đích / Yêu cầu item with a deadline states objectives ("Trong năm 2025, …")
        const dated = inPurpose && (deadlines.some((d) => d.index < q.index && /^\d{4}$/.test(d.text)) || !!inherited)
        // a task item's counted output, and the counts that qualify it in the same clause
        const delivery = inTasks && !q.money && (DELIVERY_VERB.test(foldKeep(clause.slice(Math.max(0, q.index - 40), q.index))) || delivered)
        if (delivery) delivered = true
        // background figures in an objectives section: the present state, or a past year's results
        const commitBefore = COMMITMENT.test(foldedClause.slice(0, q.index))
        const background = inTargets && !commitBefore && !committed && pastHere
        if (background) continue
        const accepted = inTargets || committed || (inPurpose && dated) || delivery || (q.money && !it.preamble)
        if (!accepted) continue
        // outside an objectives list, a frequency ("ít nhất 02 lần/năm") is a working rule
        if (!inTargets && FREQUENCY_AFTER.test(clause.slice(q.index + q.length))) continue
        // outside an objectives list only known count units, % and money are read as targets
        if (!inTargets && !q.money && q.unit !== '%' && !committed && !delivery && !dated) continue
        // the deadline of a quantity: a year stated right after it, before the next quantity ("10% GRDP
        // vào năm 2025 và 20% GRDP vào năm 2030"); else the last one before it ("Đến năm 2025,
        // 100% …, 90% …"); else a later one in the clause; else the item's; else the year in the
        // heading of its list ("CHỈ TIÊU NĂM 2025")
        const nextQ = qs.find((x) => x.index > q.index)
        const before = deadlines.filter((d) => d.index < q.index)
        const after = deadlines.filter((x) => x.index > q.index)
        const stated = after.find((x) => (!nextQ || x.index < nextQ.index) && /^\d{4}$/.test(x.text))
        const d = stated ?? before[before.length - 1] ?? after[0] ?? inherited ?? headingYear
        const subj = clause.slice(q.index + q.length).replace(/^[\s(]*/, '').split(/[,;.(]/)[0].trim()
        out.push({
          text: clause.trim(),
          value: q.value,
          valueMax: q.valueMax,
          unit: q.unit,
          // money stated as an objective ("dư nợ 250 tỷ đồng" under "CHỈ TIÊU NĂM 2024") has a target's deadline
          deadline: q.money && !inTargets ? (deadlines[0]?.text ?? null) : d?.text ?? null,
          subject: subj || null,
          section: sectionHeading(it.sec),
          prov: provOfSpan(j, base + q.index, base + q.index + q.length),
          confidence: inTargets ? 0.85 : 0.7,
        })
      }
      if (deadlines.length) inherited = deadlines[deadlines.length - 1]
    }
  }
  return out
}
