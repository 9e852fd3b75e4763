import { readFileSync } from 'node:fs'
import { normalizeText, loadLanguageModel } from '../../src/normalize/index.js'
import { layoutDocument } from '../../src/layout/index.js'
import { toXLines } from '../../src/extract/lines.js'
import { findMarks, withoutMarks } from '../../src/extract/marks.js'
import { headerColumns } from '../../src/extract/header-columns.js'
import { findStructure } from '../../src/extract/structure.js'
const pages = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const model = loadLanguageModel()
const norm = pages.map((p: any) => ({ ...p, normalizedLines: normalizeText(p.lines.map((l: any) => l.text).join('\n'), { model, source: p.origin }).text.split('\n') }))
const laid = layoutDocument(norm)
const all = toXLines(laid)
const { covered } = findMarks(all)
const lines = withoutMarks(all, covered)
const cols = headerColumns(lines)
const st = findStructure(lines, cols)
console.log(JSON.stringify({ typeLine: cols.typeLine, subjectLine: cols.subjectLine, endStart: st.endStart, endEnd: st.endEnd, body: st.bodyStart, pre: st.preamble, n: lines.length }))
for (const l of lines) console.log(l.i, l.page, l.line, l.src.block ?? '', l.src.column ?? '', JSON.stringify(l.text))
