// Glyph confusions of broken OCR and legacy font mappings: observed string → Vietnamese letters it
// stands for, with a prior cost in nats (lower = more usual). Domain knowledge, not learned weights:
// per-document adaptation (channel/adapt.ts) re-estimates the real rates from the text itself.
//
// Sources:
// - English-model OCR of Vietnamese (shared/dev/002_confusions.md, tables "Vowel symbols and digits",
//   "Symbols", "Consonants"): `é` = a generic "vowel with a mark above", `6` = ô-family, `w`/`ir`/`it`/
//   `ii` = ư-family (and `lr`: seed 000's `dLrng` dựng, `dLra` dựa, `clru` cứu), `¢`/`&` = ở/ệ (`¢`, a c with a stroke, also có/cố/cổ: "¢ ning luc" có năng lực), `¥` = ý, `@` = ê, `4` = ã/ấ, horn written as an inserted `'`/`:`/`*`,
//   `P`/`B` = Đ at word start, `1` = l.
// - Broken legacy-font text (shared/seeds/003 as described in the task brief and SPEC): `\l'` = ự,
//   `~` = a marked vowel (ệ, ạ, ậ, ắ…), `€` = ế-family, `Q` = ộ/ọ, `(}` = ộ, `rr` = ư, `ll` = ủ, `6'` = ướ/ố.
// - VNI/VIQR typing conventions (a mark written as a following ASCII symbol) generalise the last two.

const fam = (s: string) => [...s]
export const A_MARKED = fam('àáảãạăằắẳẵặâầấẩẫậ')
export const A_HAT = fam('âầấẩẫậ')
export const A_BREVE = fam('ăằắẳẵặ')
export const E_HAT = fam('êềếểễệ')
export const E_TONED = fam('èéẻẽẹ')
export const O_HAT = fam('ôồốổỗộ')
export const O_HORN = fam('ơờớởỡợ')
export const O_TONED = fam('òóỏõọ')
export const U_HORN = fam('ưừứửữự')
export const U_TONED = fam('ùúủũụ')
export const I_TONED = fam('ìíỉĩị')
export const Y_TONED = fam('ỳýỷỹỵ')
export const UO_HORN = ['ươ', 'ườ', 'ướ', 'ưở', 'ưỡ', 'ượ']
export const VOWELS_MARKED = [...A_MARKED, ...E_HAT, ...E_TONED, ...O_HAT, ...O_HORN, ...O_TONED, ...U_HORN, ...U_TONED, ...I_TONED, ...Y_TONED]

/** [observed (lower case), gold letters, cost]. */
export const GLYPH_CONFUSIONS: [string, string[], number][] = [
  // English-model OCR (002_confusions.md; `é` for an a: á 44, â/ậ/ắ about 5, never à, ả, ã or ạ)
  ['é', E_HAT, 0.8], ['é', E_TONED, 1.6], ['é', [...O_HAT, ...O_HORN], 2.6], ['é', ['á', 'â', 'ấ', 'ậ', 'ắ'], 3.5],
  ['6', [...O_HAT, ...O_TONED], 1.2], ['6', O_HORN, 2.6],
  ['d', [...O_HAT, ...O_HORN], 4.5], ['d', [...A_HAT, ...A_BREVE, 'á', 'ả', 'ú'], 5.5], ['d', E_HAT, 6.5], ['b', O_HAT, 5], ['0', [...O_HORN, ...O_HAT, 'ò', 'ù'], 3.5],
  ['i', [...U_HORN, ...A_BREVE, ...A_HAT, 'ủ', 'ú', 'ù'], 4.2],
  ['a', ['ủ', 'ú', ...O_HORN, ...U_HORN], 4.8],
  ['g', ['ợ', 'ộ', 'ạ', 'ệ'], 4.2], ['y', ['ự', 'ụ'], 3.2],
  ['w', U_HORN, 1.5], ['w', UO_HORN, 1.5],
  ['ir', U_HORN, 1.8], ['lr', U_HORN, 2.5], ['it', U_HORN, 3.2], ['ii', [...U_HORN, 'ũ', 'ủ'], 3.2], ['tr', U_HORN, 4], ['ti', ['ủ', 'ứ'], 4],
  ['t', ['ủ', 'ứ'], 5], ['il', ['ũ', 'ữ'], 3.5],
  ['4', ['ã', 'ấ', 'á', 'à'], 2.2], ['3', ['à', 'ã'], 2.8], ['8', ['ệ', 'ề', 'ê'], 2.8], ['9', ['ộ'], 2.8],
  ['&', ['ở', 'ã', 'ỡ', 'ề', 'ẽ'], 2.2], ['¢', ['ở', 'ệ', 'ộ'], 2.2], ['¢', ['có', 'cố', 'cổ'], 3], ['¥', ['ý'], 0.8], ['@', ['ê'], 1.5],
  ['1', ['l'], 1.6], ['i', ['l'], 4], ['p', ['đ'], 2.6], ['b', ['đ'], 3.6], ['e', ['c'], 5], ['m', ['n'], 5],
  // horn written as a symbol after u/o (002: thu’o*ng, thu:c)
  ["u'", U_HORN, 1], ['u’', U_HORN, 1], ['u:', U_HORN, 1.5], ["o'", O_HORN, 1], ['o’', O_HORN, 1], ['o*', O_HORN, 1],
  // legacy-font garbage (seed 003)
  ["\\l'", ['ự', 'ư'], 0.8], ['\\l', ['ụ', 'ự', 'ư'], 1], ['~', [...A_MARKED, ...E_HAT, ...O_HAT], 1.5],
  ['€', [...E_HAT, 'é'], 1], ['q', [...O_HAT, 'ọ'], 2], ["q'", ['ợ', 'ớ'], 1.2], ['(}', ['ộ', 'ọ'], 1],
  ["6'", [...O_HORN, 'ố'], 1.5], ["6'", ['ướ'], 1.5], ['rr', U_HORN, 1.6], ["rro'", ['ườ', 'ướ'], 1.6], ['ll', ['ủ', 'ụ', 'ư'], 1.6],
  ['t,', ['ự'], 1.6], ['f', ['ầ'], 3.5], ['}', ['ộ', 'ọ', 'ụ'], 2.5], ["'", O_HORN, 3.5], ['(', O_HORN, 3.5],
  ['ua', UO_HORN, 3.5], ['uo', UO_HORN, 2.5],
]

/** Symbols that OCR inserts to mark a horn or a tone; inserting one costs little. */
export const CHEAP_INSERTIONS = "'’`:*,"
