/**
 * `kehoach process` when the output disk is full or read-only: each document fails alone with the
 * real cause (no space left / read-only file system), no temp file is left behind, the batch goes
 * on, a summary is printed and the exit code says "file access" (5).
 *
 * The disks are real: a tmpfs of 8 KiB (a plan JSON does not fit; a small report does) and a
 * read-only tmpfs, mounted in a private mount namespace (`unshare -rm`) so that nothing outlives
 * the test. Skipped where user namespaces are not allowed.
 */
import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { namespacesAllowed } from '../helpers/namespaces.js'
import { packageRoot } from '../../src/version.js'

const root = packageRoot()
const cli = path.join(root, 'bin', 'kehoach.js')

/** Mount a tmpfs with `mountOpts` on `out`, run `kehoach process` into it, list what is left there. */
async function processOnto(mountOpts: string, inputs: string, out: string) {
  const script = [
    `mount -t tmpfs -o ${mountOpts} tmpfs "$1"`,
    `node "$0" process "$2" --out "$1" --no-progress 2>&1; echo "EXIT=$?"`,
    `echo "---FILES"; find "$1" -mindepth 1 | sort`,
    `echo "---REPORTS"; cat "$1"/failed/*.error.json 2>/dev/null || true`,
  ].join('\n')
  const { stdout } = await promisify(execFile)('unshare', ['-rm', 'sh', '-c', script, cli, out, inputs], { cwd: root, maxBuffer: 1 << 24 })
  const [log, files, reports] = stdout.split(/^---(?:FILES|REPORTS)$/m)
  return {
    log: log!,
    code: Number(/EXIT=(\d+)/.exec(log!)?.[1]),
    files: files!.trim().split('\n').filter(Boolean).map((f) => path.relative(out, f)),
    reports: reports!.trim(),
  }
}

describe.skipIf(!namespacesAllowed())('kehoach process: a full or read-only output disk', () => {
  const inputs = mkdtempSync(path.join(tmpdir(), 'kehoach-outerr-in-'))
  const out = mkdtempSync(path.join(tmpdir(), 'kehoach-outerr-out-'))
  for (const f of ['hon-quan.gt.txt', 'lao-cai.gt.txt']) copyFileSync(path.join(root, 'fixtures', f), path.join(inputs, f))
  afterAll(() => {
    rmSync(inputs, { recursive: true, force: true })
    rmSync(out, { recursive: true, force: true })
  })

  it('full disk: every document fails alone with "no space left on device", no temp file is left, summary and exit 5', async () => {
    const r = await processOnto('size=8k', inputs, out)
    expect(r.code, r.log).toBe(5)
    for (const f of ['hon-quan.gt.txt', 'lao-cai.gt.txt']) {
      expect(r.log).toMatch(new RegExp(`FAIL ${path.join(inputs, f).replace(/[.]/g, '\\.')}: cannot write .*: no space left on device \\(ENOSPC\\)`))
    }
    expect(r.log).toMatch(/0 done, 0 duplicate, 2 failed \(2 read but not written: output disk full or read-only\)/)
    expect(r.files.filter((f) => f.endsWith('.tmp') || f.includes('.kehoach-write-probe'))).toEqual([])
    expect(r.files.filter((f) => /^[0-9a-f]{64}\.json$/.test(f))).toEqual([]) // no plan, not even half of one
    // the reports that fit on the disk say the real cause, in the one report format
    expect(r.reports).toMatch(/"code": "output.write"/)
    expect(r.reports).toMatch(/no space left on device/)
  }, 120_000)

  it('read-only disk: stops before reading any input, with "read-only file system" and exit 5', async () => {
    const r = await processOnto('ro', inputs, out)
    expect(r.code, r.log).toBe(5)
    expect(r.log).toMatch(/cannot write .*: read-only file system \(EROFS\)/)
    expect(r.log).not.toMatch(/Unexpected error/)
    expect(r.files).toEqual([])
  }, 60_000)
})
