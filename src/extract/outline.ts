// The section tree of the body: I., II. / 1., 2. / 1.1. / a), b) / -, + (the numbering order of
// Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.8 "bố cục": phần, chương, mục, điều, khoản, điểm;
// plans number sections I., 1., 1.1., a), then "-" and "+" items).
import type { OutlineNode } from '../schema/plan.js'
import { SECTION_ROLES, type SectionRole } from './data/sections.js'
import { provOf, type XLine } from './lines.js'
import { bodyRanges, type Structure } from './structure.js'
import { foldForSearch, isUpper } from './text.js'

export type Kind = 'roman' | 'arabic' | 'decimal' | 'letter' | 'dash' | 'plus'
export type Section = {
  node: OutlineNode
  kind: Kind
  rank: number
  /** index of the marker line and of the last line of the section (inclusive) */
  start: number
  end: number
  /** lines of the heading */
  headEnd: number
  /** body text on the marker line after the bold heading ("2. Sở Nội vụ: Phối hợp …") */
  inline: string
  parent: Section | null
  role: SectionRole | null
  ownRole: SectionRole | null
}

const MARKERS: { kind: Kind; re: RegExp }[] = [
  { kind: 'roman', re: /^(?:phần\s+)?([IVX]{1,5})\s*[.:)\-–]\s*(.*)$/iu },
  { kind: 'decimal', re: /^(\d{1,2}(?:\.\d{1,2}){1,3})\s*[.)]?\s+(\S.*)$/u },
  { kind: 'arabic', re: /^(\d{1,2})\s*[.)]\s*(\p{L}.*|[“"(].*)$/u },
  { kind: 'letter', re: /^([a-zđ])\s*[)]\s*(.*)$/u },
  { kind: 'dash', re: /^([-–•])\s*(\S.*)$/u },
  { kind: 'plus', re: /^(\+)\s*(\S.*)$/u },
]

function rankOf(kind: Kind, id: string): number {
  switch (kind) {
    case 'roman': return 1
    case 'arabic': return 2
    case 'decimal': return 2 + id.split('.').length - 1
    case 'letter': return 6
    case 'dash': return 7
    case 'plus': return 8
  }
}

export function matchMarker(text: string): { kind: Kind; id: string; marker: string; rest: string } | null {
  for (const { kind, re } of MARKERS) {
    const m = re.exec(text)
    if (!m) continue
    if (kind === 'roman' && !/^[IVX]+$/.test(m[1])) continue
    if (kind === 'roman' && m[1].length === 1 && m[1] !== 'I' && m[1] !== 'V' && m[1] !== 'X') continue
    const marker = text.slice(0, text.length - m[2].length).trim()
    return { kind, id: kind === 'dash' || kind === 'plus' ? m[1] : m[1].toUpperCase() === m[1] || kind !== 'roman' ? m[1] : m[1], marker, rest: m[2].trim() }
  }
  return null
}

export function roleOf(heading: string): SectionRole | null {
  const f = foldForSearch(heading).replace(/^[\W\d]+/, '')
  for (const r of SECTION_ROLES) if (r.re.test(f) && (!r.titleOnly || isUpper(heading))) return r.role
  return null
}

export function extractOutline(lines: XLine[], st: Structure): Section[] {
  const ranges = bodyRanges(st)
  const body = ranges.flatMap(([a, b]) => lines.slice(a, b))
  const sections: Section[] = []
  const stack: Section[] = []
  let lastText = st.bodyStart
  const lengths = body.map((l) => l.text.length).filter((x) => x > 0).sort((a, b) => a - b)
  const wrapWidth = lengths[Math.floor(lengths.length * 0.9)] ?? 80
  for (let n = 0; n < body.length; n++) {
    const l = body[n]
    if (!l.text || l.src.inTable) continue
    lastText = l.i
    const m = matchMarker(l.text)
    if (!m) continue
    const rank = rankOf(m.kind, m.id)
    // heading: the bold run when the source marks it, else the line and its short continuation
    let heading = m.rest
    let inline = ''
    let headEnd = l.i
    const bold = /^\s*(?:#+\s*)?\*\*(.+?)\*\*\s*(.*)$/.exec(l.src.text)
    if (bold && m.kind !== 'dash' && m.kind !== 'plus') {
      const mm = matchMarker(bold[1].trim())
      heading = (mm ? mm.rest : bold[1]).trim()
      inline = bold[2].trim()
    } else {
      // a heading wraps onto the next lines when its line runs to the full text width and the
      // block ends (blank line or next marker) within a few lines; else what follows is a paragraph
      const maxLines = m.kind === 'dash' || m.kind === 'plus' ? 8 : 3
      const block: XLine[] = []
      let k = n + 1
      for (; k < body.length && block.length <= maxLines; k++) {
        const nx = body[k]
        if (!nx.text || matchMarker(nx.text)) break
        block.push(nx)
      }
      const closed = k >= body.length || !body[k].text || !!matchMarker(body[k].text)
      const wraps = l.text.length >= 0.7 * wrapWidth
      if ((m.kind === 'dash' || m.kind === 'plus' || (closed && wraps && block.length <= maxLines - 1)) && !/[.:]$/.test(heading)) {
        for (const nx of block.slice(0, maxLines)) {
          heading += ' ' + nx.text
          headEnd = nx.i
          if (/[.:]$/.test(nx.text) && m.kind !== 'dash' && m.kind !== 'plus') break
        }
      }
    }
    heading = heading.replace(/^[*\s]+|[*\s]+$/g, '')
    while (stack.length && stack[stack.length - 1].rank >= rank) stack.pop()
    const parent = stack[stack.length - 1] ?? null
    const ownRole = m.kind === 'dash' || m.kind === 'plus' ? null : roleOf(heading)
    const node: OutlineNode = {
      id: m.id, level: stack.length + 1, marker: m.marker, heading,
      endPage: l.page, endLine: l.line, prov: provOf(l, lines[headEnd]), confidence: 0.85,
    }
    const s: Section = { node, kind: m.kind, rank, start: l.i, end: l.i, headEnd, inline, parent, ownRole, role: ownRole ?? parent?.role ?? null }
    sections.push(s)
    stack.push(s)
  }
  // ends: the line before the next section of the same or a higher rank
  for (let k = 0; k < sections.length; k++) {
    const s = sections[k]
    const next = sections.slice(k + 1).find((t) => t.rank <= s.rank)
    let end = next ? next.start - 1 : lastText
    // a section ends with the body range it starts in (the document's own body, an attached one)
    const range = ranges.find(([a, b]) => s.start >= a && s.start < b)
    if (range && end >= range[1]) end = range[1] - 1
    while (end > s.start && !lines[end].text) end--
    s.end = end
    s.node.endPage = lines[end].page
    s.node.endLine = lines[end].line
  }
  return sections
}

/** Lines of a section after its heading (body text), table lines left out. */
export function sectionBody(lines: XLine[], s: Section): XLine[] {
  return lines.slice(s.headEnd + 1, s.end + 1).filter((l) => l.text && !l.src.inTable)
}
