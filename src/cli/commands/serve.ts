import type { Command } from 'commander'
import { BadArgumentError } from '../../errors.js'
import { startServer } from '../../server/start.js'
import { runCommand } from '../exit.js'
import { option } from '../settings.js'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

type ServeOptions = {
  data: string
  db?: string
  port: string
  host: string
  token?: string
  redis?: string
  interval: string
  webhook?: string[]
  webhookSecret?: string
  webhookWorker: boolean
  insecureNoToken?: boolean
  accessLog: boolean
  dashboard: boolean
  verbose?: boolean
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('read-only HTTP API and web page over a results folder (OpenAPI at /openapi.json)')
    .addOption(option('data'))
    .addOption(option('db'))
    .addOption(option('port'))
    .addOption(option('host', { help: 'address to bind (0.0.0.0 to serve the network: a token is then required)' }))
    .addOption(option('token'))
    .option('--insecure-no-token', 'serve a non-loopback address without a token (anyone who reaches it reads every plan)')
    .addOption(option('redis', { default: null, help: 'Redis for queue depths and stage durations in /metrics, the queue dashboard at /admin/queues and webhook delivery' }))
    .option('--no-access-log', 'no access log (one JSON line per request on stdout)')
    .option('--interval <ms>', 're-index period; file changes trigger it sooner', '5000')
    .option('--webhook <url>', 'POST document.created|updated|failed here (repeatable; also DATA/.kehoach/webhooks.json)', collect, [])
    .addOption(option('webhookSecret'))
    .option('--no-dashboard', 'do not mount the queue dashboard (Bull Board) at /admin/queues (mounted when Redis is set)')
    .option('--no-webhook-worker', 'only enqueue webhook deliveries; another `kehoach serve` on the same Redis and configuration delivers them')
    .addOption(option('verbose'))
    .action((opts: ServeOptions) => runCommand(() => serveCommand(opts), opts.verbose))
}

function collect(v: string, acc: string[]): string[] {
  return [...acc, v]
}

async function serveCommand(opts: ServeOptions): Promise<number> {
  const port = Number(opts.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new BadArgumentError(`--port ${opts.port} is not a port number`)
  const intervalMs = Number(opts.interval)
  if (!Number.isFinite(intervalMs) || intervalMs < 100) throw new BadArgumentError('--interval must be a number of milliseconds ≥ 100')
  const token = opts.token || null
  if (!token && !LOOPBACK.has(opts.host)) {
    if (!opts.insecureNoToken) throw new BadArgumentError(`--host ${opts.host} without a token: anyone who can reach it would read every plan. Set KEHOACH_TOKEN (or --token), bind 127.0.0.1, or pass --insecure-no-token`)
    process.stderr.write(`kehoach: warning: serving ${opts.host} without a token (--insecure-no-token)\n`)
  }
  const log = (l: string) => process.stderr.write(`kehoach serve: ${l}\n`)
  const server = await startServer({
    dataDir: opts.data,
    db: opts.db,
    port,
    host: opts.host,
    token,
    redisUrl: opts.redis ?? null,
    intervalMs,
    webhooks: { urls: opts.webhook ?? [], secret: opts.webhookSecret ?? null, worker: opts.webhookWorker },
    accessLog: opts.accessLog ? (line) => process.stdout.write(line + '\n') : null,
    log,
    dashboard: opts.dashboard,
  })
  log(`listening on http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${new URL(server.url).port}${token ? ' (bearer token required)' : ''}`) // the address bound, not the one fastify reports (127.0.0.1 for 0.0.0.0)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  log('stopping')
  await server.close()
  return 0
}
