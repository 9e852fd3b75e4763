import { isVietnameseSyllable } from '../syllable.js'

// TCVN3 ("ABC", the VN3 font set of TCVN 5712:1993): one byte per precomposed lower-case
// letter; only Ă Â Ê Ô Ơ Ư Đ have capitals. Other capitals were typed with the lower-case
// codes in a capitals font (.VnTimeH), so the case of the code is not in the text.
// Bytes shown as the characters Windows-1252 / Latin-1 gives them (how these files are read).
// Source: TCVN 5712:1993 table VN3, as reproduced in the Unicode Consortium's
// Vietnamese mapping notes and in Unikey's converter (vnconv, charset "TCVN3 (ABC)").

/** Unicode letter → TCVN3 byte (as a Windows-1252 character). */
export const TCVN3: Readonly<Record<string, string>> = {
  à: 'µ', á: '¸', ả: '¶', ã: '·', ạ: '¹',
  ă: '¨', ằ: '»', ắ: '¾', ẳ: '¼', ẵ: '½', ặ: 'Æ',
  â: '©', ầ: 'Ç', ấ: 'Ê', ẩ: 'È', ẫ: 'É', ậ: 'Ë',
  đ: '®',
  è: 'Ì', é: 'Ð', ẻ: 'Î', ẽ: 'Ï', ẹ: 'Ñ',
  ê: 'ª', ề: 'Ò', ế: 'Õ', ể: 'Ó', ễ: 'Ô', ệ: 'Ö',
  ì: '×', í: 'Ý', ỉ: 'Ø', ĩ: 'Ü', ị: 'Þ',
  ò: 'ß', ó: 'ã', ỏ: 'á', õ: 'â', ọ: 'ä',
  ô: '«', ồ: 'å', ố: 'è', ổ: 'æ', ỗ: 'ç', ộ: 'é',
  ơ: '¬', ờ: 'ê', ớ: 'í', ở: 'ë', ỡ: 'ì', ợ: 'î',
  ù: 'ï', ú: 'ó', ủ: 'ñ', ũ: 'ò', ụ: 'ô',
  ư: '\u00AD', ừ: 'õ', ứ: 'ø', ử: 'ö', ữ: '÷', ự: 'ù', // ư is byte 0xAD (soft hyphen in Latin-1)
  ỳ: 'ú', ý: 'ý', ỷ: 'û', ỹ: 'ü', ỵ: 'þ',
  Ă: '¡', Â: '¢', Đ: '§', Ê: '£', Ô: '¤', Ơ: '¥', Ư: '¦',
}

const DECODE = new Map(Object.entries(TCVN3).map(([letter, code]) => [code, letter]))
const CAPITALS = new Set(['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư'])

/** Unicode → TCVN3. Capitals without a code get the lower-case code (the capitals-font habit). */
export function encodeTcvn3(text: string): string {
  let out = ''
  for (const ch of text.normalize('NFC')) out += TCVN3[ch] ?? TCVN3[ch.toLowerCase()] ?? ch
  return out
}

/**
 * TCVN3 → Unicode for one run of text. A capital base letter followed by a toned code of the
 * same vowel ("A¸", "¢Ê", written by some converters for capitals) becomes one capital
 * letter; a run whose plain letters (two or more) are all capitals is taken as capitals-font text.
 */
export function decodeTcvn3(run: string, line: string = run): string {
  const out: string[] = []
  let mapped = false
  for (const ch of run) {
    const letter = DECODE.get(ch)
    if (!letter) {
      out.push(ch)
      continue
    }
    mapped = true
    const prev = out[out.length - 1]
    const prevBase = prev && prev === prev.toUpperCase() && prev !== prev.toLowerCase() ? prev.toLowerCase() : null
    if (prevBase && (CAPITALS.has(prev) || /[AEIOUY]/.test(prev)) && stripTone(letter) === prevBase) {
      out[out.length - 1] = letter.toUpperCase()
    } else out.push(letter)
  }
  if (!mapped) return run
  const allCaps = isCapitals(run, 2) || (isCapitals(line, 3) && [...run].some((c) => /[A-Z]/.test(c)) && !/[a-z]/.test(run))
  const s = out.join('')
  return allCaps ? s.toUpperCase() : s
}

// Capitals-font text: the plain letters of its words (two or more in a word, three in a line, counting only words
// with codes and plain syllables such as "BAN") are all capitals, and some word holds the code
// of a small letter ("HUYÖN", "ñY BAN"). Abbreviations ("TB&XH") say nothing about the font.
const LOWER_CODES = new Set(Object.entries(TCVN3).filter(([l]) => l === l.toLowerCase()).map(([, c]) => c))
function isCapitals(text: string, minPlain: number): boolean {
  const words = text.match(/[A-Za-z\u00A0-\u00FF]+/g) ?? []
  const plain = (w: string) => [...w].filter((c) => /[A-Za-z]/.test(c) && !DECODE.has(c))
  const hasCode = (w: string) => [...w].some((c) => DECODE.has(c))
  const evidence = words.filter((w) => hasCode(w) || isVietnameseSyllable(w)).flatMap(plain)
  const smallCode = words.some((w) => [...w].some((c) => LOWER_CODES.has(c)))
  return smallCode && evidence.length >= minPlain && evidence.every((c) => c <= 'Z')
}

// Codes that are not themselves Vietnamese letters: seeing them is evidence of TCVN3.
const FOREIGN_CODES = new Set(Object.values(TCVN3).filter((c) => !/[àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]/.test(c)))

/** How many characters of the line only TCVN3 text would contain. */
export function tcvn3Signature(line: string): number {
  let n = 0
  for (const c of line) if (FOREIGN_CODES.has(c)) n++
  return n
}

function stripTone(letter: string): string {
  return letter.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC')
}
