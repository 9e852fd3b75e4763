/**
 * The command-line vocabulary, in one place: every flag that more than one command takes, with its
 * environment variable and default. Commands build their options from here, so a flag means the
 * same thing everywhere, every setting can come from the environment (containers, Paperless-style
 * deployments), and `--help` shows the variable beside the flag. The README's configuration table
 * lists the same rows (a test compares them).
 */
import { Option } from 'commander'
import { DEFAULT_LIMITS } from '../limits.js'
import { DEFAULT_REDIS_URL } from '../queue/redis-url.js'

export type Setting = { flags: string; env: string | null; default: string | null; help: string }

/** One default data folder for every command: results, originals, ledger, failures, index. */
export const DEFAULT_DATA_DIR = 'data'

export const SETTINGS = {
  data: { flags: '-d, --data <dir>', env: 'KEHOACH_DATA', default: DEFAULT_DATA_DIR, help: 'data folder: plans, originals/, ledger/, failed/, the index' },
  out: { flags: '-o, --out <dir>', env: 'KEHOACH_DATA', default: DEFAULT_DATA_DIR, help: 'output folder (the data folder that query and serve read)' },
  inbox: { flags: '--inbox <dir>', env: 'KEHOACH_INBOX', default: 'inbox', help: 'folder to watch (subfolders too)' },
  model: { flags: '--model <path>', env: 'KEHOACH_MODEL', default: null, help: 'language model of the normalizer (from `kehoach lm train`; default: the packaged one)' },
  concurrency: { flags: '-c, --concurrency <n>', env: 'KEHOACH_CONCURRENCY', default: null, help: 'pages read at once, one OCR process each, ≈300 MiB (default: number of cores)' },
  dpi: { flags: '--dpi <n>', env: 'KEHOACH_DPI', default: String(DEFAULT_LIMITS.dpi), help: 'resolution PDF pages are drawn at for OCR, and the most a scan with small text is upscaled to' },
  maxPages: { flags: '--max-pages <n>', env: 'KEHOACH_MAX_PAGES', default: String(DEFAULT_LIMITS.maxPages), help: 'reject documents with more pages' },
  maxPixels: { flags: '--max-pixels <n>', env: 'KEHOACH_MAX_PIXELS', default: String(DEFAULT_LIMITS.maxPixels), help: 'reject pages or images with more pixels' },
  poll: { flags: '--poll', env: 'KEHOACH_POLL', default: null, help: 'poll the inbox instead of file-system events (NFS/SMB mounts, Docker Desktop); env: any value turns it on' },
  pollInterval: { flags: '--poll-interval <ms>', env: 'KEHOACH_POLL_INTERVAL_MS', default: '1000', help: 'polling interval' },
  stableMs: { flags: '--stable-ms <ms>', env: 'KEHOACH_STABLE_MS', default: '10000', help: 'a file is taken once its size and mtime have not changed for this long (and a PDF or image is complete); = INBOX_DEFAULTS.stableMs in src/ingest/watch.ts' },
  rescanMs: { flags: '--rescan-ms <ms>', env: 'KEHOACH_RESCAN_MS', default: '30000', help: 'the inbox is also listed this often, so a file whose event never came (the system\'s inotify watches ran out) is still taken; 0: never; = INBOX_DEFAULTS.rescanMs in src/ingest/watch.ts' },
  redis: { flags: '--redis <url>', env: 'REDIS_URL', default: DEFAULT_REDIS_URL, help: 'Redis of the queue, webhooks and queue metrics' },
  db: { flags: '--db <url>', env: 'KEHOACH_DB', default: null, help: 'keep the index in PostgreSQL (postgres://…[?schema=name]) instead of DATA/.kehoach/index.sqlite' },
  token: { flags: '--token <token>', env: 'KEHOACH_TOKEN', default: null, help: 'bearer token the API requires (required when --host is not loopback)' },
  host: { flags: '--host <addr>', env: 'KEHOACH_HOST', default: '127.0.0.1', help: 'address the API binds' },
  port: { flags: '-p, --port <n>', env: 'KEHOACH_PORT', default: '8080', help: 'port of the API' },
  webhookSecret: { flags: '--webhook-secret <secret>', env: 'KEHOACH_WEBHOOK_SECRET', default: null, help: 'Standard Webhooks signing key (whsec_<base64>, or any string used as is)' },
  limit: { flags: '-n, --limit <n>', env: null, default: null, help: 'at most this many rows' },
  format: { flags: '-f, --format <format>', env: null, default: null, help: 'output format' },
  verbose: { flags: '-v, --verbose', env: null, default: null, help: 'print stack traces of failures' },
} satisfies Record<string, Setting>

/** Settings read from the environment only (no flag). */
export const ENV_ONLY: { env: string; default: string; help: string }[] = [
  { env: 'KEHOACH_QUEUE_PREFIX', default: 'kehoach', help: 'BullMQ key prefix (several installations on one Redis)' },
]

export type SettingName = keyof typeof SETTINGS

/** The commander option of a setting; `help` and `default` may be specialised per command. */
export function option(name: SettingName, o: { help?: string; default?: string | null } = {}): Option {
  const s: Setting = SETTINGS[name]
  const opt = new Option(s.flags, o.help ?? s.help)
  if (s.env) opt.env(s.env)
  const def = o.default === undefined ? s.default : o.default
  if (def !== null) opt.default(def)
  return opt
}
