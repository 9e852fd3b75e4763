import { describe, expect, it } from 'vitest'
import { sniffInput } from '../../src/ingest/sniff.js'
import { EmptyInputError, UnsupportedInputError } from '../../src/errors.js'

const bytes = (s: string | number[]) => (typeof s === 'string' ? new TextEncoder().encode(s) : new Uint8Array(s))

describe('sniffInput: content decides, not the extension', () => {
  it.each([
    ['%PDF-1.7\n…', 'a.bin', 'pdf'],
    ['\n\n  %PDF-1.4 after junk', 'scan.pdf', 'pdf'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'x.pdf', 'image'],
    [[0xff, 0xd8, 0xff, 0xe0, 0], 'photo', 'image'],
    [[0x49, 0x49, 0x2a, 0x00, 8, 0], 'scan.tif', 'image'],
    [[0x4d, 0x4d, 0x00, 0x2a, 0, 8], 'scan.tiff', 'image'],
    ['Kế hoạch số 154/KH-UBND\n', 'ocr.txt', 'text'],
  ] as const)('%j named %s is %s', (content, name, kind) => {
    expect(sniffInput(bytes(content as any), name).kind).toBe(kind)
  })

  it('rejects empty files', () => {
    expect(() => sniffInput(new Uint8Array(), 'empty.pdf')).toThrow(EmptyInputError)
  })

  it('rejects HTML renamed to .pdf', () => {
    expect(() => sniffInput(bytes('<!DOCTYPE html><html><body>404</body></html>'), 'plan.pdf')).toThrow(UnsupportedInputError)
  })

  it('rejects binary that is neither PDF, image nor UTF-8 text', () => {
    expect(() => sniffInput(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff]), 'plan.docx')).toThrow(UnsupportedInputError)
  })

  it('reads UTF-8 text only from .txt files (text has no magic number)', () => {
    expect(sniffInput(bytes('Kế hoạch'), 'scan-ocr').kind).toBe('text')
    expect(() => sniffInput(bytes('{"id": 1}'), 'truth.json')).toThrow(UnsupportedInputError)
    expect(() => sniffInput(bytes('# README'), 'README.md')).toThrow(/not a \.txt/)
  })

  it('accepts text whose 1 MiB sample ends inside a multi-byte letter', () => {
    const big = 'ệ'.repeat((1 << 20) / 3 + 1) // 3 bytes each: the sample cuts one in half
    expect(sniffInput(bytes(big), 'long.txt').kind).toBe('text')
  })
})
