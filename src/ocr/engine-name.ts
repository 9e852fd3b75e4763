import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** Stamped into `processing.ocrEngine`: which OCR produced the text. */
export const OCR_ENGINE = `tesseract.js ${require('tesseract.js/package.json').version} (vie, LSTM)`
