// Text → runs of LM tokens. Shared by the model build, `kehoach lm train` and the decoder's context,
// so that the model sees words exactly as the decoder will ask about them.
import { oldTonePlacement } from './vietnamese.js'

export const BOS = '<s>'
export const EOS = '</s>'
export const NUM = '<num>'
export const UNK = '<unk>'

// Punctuation that ends a phrase: n-grams do not cross it (the decoder starts a fresh context there).
const PHRASE_BREAK = /[.,;:!?()[\]{}"“”‘’«»…|•]+/u
const TOKEN = /\p{L}+|\p{N}+/gu

/** Lower-case, NFC, old tone placement: the form the model stores. */
export function lmForm(word: string): string {
  return oldTonePlacement(word.normalize('NFC').toLowerCase())
}

/** Splits a line into phrases of model tokens (letters → lmForm, digit runs → <num>). */
export function phrases(line: string): string[][] {
  const out: string[][] = []
  for (const part of line.normalize('NFC').split(PHRASE_BREAK)) {
    const toks = part.match(TOKEN)
    if (!toks) continue
    out.push(toks.map((t) => (/^\p{N}/u.test(t) ? NUM : lmForm(t))))
  }
  return out
}
