/**
 * The confidence each extraction rule gives its value, in one place. A rule's confidence says how
 * sure the rule is that it read the right part of the page; on OCR pages `quality/field-confidence.ts`
 * then lowers it by the OCR confidence of the words under the value. Calibration (../shared/SPEC.md):
 * a header field at ≥ 0.8 must be right on labelled real documents, so a rule that can be fooled by
 * what real pages carry (stamps, handwriting, OCR damage) stays below 0.8.
 */
export const CONFIDENCE = {
  /** the type word printed under the header ("KẾ HOẠCH") */
  typeWord: 0.95,
  /** a letter's "V/v" subject line under the number: a Công văn */
  typeFromSubject: 0.9,
  /** no type word, code or subject line read, only a "Kính gửi" line: a guess that it is a Công văn */
  typeFromAddressees: 0.5,
  /** the type taken from the number's type code ("QĐ" in "3/2025/QĐ-UBND") */
  typeFromCode: 0.6,
  /** a number printed after "Số" */
  number: 0.9,
  /** "Số:      /KH-UBND": the serial left blank (handwritten later) */
  numberBlank: 0.6,
  /** a number whose code has a "D" that may be an "Đ" (its line lost its marks, the issuer's name does not spell it) */
  numberCodeUnsure: 0.6,
  /** a date line "Place, ngày D tháng M năm Y" read in full */
  date: 0.95,
  /** a date line whose day or month is blank or unreadable */
  datePartial: 0.6,
  /** the year of a date line */
  year: 0.95,
  /** a date line without a year */
  yearMissing: 0.3,
  /** the place before ", ngày" */
  place: 0.9,
  /** a place re-spelled from the gazetteer ("Lâm Đông" → "Lâm Đồng") */
  placeFromGazetteer: 0.85,
  /** the issuer from the left header column */
  issuer: 0.85,
  /** an issuer or parent with words that are no syllables (OCR garbage) or a broken first line */
  issuerGarbled: 0.4,
  /** the body printed above the issuer */
  issuerParent: 0.8,
  /** the issuer named in the enacting clause ("Ủy ban nhân dân tỉnh … ban hành …") */
  issuerFromEnactingClause: 0.6,
  /** a garbled department header rebuilt from the number's code, the header's words and the place */
  issuerFromNumberCode: 0.6,
  /** the subject lines under the type word */
  title: 0.85,
  /** a subject line under the type word that ran on without a clear end (no "Kính gửi", no preamble) */
  titleOpenEnd: 0.6,
  signerAuthority: 0.9,
  signerPosition: 0.9,
  signerName: 0.85,
  recipients: 0.9,
  /** a legal basis or citation with a number / without one */
  citedNumbered: 0.9,
  citedUnnumbered: 0.7,
  legalBasisUnnumbered: 0.75,
  /** a mark (stamp, signature block) recognised by its printed labels */
  mark: 0.9,
} as const
