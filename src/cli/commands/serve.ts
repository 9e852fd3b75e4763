import type { Command } from 'commander'
import { BadArgumentError } from '../../errors.js'
import { startServer } from '../../server/start.js'
import { runCommand } from '../exit.js'

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
  dashboard: boolean
  verbose?: boolean
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('read-only HTTP API and web page over a results folder (OpenAPI at /openapi.json)')
    .option('-d, --data <dir>', 'results folder', process.env.KEHOACH_DATA ?? 'out')
    .option('--db <url>', 'index in PostgreSQL (postgres://…) instead of DATA/.kehoach/index.sqlite')
    .option('-p, --port <n>', 'port', '8080')
    .option('--host <addr>', 'address to bind (0.0.0.0 to serve the network: set a token)', '127.0.0.1')
    .option('--token <token>', 'require Authorization: Bearer <token> (default: $KEHOACH_TOKEN)')
    .option('--redis <url>', 'Redis for queue depths in /metrics, the queue dashboard at /admin/queues and webhook delivery (default: $REDIS_URL)')
    .option('--interval <ms>', 're-index period; file changes trigger it sooner', '5000')
    .option('--webhook <url>', 'POST document.created|updated|failed here (repeatable; also DATA/.kehoach/webhooks.json)', collect, [])
    .option('--webhook-secret <secret>', 'signing key, Standard Webhooks (whsec_<base64>, or any string used as is) (default: $KEHOACH_WEBHOOK_SECRET)')
    .option('--no-dashboard', 'do not mount the queue dashboard (Bull Board) at /admin/queues (mounted when Redis is set)')
    .option('--no-webhook-worker', 'only enqueue webhook deliveries; another `kehoach serve` on the same Redis and configuration delivers them')
    .option('-v, --verbose', 'print stack traces')
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
  const token = opts.token ?? process.env.KEHOACH_TOKEN ?? null
  if (!token && opts.host !== '127.0.0.1' && opts.host !== 'localhost' && opts.host !== '::1') {
    process.stderr.write(`kehoach: warning: serving ${opts.host} without a token: anyone who can reach it reads every plan (set KEHOACH_TOKEN)\n`)
  }
  const log = (l: string) => process.stderr.write(`kehoach serve: ${l}\n`)
  const server = await startServer({
    dataDir: opts.data,
    db: opts.db,
    port,
    host: opts.host,
    token,
    redisUrl: opts.redis ?? process.env.REDIS_URL ?? null,
    intervalMs,
    webhooks: { urls: opts.webhook ?? [], secret: opts.webhookSecret ?? process.env.KEHOACH_WEBHOOK_SECRET ?? null, worker: opts.webhookWorker },
    log,
    dashboard: opts.dashboard,
  })
  log(`listening on ${server.url}${token ? ' (bearer token required)' : ''}`)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  log('stopping')
  await server.close()
  return 0
}
