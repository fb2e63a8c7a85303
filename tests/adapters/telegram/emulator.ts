// Test rig: the telegram-test-api Bot API emulator, a fault proxy in front of it, and Telegram users.
// Everything listens on 127.0.0.1 and is closed by the test that opened it.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import TelegramServer from 'telegram-test-api'
import type { MessageEntity } from 'telegraf/types'

export const HOST = '127.0.0.1'

/** What the emulator's getMe answers, whatever the token. */
export const EMULATED_BOT = { id: 666, username: 'TestNameBot' }

export async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, HOST, r))
  const { port } = s.address() as AddressInfo
  await new Promise((r) => s.close(r))
  return port
}

export type Emulator = InstanceType<typeof TelegramServer>

export async function startEmulator(port?: number): Promise<Emulator> {
  // The emulator turns port 0 into 9000, so pick a free port ourselves.
  const emu = new TelegramServer({ host: HOST, port: port ?? (await freePort()), storeTimeout: 600 })
  await emu.start()
  return emu
}

export interface TgChat {
  id: number
  type: 'private' | 'group' | 'supergroup'
  title?: string
  is_forum?: true
}
export interface TgUser {
  id: number
  first_name: string
  username?: string
  /** the user's app language, e.g. 'zh-hans' */
  language_code?: string
}

export interface Said {
  text?: string
  caption?: string
  entities?: MessageEntity[]
  photo?: { file_id: string }[]
  reply_to_message?: unknown
  message_thread_id?: number
  is_topic_message?: true
  /** the service messages of a group upgraded to a supergroup */
  migrate_to_chat_id?: number
  migrate_from_chat_id?: number
}

/**
 * A user writes in a chat. The emulator posts the update to the bot's webhook and only then emits
 * AddedUserMessage, so awaiting this means the bot has finished handling the message.
 */
