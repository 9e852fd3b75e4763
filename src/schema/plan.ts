import { z } from 'zod'
import { Box, Confidence, Prov } from './provenance.js'
import { PageFlags } from './page.js'

/**
 * Output JSON, schema v1: the contract of ../shared/SPEC.md. Types are inferred from here
 * and nowhere else; `kehoach schema` prints the JSON Schema generated from these objects.
 * Add fields freely; renaming a SPEC path needs a major version bump.
 */
export const SCHEMA_VERSION = '1.0.0'

const Str = z.string()
const NStr = z.string().nullable()
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('ISO date YYYY-MM-DD')

/** Trace of one extracted scalar: where, how sure, which rule. */
export const FieldTrace = z.object({
  prov: Prov,
  confidence: Confidence,
  rule: z.string(),
})
export type FieldTrace = z.infer<typeof FieldTrace>

const traced = { prov: Prov, confidence: Confidence }

export const DocumentType = z.object({
  name: NStr.describe('as the document calls itself, sentence case: "Kế hoạch"'),
  code: NStr.describe('Nghị định 30/2020/NĐ-CP, Phụ lục III abbreviation: "KH"'),
})

export const NumberParts = z.object({
  serial: NStr.describe('"154", null when left blank for a handwritten number'),
  year: z.number().int().nullable(),
  typeCode: NStr,
  issuerCode: NStr,
})

/** Parts of the date as printed: a handwritten day left unread keeps the printed month and year. */
export const DateParts = z.object({
  day: z.number().int().nullable(),
  month: z.number().int().nullable(),
  year: z.number().int().nullable(),
})

export const Signer = z.object({
  name: NStr,
  position: NStr,
  authority: NStr.describe('"KT. CHỦ TỊCH", "T/M TỈNH ỦY", "TM. ỦY BAN NHÂN DÂN"…'),
})

export const Issuer = z.object({
  name: NStr.describe('most specific issuing body, one line, normal case'),
  parent: NStr.describe('the higher body printed above it'),
})

export const Document = z.object({
  type: DocumentType,
  number: NStr.describe('"154/KH-TUHCTD" exactly as printed after "Số:", diacritics restored; null when blank'),
  numberParts: NumberParts.nullable(),
  date: IsoDate.nullable(),
  dateParts: DateParts.nullable().optional().describe('day, month, year as printed; a part left blank or unreadable (handwritten) is null'),
  year: z.number().int().nullable(),
  place: NStr,
  issuer: Issuer,
  title: NStr.describe('subject line(s) under the type word, joined, sentence case'),
  signer: Signer.nullable(),
  recipients: z.array(Str),
  /** provenance of each header field, keyed by its path under `document` ("number", "issuer.name"…) */
  fields: z.record(z.string(), FieldTrace),
})

export const LegalBasis = z.object({
  relation: z.enum(['can-cu', 'thuc-hien', 'xet-de-nghi', 'theo-de-nghi', 'other']).describe('the preamble verb'),
  type: NStr.describe('"Nghị quyết", "Luật"…'),
  number: NStr,
  date: IsoDate.nullable(),
  issuer: NStr,
  subject: NStr,
  text: Str.describe('the raw clause'),
  ...traced,
})

export const Citation = z.object({
  type: NStr,
  number: NStr,
  date: IsoDate.nullable(),
  issuer: NStr,
  text: Str,
  inPreamble: z.boolean(),
  ...traced,
})

/**
 * What is on the page but is not the document's own text (../shared/SPEC.md `marks[]`): a receipt stamp
 * ("ĐẾN", Nghị định 30/2020/NĐ-CP Phụ lục IV: organ, number, date of arrival), a digital signature shown
 * as a stamp or a text layer ("Ký bởi", "Thời gian ký", Phụ lục I), a copy block ("SAO Y", Điều 25–27).
 * Kept apart from the header fields and the body; what archivists use is read out.
 */
export const Mark = z.object({
  kind: z.enum(['receipt-stamp', 'digital-signature', 'copy-stamp']),
  text: Str.describe('the mark\'s lines as read, joined with " / "'),
  number: NStr.describe('receipt number written on an "ĐẾN" stamp'),
  date: IsoDate.nullable().describe('date of arrival (receipt) or of signing (digital signature)'),
  time: NStr.describe('signing time as printed: "08.07.2025 10:04:00 +07:00"'),
  signer: NStr.describe('who signed digitally ("Ký bởi", "Người ký") or the organ on a stamp'),
  organ: NStr.describe('"Cơ quan:" of a digital signature'),
  ...traced,
})

