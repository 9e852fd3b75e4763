/** A counting semaphore whose size is asked on first use; waiters are served in arrival order. */
export class Slots {
  private size: Promise<number> | undefined
  private busy = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly sizeOf: () => Promise<number> | number) {}

  async acquire(): Promise<void> {
    const size = Math.max(1, await (this.size ??= Promise.resolve(this.sizeOf())))
    if (this.busy < size && this.waiting.length === 0) {
      this.busy++
      return
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  /** Hand the slot to the next waiter, or free it. */
  release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.busy--
  }

  /** `fn` in a slot, which is freed when it settles. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire()
    try {
      return await fn()
    } finally {
      this.release()
    }
  }
}
