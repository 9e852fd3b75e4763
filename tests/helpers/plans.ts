import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Plan, SCHEMA_VERSION } from '../../src/schema/plan.js'

/**
 * Schema-valid plans for store, query, server and webhook tests: give the fields a test is about,
 * get a whole `Plan` (validated with `Plan.parse`, so a schema change breaks here, loudly).
 */
export type PlanSpec = {
  /** seed of the id (sha256 of it); default: derived from the other fields */
  seed?: string
  revision?: number
  issuer?: string
  issuerParent?: string | null
  type?: { name: string; code: string }
  number?: string | null
  date?: string | null
  title?: string
  citations?: { number: string; type?: string; issuer?: string; date?: string | null; inPreamble?: boolean }[]
  legalBases?: { number: string; type?: string; issuer?: string; text?: string }[]
  targets?: { text: string; value: number; unit?: string | null; deadline?: string | null }[]
  tasks?: { content: string; lead?: string | null; timeline?: string | null }[]
  text?: string
  needsReview?: boolean
}

const prov = (page = 1, line = 0) => ({ page, lines: [line, line] as [number, number] })

export function planId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex')
}

export function makePlan(spec: PlanSpec = {}): Plan {
  const type = spec.type ?? { name: 'Kế hoạch', code: 'KH' }
  const issuer = spec.issuer ?? 'Ủy ban nhân dân huyện Hớn Quản'
  const date = spec.date === undefined ? '2024-06-25' : spec.date
  const number = spec.number === undefined ? '154/KH-UBND' : spec.number
  const title = spec.title ?? 'Thực hiện chương trình mục tiêu quốc gia giảm nghèo bền vững'
  const id = planId(spec.seed ?? JSON.stringify([issuer, type, number, date, title]))
  const legalBases = (spec.legalBases ?? []).map((b, i) => ({
    relation: 'can-cu' as const,
    type: b.type ?? 'Nghị định',
    number: b.number,
    date: null,
    issuer: b.issuer ?? 'Chính phủ',
    subject: null,
    text: b.text ?? `Căn cứ ${b.type ?? 'Nghị định'} số ${b.number} của ${b.issuer ?? 'Chính phủ'};`,
    prov: prov(1, 10 + i),
    confidence: 0.95,
  }))
  const citations = (spec.citations ?? []).map((c, i) => ({
    type: c.type ?? 'Nghị định',
    number: c.number,
    date: c.date ?? null,
    issuer: c.issuer ?? 'Chính phủ',
    text: `${c.type ?? 'Nghị định'} số ${c.number}`,
    inPreamble: c.inPreamble ?? true,
    prov: prov(1, 20 + i),
    confidence: 0.9,
  }))
  const targets = (spec.targets ?? []).map((t, i) => ({
    text: t.text,
    value: t.value,
    valueMax: null,
    unit: t.unit ?? '%',
    deadline: t.deadline ?? null,
    subject: null,
    section: 'II. Mục tiêu',
    prov: prov(2, i),
    confidence: 0.8,
  }))
  const tasks = (spec.tasks ?? []).map((t, i) => ({
    id: String(i + 1),
    group: null,
    content: t.content,
    timeline: t.timeline ?? null,
    lead: t.lead ?? null,
    cooperating: [],
    outputs: null,
    origin: 'list' as const,
    prov: prov(3, i),
    confidence: 0.85,
  }))
  const year = date ? Number(date.slice(0, 4)) : null
  const pageText = [
    issuer.toUpperCase(),
    `Số: ${number ?? '   '}`,
    type.name.toUpperCase(),
    title,
    ...legalBases.map((b) => b.text),
    spec.text ?? '',
  ].join('\n')
  const plan = {
    schemaVersion: SCHEMA_VERSION,
    id,
    revision: spec.revision ?? 1,
    source: {
      fileName: `${id.slice(0, 8)}.pdf`,
      sha256: id,
      mediaType: 'application/pdf',
      byteSize: 1234,
      pageCount: 3,
      textOrigin: 'ocr',
      subfolder: null,
    },
    document: {
      type,
      number,
      numberParts: null,
      date,
      year,
      place: 'Hà Nội',
      issuer: { name: issuer, parent: spec.issuerParent ?? null },
      title,
      signer: { name: 'Nguyễn Văn A', position: 'Phó Chủ tịch', authority: 'KT. CHỦ TỊCH' },
      recipients: ['Như trên', 'Lưu: VT'],
      fields: {},
    },
    officialMetadata: {
      typeName: type.name, codeNumber: number?.split('/')[0] ?? null, codeNotation: number, issuedDate: date,
      organName: issuer, organNameParent: spec.issuerParent ?? null, subject: title, place: 'Hà Nội',
      signerName: 'Nguyễn Văn A', signerPosition: 'Phó Chủ tịch', signerAuthority: 'KT. CHỦ TỊCH',
      recipients: ['Như trên', 'Lưu: VT'], pageAmount: 3, language: 'vi',
    },
    legalBases,
    citations,
    outline: [],
    targets,
    tasks,
    responsibilities: [],
    budget: [],
    tables: [],
    text: { pages: [{ page: 1, origin: 'ocr', text: pageText, raw: pageText, confidence: 0.9 }] },
    quality: { ocrConfidence: 0.9, warnings: [], needsReview: spec.needsReview ?? false, normalization: null },
    processing: { pipelineVersion: 'test', languageModel: null, ocrEngine: 'tesseract.js', processedAt: '2024-07-01T00:00:00.000Z', durationMs: 1 },
  }
  return Plan.parse(plan)
}

