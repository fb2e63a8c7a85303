// The one message model every adapter translates to and from (DESIGN §3).
// Ids are strings and stable within a platform; adapters own the translation.

export type Platform = 'console' | 'telegram' | 'wechat' | (string & {})

export interface UserRef {
  platform: Platform
  id: string
  name: string
  /** the language their app is set to, as the platform says it (Telegram `language_code`: 'zh-hans', 'en') */
  locale?: string
  /**
   * The id is only a display name, which anyone can take (WeChat contacts the bot has not bound):
   * such a sender never gets more than a resident's rights, whatever person the name belongs to.
   */
  byName?: boolean
}

export interface Conversation {
  kind: 'group' | 'direct'
  platform: Platform
  id: string
  title?: string
  /** Telegram forum topic, kept so replies land in the same thread. */
  threadId?: string
  /**
   * The id may stand for another chat too (WeChat rooms are keyed by topic, and two rooms share
   * this one, or this room took the name by a rename): it must not be treated as a bound group.
   */
  ambiguous?: boolean
}

/** Unique per platform: Telegram message ids are only unique within a chat, so the chat is part of the key. */
export interface MessageKey {
  platform: Platform
  conversationId: string
  messageId: string
}

/** A message in a group that something was said in answer to (a forum topic keeps its thread). */
export interface AskedIn {
  key: MessageKey
  threadId?: string
}

export type Segment =
  | { type: 'text'; text: string }
  /** userId is the platform user id when known; a bare `@name` has only the name. */
  | { type: 'mention'; userId?: string; name: string }

export interface Attachment {
  kind: 'image' | 'file'
  ref: string
}

export interface IncomingMessage {
  key: MessageKey
  conversation: Conversation
  sender: UserRef
  content: Segment[]
  mentionsSelf: boolean
  replyTo?: { key: MessageKey; senderId?: string; preview?: string }
  attachments: Attachment[]
  sentAt: Date
}

/** A file sent with a message (an export, a chart); the message's content is its caption. */
export interface OutgoingFile {
  name: string
  /** text/csv, image/png … — an image is shown as a picture where the platform can */
  mime: string
  data: Uint8Array
}

export interface OutgoingMessage {
  conversation: Conversation
  content: Segment[]
  replyTo?: MessageKey
  /**
   * Pin it in the group where the platform lets the bot (Telegram: the bot is an admin allowed to pin).
   * Best effort: a pin refused is logged, the message counts as sent. WeChat and the console cannot pin.
   */
  pin?: boolean
  file?: OutgoingFile
}

/** The outbox purpose of a post to be pinned (a notice marked 置顶): the relay turns it into `pin`. */
export const PIN_PURPOSE = 'notice:pin'

export interface Capabilities {
  quoteReply: boolean
  mentionById: boolean
  maxTextLength: number
  /** False where messages sent while the bot was offline are lost (wechat4u): the app then posts an offline notice. */
  replaysMissed: boolean
  /** Sends `OutgoingMessage.file` as a file (Telegram document or photo, WeChat file, console path); else only its caption goes */
  files?: boolean
  /**
   * What a person does before the bot may write to them privately: press Start in a chat with it
   * (Telegram, the default) or add it as a friend (WeChat). Said to them when a direct message waits.
   */
  privateChatOpens?: 'start' | 'friend'
}

/** Lifecycle news an adapter reports; the app decides what to tell people. */
export type AdapterEvent =
  | { type: 'online'; at: Date }
  | { type: 'offline'; at: Date; reason?: string }
  /**
   * A group chat's id changed: a WeChat room renamed (rooms are keyed by topic), a Telegram group upgraded
   * to a supergroup (a new chat id). Its binding, its cases and its unsent messages move to the new id.
   */
  | { type: 'chatRenamed'; from: string; to: string }

/** How fast the delivery relay may send through this adapter (DESIGN §6). 0 means no limit. */
export interface Pacing {
  perChatMs: number
  perAccountMs: number
  /** Extra random delay up to this many ms, so a burst does not look scripted (WeChat). */
  jitterMs?: number
  /** At most this many messages per minute in one group chat (Telegram: 20). */
  perGroupPerMinute?: number
}

export interface ChatAdapter {
  platform: Platform
  self: UserRef
  capabilities: Capabilities
  pacing: Pacing
  start(onMessage: (m: IncomingMessage) => Promise<void>, onEvent?: (e: AdapterEvent) => Promise<void>): Promise<void>
  /** One attempt. Pacing and retries live in src/delivery. Throw DeliveryError to steer the retry. */
  send(m: OutgoingMessage): Promise<MessageKey>
  /** False while logged out / disconnected: the relay keeps the messages and waits. */
  isReady(): boolean
  stop(): Promise<void>
  /**
   * Where senders are known only by display name (WeChat): gives the account that sent this
   * message a permanent id that only the bot can give it (the bot's remark on the contact) and
   * returns the sender under that id. The app calls it when the account has proved, with a one-time
   * code, whose it is. Throws when the platform will not let the bot do it (e.g. not a friend).
   */
  bindSender?(key: MessageKey): Promise<UserRef>
  /** A line for the operator's terminal (login QR codes, binding codes), whatever the log level. */
  tellOperator?(text: string): void
}

/**
 * What an adapter throws when a send fails. `retryAfterMs` pauses that chat only (Telegram 429);
 * `permanent` means retrying cannot help (the bot was removed from the chat); `movedTo` is the chat's
 * new id (a Telegram group upgraded to a supergroup): send there instead; `awaitsRecipient` means the
 * person must write to the bot first (they never opened a private chat with it), so the message waits.
 */
export class DeliveryError extends Error {
  readonly retryAfterMs?: number
  readonly permanent: boolean
  readonly movedTo?: string
  readonly awaitsRecipient: boolean
  constructor(
    message: string,
    opts: {
      retryAfterMs?: number
      permanent?: boolean
      movedTo?: string
      awaitsRecipient?: boolean
      cause?: unknown
    } = {},
  ) {
    super(message, { cause: opts.cause })
    this.name = 'DeliveryError'
    this.retryAfterMs = opts.retryAfterMs
    this.permanent = opts.permanent ?? false
    this.movedTo = opts.movedTo
    this.awaitsRecipient = opts.awaitsRecipient ?? false
  }
}

export const textOf = (content: Segment[]): string =>
  content.map((s) => (s.type === 'text' ? s.text : `@${s.name}`)).join('')

export const sameKey = (a: MessageKey, b: MessageKey): boolean =>
  a.platform === b.platform && a.conversationId === b.conversationId && a.messageId === b.messageId
