// Responsibilities: under "Tổ chức thực hiện", each numbered (or lettered) item names an agency
// ("1. Phòng Lao động, Thương binh và Xã hội", "**2. Sở Nội vụ:** Phối hợp …", "Đề nghị …")
// and its duties are the "-" items or sentences below it.
import type { Responsibility } from '../schema/plan.js'
import { joinLines, type XLine } from './lines.js'
import { sectionBody, type Section } from './outline.js'

export function extractResponsibilities(lines: XLine[], sections: Section[]): Responsibility[] {
  const out: Responsibility[] = []
  for (const root of sections.filter((s) => s.ownRole === 'responsibilities')) {
    const kids = sections.filter((s) => s.parent === root && s.kind !== 'dash' && s.kind !== 'plus')
    for (const s of kids) {
      let agency = s.node.heading
      let inline = s.inline
      const colon = agency.indexOf(':')
      if (colon > 0) { inline = `${agency.slice(colon + 1)} ${inline}`.trim(); agency = agency.slice(0, colon) }
      agency = agency.replace(/^(đề nghị|giao|các đồng chí)\s+/iu, '').replace(/[.:]\s*$/, '').trim()
      const dashes = sections.filter((d) => d.parent === s && (d.kind === 'dash' || d.kind === 'plus')).map((d) => d.node.heading)
      let duties = dashes
      if (!duties.length) {
        const body = sectionBody(lines, s)
        const text = [inline, body.length ? joinLines(body).text : ''].join(' ').trim()
        duties = text.split(/(?<=[.;])\s+(?=\p{Lu})/u).map((x) => x.trim()).filter(Boolean)
      } else if (inline) duties = [inline, ...duties]
      out.push({ agency, duties, prov: s.node.prov, confidence: 0.8 })
    }
  }
  return out
}
