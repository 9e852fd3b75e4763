/**
 * `kehoach status` on a full disk: the index cannot be created or updated ("database or disk is
 * full"), and status still answers — it says why the index is not available and exits 0 — instead
 * of crashing. The disk is a real 64 KiB tmpfs in a private mount namespace (`unshare -rm`),
 * filled up before status runs; skipped where user namespaces are not allowed.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { namespacesAllowed } from '../helpers/namespaces.js'
import { ROOT } from './helpers.js'

const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js')

describe.skipIf(!namespacesAllowed())('kehoach status on a full disk', () => {
  const data = mkdtempSync(path.join(tmpdir(), 'kehoach-status-full-'))
  afterAll(() => rmSync(data, { recursive: true, force: true }))

  it('reports the index as not available, with the cause, and exits 0', async () => {
    const script = [
      'mount -t tmpfs -o size=64k tmpfs "$1"',
      'mkdir -p "$1/ledger"',
      'head -c 1000000 /dev/zero > "$1/filler" 2>/dev/null', // fill the disk to the last block
      'node "$0" status --data "$1" --redis redis://127.0.0.1:1 2>&1; echo "EXIT=$?"',
    ].join('\n')
    const { stdout } = await promisify(execFile)('unshare', ['-rm', 'sh', '-c', script, CLI, data], { cwd: ROOT })
    expect(stdout).toMatch(/EXIT=0/)
    expect(stdout).toMatch(/index {5}not available: .*(full|space|ENOSPC)/i)
    expect(stdout).toMatch(/redis .*not answering/)
  }, 60_000)
})
