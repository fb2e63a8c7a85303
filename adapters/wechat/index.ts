// WeChat through wechaty (web protocol, wechaty-puppet-wechat4u) ↔ the message model.
// The adapter translates and reports; it decides nothing. What it must get right:
// - ids: web-protocol room and contact ids change at every login, so groups are keyed by topic and
//   people by the bot's remark on them (bound, remarks.ts) or else by their name in the room (then a
//   resident at most); a room that shares its topic is reported as such; every cached id is dropped
//   at login (DESIGN §3);
// - staying up: logins expire and the web protocol drops; we log it, report offline/online, keep
//   isReady() false meanwhile (the outbox waits), and never throw out of an event handler;
// - sending: one attempt per send(); pacing and retries are the relay's (src/delivery).
import { rm } from 'node:fs/promises'
import type { Contact, Message, Room, Wechaty } from 'wechaty'
import { FileBox } from 'file-box'
import {
  DeliveryError,
  type AdapterEvent,
  type ChatAdapter,
  type IncomingMessage,
  type MessageKey,
  type OutgoingMessage,
  type Pacing,
  type UserRef,
} from '../../src/chat/types.js'
import type { Clock } from '../../src/domain/clock.js'
import { silentLogger, type Logger } from '../../src/log.js'
import { MAX_TEXT, encode, type Chunk, type ReplyContext } from './encode.js'
import { wechatEnabled } from './env.js'
import { guardPuppetListeners } from './guard.js'
import { boundId } from './ids.js'
import { decodeMessage } from './incoming.js'
import { showQr } from './qr.js'
import { keepSessionOnStop } from './session.js'
import { RecentMessages } from './recent.js'
import { Directory } from './rooms.js'
import { Remarks } from './remarks.js'

export interface WechatAdapterOptions {
  /**
   * A wechaty puppet instance, or a puppet's package name as wechaty users know it from WECHATY_PUPPET
   * (e.g. `wechaty-puppet-service` for a protocol provider's token); default `new PuppetWechat4u()`.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  puppet?: any
  /** Memory-card name: the login is kept in `<name>.memory-card.json`. Default `ringbell`; null keeps it in memory only (tests). */
  name?: string | null
  /** Also write the login QR code as a PNG here (needs the optional `qrcode` package). */
  qrFile?: string
  log?: Logger
  /** Times in online/offline events; default the system clock. */
  clock?: Clock
  maxTextLength?: number
  /** Pause between the chunks of one long message (WeChat allows about one message a second). */
  chunkGapMs?: number
  /**
   * The operator's terminal: the QR drawing and one line per login / logout, whatever the log level
   * (main.ts logs at warn by default). Default stderr.
   */
  terminal?: (text: string) => void
  /** Default about one message a second with jitter (DESIGN §6); tests may go faster. */
  pacing?: Pacing
  /** How long after binding a contact we look whether WeChat kept the remark (default 10 s). */
  remarkCheckMs?: number
}

/** WeChat tolerates about one message a second per account; jitter so bursts do not look scripted. */
export const WECHAT_PACING: Pacing = { perChatMs: 1000, perAccountMs: 1000, jitterMs: 500 }

const DEFAULT_NAME = 'ringbell'

/** Lets the same message through once per window, counting what it held back. */
class Throttle {
  private readonly last = new Map<string, { at: number; repeats: number }>()
  constructor(private readonly windowMs: number) {}
  check(key: string): { repeats: number } | undefined {
    const now = Date.now()
    const seen = this.last.get(key)
    if (seen && now - seen.at < this.windowMs) {
      seen.repeats++
      return undefined
    }
    this.last.set(key, { at: now, repeats: 0 })
    if (this.last.size > 100) this.last.delete(this.last.keys().next().value!)
    return { repeats: seen?.repeats ?? 0 }
  }
}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const errText = (err: unknown) => (err instanceof Error ? err.message : String(err))

