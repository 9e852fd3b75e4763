/**
 * `npm run eval`: every evaluation in turn, each printing its own figures. A failing one is reported
 * and the others still run; the exit code says whether all ran.
 */
import { spawnSync } from 'node:child_process'
import { packageRoot } from '../../src/version.js'

const EVALS = ['eval:normalize', 'eval:extract', 'eval:real', 'eval:ocr', 'eval:layout']
const failed: string[] = []
for (const name of EVALS) {
  console.log(`\n=== npm run ${name}`)
  const t0 = Date.now()
  const r = spawnSync('npm', ['run', '--silent', name], { cwd: packageRoot(), stdio: 'inherit' })
  console.log(`=== ${name}: ${r.status === 0 ? 'done' : `exit ${r.status}`} in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
  if (r.status !== 0) failed.push(name)
}
if (failed.length) {
  console.log(`\nfailed to run: ${failed.join(', ')}`)
  process.exit(1)
}
