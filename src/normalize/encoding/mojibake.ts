// UTF-8 bytes read as Windows-1252 or Latin-1 ("Viá»‡t" for "Việt"): every Vietnamese letter
// outside ASCII becomes 2–3 characters. Undone by turning the characters back into bytes
// (cp1252.ts) and decoding the runs that form valid UTF-8 (RFC 3629, section 4).
import { byteOfCp1252, decodeCp1252 } from './cp1252.js'

/** Unicode → the text a Windows-1252 reader shows for its UTF-8 bytes. */
export function encodeMojibake(text: string): string {
  return decodeCp1252(new TextEncoder().encode(text.normalize('NFC')))
}

// Length of the UTF-8 sequence a lead byte starts (0: not a lead byte of a multi-byte sequence).
function sequenceLength(b: number): number {
  if (b >= 0xc2 && b <= 0xdf) return 2
  if (b >= 0xe0 && b <= 0xef) return 3
  if (b >= 0xf0 && b <= 0xf4) return 4
  return 0
}
const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** Mojibake → Unicode for one run of text; characters that do not form UTF-8 stay as they are. */
export function decodeMojibake(run: string): string {
  const chars = [...run]
  let out = ''
  for (let i = 0; i < chars.length; ) {
    const lead = byteOfCp1252(chars[i])
    const n = lead === undefined ? 0 : sequenceLength(lead)
    if (n > 0 && i + n <= chars.length) {
      // a continuation byte 0xA0 (NBSP) is often flattened to a plain space: "Ã " for à
      const bytes = chars.slice(i, i + n).map((c, k) => (k > 0 && c === ' ' ? 0xa0 : byteOfCp1252(c)))
      if (bytes.every((b, k) => b !== undefined && (k === 0 || (b >= 0x80 && b <= 0xbf)))) {
        try {
          out += UTF8.decode(Uint8Array.from(bytes as number[]))
          i += n
          continue
        } catch {
          // overlong or surrogate: not UTF-8, keep the characters
        }
      }
    }
    out += chars[i]
    i++
  }
  return out
}

// Lead byte shown as Ã Ä Æ (C3 C4 C6) or á + º » (E1 BA/BB) followed by a continuation byte:
// what UTF-8 Vietnamese turns into under Windows-1252.
const MOJIBAKE_SHAPE = /[ÃÄÆ][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122 ]|á[º»]/g

/** How many places in the line look like UTF-8 read as Windows-1252. */
export function mojibakeSignature(line: string): number {
  return line.match(MOJIBAKE_SHAPE)?.length ?? 0
}
