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
    const m = /\bnăm\s+(\d{4})(?!\s*[-–]\s*\d)/iu.exec(p.node.heading ?? '')
    if (m && p.role === 'targets') return { text: m[1], index: -1 }
  }
  return null
}

export function extractTargets(lines: XLine[], st: Structure, sections: Section[]): Target[] {
  const out: Target[] = []
  for (const it of items(lines, st, sections)) {
    if (!it.lines.length) continue
    const role = it.sec?.role ?? null
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
    let inherited: Deadline | null = null
    let from = 0
    const parts = [...j.text.matchAll(/;|\.(?=\s+\p{Lu})|$/gu)]
    for (const p of parts) {
      const clause = j.text.slice(from, p.index!)
      const base = from
      from = p.index! + p[0].length
      if (!clause.trim()) continue
      const deadlines = findDeadlines(clause)
      const counting = inTargets || inPurpose || inTasks || it.preamble || base + clause.length > committedFrom
      const qs = findQuantities(clause, { countUnits: counting, anyNoun: counting })
      let delivered = false
      for (const q of qs) {
        const committed = base + q.index > committedFrom
        // a Mục đích / Yêu cầu item with a deadline states objectives ("Trong năm 2025, …")
        const dated = inPurpose && (deadlines.some((d) => d.index < q.index && /^\d{4}$/.test(d.text)) || !!inherited)
        // a task item's counted output, and the counts that qualify it in the same clause
        const delivery = inTasks && !q.money && (DELIVERY_VERB.test(foldKeep(clause.slice(Math.max(0, q.index - 40), q.index))) || delivered)
        if (delivery) delivered = true
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
