// A wechaty Message → IncomingMessage. Reads what only wechaty knows (room, topic, names in the
// room, who was @-ed, the bot's remark on the sender) and leaves the text work to decode.ts.
import type { Contact, Message, Room, Wechaty } from 'wechaty'
import { textOf, type Conversation, type IncomingMessage, type MessageKey } from '../../src/chat/types.js'
import { normalizeForMatch, parseQuote, segmentsOf, type KnownName } from './decode.js'
import type { RecentMessages } from './recent.js'
import type { Remarks } from './remarks.js'
import type { Directory } from './rooms.js'

/** What decoding needs besides the message: the adapter's memories for this login. */
export interface DecodeContext {
  recent: RecentMessages
  remarks: Remarks
  directory: Directory
  selfName: string
}

/**
 * wechaty's `MESSAGE_TYPE.Text` / `.Image`, as numbers so that loading this adapter does not load
 * wechaty (two seconds) in a process where WeChat is off; a test checks them against wechaty.
 */
export const MESSAGE_TYPE = { Image: 6, Text: 7 } as const

/** The name people see in a room: their alias in the room (群昵称) if set, else their WeChat name. */
export async function nameInRoom(room: Room | undefined, contact: Contact): Promise<string> {
  if (room) {
    try {
      const alias = await room.alias(contact)
      if (alias) return alias
    } catch {
      /* not (or no longer) a member: fall back to the name */
    }
  }
  return contact.name() || contact.id
}

/**
 * Decodes one message, or undefined for what the app must not see: our own messages, and types
 * other than text and image (voice, stickers, links, system notices).
 */
export async function decodeMessage(
  bot: Wechaty,
  msg: Message,
  { recent, remarks, directory, selfName }: DecodeContext,
): Promise<IncomingMessage | undefined> {
  if (msg.self()) return undefined
  const type: number = msg.type()
  if (type !== MESSAGE_TYPE.Text && type !== MESSAGE_TYPE.Image) return undefined

  const room = msg.room()
  const talker = msg.talker()
  const senderName = await nameInRoom(room, talker)
  // Bound by our remark, or only a name (then a resident at most, whatever the name).
  const sender = await remarks.userOf(talker, senderName)
  let conversation: Conversation
  if (room) {
    // Room ids change at every web login; the topic is what people (and the config) know it by —
    // unless another room answers to it too, or this one took it by a rename.
    const topic = await room.topic()
    const ambiguous = await directory.ambiguous(room, topic)
    conversation = { kind: 'group', platform: 'wechat', id: topic, title: topic, ...(ambiguous ? { ambiguous } : {}) }
  } else {
    conversation = { kind: 'direct', platform: 'wechat', id: sender.id, title: senderName }
    directory.talked(sender.id, talker)
  }
  const who = { senderName, senderId: sender.id, talkerId: talker.id, ...(room ? { roomId: room.id } : {}) }
  const key: MessageKey = { platform: 'wechat', conversationId: conversation.id, messageId: msg.id }
  const selfNames = await selfNamesIn(bot, room, selfName)

  const base = { key, conversation, sender, sentAt: msg.date() }
  if (type === MESSAGE_TYPE.Image) {
    recent.remember(msg.id, { key, conversationId: conversation.id, ...who, text: '[图片]', fromSelf: false })
    return { ...base, content: [], mentionsSelf: false, attachments: [{ kind: 'image', ref: msg.id }] }
  }

  const text = msg.text()
  const quote = parseQuote(text)
  const body = quote ? quote.body : text
  const known = room ? await mentionedNames(bot, room, msg, remarks) : []
  const decoded = segmentsOf(body, known, room ? selfNames : [])
  // wechat4u finds mentions in the whole text, quote included; trust it only without a quote, for
  // the case our name in the room changed and the text no longer matches it.
  const mentionsSelf = decoded.mentionsSelf || (!quote && room !== undefined && (await msg.mentionSelf()))

  let replyTo: IncomingMessage['replyTo']
  if (quote) {
    const seen =
      recent.findQuoted(conversation.id, [quote.name], quote.text) ??
      (selfNames.includes(quote.name) ? recent.findQuoted(conversation.id, selfNames, quote.text) : undefined)
    // Only part of the message quoted (WeChat quotes a selection; the first line of folded pings matches
    // as the start of the message, issue 12): the part tells the app which case, as Telegram's quote does.
    const part = seen !== undefined && normalizeForMatch(seen.raw ?? seen.text) !== normalizeForMatch(quote.text)
    replyTo = {
      // Unknown message (e.g. from before a restart): the id is empty and the app matches the preview.
      key: seen?.key ?? { platform: 'wechat', conversationId: conversation.id, messageId: '' },
      // The app only follows quotes of the bot's own messages: say so in the bot's own id.
      senderId: selfNames.includes(quote.name) ? selfName : quote.name,
      preview: quote.text,
      ...(part ? { quote: quote.text } : {}),
    }
  }
  recent.remember(msg.id, {
    key,
    conversationId: conversation.id,
    ...who,
    text: textOf(decoded.content),
    raw: body,
    fromSelf: false,
  })
  return {
    ...base,
    content: decoded.content,
    mentionsSelf,
    ...(replyTo ? { replyTo } : {}),
    attachments: [],
  }
}

/** The names the bot goes by here: its WeChat name and, in a room, its alias there. */
export async function selfNamesIn(bot: Wechaty, room: Room | undefined, selfName: string): Promise<string[]> {
  const names = new Set([selfName])
  if (bot.isLoggedIn) {
    const me = bot.currentUser
    names.add(me.name())
    if (room) names.add(await nameInRoom(room, me))
  }
  return [...names].filter(Boolean)
}

/** Who the message @-ed, by the names a client writes (alias in the room, and the WeChat name), with their user ids. */
async function mentionedNames(bot: Wechaty, room: Room, msg: Message, remarks: Remarks): Promise<KnownName[]> {
  let contacts: Contact[] = []
  try {
    contacts = await msg.mentionList()
  } catch {
    /* a member we cannot load: the U+2005 rule still finds the mention */
  }
  const out: KnownName[] = []
  for (const c of contacts) {
    if (c.id === bot.currentUser.id) continue
    const shown = await nameInRoom(room, c)
    const { id } = await remarks.userOf(c, shown)
    out.push({ name: shown, id })
    if (c.name() && c.name() !== shown) out.push({ name: c.name(), id })
  }
  return out
}
