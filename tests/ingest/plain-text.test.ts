import { describe, expect, it } from 'vitest'
import { splitTextPages } from '../../src/ingest/plain-text.js'

describe('splitTextPages', () => {
  it('is one page of lines when there is no form feed', () => {
    expect(splitTextPages('a\nb\n')).toEqual([['a', 'b']])
  })
  it('splits pages on form feed, CRLF → LF, keeps leading spaces, drops the BOM', () => {
    expect(splitTextPages('\uFEFFỦY BAN\r\n   Số: 1\r\n\fKẾ HOẠCH\n\f')).toEqual([['ỦY BAN', '   Số: 1'], ['KẾ HOẠCH']])
  })
  it('keeps an empty text as one empty page', () => {
    expect(splitTextPages('')).toEqual([['']])
  })
})