export const OutlineNode = z.object({
  id: Str.describe('"I", "1", "1.1", "a"'),
  level: z.number().int().min(1),
  marker: Str.describe('as printed: "II.", "2.1.", "b)", "-"'),
  heading: Str,
  /** Last line of the section (inclusive), on page `endPage`. */
  endPage: z.number().int(),
  endLine: z.number().int(),
  ...traced,
})

export const Target = z.object({
  text: Str.describe('the sentence or clause that states it'),
  value: z.number(),
  valueMax: z.number().nullable().describe('upper end of a range such as "08 - 10"'),
  unit: NStr,
  deadline: NStr.describe('"2030", "hằng năm", "giai đoạn 2021-2025"'),
  subject: NStr.describe('what it measures'),
  section: NStr.describe('the outline heading it sits under'),
  ...traced,
})

/** The dates a printed timeline allows (src/extract/timeline.ts); inclusive ends, null = open. */
export const TaskPeriod = z.object({
  start: IsoDate.nullable().describe('first day, YYYY-MM-DD; null = open ("Trước 30/6/2025", "Hằng năm")'),
  end: IsoDate.nullable().describe('last day, YYYY-MM-DD, inclusive; null = open ("Từ tháng 3/2025")'),
  recurrence: z.string().nullable().describe('iCalendar RRULE: "FREQ=YEARLY" for "Hằng năm", "FREQ=YEARLY;BYMONTH=10" for "Tháng 10 hằng năm"'),
})

export const Task = z.object({
  id: NStr.describe('STT or list number: "1", "2.1"'),
  group: NStr.describe('the group row or parent heading'),
  content: Str,
  timeline: NStr,
  period: TaskPeriod.nullable().optional().describe('the timeline as ISO dates; null when the text gives none with confidence'),
  lead: NStr.describe('lead agency (chủ trì)'),
  cooperating: z.array(Str).describe('cooperating agencies (phối hợp)'),
  outputs: z.record(z.string(), z.string()).nullable().describe('table cells keyed by column header'),
  origin: z.enum(['table', 'list']),
  ...traced,
})

export const Responsibility = z.object({
  agency: Str,
  duties: z.array(Str),
  ...traced,
})

export const BudgetItem = z.object({
  source: NStr.describe('"Ngân sách trung ương"'),
  amount: z.number().nullable(),
  unit: NStr,
  amountVnd: z.number().nullable(),
  text: Str,
  ...traced,
})

export const TableCell = z.object({
  row: z.number().int(),
  col: z.number().int(),
  rowSpan: z.number().int().min(1),
  colSpan: z.number().int().min(1),
  text: Str,
  box: Box.optional(),
  /** page of the cell (a table may run over pages) and its line range on that page's text */
  page: z.number().int().optional(),
  lines: z.tuple([z.number().int(), z.number().int()]).optional(),
})

export const Table = z.object({
  pages: z.array(z.number().int()),
  columns: z.array(Str).describe('header text of each column, joined over header rows'),
  headerRows: z.number().int().min(0).optional().describe('rows 0..headerRows-1 of `cells` are the header'),
  cells: z.array(TableCell),
  ...traced,
})

/** Nghị định 30/2020/NĐ-CP, Phụ lục VI: the metadata records systems are used to. */
export const OfficialMetadata = z.object({
  typeName: NStr,
  codeNumber: NStr.describe('Số của văn bản'),
  codeNotation: NStr.describe('Ký hiệu của văn bản'),
  issuedDate: IsoDate.nullable(),
  organName: NStr,
  organNameParent: NStr,
  subject: NStr.describe('Trích yếu nội dung'),
  place: NStr,
  signerName: NStr,
  signerPosition: NStr,
  signerAuthority: NStr,
  recipients: z.array(Str),
  pageAmount: z.number().int().nullable(),
  language: z.literal('vi'),
})

export const PageText = z.object({
  page: z.number().int().min(1),
  origin: z.enum(['ocr', 'text-layer', 'plain-text']),
  text: Str.describe('normalized'),
  raw: Str.describe('before normalization'),
  confidence: z.number().min(0).max(1).nullable(),
  /** line boxes for OCRed and text-layer pages (index = line number in `text`) */
  lineBoxes: z.array(Box.nullable()).optional(),
  width: z.number().positive().optional().describe('page width in the unit of its boxes (lineBoxes, prov.box): OCR pixels or PDF points'),
  height: z.number().positive().optional().describe('page height in the unit of its boxes'),
  unit: z.enum(['px', 'pt']).optional().describe('unit of the boxes on this page: "px" (OCR image pixels at `dpi`) or "pt" (PDF text layer, 1/72 in)'),
  dpi: z.number().positive().optional().describe('resolution of the OCR image the pixel boxes refer to'),
  note: z.string().optional(),
  ...PageFlags,
})