export async function say(
  emu: Emulator,
  token: string,
  from: TgUser,
  chat: TgChat,
  said: Said | string,
): Promise<void> {
  const body = {
    botToken: token,
    date: Math.floor(Date.now() / 1000),
    from: { ...from, is_bot: false },
    chat: chat.type === 'private' ? { id: chat.id, type: 'private', first_name: from.first_name } : chat,
    ...(typeof said === 'string' ? { text: said } : said),
  }
  const handled = emu.waitUserMessage()
  const res = await fetch(`${emu.config.apiURL}/sendMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`emulator refused the user message: ${res.status}`)
  await handled
}

export interface BotSent {
  messageId: number
  chatId: string
  text: string
  entities: MessageEntity[]
  reply_parameters?: { message_id: number }
  message_thread_id?: number
  parse_mode?: string
}

/** Every sendMessage the emulator accepted from this bot, in order. */
export function botSent(emu: Emulator, token: string): BotSent[] {
  return emu.storage.botMessages
    .filter((u) => u.botToken === token)
    .map((u) => {
      const m = u.message as unknown as Record<string, unknown>
      return {
        ...(m as object),
        messageId: u.messageId,
        chatId: String(m.chat_id),
        text: String(m.text),
        entities: (m.entities ?? []) as MessageEntity[],
      } as BotSent
    })
}

/** The message Telegram would put in reply_to_message when a user quotes a bot message. */
export const quoted = (sent: BotSent, chat: TgChat) => ({
  message_id: sent.messageId,
  date: Math.floor(Date.now() / 1000),
  chat,
  text: sent.text,
  entities: sent.entities,
  from: { id: EMULATED_BOT.id, is_bot: true, first_name: 'Test First name', username: EMULATED_BOT.username },
})

export type Fault =
  | { kind: '429'; retryAfter: number }
  | { kind: '500' }
  | { kind: 'drop' }
  | { kind: 'api'; code: number; description: string; parameters?: Record<string, unknown> }

export interface ProxyLogEntry {
  at: number
  method: string
  chatId?: string
  text?: string
  outcome: 'forwarded' | Fault['kind']
}

/** A file the bot sent (sendDocument, sendPhoto): the emulator has neither, so the proxy answers them itself. */
export interface ProxyFile {
  method: 'sendDocument' | 'sendPhoto'
  chatId: string
  caption?: string
  replyTo?: number
  name: string
  data: Buffer
}

export interface FaultProxy {
  url: string
  log: ProxyLogEntry[]
  files: ProxyFile[]
  close(): Promise<void>
}

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

/**
 * Sits between the bot and the emulator. `plan` sees every sendMessage (numbered from 0) and may
 * answer it with a fault instead of forwarding; faults answer like Telegram does (status = error_code).
 */
export async function startFaultProxy(
  target: string,
  plan: (n: number, body: Record<string, unknown>) => Fault | undefined,
): Promise<FaultProxy> {
  const log: ProxyLogEntry[] = []
  const files: ProxyFile[] = []
  let sends = 0
  const upstream = new URL(target)
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req)
    const method = (req.url ?? '').split('/').pop() ?? ''
    const at = Date.now()
    if (method === 'sendDocument' || method === 'sendPhoto') {
      // A multipart form, as Telegram receives it: read back with the platform's own parser.
      const form = await new Request('http://proxy/', {
        method: 'POST',
        headers: { 'content-type': String(req.headers['content-type']) },
        body,
      }).formData()
      const file = form.get(method === 'sendPhoto' ? 'photo' : 'document') as File
      const reply = form.get('reply_parameters')
      const f: ProxyFile = {
        method,
        chatId: String(form.get('chat_id')),
        ...(form.get('caption') ? { caption: String(form.get('caption')) } : {}),
        ...(reply ? { replyTo: (JSON.parse(String(reply)) as { message_id: number }).message_id } : {}),
        name: file.name,
        data: Buffer.from(await file.arrayBuffer()),
      }
      files.push(f)
      log.push({ at, method, chatId: f.chatId, outcome: 'forwarded' })
      const result = { message_id: 900_000 + files.length, date: Math.floor(at / 1000), chat: { id: Number(f.chatId) } }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }))
      return
    }
    let fault: Fault | undefined
    let parsed: Record<string, unknown> = {}
    if (method === 'sendMessage') {
      parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>
      fault = plan(sends++, parsed)
    }
    const entry: ProxyLogEntry = {
      at,
      method,
      outcome: fault?.kind ?? 'forwarded',
      ...(method === 'sendMessage' ? { chatId: String(parsed.chat_id), text: String(parsed.text) } : {}),
    }
    log.push(entry)
    if (fault?.kind === 'drop') {
      req.socket.destroy()
      return
    }
    if (fault?.kind === '500') {
      res.writeHead(500, 'Internal Server Error').end('Internal Server Error')
      return
    }
    if (fault) {
      const error =
        fault.kind === '429'
          ? {
              ok: false,
              error_code: 429,
              description: `Too Many Requests: retry after ${fault.retryAfter}`,
              parameters: { retry_after: fault.retryAfter },
            }
          : {
              ok: false,
              error_code: fault.code,
              description: fault.description,
              ...(fault.parameters ? { parameters: fault.parameters } : {}),
            }
      res.writeHead(error.error_code, { 'content-type': 'application/json' }).end(JSON.stringify(error))
      return
    }
    const fwd = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      },
    )
    fwd.on('error', () => {
      res.destroy()
    })
    fwd.end(body)
  })
  await new Promise<void>((r) => server.listen(0, HOST, r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${HOST}:${port}`,
    log,
    files,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = probe()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export type Route = (
  method: string,
  body: Record<string, unknown>,
  req: IncomingMessage,
  res: ServerResponse,
) => unknown

/**
 * A few lines of Bot API for what the emulator cannot do (hold a long poll, fail getUpdates, never
 * answer): getMe and the webhook calls answer (getMe not at all when `getMe` is false); `route` decides
 * the rest — a value is the result, undefined means it answered (or dropped) the request itself.
 */
export async function fakeBotApi(
  route: Route,
  getMe = true,
): Promise<{ url: string; calls: string[]; close(): Promise<void> }> {
  const calls: string[] = []
  const server = createServer(async (req, res) => {
    const body = JSON.parse((await readBody(req)).toString() || '{}') as Record<string, unknown>
    const method = req.url!.split('/').pop()!
    calls.push(method)
    const reply = (result: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }))
    if (method === 'getMe') {
      if (getMe) reply({ id: 777, is_bot: true, first_name: 'bell', username: 'ringbell_bot' })
      return
    }
    if (['deleteWebhook', 'setWebhook'].includes(method)) return reply(true)
    const r = route(method, body, req, res)
    if (r !== undefined) reply(r)
  })
  await new Promise<void>((r) => server.listen(0, HOST, r))
  return {
    url: `http://${HOST}:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
