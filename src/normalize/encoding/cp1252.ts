// Windows-1252 bytes 0x80–0x9F (the rest of the code page is Latin-1: byte = code point).
// Source: WHATWG Encoding Standard, index-windows-1252.txt. The five unassigned bytes
// (81 8D 8F 90 9D) decode to the C1 control with the same number, as WHATWG specifies.
export const CP1252_HIGH: readonly string[] = [
  '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
  '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
  '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
  '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
]

const BYTE_OF = new Map<string, number>()
for (let b = 0; b < 256; b++) BYTE_OF.set(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b), b)
// Latin-1 readers keep 0x80–0x9F as C1 controls: accept those too.
for (let b = 0x80; b < 0xa0; b++) BYTE_OF.set(String.fromCharCode(b), b)

/** The byte a character stands for when bytes were read as Windows-1252 or Latin-1. */
export function byteOfCp1252(ch: string): number | undefined {
  return BYTE_OF.get(ch)
}

/** Bytes → text as a Windows-1252 reader shows them. */
export function decodeCp1252(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b)
  return s
}
