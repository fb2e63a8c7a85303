// The Telegram ChatAdapter: telegraf in, telegraf out. It translates; the app decides.
import type { Server } from 'node:http'
import { Telegraf } from 'telegraf'
import {
  DeliveryError,
  type AdapterEvent,
  type ChatAdapter,
  type IncomingMessage,
  type MessageKey,
  type OutgoingMessage,
  type UserRef,
} from '../../src/chat/types.js'
import { silentLogger, type Logger } from '../../src/log.js'
import { decodeUpdate, keyOf, type BotIdentity } from './decode.js'
import { encode, MAX_TEXT } from './encode.js'
import { telegramOptionsFromEnv } from './env.js'
import { toDeliveryError } from './errors.js'
import { closeServer, listenWebhook, webhookUrl, type WebhookOptions } from './webhook.js'

export { decodeUpdate } from './decode.js'
export { encode } from './encode.js'
export { toDeliveryError } from './errors.js'
export { defaultSecretToken, defaultWebhookPath } from './env.js'

export interface TelegramAdapterOptions {
  token: string
  apiRoot?: string
  webhook?: WebhookOptions
  log?: Logger
}

// Edits are ignored (see decode.ts), so there is no point in having Telegram send them.
const ALLOWED_UPDATES = ['message'] as const

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function createTelegramAdapter(opts: TelegramAdapterOptions): ChatAdapter {
  const log = (opts.log ?? silentLogger()).child({ adapter: 'telegram' })
  const bot = new Telegraf(opts.token, {
    telegram: { ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}), webhookReply: false },
  })
  // The numeric prefix of a token is the bot's user id; the name is known after getMe.
  let self: UserRef = { platform: 'telegram', id: opts.token.split(':')[0] ?? '', name: 'bot' }
  let state: 'new' | 'running' | 'stopped' = 'new'
  let polling: Promise<void> | undefined
  let pollingSettled = false
  let server: Server | undefined
  // Updates are handled one at a time in arrival order. telegraf runs a polled batch concurrently,
  // and after downtime a batch can hold a ring and the claim of that ring: the claim must not win.
  let queue: Promise<void> = Promise.resolve()
  // A long message goes out in parts; if part 2 fails, the relay's retry must not repeat part 1.
  const partlySent = new Map<string, { sent: number; first: MessageKey }>()

  let identity: BotIdentity | undefined
  let deliver: ((m: IncomingMessage) => Promise<void>) | undefined

  // One failing handler must not stop polling: telegraf's default handler rethrows and ends the loop.
  bot.catch((err, ctx) => {
    log.error({ err, updateId: ctx.update.update_id }, 'telegram update not handled')
  })
  bot.use((ctx) => {
    const m = identity && deliver ? decodeUpdate(ctx.update, identity) : undefined
    if (!m || !deliver) return
    const onMessage = deliver
    const turn = queue.then(() => onMessage(m))
    queue = turn.catch(() => undefined)
    return turn
  })

  async function enter(
    onMessage: (m: IncomingMessage) => Promise<void>,
    onEvent: ((e: AdapterEvent) => Promise<void>) | undefined,
  ) {
    const me = await bot.telegram.getMe()
    bot.botInfo = me
    identity = { id: me.id, username: me.username }
    self = { platform: 'telegram', id: String(me.id), name: me.username }
    deliver = onMessage
    if (opts.webhook) {
      server = await listenWebhook(bot, opts.webhook, log)
      try {
        await bot.telegram.setWebhook(webhookUrl(opts.webhook), {
          allowed_updates: [...ALLOWED_UPDATES],
          ...(opts.webhook.secretToken ? { secret_token: opts.webhook.secretToken } : {}),
        })
      } catch (err) {
        await closeServer(server)
        server = undefined
        throw err
      }
      log.info({ path: opts.webhook.path, port: opts.webhook.port }, 'telegram webhook set')
    } else {
      // Fail start() loudly if the API is unreachable; launch() repeats this call, harmlessly.
      // No drop_pending_updates: what people said while we were down is still theirs.
      await bot.telegram.deleteWebhook()
      polling = bot
        .launch({ allowedUpdates: [...ALLOWED_UPDATES] })
        .then(
          () => {
            log.info('telegram polling stopped')
          },
          async (err: unknown) => {
            log.error({ err }, 'telegram polling ended')
            await onEvent?.({
              type: 'offline',
              at: new Date(),
              reason: err instanceof Error ? err.message : String(err),
            })
          },
        )
        .finally(() => {
          pollingSettled = true
        })
      log.info({ bot: me.username }, 'telegram long polling')
    }
  }

  async function stopPolling() {
    // launch() creates its poller only after its own deleteWebhook call; bot.stop() throws until then.
    while (!pollingSettled) {
      try {
        bot.stop('ringbell stop')
        break
      } catch {
        await sleep(10)
      }
    }
    // The loop finishes the batch in hand before telegraf confirms it, so nothing unprocessed is confirmed.
    await polling
  }

  async function sendAll(m: OutgoingMessage): Promise<MessageKey> {
    const payloads = encode(m)
    if (payloads.length === 0) throw new DeliveryError('telegram: empty message', { permanent: true })
    const tag = payloads.length > 1 ? JSON.stringify(m) : undefined
    const resume = tag ? partlySent.get(tag) : undefined
    let first = resume?.first
    for (let i = resume?.sent ?? 0; i < payloads.length; i++) {
      try {
        const sent = await bot.telegram.callApi('sendMessage', payloads[i]!)
        first ??= keyOf(sent)
      } catch (err) {
        if (tag && first) {
          if (partlySent.size > 100) partlySent.clear()
          partlySent.set(tag, { sent: i, first })
        }
        throw toDeliveryError(err)
      }
    }
    if (tag) partlySent.delete(tag)
    return first!
  }

  return {
    platform: 'telegram',
    get self() {
      return self
    },
    capabilities: { quoteReply: true, mentionById: true, maxTextLength: MAX_TEXT, replaysMissed: true },
    pacing: { perChatMs: 1000, perAccountMs: 34, perGroupPerMinute: 20 },
    async start(onMessage, onEvent) {
      if (state !== 'new') throw new Error('telegram adapter: start() once per adapter')
      // A failed start may be tried again: nothing is registered twice.
      await enter(onMessage, onEvent)
      state = 'running'
      await onEvent?.({ type: 'online', at: new Date() })
    },
    send: sendAll,
    isReady: () => state === 'running',
    async stop() {
      const was = state
      state = 'stopped'
      if (was !== 'running') return
      if (polling) await stopPolling()
      // The webhook stays registered: Telegram keeps undelivered updates and retries them later.
      if (server) await closeServer(server)
      await queue
    },
  }
}

/** A maker of the adapter if TELEGRAM_BOT_TOKEN is set, else undefined (Telegram off). */
export function telegramFromEnv(env: NodeJS.ProcessEnv): ((log: Logger) => ChatAdapter) | undefined {
  const o = telegramOptionsFromEnv(env)
  return o && ((log) => createTelegramAdapter({ ...o, log }))
}
