/**
 * Progress on stderr: one redrawn line on a terminal, one line per finished document otherwise
 * (logs and CI keep a readable record either way).
 */
export class ProgressLine {
  private last = ''
  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled = true,
  ) {}

  get interactive(): boolean {
    return this.enabled && Boolean(this.stream.isTTY)
  }

  update(text: string): void {
    if (!this.interactive) return
    const width = this.stream.columns || 100
    const line = text.length > width - 1 ? text.slice(0, width - 2) + '…' : text
    this.stream.write(`\r${line}${' '.repeat(Math.max(0, this.last.length - line.length))}`)
    this.last = line
  }

  /** A permanent line (document done, failure, summary). */
  log(text: string): void {
    if (this.interactive && this.last) this.stream.write(`\r${' '.repeat(this.last.length)}\r`)
    this.last = ''
    if (this.enabled || text) this.stream.write(text + '\n')
  }
}

export function bar(done: number, total: number, width = 20): string {
  const filled = total ? Math.round((done / total) * width) : 0
  return '[' + '#'.repeat(filled) + '-'.repeat(width - filled) + ']'
}
