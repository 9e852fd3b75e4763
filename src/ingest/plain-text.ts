/**
 * Text that was OCRed elsewhere: pages split on form feed (what pdftotext and most OCR tools write
 * between pages), one page when there is none; lines kept as they are (leading spaces carry layout).
 */
export function splitTextPages(text: string): string[][] {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const pages = clean.split('\f')
  // a trailing form feed closes the last page; it does not open an empty one
  if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop()
  return pages.map((p) => {
    const lines = p.split('\n')
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop() // final newline
    return lines
  })
}
