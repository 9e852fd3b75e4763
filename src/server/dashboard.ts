/**
 * The queue dashboard (Bull Board) of `kehoach serve`, at /admin/queues, over the pages,
 * assemble and webhook queues — mounted only when Redis is configured.
 *
 * Access: the same bearer token as the API. A browser cannot send an Authorization header
 * when one follows a link, so `/admin/queues?token=<token>` is accepted once: the token is
 * checked, a cookie is set (HttpOnly, SameSite=Strict, Path=/admin/queues, Secure behind
 * https; its value is a hash derived from the token, not the token, so it opens the dashboard
 * and nothing else) and the browser is redirected to the same address without the token.
 * Without a token the dashboard is read-only (no retry, clean, pause, obliterate): anything
 * that can reach the port sees it, but cannot change the queues. With a token, actions are
 * allowed, and non-GET requests from another origin are refused (403) — on top of
 * SameSite=Strict and the CORS preflight that PUT/PATCH need.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { FastifyAdapter } from '@bull-board/fastify'
import { Queue, type ConnectionOptions } from 'bullmq'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ASSEMBLE_QUEUE, PAGES_QUEUE } from '../queue/names.js'
import { WEBHOOK_QUEUE } from '../webhooks/names.js'

export const DASHBOARD_PATH = '/admin/queues'
export const DASHBOARD_COOKIE = 'kehoach_admin'

export type DashboardOptions = { connection: ConnectionOptions; prefix: string }

/** Whether a request path (no query) is the dashboard or below it. */
export function isDashboardPath(url: string): boolean {
  return url === DASHBOARD_PATH || url.startsWith(DASHBOARD_PATH + '/')
}

const cookieValue = (token: string) => createHash('sha256').update(`kehoach-admin-cookie\0${token}`).digest('hex')
const sha = (s: string) => createHash('sha256').update(s).digest()

function readCookie(req: FastifyRequest, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim()
  }
  return null
}

/**
 * The dashboard's share of the API's onRequest hook, when a token is set: returns true when
 * the request may go on (bearer token or dashboard cookie), sends the answer itself otherwise
 * (redirect after `?token=`, 401, 403) and returns false.
 */
export function dashboardAuth(req: FastifyRequest, reply: FastifyReply, token: string, bearerOk: boolean): boolean {
  const [pathname, search = ''] = req.url.split('?', 2) as [string, string?]
  const params = new URLSearchParams(search)
  const given = params.get('token')
  if (given !== null && req.method === 'GET') {
    if (!timingSafeEqual(sha(given), sha(token))) {
      reply.code(401).send({ error: 'unauthorized', message: 'wrong token' })
      return false
    }
    params.delete('token')
    const secure = req.protocol === 'https' ? '; Secure' : ''
    const rest = params.toString()
    reply
      .header('Set-Cookie', `${DASHBOARD_COOKIE}=${cookieValue(token)}; Path=${DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secure}`)
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .redirect(pathname + (rest ? `?${rest}` : ''), 303)
    return false
  }
  const cookie = readCookie(req, DASHBOARD_COOKIE)
  const cookieOk = cookie !== null && timingSafeEqual(sha(cookie), sha(cookieValue(token)))
  if (!bearerOk && !cookieOk) {
    reply.header('WWW-Authenticate', 'Bearer realm="kehoach"')
    reply.code(401).send({ error: 'unauthorized', message: `send Authorization: Bearer <token>, or open ${DASHBOARD_PATH}?token=<token> once in a browser` })
    return false
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const origin = req.headers.origin
    if (origin && origin !== 'null') {
      let host: string | null = null
      try {
        host = new URL(origin).host
      } catch {
        host = null
      }
      if (host !== req.headers.host) {
        reply.code(403).send({ error: 'forbidden', message: 'cross-origin request to the queue dashboard' })
        return false
      }
    } else if (origin === 'null') {
      reply.code(403).send({ error: 'forbidden', message: 'cross-origin request to the queue dashboard' })
      return false
    }
  }
  return true
}

/**
 * Mount Bull Board at /admin/queues. Its queues have their own Redis connections, closed
 * with the server. `readOnly`: no job or queue actions (the default without a token).
 */
export async function mountDashboard(app: FastifyInstance, o: DashboardOptions & { readOnly: boolean }): Promise<void> {
  const queues = [PAGES_QUEUE, ASSEMBLE_QUEUE, WEBHOOK_QUEUE].map((name) => {
    const q = new Queue(name, { connection: o.connection, prefix: o.prefix })
    q.on('error', () => {}) // Redis down: the dashboard's API answers with an error; no unhandled 'error' event
    return q
  })
  const serverAdapter = new FastifyAdapter()
  serverAdapter.setBasePath(DASHBOARD_PATH)
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: o.readOnly, allowRetries: !o.readOnly })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'kehoach queues' } },
  })
  await app.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH })
  app.addHook('onClose', async () => {
    await Promise.allSettled(queues.map((q) => q.close()))
  })
}
