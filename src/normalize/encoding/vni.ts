// VNI Windows (VNI-Times and the other "VNI-" fonts, VNI Software 1990s): an ASCII base letter
// followed by a mark character; a few letters are one character (ơ ư đ and the i's, ỵ).
// Capitals use the upper-case forms of the same characters ("AØ" = À, "ÔÙ" = Ớ).
// Bytes shown as their Windows-1252 characters. Source: VNI Windows code table as implemented
// by Unikey's vnconv ("VNI Windows") and cross-checked with duydev/vietnamese-conversion.

/** Lower-case Unicode letter → VNI sequence. Capitals: upper-case both characters. */
export const VNI: Readonly<Record<string, string>> = {
  à: 'aø', á: 'aù', ả: 'aû', ã: 'aõ', ạ: 'aï',
  ă: 'aê', ằ: 'aè', ắ: 'aé', ẳ: 'aú', ẵ: 'aü', ặ: 'aë',
  â: 'aâ', ầ: 'aà', ấ: 'aá', ẩ: 'aå', ẫ: 'aã', ậ: 'aä',
  đ: 'ñ',
  è: 'eø', é: 'eù', ẻ: 'eû', ẽ: 'eõ', ẹ: 'eï',
  ê: 'eâ', ề: 'eà', ế: 'eá', ể: 'eå', ễ: 'eã', ệ: 'eä',
  ì: 'ì', í: 'í', ỉ: 'æ', ĩ: 'ó', ị: 'ò',
  ò: 'oø', ó: 'où', ỏ: 'oû', õ: 'oõ', ọ: 'oï',
  ô: 'oâ', ồ: 'oà', ố: 'oá', ổ: 'oå', ỗ: 'oã', ộ: 'oä',
  ơ: 'ô', ờ: 'ôø', ớ: 'ôù', ở: 'ôû', ỡ: 'ôõ', ợ: 'ôï',
  ù: 'uø', ú: 'uù', ủ: 'uû', ũ: 'uõ', ụ: 'uï',
  ư: 'ö', ừ: 'öø', ứ: 'öù', ử: 'öû', ữ: 'öõ', ự: 'öï',
  ỳ: 'yø', ý: 'yù', ỷ: 'yû', ỹ: 'yõ', ỵ: 'î',
}

// Sequence → letter for lower case, capitals, and a capital base with a lower-case mark
// (shift released early), longest sequences first.
const DECODE = new Map<string, string>()
for (const [letter, seq] of Object.entries(VNI)) {
  const upper = letter.toUpperCase()
  DECODE.set(seq, letter)
  DECODE.set(seq.toUpperCase(), upper)
  if (seq.length === 2) DECODE.set(seq[0].toUpperCase() + seq[1], upper)
}
const KEYS_BY_LENGTH = [...DECODE.keys()].sort((a, b) => b.length - a.length)
const PATTERN = new RegExp(KEYS_BY_LENGTH.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')

/** Unicode → VNI Windows. */
export function encodeVni(text: string): string {
  let out = ''
  for (const ch of text.normalize('NFC')) {
    const lower = ch.toLowerCase()
    const seq = VNI[lower]
    out += seq === undefined ? ch : ch === lower ? seq : seq.toUpperCase()
  }
  return out
}

/** VNI Windows → Unicode for one run of text. */
export function decodeVni(run: string): string {
  return run.replace(PATTERN, (seq) => DECODE.get(seq) ?? seq)
}

// Mark characters that are not Vietnamese letters (ø ù û ï å ä ë ü ñ ö æ î, either case)
// right after a letter: evidence of VNI.
const VNI_ONLY = /[A-Za-z][øùûïåäëüöæîØÙÛÏÅÄËÜÖÆÎ]|[ñÑ][A-Za-zâêôÂÊÔ]/g

/** How many places in the line only VNI text would contain. */
export function vniSignature(line: string): number {
  return line.match(VNI_ONLY)?.length ?? 0
}
