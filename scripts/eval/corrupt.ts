// Synthetic OCR-style corruption with a fixed seed: marks kept on half the syllables, dropped or
// replaced by a wrong mark on the rest, and ~5% glyph confusions of the kinds seen in real OCR.
const ALL = /[\u0300-\u036f]/g
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323']
const GLYPHS: [RegExp, string[]][] = [[/[ôốồổỗộ]/, ['6', 'o']], [/[ưứừửữự]/, ['w', 'ir', 'u']], [/[êếềểễệ]/, ['é']], [/đ/, ['d']], [/[ơớờởỡợ]/, ['o', 'd']], [/l/, ['1']]]

function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function corrupt(text: string, seed: number): string {
  const rnd = mulberry32(seed)
  return text.normalize('NFC').replace(/\p{L}+/gu, (w) => {
    let out = w
    const r = rnd()
    if (r >= 0.5) {
      const plain = w.normalize('NFD').replace(ALL, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC')
      if (r < 0.85) out = plain
      else {
        // a wrong tone on the syllable's marked vowel
        const d = w.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '')
        const idx = d.search(/[aeiouyăâêôơư]/i)
        out = idx < 0 ? w : (d.slice(0, idx + 1) + TONES[Math.floor(rnd() * TONES.length)] + d.slice(idx + 1)).normalize('NFC')
      }
    }
    if (rnd() < 0.05) {
      const lower = w.toLowerCase()
      for (const [re, subs] of GLYPHS) {
        const m = re.exec(lower)
        if (m) {
          out = out.slice(0, m.index) + subs[Math.floor(rnd() * subs.length)] + out.slice(m.index + 1)
          break
        }
      }
    }
    return out
  })
}
