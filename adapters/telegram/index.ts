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
import { decodeMigration, decodeUpdate, keyOf, type BotIdentity } from './decode.js'
import { encode, encodeFile, MAX_ENTITIES, MAX_TEXT } from './encode.js'
import { telegramOptionsFromEnv } from './env.js'
import { toDeliveryError } from './errors.js'
import { poll, withSignal } from './polling.js'
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

/** How long one Bot API call of the start may take before the attempt counts as failed. */
const CALL_TIMEOUT_MS = 15_000

export function createTelegramAdapter(opts: TelegramAdapterOptions): ChatAdapter {
  const log = (opts.log ?? silentLogger()).child({ adapter: 'telegram' })
  const bot = new Telegraf(opts.token, {
    telegram: { ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}), webhookReply: false },
  })
  // The numeric prefix of a token is the bot's user id; the name is known after getMe.
  let self: UserRef = { platform: 'telegram', id: opts.token.split(':')[0] ?? '', name: 'bot' }
  let state: 'new' | 'running' | 'stopped' = 'new'
  let polling: Promise<void> | undefined
  let server: Server | undefined
  // stop() aborts it: every call and wait of the start and of polling ends with it.
  const lifetime = new AbortController()
  // Updates are handled one at a time in arrival order. telegraf runs a polled batch concurrently,
  // and after downtime a batch can hold a ring and the claim of that ring: the claim must not win.
  let queue: Promise<void> = Promise.resolve()
  // A long message goes out in parts; if part 2 fails, the relay's retry must not repeat part 1.
  const partlySent = new Map<string, { sent: number; first: MessageKey }>()

  let identity: BotIdentity | undefined
  let deliver: ((m: IncomingMessage) => Promise<void>) | undefined
  let report: ((e: AdapterEvent) => Promise<void>) | undefined

  // One failing handler must not stop polling: telegraf's default handler rethrows and ends the loop.
  bot.catch((err, ctx) => {
    log.error({ err, updateId: ctx.update.update_id }, 'telegram update not handled')
  })
  bot.use((ctx) => {
    // A group became a supergroup: its binding, cases and unsent messages follow, in turn with the
    // messages around it, so a ring right after the move finds the chat bound.
    const moved = decodeMigration(ctx.update)
    if (moved) {
      log.info(moved, 'telegram group upgraded to a supergroup; following it')
      const onEvent = report
      return enqueue(async () => onEvent?.({ type: 'chatRenamed', ...moved }))
    }
    const m = identity && deliver ? decodeUpdate(ctx.update, identity) : undefined
    if (!m || !deliver) return
    const onMessage = deliver
    return enqueue(() => onMessage(m))
  })

  function enqueue(job: () => Promise<void>): Promise<void> {
    const turn = queue.then(job)
    queue = turn.catch(() => undefined)
    return turn
  }

  /** One Bot API call of the start, cut short by stop() or after CALL_TIMEOUT_MS (an unreachable host). */
  async function startCall<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const signal = AbortSignal.any([lifetime.signal, AbortSignal.timeout(CALL_TIMEOUT_MS)])
    const r = await call(signal)
    if (lifetime.signal.aborted) throw new Error('telegram adapter stopped while starting')
    return r
  }

  async function enter(
    onMessage: (m: IncomingMessage) => Promise<void>,
    onEvent: ((e: AdapterEvent) => Promise<void>) | undefined,
  ) {
    const me = await startCall((signal) => bot.telegram.callApi('getMe', {}, withSignal(signal)))
    bot.botInfo = me
    identity = { id: me.id, username: me.username }
    self = { platform: 'telegram', id: String(me.id), name: me.username }
    deliver = onMessage
    report = onEvent
    if (opts.webhook) {
      const listening = await listenWebhook(bot, opts.webhook, log, () => state === 'stopped')
      try {
        await startCall((signal) =>
          bot.telegram.callApi(
            'setWebhook',
            {
              url: webhookUrl(opts.webhook!),
              allowed_updates: [...ALLOWED_UPDATES],
              ...(opts.webhook!.secretToken ? { secret_token: opts.webhook!.secretToken } : {}),
            },
            withSignal(signal),
          ),
        )
      } catch (err) {
        await closeServer(listening)
        throw err
      }
      server = listening
      log.info({ path: opts.webhook.path, port: opts.webhook.port }, 'telegram webhook set')
    } else {
      // No drop_pending_updates: what people said while we were down is still theirs.
      await startCall((signal) => bot.telegram.callApi('deleteWebhook', {}, withSignal(signal)))
      polling = poll(bot.telegram, {
        allowedUpdates: [...ALLOWED_UPDATES],
        signal: lifetime.signal,
        log,
        onUpdate: (u) => bot.handleUpdate(u),
      }).then(
        () => log.info('telegram polling stopped'),
        async (err: unknown) => {
          log.error({ err }, 'telegram polling ended')
          await onEvent?.({ type: 'offline', at: new Date(), reason: err instanceof Error ? err.message : String(err) })
        },
      )
      log.info({ bot: me.username }, 'telegram long polling')
    }
  }

  async function sendAll(m: OutgoingMessage): Promise<MessageKey> {
    if (m.file) {
      const f = encodeFile({ ...m, file: m.file })
      try {
        return keyOf(await bot.telegram.callApi(f.method, f.payload as never))
      } catch (err) {
        throw toDeliveryError(err, m.conversation.kind)
      }
    }
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
        throw toDeliveryError(err, m.conversation.kind)
      }
    }
    if (tag) partlySent.delete(tag)
    if (m.pin && m.conversation.kind === 'group') await pin(first!)
    return first!
  }

  /** A notice marked 置顶: pinned if the bot is an admin allowed to pin; otherwise only logged — it was sent. */
  async function pin(key: MessageKey): Promise<void> {
    try {
      await bot.telegram.callApi('pinChatMessage', {
        chat_id: key.conversationId,
        message_id: Number(key.messageId),
        disable_notification: true,
      })
    } catch (err) {
      log.warn({ err, chat: key.conversationId }, 'could not pin the notice (the bot must be an admin allowed to pin)')
    }
  }

  return {
    platform: 'telegram',
    get self() {
      return self
    },
    capabilities: {
      quoteReply: true,
      mentionById: true,
      maxTextLength: MAX_TEXT,
      replaysMissed: true,
      files: true,
      maxMentions: MAX_ENTITIES,
    },
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
      state = 'stopped'
      // Cuts short whatever is in flight: a start's API call, the long poll, a wait between retries.
      lifetime.abort()
      // The update in hand is finished, and confirmed; the rest stays with Telegram for the next start.
      await polling
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
