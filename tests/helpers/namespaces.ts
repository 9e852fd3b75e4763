/**
 * Real full and read-only disks for tests: a tmpfs mounted inside a private mount namespace
 * (`unshare -rm`), so that nothing outlives the test. Where user namespaces are not allowed the
 * tests that need them are skipped.
 */
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'

export function namespacesAllowed(): boolean {
  try {
    execFileSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=4k tmpfs "$0"', tmpdir()], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
