'use strict'
/**
 * tesseract.js 7's Node worker script (tesseract.js/src/worker-script/node/index.js) with one fix:
 * its getCore() is handed `lstmOnly` (a boolean) where it expects an OEM number, so it always loads
 * the core that also carries the legacy engine (tesseract-core-simd) even for OEM.LSTM_ONLY.
 * The LSTM-only build does the same recognition with ≈ 11% less CPU per page (docs/ocr.md).
 * Used by src/ocr/pool.ts as `workerPath`; plain CommonJS because tesseract.js starts it as a
 * worker thread by path.
 */
const { parentPort } = require('node:worker_threads')
const { simd, relaxedSimd } = require('wasm-feature-detect')
const worker = require('tesseract.js/src/worker-script')
const getCore = require('tesseract.js/src/worker-script/node/getCore')
const gunzip = require('tesseract.js/src/worker-script/node/gunzip')
const cache = require('tesseract.js/src/worker-script/node/cache')

/**
 * The traineddata's config names two legacy-engine parameters that the LSTM-only build lacks; its
 * "Warning: Parameter not found: …" lines on every worker start are noise, everything else is kept.
 */
const QUIET = /^Warning: Parameter not found: (language_model_ngram_on|classify_misfit_junk_penalty)$/
const printErr = (line) => {
  if (!QUIET.test(line)) console.error(line)
}

let core = null
async function getLstmCore(lstmOnly, corePath, res) {
  if (!lstmOnly) return getCore(lstmOnly, corePath, res)
  if (core === null) {
    res.progress({ status: 'loading tesseract core', progress: 0 })
    let factory
    if (await relaxedSimd()) factory = require('tesseract.js-core/tesseract-core-relaxedsimd-lstm')
    else if (await simd()) factory = require('tesseract.js-core/tesseract-core-simd-lstm')
    else factory = require('tesseract.js-core/tesseract-core-lstm')
    core = (moduleArg) => factory({ ...moduleArg, printErr })
    res.progress({ status: 'loading tesseract core', progress: 1 })
  }
  return core
}

parentPort.on('message', (packet) => {
  worker.dispatchHandlers(packet, (obj) => parentPort.postMessage(obj))
})

worker.setAdapter({ getCore: getLstmCore, gunzip, fetch: global.fetch, ...cache })
