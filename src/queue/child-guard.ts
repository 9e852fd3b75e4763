/**
 * Sandboxed processors die with their parent. BullMQ (6.7) forks a child per sandboxed job slot
 * and the child handles SIGTERM/SIGINT only: when the worker is killed with SIGKILL (OOM killer,
 * `kill -9`, a container runtime's hard stop) the child is re-parented and keeps running — an
 * orphaned OCR process at 100% CPU and hundreds of MB, one more after every crash, competing with
 * the restarted workers.
 *
 * Imported for its effect by each processor file (workers/*.ts), it makes the child exit:
 *   - at once when its IPC channel to the parent closes ('disconnect': the parent is gone);
 *   - within WATCHDOG_MS when its parent pid changes (re-parented to init or a subreaper), for
 *     the case where no IPC channel exists (worker threads, a processor run by hand).
 * The job it was running is not lost: its lock expires and another worker takes it (stalled-job
 * recovery, src/queue/workers.ts).
 */

/** How often the watchdog looks at the parent pid. */
export const WATCHDOG_MS = 1000

/** Exit code of a child whose parent died (128 + SIGHUP: "the controlling parent went away"). */
export const PARENT_GONE_EXIT = 129

export function dieWithParent(exit: (code: number) => void = (code) => process.exit(code)): void {
  if (typeof process.send === 'function') process.once('disconnect', () => exit(PARENT_GONE_EXIT))
  const parent = process.ppid
  const watchdog = setInterval(() => {
    if (process.ppid !== parent) exit(PARENT_GONE_EXIT)
  }, WATCHDOG_MS)
  watchdog.unref() // never keeps an idle child alive on its own
}

dieWithParent()
