// A department's issuer block that OCR garbled beyond reading ("\JBND TiNH BlNH pHV6csa LAO DQNG -
// TRUONG BINH / VA XA HOI" through a broken font mapping), rebuilt from what else the page prints:
// the number's issuer code names the department by its field's initials ("KH-LĐTBXH": Lao động -
// Thương binh và Xã hội; Nghị định 30/2020/NĐ-CP Phụ lục III: the code is the issuer's abbreviated
// name), the header's words show that field and the province level ("TỈNH"), and the place before the
// date names the province. A department of a province is a Sở under the province's Ủy ban nhân dân
// (Nghị định 24/2014/NĐ-CP, 107/2020/NĐ-CP). All three must agree; the result is given below the
// confidence of a name read from the page.
import { ORGAN_FIELDS } from './data/organs.js'
import { PROVINCES } from './data/provinces.js'
import { editDistance } from './edit-distance.js'
import { foldForSearch } from './text.js'

/** Share of a field's words the garbled header must still show. */
const FIELD_WORDS_SHARE = 0.6
/** Edits allowed per character when the province's name is matched in the garbled header. */
const PROVINCE_EDITS = 0.35
/** A department's code may open with the Sở's own letter ("SLĐTBXH"). */
const DEPARTMENT_PREFIX = 's'

const words = (s: string) => foldForSearch(s).split(/[^a-z0-9]+/).filter(Boolean)
/** A field's initials as codes print them: "Lao động - Thương binh và Xã hội" → "ldtbxh". */
const initials = (field: string) => words(field).filter((w) => w !== 'va').map((w) => w[0]).join('')

/** The field whose initials the code is, or null. */
function fieldOfCode(code: string): string | null {
  const c = foldForSearch(code).replace(/[^a-z]/g, '')
  return ORGAN_FIELDS.find((f) => initials(f) === c || DEPARTMENT_PREFIX + initials(f) === c) ?? null
}

/** The province `place` names, when the header shows it after "tỉnh" (marks and a few letters lost). */
function provinceInHeader(header: string, place: string | null): string | null {
  if (!place || !PROVINCES.includes(place)) return null
  const f = foldForSearch(header)
  const at = f.search(/\btinh\s/)
  if (at < 0) return null
  const want = foldForSearch(place)
  const got = f.slice(at + 5).trimStart().slice(0, want.length)
  return editDistance(got, want) <= PROVINCE_EDITS * want.length ? place : null
}

/**
 * The Sở and its province's Ủy ban nhân dân, rebuilt from the number's issuer code, the header's
 * lines (`header`: the left column above the number) and the place; null unless all agree.
 */
export function departmentFromCode(code: string | null, header: string, place: string | null): { issuer: string; parent: string } | null {
  const field = code ? fieldOfCode(code) : null
  if (!field) return null
  const shown = new Set(words(header))
  const fieldWords = words(field)
  if (fieldWords.filter((w) => shown.has(w)).length < FIELD_WORDS_SHARE * fieldWords.length) return null
  const province = provinceInHeader(header, place)
  return province ? { issuer: `Sở ${field}`, parent: `Ủy ban nhân dân tỉnh ${province}` } : null
}
