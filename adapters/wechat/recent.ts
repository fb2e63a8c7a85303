// A small memory of recent messages, because WeChat has no quote API in either direction:
// - out: OutgoingMessage.replyTo is only a key, but the degraded quote `@name「preview」` needs the
//   sender's name and text;
// - in: a quoted reply carries only "name：text", and finding the message we saw gives the app the
//   real key (the app still falls back to matching the preview, e.g. after a restart).
// In memory on purpose: it only has to bridge minutes, and the app keeps the durable record.
import type { MessageKey } from '../../src/chat/types.js'
import { normalizeForMatch } from './decode.js'

export interface Remembered {
  /** The key the app knows this message by (for a split message: the key send() returned). */
  key: MessageKey
  /** Where it is now: a group renamed since keeps its messages findable. */
  conversationId: string
  senderName: string
  /** The sender's user id (a bound id, or their name): a reply @-mentions them by it. */
  senderId?: string
  /** Who sent it (this login's contact id): the account a binding code came from. */
  talkerId?: string
  /** The room it was said in (this login's id): a reply goes back there even if another room shares the topic. */
  roomId?: string
  /** What a degraded quote shows (for a resident's message: without our own @mention). */
  text: string
  /** The text as WeChat shows it, which is what a quote of it carries; default `text`. */
  raw?: string
  fromSelf: boolean
}

const id = (conversationId: string, messageId: string) => `${conversationId}\u0000${messageId}`

export class RecentMessages {
  private readonly byId = new Map<string, Remembered>()
  constructor(private readonly capacity = 500) {}

  /** `messageId` is the entry's own id; several chunks of one send share `entry.key`. */
  remember(messageId: string, entry: Remembered): void {
    const k = id(entry.key.conversationId, messageId)
    this.byId.delete(k)
    this.byId.set(k, entry)
    while (this.byId.size > this.capacity) {
      const oldest = this.byId.keys().next().value
      if (oldest === undefined) break
      this.byId.delete(oldest)
    }
  }

  get(key: MessageKey): Remembered | undefined {
    return this.byId.get(id(key.conversationId, key.messageId))
  }

  /**
   * The newest message in this conversation by `senderName` whose text matches the quote. WeChat
   * may shorten a quote, so a quote that is the start of a text matches too.
   */
  findQuoted(conversationId: string, senderNames: string[], quoted: string): Remembered | undefined {
    const q = normalizeForMatch(quoted)
    if (!q) return undefined
    const entries = [...this.byId.values()].reverse()
    return entries.find(
      (e) =>
        e.conversationId === conversationId &&
        senderNames.includes(e.senderName) &&
        normalizeForMatch(e.raw ?? e.text).startsWith(q),
    )
  }

  /** A group was renamed: its messages stay quotable under the new name. */
  renamed(from: string, to: string): void {
    for (const e of this.byId.values()) if (e.conversationId === from) e.conversationId = to
  }
}
