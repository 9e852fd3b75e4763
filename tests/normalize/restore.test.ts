import { describe, expect, it } from 'vitest'
import { normalizeText, loadLanguageModel } from '../../src/normalize/index.js'
import { UNK_ID } from '../../src/normalize/lm/model.js'
import { Restorer, withCaseOf } from '../../src/normalize/restore.js'
import { Channel } from '../../src/normalize/channel/model.js'
import { channelCandidates, lexiconOf, markCandidates, rankOf, type Candidate } from '../../src/normalize/channel/candidates.js'

// line counts and idempotence on the seeds: seeds.test.ts

/** A line in a broken legacy font mapping (seed 003's kind): the garbled context the next lines are read in. */
const GARBLED_LEAD = "Th\\l'c hi~n K€ ho~ch s6 284/KH-UBND clla UBND tinh v~ vi~c t6 chuc phong trao thi dua"

describe('normalizeText', () => {
  it('restores diacritics on a short de-accented phrase', () => {
    expect(normalizeText('Ke hoach thuc hien').text).toBe('Kế hoạch thực hiện')
  })

  it('reads common OCR glyph confusions', () => {
    expect(normalizeText('Thuc hién Nghi quyét s6 21-NQ/TW cua Ban Chap hanh').text).toBe('Thực hiện Nghị quyết số 21-NQ/TW của Ban Chấp hành')
  })

  it('keeps the number of lines, blank lines and leading spaces', () => {
    const text = 'Ke hoach\n\n  thuc hien nhiem vu\n '
    const out = normalizeText(text).text
    expect(out.split('\n')).toHaveLength(4)
    expect(out.split('\n')[1]).toBe('')
    expect(out.split('\n')[2].startsWith('  ')).toBe(true)
  })

  it('reads a marked vowel the OCR broke into two thin glyphs (Xil = Xã, phil = phù) in a garbled text', () => {
    const text = [
      GARBLED_LEAD,
      'S& Lao dQng - Thuong binh va Xil hQi tinh t6 chuc th\\l\'c hi~n chinh sach an sinh xii hQi',
      "cho ngu&i ngheo phil hQ'p v6'i di~u ki~n th\\l'c t€ clla dja phuong.",
    ].join('\n')
    const out = normalizeText(text).text.split('\n')
    expect(out[1]).toContain('Thương binh và Xã hội')
    expect(out[1]).toContain('an sinh xã hội')
    expect(out[2]).toContain('phù hợp')
  })

  it('reads a letter Vietnamese never writes inside a garbled word as a vowel (tuqng = tượng, vfrng = vững), then learns it for the document', () => {
    const text = [
      GARBLED_LEAD,
      "gi~m ngheo b€n vfrng, chu trQ'ng h6 trQ' cac d6i tuqng chinh sach t~i dja phuong.",
    ].join('\n')
    const out = normalizeText(text).text.split('\n')
    expect(out[1]).toContain('giảm nghèo bền vững')
    expect(out[1]).toContain('đối tượng chính sách')
  })

  it('reads a token of four glued syllables once the document taught its glyphs (chc1tluq\'ngcuQcs6ng = chất lượng cuộc sống)', () => {
    const text = [
      GARBLED_LEAD,
      "Cac cc1p ban hanh van ban, chc1t luQ'ng cong tac phc1n dc1u cua cac cc1p h<?i nhc1t la cc1p xa, phc1n dc1u dat chc1t luQ'ng cao.",
      "Cac cc1p uy dang chi dao, phc1n dc1u hoan thanh nhi~m V\\l, nang cao chc1t luq'ng can bQ cc1p co s&, nhc1t la cc1p thon.",
      "b6 trl kinh phi d~ nang cao chc1tluq'ngcuQcs6ng cua h<? ngheo.",
    ].join('\n')
    expect(normalizeText(text).text.split('\n')[3]).toContain('nâng cao chất lượng cuộc sống')
  })

  it('offers the word a document surely reads after the previous one where the search ranked it out (thập dé = thập đỏ)', () => {
    const text = [
      'Thuc hién Nghi quyét s6 30/NQ-TW cua Ban Chap hanh Trung wong Hoi Chit thap do Viét Nam vé van dong ngudn luc',
      'Trung wong Hoi Chit thap do Viét Nam ban hanh K& hoach thuc hién; cac cap Hoi Chit thap do tinh, thanh phd',
      'phat trién quan hé doi tic bén vimg véi cac co quan, tb chirc, nha hao tdm trong va ngoai Phong trao Chit thap dé va Tring',
      'tuyén truyén vé Hoi Chit thap do Viét Nam va cac hoat dong nhan dao cua Hoi Chit thap do cac cap.',
    ].join('\n')
    expect(normalizeText(text).text.split('\n')[2]).toContain('Phong trào Chữ thập đỏ và')
  })

  it('offers the word a document surely reads before the next one (dan vi = đơn vị where "đơn vị" repeats)', () => {
    const text = [
      GARBLED_LEAD,
      "Cac do'n vi tr\\l'c thuQc t6 chuc th\\l'c hi~n; m6i do'n vi xay dt,mg k€ ho~ch; cac do'n vi bao cao k€t qua v~ SO'.",
      "Cac phong, do'n vi phil hQ'p v6'i di~u ki~n th\\l'c t€ clla tUng dan vi, g~n v6'i vi~c tri€n khai th\\l'c hi~n.",
    ].join('\n')
    expect(normalizeText(text).text.split('\n')[2]).toContain('của từng đơn vị, gắn với')
  })

  it('reads a legacy font\'s marked vowels written with punctuation inside the word (hoe;tch = hoạch, th,!c = thực)', () => {
    const text = [GARBLED_LEAD, 'Tren day la K€ hoe;tch th,!c hi~n Phong trao thi dua, yeu c~u cac don vi tr,!c thuQc t6 chuc tri~n khai.'].join('\n')
    expect(normalizeText(text).text.split('\n')[1]).toBe('Trên đây là Kế hoạch thực hiện Phong trào thi đua, yêu cầu các đơn vị trực thuộc tổ chức triển khai.')
  })

  it('leaves clean text untouched', () => {
    const clean = 'Ủy ban nhân dân tỉnh Lào Cai ban hành Kế hoạch tăng cường năng lực quản lý.\nCăn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ.'
    const r = normalizeText(clean)
    expect(r.text).toBe(clean)
    expect(r.changes.filter((c) => c.layer === 'restore')).toHaveLength(0)
  })

  it('is idempotent', () => {
    const once = normalizeText('Chuong trinh hanh dong cua Tinh uy ve phat trien kinh te').text
    expect(normalizeText(once).text).toBe(once)
  })

  it('keeps the case pattern of each word', () => {
    expect(normalizeText('KE HOACH THUC HIEN').text).toBe('KẾ HOẠCH THỰC HIỆN')
    expect(withCaseOf('Pang', 'đảng')).toBe('Đảng')
  })

  /** English-model OCR of a Party plan (seed 002's kind): bare ¢ and & tokens, a capital I for a small l. */
  const ENGLISH_OCR = [
    'Thuc hién Nghi quyét s6 21-NQ/TW cua Ban Chap hanh Trung wong Pang vé ting cudng',
    'phat trién dang vién ¢ dia ban kho khan, mién nui; ning cao chat lugng sinh hoat',
    'chi bo & co s& theo Diéu Ié Pang va quy dinh cta Trung wong; thwc hién Iy Iuan.',
  ].join('\n')

  it('reads a bare ¢ or & of English-model OCR as the word ở, or ¢ as có / cố where the context says so', () => {
    const out = normalizeText(ENGLISH_OCR).text.split('\n')
    expect(out[1]).toContain('đảng viên ở địa bàn')
    expect(out[2]).toContain('chi bộ ở cơ sở')
    const co = normalizeText([ENGLISH_OCR, 'Xay dung chi doan ¢ ning luc lanh dao, sic chién dau; cling ¢, ning cao chat lugng.'].join('\n'))
    expect(co.text.split('\n')[3]).toBe('Xây dựng chi đoàn có năng lực lãnh đạo, sức chiến đấu; củng cố, nâng cao chất lượng.')
  })

  it('leaves stray glyphs of a garbled page (runs of one-glyph tokens: a table rule, specks) as written', () => {
    const out = normalizeText([ENGLISH_OCR, 'T e 5 da . - " o o ét dinh giao chi', 'v o e g e i vin | g i [ o, i i s 1'].join('\n')).text.split('\n')
    expect(out[3]).toMatch(/^T e 5 /)
    expect(out[4]).toMatch(/^v o e g e i \S+ \| g i \[ o, i i s 1$/)
  })

  it('writes a small l where the OCR read it as a capital I (Iy = lý), and keeps capitals it did not confuse', () => {
    expect(normalizeText(ENGLISH_OCR).text.split('\n')[2]).toContain('Điều lệ Đảng và quy định của Trung ương; thực hiện lý luận.')
    expect(withCaseOf('Iy', 'lý')).toBe('lý')
    expect(withCaseOf('IY', 'lý')).toBe('LÝ')
    expect(withCaseOf('Ich', 'ích')).toBe('Ích')
  })

  it('reports statistics and the model version', () => {
    const r = normalizeText('Ke hoach thuc hien')
    expect(r.stats.lines).toBe(1)
    expect(r.stats.syllables).toBe(4)
    expect(r.stats.modelVersion).toBe(loadLanguageModel().version)
  })
})

describe('two-syllable readings of glued tokens', () => {
  // the reference: every cut, both sides read in full (their 3 best readings by rank), every pair; of the pairs
  // within 1 nat of the sixth cheapest, the 6 best distinct by cost − 0.3 × log p(pair); the restorer caps the
  // sides' searches by the sixth pair found so far
  const lm = loadLanguageModel()
  const lex = lexiconOf(lm)
  const params = { pDrop: 0.98, pWrong: 0.1, garble: 1 }
  const channel = new Channel(params)
  const byRank = (a: Candidate, b: Candidate) => rankOf(lex, a) - rankOf(lex, b) || (a.word < b.word ? -1 : 1)
  const side = (part: string): Candidate[] => {
    const byWord = new Map<string, Candidate>()
    if (/^\p{L}+$/u.test(part)) for (const x of markCandidates(lex, channel, part)) byWord.set(x.word, x)
    for (const x of channelCandidates(lex, channel, part, 12, 6, 3)) if (!byWord.has(x.word) || byWord.get(x.word)!.cost > x.cost) byWord.set(x.word, x)
    return [...byWord.values()].sort(byRank).slice(0, 3)
  }
  const reference = (o: string): Candidate[] => {
    const chars = [...o], found: Candidate[] = []
    for (let k = 2; k <= chars.length - 2; k++) {
      const left = chars.slice(0, k).join(''), right = chars.slice(k).join('')
      if (!/\p{L}/u.test(left) || !/\p{L}/u.test(right)) continue
      for (const a of side(left)) for (const b of side(right)) found.push({ word: a.word + ' ' + b.word, id: a.id, id2: b.id, cost: a.cost + b.cost + 3 })
    }
    const distinct = (cs: Candidate[]) => {
      const seen = new Set<string>()
      return cs.filter((c) => !seen.has(c.word) && seen.add(c.word))
    }
    const cheapest = distinct([...found].sort((a, b) => a.cost - b.cost || (a.word < b.word ? -1 : 1))).slice(0, 6)
    const sixth = cheapest.length === 6 ? cheapest[5].cost : Infinity
    const rank = (c: Candidate) => c.cost - 0.3 * (lex.unigram[c.id] + lm.logProb(UNK_ID, c.id, c.id2!))
    return distinct(found.filter((c) => c.cost <= sixth + 1).sort((a, b) => rank(a) - rank(b) || (a.word < b.word ? -1 : 1))).slice(0, 6)
  }

  it('are the same when the sides are searched only as far as a pair can still make the list', () => {
    const r = new Restorer(lm, params) as unknown as { splitCandidates(o: string): Candidate[]; sideCache: Map<string, unknown> }
    for (const token of ['b61~i', 'h,liphia', "tluq'ngva", "c\\l'cthi~n", "do'nguo'i", 'thong,ﬂvan', 'o:thye'])
      expect(r.splitCandidates(token), token).toEqual(reference(token))
    expect(r.splitCandidates('b61~i').map((c) => c.word)).toContain('bỏ lại')
    // some sides were left unread (their search stopped at the cap)
    expect([...r.sideCache.values()].some((v) => typeof v === 'number')).toBe(true)
  })
})
