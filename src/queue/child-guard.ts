/**
 * Sandboxed processors die with their parent. BullMQ (6.7) forks a child per sandboxed job slot
 * and the child handles SIGTERM/SIGINT only: when the worker is killed with SIGKILL (OOM killer,
 * `kill -9`, a container runtime's hard stop) the child is re-parented and keeps running — an
 * orphaned OCR process at 100% CPU and hundreds of MB, one more after every crash, competing with
 * the restarted workers.
 *
 * Installed by each processor file (workers/*.ts, through die-with-parent.ts), it makes the child exit:
 *   - at once when its IPC channel to the parent closes ('disconnect': the parent is gone), or
 *     when it is already closed by the time the processor is loaded (loading the pipeline takes
 *     seconds on a busy machine: the parent may die meanwhile, and the event is not repeated);
 *   - within WATCHDOG_MS when its parent pid is no longer the worker's (re-parented to init or a
 *     subreaper). The worker's pid comes from KEHOACH_PARENT_PID (set by startWorkers), so a
 *     child re-parented before this module ran is caught too; this also covers children without
 *     an IPC channel.
 * The job it was running is not lost: its lock expires and another worker takes it (stalled-job
 * recovery, src/queue/workers.ts).
 */

/** How often the watchdog looks at the parent pid. */
export const WATCHDOG_MS = 1000

/** Exit code of a child whose parent died (128 + SIGHUP: "the controlling parent went away"). */
export const PARENT_GONE_EXIT = 129

/** The environment variable through which a worker tells its children its pid. */
export const PARENT_PID_ENV = 'KEHOACH_PARENT_PID'

export function dieWithParent(exit: (code: number) => void = (code) => process.exit(code), env: NodeJS.ProcessEnv = process.env): void {
  const parent = Number(env[PARENT_PID_ENV]) || process.ppid
  const orphaned = () => process.ppid !== parent || (typeof process.send === 'function' && !process.connected)
  if (orphaned()) return exit(PARENT_GONE_EXIT)
  if (typeof process.send === 'function') process.once('disconnect', () => exit(PARENT_GONE_EXIT))
  const watchdog = setInterval(() => {
    if (orphaned()) exit(PARENT_GONE_EXIT)
  }, WATCHDOG_MS)
  watchdog.unref() // never keeps an idle child alive on its own
}

