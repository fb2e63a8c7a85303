// Webhook mode: our own node:http server around telegraf's callback, so the public URL may be plain
// http (a self-hosted Bot API server, the emulator in tests) — telegraf's launch() insists on https.
import { createServer, type Server } from 'node:http'
import type { Telegraf } from 'telegraf'
import type { Logger } from '../../src/log.js'

export interface WebhookOptions {
  /** Public host (https assumed) or a full origin such as `http://127.0.0.1:8443`. */
  domain: string
  /** Secret path: whoever knows it can post fake updates, so it is derived from the token by default. */
  path: string
  port: number
  host?: string
  /** Checked against X-Telegram-Bot-Api-Secret-Token on every request. */
  secretToken?: string
}

export function webhookUrl(w: Pick<WebhookOptions, 'domain' | 'path'>): string {
  let end = w.domain.length
  while (w.domain[end - 1] === '/') end--
  const origin = /^https?:\/\//.test(w.domain) ? w.domain.slice(0, end) : `https://${w.domain}`
  return `${origin}${w.path.startsWith('/') ? '' : '/'}${w.path}`
}

export async function listenWebhook(
  bot: Telegraf,
  w: WebhookOptions,
  log: Logger,
  stopping: () => boolean = () => false,
): Promise<Server> {
  const callback = bot.webhookCallback(w.path, w.secretToken ? { secretToken: w.secretToken } : {})
  const server = createServer((req, res) => {
    // Stopping: not ours to handle any more. Telegram keeps the update and sends it again later.
    if (stopping()) {
      res.writeHead(503, { connection: 'close' }).end()
      return
    }
    callback(req, res).catch((err: unknown) => {
      // Telegram redelivers on a non-2xx answer; the app's message key makes that harmless.
      log.error({ err }, 'telegram webhook request failed')
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(w.port, w.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return server
}

/**
 * Stops listening; requests in flight get their answer. Idle keep-alive sockets would hold close() open,
 * and so would a client that never finishes its request: after `graceMs` every connection is cut.
 */
export function closeServer(server: Server, graceMs = 3000): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs)
    cut.unref()
    const idle = setInterval(() => server.closeIdleConnections(), 50)
    server.close(() => {
      clearTimeout(cut)
      clearInterval(idle)
      resolve()
    })
    server.closeIdleConnections()
  })
}
