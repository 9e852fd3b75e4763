// Every document referenced anywhere in the plan (preamble and body), once per document.
import type { Citation } from '../schema/plan.js'
import { findCitations } from './cite.js'
import { joinLines, provOfSpan, type XLine } from './lines.js'
import type { Structure } from './structure.js'
import { CONFIDENCE } from './confidence.js'

/** Comparison key of a document number: no spaces, "//" → "/", trailing punctuation dropped. */
export function codeKey(n: string): string {
  return n.normalize('NFC').replace(/\s+/g, '').replace(/\/\/+/g, '/').replace(/[.,;]+$/, '')
}

export function extractCitations(lines: XLine[], st: Structure): Citation[] {
  const out: Citation[] = []
  const index = new Map<string, Citation>()
  // paragraphs: runs of non-blank lines, so that a citation broken over lines is read whole
  const paras: XLine[][] = []
  let cur: XLine[] = []
  const from = st.titleLines.length ? st.titleLines[0].i : 0
  const body = st.attachment ? [...lines.slice(from, st.endStart), ...lines.slice(st.attachment[0], st.attachment[1])] : lines.slice(from, st.endStart)
  for (const l of body) {
    if (!l.text || l.src.inTable) { if (cur.length) paras.push(cur); cur = []; continue }
    cur.push(l)
  }
  if (cur.length) paras.push(cur)
  for (const p of paras) {
    const j = joinLines(p)
    for (const h of findCitations(j.text)) {
      const inPreamble = p[0].i >= st.preamble[0] && p[0].i < st.preamble[1]
      const key = h.number ? codeKey(h.number) : `${h.type}|${h.date ?? h.year}|${h.subject ?? ''}`
      const known = index.get(key) ?? (h.number && /^\d+$/.test(h.number) ? [...index.values()].find((c) => c.number?.startsWith(h.number + '/') || c.number?.startsWith(h.number + '-')) : undefined)
      if (known) {
        if (inPreamble) known.inPreamble = true
        known.date ??= h.date
        known.issuer ??= h.issuer
        continue
      }
      const c: Citation = {
        type: h.type, number: h.number, date: h.date, issuer: h.issuer,
        text: j.text.slice(h.start, Math.min(h.end + 120, j.text.length)).split(/;/)[0].trim(),
        inPreamble, prov: provOfSpan(j, h.start, h.end), confidence: h.number ? CONFIDENCE.citedNumbered : CONFIDENCE.citedUnnumbered,
      }
      index.set(key, c)
      out.push(c)
    }
  }
  return out
}
