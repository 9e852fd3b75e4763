import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { UnsupportedInputError } from '../../src/errors.js'
import { collectInputs, inputId, readDocumentInput } from '../../src/ingest/collect.js'
import { groupPageImages, joinParts, locatePage, partsId } from '../../src/ingest/page-parts.js'
import { DEFAULT_LIMITS } from '../../src/limits.js'
import { prepareDocument } from '../../src/pipeline.js'
import { fixture } from '../helpers/fixtures.js'

const png = async (grey: number) =>
  new Uint8Array(await sharp({ create: { width: 60, height: 80, channels: 3, background: { r: grey, g: grey, b: grey } } }).png().toBuffer())

describe('several page images as one document (<name>_p<N>)', () => {
  it('groups the page images of one name in one folder by page number, p10 after p2, and leaves other files alone', () => {
    const g = groupPageImages(['a/x_p10.jpg', 'a/x_p2.jpg', 'a/other.pdf', 'a/x_p1.JPG', 'b/x_p3.jpg', 'a/y_p1.png'])
    expect(g).toEqual([
      { path: 'a/x_p1.JPG', parts: ['a/x_p1.JPG', 'a/x_p2.jpg', 'a/x_p10.jpg'] },
      { path: 'a/other.pdf', parts: null },
      // one page image alone (another folder, or no sibling) stays an ordinary image document
      { path: 'b/x_p3.jpg', parts: null },
      { path: 'a/y_p1.png', parts: null },
    ])
  })

  it('gives the same id to the same images in the same order, whatever their names, and another id when reordered', async () => {
    const [a, b] = [await png(200), await png(100)]
    const ab = joinParts([{ fileName: 'x_p1.png', bytes: a }, { fileName: 'x_p2.png', bytes: b }])
    const renamed = joinParts([{ fileName: 'scan_p1.png', bytes: a }, { fileName: 'scan_p2.png', bytes: b }])
    const ba = joinParts([{ fileName: 'x_p1.png', bytes: b }, { fileName: 'x_p2.png', bytes: a }])
    expect(partsId(ab.bytes, ab.parts)).toBe(partsId(renamed.bytes, renamed.parts))
    expect(partsId(ab.bytes, ab.parts)).not.toBe(partsId(ba.bytes, ba.parts))
  })

  it('finds a document page inside its part, multi-page parts counted in place', () => {
    expect(locatePage([1, 3, 1], 1)).toEqual({ part: 0, index: 0 })
    expect(locatePage([1, 3, 1], 4)).toEqual({ part: 1, index: 2 })
    expect(locatePage([1, 3, 1], 5)).toEqual({ part: 2, index: 0 })
    expect(() => locatePage([1, 3, 1], 6)).toThrow(RangeError)
  })

  it('collects a folder into one document per name and prepares it with the pages of all its images', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kh-parts-'))
    // a multi-page TIFF part: its two pages stand in place among the document's pages
    writeFileSync(path.join(dir, 'letter_p2.tif'), fixture('scan-2p.tif'))
    writeFileSync(path.join(dir, 'letter_p1.png'), await png(220))
    writeFileSync(path.join(dir, 'alone.png'), await png(180))
    const inputs = await collectInputs([dir])
    expect(inputs.map((i) => [path.basename(i.path), i.parts?.map((p) => path.basename(p))])).toEqual([
      ['alone.png', undefined],
      ['letter_p1.png', ['letter_p1.png', 'letter_p2.tif']],
    ])
    const input = await readDocumentInput(inputs[1]!)
    const doc = await prepareDocument(input, DEFAULT_LIMITS)
    expect(doc).toMatchObject({ fileName: 'letter.pages', kind: 'image', pageCount: 3, id: inputId(input) })
    expect(doc.parts!.map((p) => [p.fileName, p.pageCount])).toEqual([['letter_p1.png', 1], ['letter_p2.tif', 2]])
  })

  it('rejects a group whose part is not an image (a PDF named as a page image)', async () => {
    const input = joinParts([{ fileName: 'x_p1.png', bytes: await png(200) }, { fileName: 'x_p2.png', bytes: fixture('lao-cai.digital.pdf') }])
    await expect(prepareDocument({ fileName: 'x.pages', ...input }, DEFAULT_LIMITS)).rejects.toBeInstanceOf(UnsupportedInputError)
  })
})
