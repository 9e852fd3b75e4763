// Budget: amounts of money in the body, converted to đồng (VND), with the source of funds
// printed before them ("Ngân sách trung ương: 216 triệu đồng" → 216 000 000, source
// "Ngân sách trung ương"); a budget section without amounts yields its funding sources.
import type { BudgetItem } from '../schema/plan.js'
import { joinLines, provOfSpan, type XLine } from './lines.js'
import type { Section } from './outline.js'
import { findQuantities } from './quantities.js'
import { bodyRanges, type Structure } from './structure.js'

const BREAK = { text: '', src: {} } as unknown as XLine
const SOURCE = /(ngân sách[^,;:.()]*|nguồn[^,;:.()]*|vốn[^,;:.()]*|kinh phí[^,;:.()]*|xã hội hóa[^,;:.()]*)/iu

export function extractBudget(lines: XLine[], st: Structure, sections: Section[]): BudgetItem[] {
  const out: BudgetItem[] = []
  // paragraphs of the body
  const paras: XLine[][] = []
  let cur: XLine[] = []
  for (const l of bodyRanges(st).flatMap(([a, b]) => [...lines.slice(a, b), BREAK])) {
    if (l === BREAK) { if (cur.length) paras.push(cur); cur = []; continue }
    if (!l.text || l.src.inTable || /^[-–•+]|^\d+(\.\d+)*\.?\s|^[a-zđ]\)/u.test(l.text)) { if (cur.length) paras.push(cur); cur = l.text && !l.src.inTable ? [l] : [] ; continue }
    cur.push(l)
  }
  if (cur.length) paras.push(cur)
  for (const p of paras) {
    const j = joinLines(p)
    for (const q of findQuantities(j.text)) {
      if (!q.money) continue
      const before = j.text.slice(0, q.index)
      const head = before.split(/[;.](?=\s)/).pop() ?? ''
      const src = SOURCE.exec(head)?.[1]?.replace(/\s*(là|:)\s*$/i, '').replace(/[-–•\s]+$/, '').trim() ?? null
      out.push({
        source: src ? src.charAt(0).toUpperCase() + src.slice(1) : null,
        amount: q.value,
        unit: q.unit,
        amountVnd: Math.round(q.value * q.factor),
        text: j.text.replace(/^[-–•+]\s*/, '').trim(),
        prov: provOfSpan(j, q.index, q.index + q.length),
        confidence: 0.85,
      })
    }
  }
  if (!out.length) {
    for (const s of sections.filter((x) => x.ownRole === 'budget')) {
      const body = lines.slice(s.start, s.end + 1).filter((l) => l.text && !l.src.inTable)
      if (!body.length) continue
      const j = joinLines(body.slice(1).length ? body.slice(1) : body)
      for (const m of j.text.matchAll(/[^;.]+/g)) {
        const src = SOURCE.exec(m[0])
        if (!src) continue
        out.push({ source: src[1].trim(), amount: null, unit: null, amountVnd: null, text: m[0].trim(), prov: provOfSpan(j, m.index!, m.index! + m[0].length), confidence: 0.6 })
      }
    }
  }
  return out
}
