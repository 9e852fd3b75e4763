/**
 * Processes as /proc shows them, for the tests (and the soak) that kill workers with real signals
 * and then look for children left behind: a zombie counts as gone.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** State and parent pid of a pid, from /proc/<pid>/stat (the fields after the command name). */
function statOf(pid: number | string): { state: string; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { state: state!, ppid: Number(ppid) }
  } catch {
    return null // gone meanwhile
  }
}

/** Live children of a pid (read them before the pid is killed: afterwards they are re-parented). */
export function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      const s = statOf(name)
      return s !== null && s.ppid === pid && s.state !== 'Z'
    })
    .map(Number)
}

export function alive(pid: number): boolean {
  const s = statOf(pid)
  return s !== null && s.state !== 'Z'
}
