// Document numbers (số, ký hiệu) — Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.3: "Số: 154/KH-UBND"
// (serial / type code - issuer code); legal documents add the year: "55/2007/QĐ-UBND";
// Party documents join serial and code with "-": "18-CTr/TU" (Quy định 66-QĐ/TW).
// A printed "//" ("17/2022//TT-BLĐTBXH") is a typing slip of the single separator.
import { DOC_TYPES, PARTY_ONLY_CODES } from './data/doc-types.js'

const CODE = String.raw`[\p{Lu}][\p{Lu}\d&][\p{L}\d&]*(?:\s?[-/]\s?[\p{Lu}\d][\p{L}\d&]*)*`
/** serial, optional year, separator, code */
export const NUMBER_RE = new RegExp(String.raw`(?<![\p{L}\d/])(\d{1,6}[a-z]?)\s?(?:\/\s?(\d{4})\s?)?(\/{1,2}|\s?-\s?)\s?(${CODE})`, 'u')
export const NUMBER_RE_G = new RegExp(NUMBER_RE.source, 'gu')
/** A number whose serial was left blank for the handwritten one: "Số:    /KH-UBND", Party "Số   -CV/BTGDVTU". */
export const BLANK_NUMBER_RE = new RegExp(String.raw`^\s*(?:[._…]*)\s*(?:\/|-(?=\p{Lu}))\s?(${CODE})`, 'u')
/**
 * A serial written by hand and read as noise ("Số: đ1#/UBND-KTTH", "Số:¿#KH-VP" where the ink also hid
 * the "/"): a few characters with no capital letter, then the printed code.
 */
export const INKED_NUMBER_RE = new RegExp(String.raw`^\s*([^\s\p{Lu}/]{1,6})\s*(?:\/|-(?=\p{Lu}))?\s?(${CODE})`, 'u')

export type NumberHit = {
  number: string | null
  serial: string | null
  year: number | null
  code: string
  typeCode: string | null
  issuerCode: string | null
  index: number
  length: number
  /** the noise read where the serial was written by hand, when it could not be read as digits */
  unreadable?: string
}

const TYPE_CODES = new Set([...DOC_TYPES.map((t) => t.code).filter((c): c is string => !!c), ...PARTY_ONLY_CODES.map((t) => t.code)])

function splitCode(code: string): { typeCode: string | null; issuerCode: string | null } {
  const parts = code.split(/[-/]/)
  if (parts.length > 1 && TYPE_CODES.has(parts[0])) return { typeCode: parts[0], issuerCode: parts.slice(1).join('-') }
  return { typeCode: null, issuerCode: code }
}

function hit(m: RegExpExecArray, serial: string | null, year: string | undefined, sep: string, rawCode: string): NumberHit {
  const code = rawCode.replace(/\s+/g, '').replace(/[.,;:]+$/, '')
  const s = sep.trim() === '-' ? '-' : '/'
  const number = serial == null ? null : `${serial}${year ? `/${year}` : ''}${s}${code}`
  return { number, serial, year: year ? Number(year) : null, code, ...splitCode(code), index: m.index, length: m[0].length }
}

/** The first document number in `s`. */
export function findNumber(s: string): NumberHit | null {
  const m = NUMBER_RE.exec(s)
  return m ? hit(m, m[1], m[2], m[3], m[4]) : null
}

export function findAllNumbers(s: string): NumberHit[] {
  return [...s.matchAll(NUMBER_RE_G)].map((m) => hit(m as RegExpExecArray, m[1], m[2], m[3], m[4]))
}

/** The number after "Số:", blank serial allowed. */
export function parseNumberField(afterLabel: string): NumberHit | null {
  const lead = /^\s*/.exec(afterLabel)![0].length
  const m = NUMBER_RE.exec(afterLabel)
  if (m && m.index <= lead + 1) return hit(m, m[1], m[2], m[3], m[4])
  const b = BLANK_NUMBER_RE.exec(afterLabel)
  if (b) return hit(b, null, undefined, '/', b[1])
  const ink = INKED_NUMBER_RE.exec(afterLabel)
  if (ink && /[^._…,;:'’`-]/.test(ink[1])) return { ...hit(ink, null, undefined, '/', ink[2]), unreadable: ink[1] }
  return null
}

/** The codes printed after the last "/" of a number line whose serial is unreadable ("s6:A;:j-j /KH-LĐTBXH"), or null. */
export function codesAfterSlash(line: string): { typeCode: string | null; issuerCode: string | null } | null {
  const m = new RegExp(String.raw`\/\s?(${CODE})\s*$`, 'u').exec(line.trim())
  return m ? splitCode(m[1].replace(/\s+/g, '')) : null
}