export function createWechatAdapter(opts: WechatAdapterOptions = {}): ChatAdapter {
  const log = opts.log ?? silentLogger()
  const cardName = opts.name === undefined ? DEFAULT_NAME : (opts.name ?? undefined)
  const now = () => (opts.clock ? opts.clock.now() : new Date())
  const maxLength = opts.maxTextLength ?? MAX_TEXT
  const chunkGapMs = opts.chunkGapMs ?? 1000
  const recent = new RecentMessages()
  // Without network wechat4u retries in bursts (15 errors every 5 s): one line a minute per error says it.
  const errorLines = new Throttle(60_000)
  const terminal =
    opts.terminal ??
    ((text: string) => {
      process.stderr.write(text)
    })
  const self: UserRef = { platform: 'wechat', id: cardName ?? DEFAULT_NAME, name: cardName ?? DEFAULT_NAME }

  let bot: Wechaty | undefined
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let puppetRef: any
  const remarks = new Remarks({ bot: () => bot, log, terminal, checkAfterMs: opts.remarkCheckMs ?? 10_000 })
  const ambiguousLines = new Throttle(10 * 60_000)
  const directory = new Directory(
    () => bot,
    remarks,
    (topic, count) => {
      if (!ambiguousLines.check(topic)) return
      log.warn({ topic, count }, 'wechat: several groups have this name; not sending there until one is renamed')
      terminal(
        `⚠️ 有 ${count} 个群都叫「${topic}」，机器人分不清，发给这个群的消息先等着。请给其中一个群改名。\n` +
          `   ${count} groups are called "${topic}": messages for it wait until one is renamed.\n`,
      )
    },
  )
  let online = false
  let loggedInBefore = false
  let stopping = false
  let onEvent: ((e: AdapterEvent) => Promise<void>) | undefined
  /** Messages are handed on one at a time, in arrival order: a ring and its 补充 must not swap. */
  let inbound: Promise<void> = Promise.resolve()
  let sentCounter = 0

  const report = async (e: AdapterEvent) => {
    // While stopping, the app is shutting down too; it knows why we are going offline.
    if (stopping || !onEvent) return
    try {
      await onEvent(e)
    } catch (err) {
      log.error({ err, event: e.type }, 'wechat: event handler failed')
    }
  }

  const goOffline = async (reason: string) => {
    if (!online) return
    online = false
    directory.reset()
    remarks.reset()
    if (stopping) return
    log.warn({ reason }, 'wechat: logged out — messages wait in the outbox until the next login')
    terminal(
      `⚠️ 微信已退出登录（${reason}），消息会在重新登录后发出 / WeChat logged out; messages wait until the next login\n`,
    )
    await report({ type: 'offline', at: now(), reason })
  }

  function replyContext(m: OutgoingMessage): ReplyContext | undefined {
    const r = m.replyTo
    // A quote only makes sense in the chat where the quoted message is (renames followed).
    if (!r || r.platform !== 'wechat' || directory.current(r.conversationId) !== directory.current(m.conversation.id))
      return undefined
    const seen = recent.get(r)
    return seen
      ? {
          senderName: seen.senderName,
          ...(seen.senderId ? { senderId: seen.senderId } : {}),
          text: seen.text,
          fromSelf: seen.fromSelf,
        }
      : undefined
  }

  /** The room a reply goes to: the one the answered message came from, if it still has the topic. */
  async function roomOf(m: OutgoingMessage): Promise<Room | undefined> {
    const roomId = m.replyTo ? recent.get(m.replyTo)?.roomId : undefined
    if (roomId && bot) {
      const room = await bot.Room.find({ id: roomId }).catch(() => undefined)
      if (room && (await room.topic().catch(() => undefined)) === directory.current(m.conversation.id)) return room
    }
    return directory.room(m.conversation.id)
  }

  /** Sends a chunk with real mentions; returns what was sent and the text as WeChat shows it. */
  async function sayInRoom(room: Room, chunk: Chunk): Promise<{ sent: void | Message; text: string }> {
    // Each mention is the member it names; someone not in the room stays as plain `@name` text.
    const strings: string[] = []
    const contacts: Contact[] = []
    let cur = chunk.parts[0] ?? ''
    let shown = cur
    for (const [i, who] of chunk.mentions.entries()) {
      const member = await directory.member(room, who.key).catch(() => undefined)
      const next = chunk.parts[i + 1] ?? ''
      if (member) {
        strings.push(cur)
        contacts.push(member)
        cur = next
        shown += `@${(await room.alias(member).catch(() => undefined)) || member.name()}${next}`
      } else {
        cur += `@${who.name}${next}`
        shown += `@${who.name}${next}`
      }
    }
    strings.push(cur)
    if (contacts.length === 0) return { sent: await room.say(cur), text: shown }
    // room.say's template form: wechaty writes `@<alias-in-room || name>` where each contact goes
    // and passes their ids on, so mentions stay inline; the parts already carry the U+2005.
    const tsa = Object.assign([...strings], { raw: [...strings] }) as unknown as TemplateStringsArray
    return { sent: await room.say(tsa, ...contacts), text: shown }
  }

  async function handle(msg: Message, onMessage: (m: IncomingMessage) => Promise<void>): Promise<void> {
    const b = bot
    if (!b) return
    let decoded: IncomingMessage | undefined
    try {
      decoded = await decodeMessage(b, msg, { recent, remarks, directory, selfName: self.name })
    } catch (err) {
      log.warn({ err, messageId: msg.id }, 'wechat: could not read a message; skipped')
      return
    }
    if (!decoded) return
    try {
      await onMessage(decoded)
    } catch (err) {
      log.error({ err, key: decoded.key }, 'wechat: message handler failed')
    }
  }

  const adapter: ChatAdapter = {
    platform: 'wechat',
    self,
    capabilities: {
      quoteReply: false,
      mentionById: false,
      maxTextLength: maxLength,
      replaysMissed: false,
      files: true,
      privateChatOpens: 'friend',
    },
    pacing: opts.pacing ?? WECHAT_PACING,

    async start(onMessage, onEvt) {
      onEvent = onEvt
      stopping = false
      // Loaded here, not at the top: wechaty takes ~2 s to load, which a console- or Telegram-only
      // process should not pay.
      const { WechatyBuilder, log: wechatyLog, types } = await import('wechaty')
      // wechaty's own logger is chatty at its default level; ours says what matters.
      if (!process.env.WECHATY_LOG) wechatyLog.level('warn')
      const puppet =
        typeof opts.puppet === 'string'
          ? await (
              await import('wechaty-puppet')
            ).helpers.resolvePuppet({ puppet: opts.puppet as `wechaty-puppet-${string}` })
          : (opts.puppet ?? new (await import('wechaty-puppet-wechat4u')).PuppetWechat4u())
      if (!opts.puppet || typeof puppet.initHookEvents === 'function') guardPuppetListeners(puppet, log)
      puppetRef = puppet
      const b = WechatyBuilder.build({ ...(cardName ? { name: cardName } : {}), puppet })
      bot = b

      b.on('scan', (qrcode, status) => {
        // ScanStatus: 2 waiting, 3 scanned, 4 confirmed, 5 timeout (a new code follows).
        if (status === 2 || status === 5) {
          if (status === 2) {
            log.warn(
              loggedInBefore
                ? 'wechat: WeChat asks for a new scan (the login expired or was ended on the phone)'
                : 'wechat: no saved login (or it expired): scan the QR code with the bot account',
            )
          }
          void showQr(qrcode, { log, write: terminal, ...(opts.qrFile ? { file: opts.qrFile } : {}) }).catch(
            (err: unknown) => log.warn({ err }, 'wechat: could not show the QR code'),
          )
        } else if (status === 3) log.info('wechat: QR code scanned — confirm the login on the phone')
      })
      // Login and logout straight from the puppet: wechaty drops its own events when it cannot load
      // the account's contact, and then we would never be ready (or never notice the logout).
      puppet.on('login', (payload: { contactId: string }) => {
        void (async () => {
          // New login, new ids: drop every cached room and contact; groups are looked up by topic and
          // bound people by our remark from now on.
          directory.reset()
          remarks.reset()
          try {
            const me = (await puppet.contactPayload(payload.contactId)) as { name?: string }
            if (me.name) self.id = self.name = me.name
          } catch (err) {
            log.warn({ err }, 'wechat: could not read the account name')
          }
          online = true
          loggedInBefore = true
          // A QR code left on disk would only confuse the next person who looks for one.
          if (opts.qrFile) await rm(opts.qrFile, { force: true }).catch(() => undefined)
          terminal(`✅ 微信已登录：${self.name} / WeChat logged in as ${self.name}\n`)
          log.info(
            { user: self.name, memoryCard: cardName ? `${cardName}.memory-card.json` : undefined },
            'wechat: logged in (kept in the memory card: a restart needs no new scan until WeChat expires the login)',
          )
          await report({ type: 'online', at: now() })
        })()
      })
      puppet.on('logout', (payload: { data?: string } | undefined) => {
        void goOffline(payload?.data || 'logout')
      })
      b.on('error', (err) => {
        const said = errorLines.check(errText(err))
        if (said)
          log.warn(
            { err: errText(err), ...(said.repeats ? { repeatsSinceLast: said.repeats } : {}) },
            'wechat: wechaty reported an error',
          )
        if (online && !puppet.isLoggedIn) void goOffline(`error: ${errText(err)}`)
      })
      // Anyone who adds the bot is accepted: a volunteer can then send their binding code privately
      // without anyone at the bot's phone. A friend is known by name only (a resident) until bound.
      b.on('friendship', (f) => {
        if (f.type() !== types.Friendship.Receive) return
        f.accept().then(
          () => log.info({ contact: f.contact().name() }, 'wechat: friend request accepted'),
          (err: unknown) => log.warn({ err }, 'wechat: could not accept a friend request'),
        )
      })
      b.on('room-topic', (room, newTopic, oldTopic) => {
        if (!newTopic || !oldTopic || newTopic === oldTopic) return
        inbound = inbound.then(async () => {
          // In line with messages: one said right after the rename must see it.
          if (await directory.renamed(oldTopic, newTopic, room).catch(() => false)) {
            recent.renamed(oldTopic, newTopic)
            log.info({ from: oldTopic, to: newTopic }, 'wechat: group renamed; following it')
            await report({ type: 'chatRenamed', from: oldTopic, to: newTopic })
            return
          }
          // Its old name was shared, or its new one is another group's: it is no bound group now.
          log.warn({ from: oldTopic, to: newTopic }, 'wechat: a group took a name that is not its own; not following')
          terminal(
            `⚠️ 群「${oldTopic}」改名为「${newTopic}」，但这个名字已经有别的群在用（或原名本来就重名）。` +
              `机器人不把它当作「${newTopic}」，在它改一个不重名的名字之前不在那里办事。\n` +
              `   Group "${oldTopic}" was renamed to "${newTopic}", a name that is not its own: it is not treated as that group.\n`,
          )
        })
      })
      b.on('message', (msg) => {
        inbound = inbound.then(() => handle(msg, onMessage))
      })

      try {
        await b.start()
        log.info({ puppet: String(puppet) }, 'wechat: started; waiting for login')
      } catch (err) {
        // Other adapters keep running; this one stays not ready.
        log.error({ err }, 'wechat: could not start')
      }
    },

    isReady: () => online && bot !== undefined && puppetRef?.isLoggedIn === true,

    async send(m: OutgoingMessage): Promise<MessageKey> {
      const b = bot
      if (!b || !adapter.isReady()) throw new DeliveryError('WeChat is not logged in')
      const chunks = encode(m, { maxLength, realMentions: m.conversation.kind === 'group', reply: replyContext(m) })
      if (chunks.length === 0) throw new DeliveryError('nothing to send', { permanent: true })

      let room: Room | undefined
      let contact: Contact | undefined
      let shared = false
      try {
        if (m.conversation.kind === 'group') {
          room = await roomOf(m)
          shared = !room && (await directory.shared(m.conversation.id))
        } else contact = await directory.contact(m.conversation.id)
      } catch (err) {
        throw new DeliveryError(`WeChat lookup failed: ${errText(err)}`, { cause: err })
      }
      // Not found may be temporary: right after a login wechat4u is still loading the contact list,
      // and a shared name waits for a rename rather than going to a room that may be the wrong one.
      if (m.conversation.kind === 'group' && !room)
        throw new DeliveryError(
          shared
            ? `several WeChat groups are named "${directory.current(m.conversation.id)}": waiting for a rename`
            : `no WeChat group named "${directory.current(m.conversation.id)}"`,
        )
      if (m.conversation.kind !== 'group' && !contact)
        throw new DeliveryError(`no WeChat contact named "${m.conversation.id}"`)
      // WeChat delivers a private message to friends only; anyone else (a neighbour met in a group) must
      // add the bot first. Retrying could never help: the message waits until they write to the bot.
      if (contact && !directory.reachable(m.conversation.id, contact))
        throw new DeliveryError(`"${m.conversation.id}" is not the bot's WeChat friend`, { awaitsRecipient: true })

      let key: MessageKey | undefined
      for (const [i, chunk] of chunks.entries()) {
        if (i > 0 && chunkGapMs > 0) await sleep(chunkGapMs)
        let sent: void | Message
        let text = chunk.text
        try {
          if (room) ({ sent, text } = await sayInRoom(room, chunk))
          else sent = await contact!.say(chunk.text)
        } catch (err) {
          throw new DeliveryError(`WeChat send failed: ${errText(err)}`, { cause: err })
        }
        // wechat4u returns no id for what it sent; ours only has to be unique and quotable.
        const messageId = (sent && sent.id) || `out-${now().getTime().toString(36)}-${++sentCounter}`
        key ??= { platform: 'wechat', conversationId: m.conversation.id, messageId }
        recent.remember(messageId, {
          key,
          conversationId: directory.current(m.conversation.id),
          senderName: self.name,
          text,
          fromSelf: true,
          ...(room ? { roomId: room.id } : {}),
        })
      }
      // A file goes after its caption (WeChat files carry none), to the same room or person.
      if (m.file) {
        const box = FileBox.fromBuffer(Buffer.from(m.file.data), m.file.name)
        try {
          await (room ? room.say(box) : contact!.say(box))
        } catch (err) {
          throw new DeliveryError(`WeChat file send failed: ${errText(err)}`, { cause: err })
        }
      }
      return key!
    },

    async bindSender(key: MessageKey) {
      const b = bot
      const seen = recent.get(key)
      if (!b || !adapter.isReady() || !seen?.talkerId) throw new Error('WeChat: no such message from this login')
      const contact = await b.Contact.find({ id: seen.talkerId })
      if (!contact) throw new Error('WeChat: the sender is gone')
      try {
        const token = await remarks.bind(contact, seen.senderName)
        return { platform: 'wechat', id: boundId(token), name: seen.senderName }
      } catch (err) {
        // Most often: not (yet) the bot's friend, and only friends have remarks.
        log.warn({ err, contact: seen.senderName }, 'wechat: could not bind a contact by remark')
        throw err
      }
    },

    tellOperator(text: string) {
      terminal(text)
    },

    async stop() {
      stopping = true
      online = false
      remarks.stop()
      const b = bot
      bot = undefined
      if (!b) return
      // Stopping must not log the account out: the next start resumes from the memory card.
      await keepSessionOnStop(puppetRef, log)
      try {
        await b.stop()
      } catch (err) {
        log.warn({ err }, 'wechat: stop failed')
      }
      await inbound.catch(() => undefined)
    },
  }
  return adapter
}

/**
 * `WECHAT=on` (or 1, true, yes) turns WeChat on; `WECHAT_NAME` names the memory card, `WECHAT_QR_FILE`
 * the QR PNG; `WECHATY_PUPPET` picks another puppet by its package name, as in wechaty itself.
 * Returns a maker of the adapter, or undefined (WeChat off).
 */
export function wechatFromEnv(env: NodeJS.ProcessEnv): ((log: Logger) => ChatAdapter) | undefined {
  if (!wechatEnabled(env)) return undefined
  return (log) =>
    createWechatAdapter({
      name: env.WECHAT_NAME?.trim() || DEFAULT_NAME,
      qrFile: env.WECHAT_QR_FILE?.trim() || 'data/wechat-login-qr.png',
      ...(env.WECHATY_PUPPET?.trim() ? { puppet: env.WECHATY_PUPPET.trim() } : {}),
      log,
    })
}
