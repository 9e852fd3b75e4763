/**
 * Where a run's time goes, per stage (after OCRmyPDF's `-v` timings): the stages call the timer they
 * are given (`deps.timer`) around their steps (`tables`: a page's tables found and their cells
 * re-read by OCR; `layout`: the document's reading order, columns and joined tables); the clock is the adapter's (`kehoach process
 * --timings`, `npm run bench`), never the stage's own. Pages run concurrently, so the stage totals
 * are busy time summed over the calls and may add up to more than the wall time.
 */

/** Runs `fn` as a part of `stage`: async work counts until its promise settles. */
export type StageTimer = <T>(stage: string, fn: () => T) => T

/** The timer of an untimed run. */
export const untimed: StageTimer = (_stage, fn) => fn()

/** The stages in the order of a run, for the summary. */
export const STAGES = ['prepare', 'text-layer', 'decode', 'preprocess', 'ocr', 'tables', 'layout', 'normalize', 'extract', 'validate', 'write'] as const

export class Timings {
  private readonly totals = new Map<string, { ms: number; calls: number }>()

  constructor(private readonly now: () => number = () => performance.now()) {}

  readonly time: StageTimer = (stage, fn) => {
    const t0 = this.now()
    const out = fn()
    if (out instanceof Promise) return out.finally(() => this.add(stage, this.now() - t0)) as typeof out
    this.add(stage, this.now() - t0)
    return out
  }

  add(stage: string, ms: number): void {
    const t = this.totals.get(stage) ?? { ms: 0, calls: 0 }
    t.ms += ms
    t.calls++
    this.totals.set(stage, t)
  }

  /** Stage totals in run order (stages never timed left out). */
  entries(): { stage: string; ms: number; calls: number }[] {
    const order = (s: string) => ((STAGES as readonly string[]).indexOf(s) + 1 || STAGES.length + 1)
    return [...this.totals].map(([stage, t]) => ({ stage, ...t })).sort((a, b) => order(a.stage) - order(b.stage))
  }

  /** One line per stage: total seconds, calls, per page, share of the summed stage time. */
  summary(pages: number): string[] {
    const rows = this.entries()
    const all = rows.reduce((a, r) => a + r.ms, 0) || 1
    const lines = [`${'stage'.padEnd(12)} ${'seconds'.padStart(8)} ${'calls'.padStart(6)} ${'s/page'.padStart(7)} ${'share'.padStart(6)}`]
    for (const r of rows) {
      lines.push(
        `${r.stage.padEnd(12)} ${(r.ms / 1000).toFixed(2).padStart(8)} ${String(r.calls).padStart(6)} ` +
          `${(pages ? r.ms / 1000 / pages : 0).toFixed(2).padStart(7)} ${((100 * r.ms) / all).toFixed(1).padStart(5)}%`,
      )
    }
    return lines
  }
}