/** Writes plans as `DIR/<id>.json` (what `kehoach process --out DIR` leaves). */
export function writePlans(dir: string, plans: Plan[]): void {
  mkdirSync(dir, { recursive: true })
  for (const p of plans) writeFileSync(path.join(dir, `${p.id}.json`), JSON.stringify(p, null, 2) + '\n')
}

/** Writes a `DIR/failed/<file>.error.json` like the pipeline does. */
export function writeFailure(dir: string, file: string, code = 'input.corrupt', message = 'PDF header missing'): void {
  mkdirSync(path.join(dir, 'failed'), { recursive: true })
  writeFileSync(
    path.join(dir, 'failed', `${file}.error.json`),
    JSON.stringify({ code, stage: 'ingest', message, hint: 'Copy it again.', retryable: false, file, at: '2024-07-01T00:00:00.000Z' }, null, 2),
  )
}

/** A small corpus with the shapes the tests ask about. */
export function samplePlans(): Plan[] {
  return [
    makePlan({
      seed: 'a',
      issuer: 'Ủy ban nhân dân tỉnh Bình Phước',
      title: 'Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025',
      number: '154/KH-UBND',
      date: '2022-03-10',
      legalBases: [{ number: '27/2022/NĐ-CP', text: 'Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ quy định cơ chế quản lý chương trình mục tiêu quốc gia;' }],
      targets: [{ text: 'Tỷ lệ hộ nghèo giảm 1,5%/năm', value: 1.5, deadline: 'giai đoạn 2021-2025' }],
      tasks: [{ content: 'Hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế', lead: 'Sở Lao động - Thương binh và Xã hội' }],
    }),
    makePlan({
      seed: 'b',
      issuer: 'Sở Giáo dục và Đào tạo',
      issuerParent: 'Ủy ban nhân dân tỉnh Đồng Nai',
      type: { name: 'Kế hoạch', code: 'KH' },
      title: 'Triển khai công tác chuyển đổi số trong giáo dục năm 2024',
      number: '1595/KH-SGDĐT',
      date: '2024-05-31',
      citations: [{ number: '27/2022/NĐ-CP' }, { number: '749/QĐ-TTg', type: 'Quyết định', issuer: 'Thủ tướng Chính phủ' }],
      targets: [{ text: '100% trường học sử dụng học bạ số', value: 100, deadline: '2030' }],
      tasks: [{ content: 'Đào tạo giáo viên về kỹ năng số', lead: 'Phòng Giáo dục' }],
    }),
    makePlan({
      seed: 'c',
      issuer: 'Tỉnh ủy Hà Giang',
      type: { name: 'Chương trình hành động', code: 'CTr' },
      title: 'Thực hiện Nghị quyết về phát triển kinh tế đêm',
      number: '12-CTr/TU',
      date: '2023-11-02',
      targets: [{ text: 'Doanh thu du lịch tăng 10%', value: 10, deadline: 'hằng năm' }],
      needsReview: true,
    }),
    makePlan({
      seed: 'd',
      issuer: 'Ủy ban nhân dân huyện Đắk Song',
      issuerParent: 'Ủy ban nhân dân tỉnh Đắk Nông',
      type: { name: 'Quyết định', code: 'QĐ' },
      title: 'Ban hành kế hoạch đào tạo nghề cho lao động nông thôn',
      number: '88/QĐ-UBND',
      date: null,
      citations: [{ number: '749/QĐ-TTg', type: 'Quyết định', issuer: 'Thủ tướng Chính phủ' }],
    }),
  ]
}
