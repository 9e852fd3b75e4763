import { describe, expect, it } from 'vitest'
import { loadLanguageModel } from '../../src/normalize/lm/model.js'
import { piecesOf } from '../../src/normalize/tokens.js'

describe('hashed n-gram look-ups', () => {
  const lm = loadLanguageModel()
  it('scoreAll (hash of long trigram rows, shared backoff rows) equals logProb', () => {
    // frequent contexts (long rows, hashed) and rare ones (short rows, searched in place)
    const words = ['của', 'ủy', 'ban', 'nhân', 'dân', 'tỉnh', 'kế', 'hoạch', 'thực', 'hiện', 'các', 'xã', 'năm', 'hộ', 'họ', 'tiêu', 'tiểu', 'hằng', 'hàng', 'giêsu']
    const ids = Int32Array.from(words, (w) => lm.idOf(w))
    const out = new Float64Array(ids.length)
    for (const a of [1, ...ids]) for (const b of [1, ...ids]) {
      lm.scoreAll(a, b, ids, ids.length, out)
      ids.forEach((c, i) => expect(out[i]).toBeCloseTo(lm.logProb(a, b, c), 5))
    }
  })
  it('scoreAllWith skips the trigram look-up of words that follow b in no bigram, and scores the same', () => {
    // the decoder's way: b's backoff row with its bigram marks, then the (a, b) row over it
    const words = ['của', 'ủy', 'ban', 'nhân', 'dân', 'tỉnh', 'kế', 'hoạch', 'thực', 'hiện', 'các', 'xã', 'năm', 'hộ', 'họ', 'tiêu', 'tiểu', 'hằng', 'hàng', 'giêsu']
    const ids = Int32Array.from(words, (w) => lm.idOf(w))
    const n = ids.length
    const back = new Float64Array(n), found = new Uint8Array(n), withMarks = new Float64Array(n), plain = new Float64Array(n)
    let missing = 0
    for (const a of [1, ...ids]) for (const b of [1, ...ids]) {
      lm.backoffRow(b, ids, n, back, 0, found)
      lm.scoreAllWith(a, b, ids, n, back, 0, withMarks, found)
      lm.scoreAllWith(a, b, ids, n, back, 0, plain)
      expect([...withMarks]).toEqual([...plain])
      missing += found.filter((f) => f === 0).length
    }
    expect(missing).toBeGreaterThan(0) // some look-ups were skipped
  })
  it('backoffRow finds the bigrams of short rows (searched in place) and long ones (hashed) alike', () => {
    const words = ['của', 'ủy', 'ban', 'nhân', 'dân', 'tỉnh', 'kế', 'hoạch', 'thực', 'hiện', 'các', 'xã', 'năm', 'hộ', 'họ', 'tiêu', 'tiểu', 'hằng', 'hàng', 'giêsu', 'khuẩn', 'ngoằn', 'nghoèo', 'quýt']
    const ids = Int32Array.from(words, (w) => lm.idOf(w))
    const { biStart, biWord } = (lm as unknown as { t: { biStart: Uint32Array; biWord: Uint16Array } }).t
    const out = new Float64Array(64), found = new Uint8Array(64)
    const lengths = new Set<boolean>()
    for (const b of ids) {
      const row = biWord.subarray(biStart[b], biStart[b + 1])
      lengths.add(row.length <= 256)
      // the words above, and the first, middle and last word of b's own row
      const cs = Int32Array.from([...ids, row[0], row[row.length >> 1], row[row.length - 1]])
      lm.backoffRow(b, cs, cs.length, out, 0, found)
      cs.forEach((c, i) => expect(found[i]).toBe(row.includes(c) ? 1 : 0))
      expect(found[ids.length]).toBe(1)
    }
    expect(lengths.size).toBe(2) // both kinds of row were read
  })
})

describe('piecesOf', () => {
  it('keeps a symbol with a number/year prefix whole (10/2019/NĐ-CP)', () => {
    const fixed = piecesOf('ban hanh 10/2019/ND-CP ngay').filter((p) => p.kind === 'fixed')
    expect(fixed.map((p) => (p.kind === 'fixed' ? p.replacement : ''))).toEqual(['10/2019/NĐ-CP'])
  })

  const words = (line: string) => piecesOf(line).flatMap((p) => (p.kind === 'word' ? [p.text] : []))
  it('reads a word with a list bullet glued to it (HOI• is HOI, then a break)', () => {
    expect(words('VA XA HOI•')).toEqual(['VA', 'XA', 'HOI'])
    expect(piecesOf('HOI• Lao').map((p) => p.kind)).toEqual(['word', 'break', 'word'])
  })

  it("reads a word a table column's slash is glued to (THỰC HIỆN/ KẾT QUẢ), with a phrase break at the slash", () => {
    expect(piecesOf('THU\'C HIEN/ KET QUA').map((p) => (p.kind === 'word' ? p.text : p.kind))).toEqual(["THU'C", 'HIEN', 'break', 'KET', 'QUA'])
    expect(words('va/hoac')).toEqual(['va', 'hoac'])
  })

  it("reads the words a table's column border is glued to (thanh|thuc, |Nhiém), with a phrase break at the border", () => {
    expect(piecesOf('thanh|thuc').map((p) => (p.kind === 'word' ? p.text : p.kind))).toEqual(['thanh', 'break', 'thuc'])
    expect(words('1  |Nhiém vu 1')).toEqual(['Nhiém', 'vu'])
    // a bar read for the heading numeral I stays the code protect.ts makes of it
    expect(piecesOf('|. MUC').map((p) => (p.kind === 'fixed' ? p.replacement : p.kind))).toEqual(['I.', 'word'])
  })

  it('reads a closing bracket inside a word as a glyph of a legacy font (Ml)C = MỤC), at its edges as punctuation', () => {
    expect(words('I. Ml)C DicH')).toEqual(['Ml)C', 'DicH'])
    expect(words('(a) noi dung')).toEqual(['a', 'noi', 'dung'])
    // and so are `<)` (ộ), `;` and `!` inside a word of the same fonts: d<)ng = động, hoe;tch = hoạch, th,!c = thực
    expect(words("Lao d<)ng, K€ hoe;tch th,!c hi~n.")).toEqual(['Lao', 'd<)ng', 'K€', 'hoe;tch', 'th,!c', 'hi~n'])
  })

  it('reads a word glued after a list number or letter (1.Mục, II.NHIỆM, a)Thực)', () => {
    expect(words('1.M1}c dich')).toEqual(['M1}c', 'dich'])
    expect(words('II.NHIEM VU')).toEqual(['NHIEM', 'VU'])
    expect(words("a)Th\\l'c hi~n")).toEqual(["Th\\l'c", 'hi~n'])
    // a decimal number and a word are two tokens; an abbreviation with a dot is no list mark
    expect(words('1.5 trieu')).toEqual(['trieu'])
  })
})
