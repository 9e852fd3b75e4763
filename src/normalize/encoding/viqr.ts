// VIQR (RFC 1456, "Vietnamese Quoted-Readable", 1993): marks typed as ASCII after the vowel —
// ^ circumflex, ( breve, + horn (some writers use *), then ' acute, ` grave, ? hook, ~ tilde,
// . dot below; DD/dd for Đ/đ (DD also inside capital codes: QDD-TTg = QĐ-TTg); a backslash makes the next mark character literal.
export const VIQR_VOWEL_MARKS: Readonly<Record<string, string>> = { '^': '\u0302', '(': '\u0306', '+': '\u031B', '*': '\u031B' }
export const VIQR_TONES: Readonly<Record<string, string>> = {
  "'": '\u0301', '`': '\u0300', '?': '\u0309', '~': '\u0303', '.': '\u0323',
  '\u2019': '\u0301', // word processors turn ' into a right quote
}
// Which vowels take which mark (RFC 1456, table 1).
const HOSTS: Readonly<Record<string, string>> = { '\u0302': 'aeo', '\u0306': 'a', '\u031B': 'ou' }
const MARK_OUT: Readonly<Record<string, string>> = { '\u0302': '^', '\u0306': '(', '\u031B': '+' }
const TONE_OUT: Readonly<Record<string, string>> = { '\u0301': "'", '\u0300': '`', '\u0309': '?', '\u0303': '~', '\u0323': '.' }

/** Unicode → VIQR; a mark character that follows a vowel in the source is escaped. */
export function encodeViqr(text: string): string {
  let out = ''
  let afterVowel = false
  for (const ch of text.normalize('NFC')) {
    if (ch === 'đ' || ch === 'Đ') {
      out += ch === 'đ' ? 'dd' : 'DD'
      afterVowel = false
      continue
    }
    const [base, ...marks] = ch.normalize('NFD')
    if (/[aeiouy]/i.test(base)) {
      const vowelMark = marks.find((m) => MARK_OUT[m])
      const tone = marks.find((m) => TONE_OUT[m])
      out += base + (vowelMark ? MARK_OUT[vowelMark] : '') + (tone ? TONE_OUT[tone] : '')
      afterVowel = true
      continue
    }
    if (afterVowel && /[\^(+*'`?~.]/.test(ch)) out += '\\'
    out += ch
    afterVowel = false
  }
  return out
}

const SYLLABLE_MARKS = /\\([\^(+*'`?~.\u2019])|([AaEeIiOoUuYy])([\^(+*])?(['`?~.\u2019])?|(?<![A-Za-z])(DD|Dd|dd)|(?<=[A-Z])(DD)/g

/** VIQR → Unicode for one run of text. Marks that do not fit their vowel stay literal. */
export function decodeViqr(run: string): string {
  return run.replace(SYLLABLE_MARKS, (all, escaped, vowel, mark, tone, dd, ddInCode) => {
    if (escaped) return escaped
    if (ddInCode) return 'Đ'
    if (dd) return dd === 'dd' ? 'đ' : 'Đ'
    let s = vowel as string
    let rest = ''
    if (mark) {
      const m = VIQR_VOWEL_MARKS[mark]
      if (HOSTS[m].includes(s.toLowerCase())) s += m
      else rest += mark
    }
    if (tone) {
      if (rest) rest += tone
      else s += VIQR_TONES[tone]
    }
    return s.normalize('NFC') + rest
  })
}

// A vowel followed by a mark and then more letters ("No^.i", "ngu+o+`i"), or a vowel mark
// then a tone: the shapes VIQR writes and ordinary punctuation does not.
const VIQR_SHAPE = /[AaEeIiOoUuYy](?:[\^(+*][`'?~.]?|[`'?~])(?=[A-Za-z])|[AaEeOoUu][\^(+*][`'?~.]/g

/** How many places in the line look like VIQR marks. */
export function viqrSignature(line: string): number {
  return line.match(VIQR_SHAPE)?.length ?? 0
}