export const Warning = z.object({
  severity: z.enum(['info', 'warning']),
  code: Str.describe('"extract:date-missing"'),
  message: Str,
  position: z.object({ page: z.number().int(), line: z.number().int().optional(), column: z.number().int().optional() }).nullable(),
  actual: z.string().optional(),
  expected: z.array(z.string()).optional(),
})
export type Warning = z.infer<typeof Warning>

export const Quality = z.object({
  ocrConfidence: z.number().min(0).max(1).nullable(),
  warnings: z.array(Warning),
  needsReview: z.boolean(),
  normalization: z.object({
    syllables: z.number().int(),
    changedSyllables: z.number().int(),
    changedShare: z.number(),
    meanChangeConfidence: z.number().min(0).max(1).nullable().describe('mean confidence of the changed syllables (null: none changed)'),
    lowConfidenceSpans: z.array(z.object({ page: z.number().int(), line: z.number().int(), from: Str, to: Str, confidence: z.number() })),
  }).nullable(),
})

export const Source = z.object({
  fileName: Str,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mediaType: Str,
  byteSize: z.number().int(),
  pageCount: z.number().int(),
  textOrigin: z.enum(['ocr', 'text-layer', 'mixed', 'plain-text']),
  subfolder: NStr.describe('subfolder of the inbox the file was dropped in'),
  parts: z
    .array(z.object({ fileName: Str, byteSize: z.number().int(), pageCount: z.number().int() }))
    .optional()
    .describe('a document given as several page images (`<name>_p1.jpg`, `<name>_p2.jpg`…): its images in page order'),
})

export const Processing = z.object({
  pipelineVersion: Str,
  languageModel: NStr.describe('version stamp of the normalizer model'),
  ocrEngine: NStr,
  processedAt: Str,
  durationMs: z.number(),
})

const ReviewValue = z.union([z.string(), z.number(), z.null()])

/** One field a person corrected (old → new) or confirmed (old = new). */
export const ReviewChange = z.object({
  path: Str.describe('API path of the field: "document.number"'),
  action: z.enum(['corrected', 'confirmed']),
  old: ReviewValue,
  new: ReviewValue,
})
export type ReviewChange = z.infer<typeof ReviewChange>

/** The review that wrote this revision (POST /plans/:id/review); earlier ones are in revisions/<id>/. */
export const ReviewRecord = z.object({
  revision: z.number().int().min(1),
  reviewer: Str,
  at: Str.describe('ISO timestamp'),
  changes: z.array(ReviewChange),
})
export type ReviewRecord = z.infer<typeof ReviewRecord>

export const Plan = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string().regex(/^[0-9a-f]{64}$/).describe('sha256 of the source bytes'),
  revision: z.number().int().min(1),
  source: Source,
  document: Document,
  officialMetadata: OfficialMetadata,
  legalBases: z.array(LegalBasis),
  citations: z.array(Citation),
  outline: z.array(OutlineNode),
  targets: z.array(Target),
  tasks: z.array(Task),
  responsibilities: z.array(Responsibility),
  budget: z.array(BudgetItem),
  tables: z.array(Table),
  marks: z.array(Mark).default([]).describe('stamps and signature blocks on the page that are not the document (SPEC marks[])'),
  text: z.object({ pages: z.array(PageText) }),
  quality: Quality,
  processing: Processing,
  review: ReviewRecord.nullable().optional().describe('set when a person wrote this revision (corrections, confirmations); absent or null: the machine did'),
})

export type Plan = z.infer<typeof Plan>
export type PlanDocument = z.infer<typeof Document>
export type LegalBasis = z.infer<typeof LegalBasis>
export type Citation = z.infer<typeof Citation>
export type OutlineNode = z.infer<typeof OutlineNode>
export type Target = z.infer<typeof Target>
export type Task = z.infer<typeof Task>
export type TaskPeriod = z.infer<typeof TaskPeriod>
export type Responsibility = z.infer<typeof Responsibility>
export type BudgetItem = z.infer<typeof BudgetItem>
export type Table = z.infer<typeof Table>
export type TableCell = z.infer<typeof TableCell>
export type OfficialMetadata = z.infer<typeof OfficialMetadata>
export type PageText = z.infer<typeof PageText>
export type Mark = z.infer<typeof Mark>
export type Quality = z.infer<typeof Quality>
export type Source = z.infer<typeof Source>
export type Signer = z.infer<typeof Signer>
