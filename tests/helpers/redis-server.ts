/**
 * A private redis-server for tests and the soak that restart or kill Redis (never the shared one):
 * a free port, no persistence (`--save '' --appendonly no`: a restart loses every key, the case
 * the reconciler exists for), started and stopped by the caller.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'

export type PrivateRedis = { url: string; port: number; restart(): Promise<void>; stop(): Promise<void> }

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
  })
}

async function answers(url: string): Promise<boolean> {
  const c = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false })
  c.on('error', () => {})
  try {
    await c.connect()
    return (await c.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    c.disconnect()
  }
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let proc: ChildProcess | null = null
  const up = async () => {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' })
    for (let i = 0; i < 100 && !(await answers(url)); i++) await new Promise((r) => setTimeout(r, 50))
    if (!(await answers(url))) throw new Error(`redis-server on port ${port} did not start`)
  }
  const down = async () => {
    const p = proc
    if (!p || p.exitCode !== null) return
    const exited = new Promise((r) => p.once('exit', r))
    p.kill('SIGKILL') // as a crash or a container restart: nothing saved
    await exited
  }
  await up()
  process.once('exit', () => void (proc as ChildProcess | null)?.kill('SIGKILL')) // never outlives a test run that was cut short
  return {
    url,
    port,
    restart: async () => {
      await down()
      await up()
    },
    stop: down,
  }
}
