// Telegram Update → IncomingMessage. Pure: it translates, the app decides what a message means.
import type { Update, MessageEntity, User, Chat } from 'telegraf/types'
import type { Attachment, Conversation, IncomingMessage, MessageKey, Segment, UserRef } from '../../src/chat/types.js'

export interface BotIdentity {
  id: number | string
  username: string
}

/** The fields we read; typegram's Message union is too fine-grained to narrow field by field. */
interface TgMessage {
  message_id: number
  message_thread_id?: number
  is_topic_message?: boolean
  is_automatic_forward?: true
  from?: User
  sender_chat?: Chat
  date: number
  chat: Chat
  text?: string
  entities?: MessageEntity[]
  caption?: string
  caption_entities?: MessageEntity[]
  photo?: { file_id: string }[]
  document?: { file_id: string; mime_type?: string }
  reply_to_message?: TgMessage & { forum_topic_created?: unknown }
  /** the part of the replied-to message the person quoted */
  quote?: { text: string }
  /** service messages of a group upgraded to a supergroup: one in the old chat, one in the new */
  migrate_to_chat_id?: number
  migrate_from_chat_id?: number
}

const PREVIEW = 80

const personName = (u: User): string =>
  [u.first_name, u.last_name].filter(Boolean).join(' ') || u.username || String(u.id)

const chatTitle = (c: Chat): string | undefined => ('title' in c ? c.title : undefined)

export const keyOf = (m: Pick<TgMessage, 'chat' | 'message_id'>): MessageKey => ({
  platform: 'telegram',
  conversationId: String(m.chat.id),
  messageId: String(m.message_id),
})

function conversationOf(m: TgMessage): Conversation | undefined {
  const kind = m.chat.type === 'private' ? 'direct' : m.chat.type === 'channel' ? undefined : 'group'
  if (!kind) return undefined
  const title = chatTitle(m.chat)
  // message_thread_id is also set on plain reply chains in ordinary supergroups; only a forum topic
  // is a place we must answer into.
  const threadId = m.is_topic_message && m.message_thread_id !== undefined ? String(m.message_thread_id) : undefined
  return {
    kind,
    platform: 'telegram',
    id: String(m.chat.id),
    ...(title !== undefined ? { title } : {}),
    ...(threadId !== undefined ? { threadId } : {}),
  }
}

function senderOf(m: TgMessage): UserRef | undefined {
  // Anonymous group admins post as the group itself; `from` is then a placeholder bot.
  if (m.sender_chat)
    return {
      platform: 'telegram',
      id: String(m.sender_chat.id),
      name: chatTitle(m.sender_chat) ?? String(m.sender_chat.id),
    }
  if (!m.from) return undefined
  return {
    platform: 'telegram',
    id: String(m.from.id),
    name: personName(m.from),
    ...(m.from.language_code ? { locale: m.from.language_code } : {}),
  }
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/**
 * Walks the entities in UTF-16 offsets (what JS indexes by). `/cmd@ourbot` loses its suffix; a
 * command addressed to another bot makes the whole message not ours. Our own mention is dropped
 * from the content and reported as mentionsSelf, so `@ringbell_bot 楼道灯坏了` reads as the text.
 */
function segmentsOf(
  text: string,
  entities: MessageEntity[],
  bot: BotIdentity,
): { content: Segment[]; mentionsSelf: boolean; otherBot: boolean } {
  const content: Segment[] = []
  let mentionsSelf = false
  let otherBot = false
  let pos = 0
  let pending = ''
  const flush = () => {
    if (pending) content.push({ type: 'text', text: pending })
    pending = ''
  }
  const sorted = [...entities].sort((a, b) => a.offset - b.offset)
  for (const e of sorted) {
    if (e.offset < pos) continue
    const raw = text.slice(e.offset, e.offset + e.length)
    if (e.type === 'bot_command') {
      const at = raw.indexOf('@')
      if (at < 0 || e.offset !== 0) continue
      pending += text.slice(pos, e.offset)
      if (sameName(raw.slice(at + 1), bot.username)) {
        mentionsSelf = true
        pending += raw.slice(0, at)
      } else {
        otherBot = true
        pending += raw
      }
      pos = e.offset + e.length
    } else if (e.type === 'mention' || e.type === 'text_mention') {
      pending += text.slice(pos, e.offset)
      pos = e.offset + e.length
      const userId = e.type === 'text_mention' ? String(e.user.id) : undefined
      const self = userId === undefined ? sameName(raw.slice(1), bot.username) : userId === String(bot.id)
      if (self) {
        mentionsSelf = true
        if (/\s/.test(text.charAt(pos))) pos += 1
        continue
      }
      flush()
      content.push(
        userId === undefined
          ? { type: 'mention', name: raw.slice(1) }
          : { type: 'mention', userId, name: raw.startsWith('@') ? raw.slice(1) : raw },
      )
    }
  }
  pending += text.slice(pos)
  flush()
  return { content: tidy(content), mentionsSelf, otherBot }
}

/** Dropping our mention can leave the text starting with a space; commands must start the text. */
function tidy(content: Segment[]): Segment[] {
  const out = content.map((s, i) => {
    if (s.type !== 'text') return s
    let t = s.text
    if (i === 0) t = t.trimStart()
    if (i === content.length - 1) t = t.trimEnd()
    return { type: 'text' as const, text: t }
  })
  return out.filter((s) => s.type !== 'text' || s.text !== '')
}

function attachmentsOf(m: TgMessage): Attachment[] {
  // Telegram lists every size of a photo, smallest first; the last is the original.
  const photo = m.photo?.[m.photo.length - 1]
  if (photo) return [{ kind: 'image', ref: photo.file_id }]
  if (m.document)
    return [{ kind: m.document.mime_type?.startsWith('image/') ? 'image' : 'file', ref: m.document.file_id }]
  return []
}

function replyOf(m: TgMessage): IncomingMessage['replyTo'] {
  const r = m.reply_to_message
  // In a forum every message in a topic "replies" to the topic's opening service message.
  if (!r || r.forum_topic_created !== undefined || (m.is_topic_message && r.message_id === m.message_thread_id))
    return undefined
  const preview = (r.text ?? r.caption)?.slice(0, PREVIEW)
  // The part quoted, where the person picked one (a line of a folded message: issue 12).
  const quote = m.quote?.text
  return {
    key: keyOf(r),
    ...(r.from ? { senderId: String(r.from.id) } : {}),
    ...(preview ? { preview } : {}),
    ...(quote ? { quote } : {}),
  }
}

/**
 * Only new messages count. Edits are ignored on purpose: a case is made from what was rung, and an
 * edit arriving later would either duplicate the case or change it without anyone seeing; people
 * add to a case with 补充 instead. Channel posts, bots (loops) and auto-forwards are not residents.
 */
export function decodeUpdate(update: Update, bot: BotIdentity): IncomingMessage | undefined {
  if (!('message' in update)) return undefined
  return decodeMessage(update.message as unknown as TgMessage, bot)
}

/**
 * A group upgraded to a supergroup (Telegram does it by itself at 200 members) gets a new chat id. Both
 * chats receive a service message saying so; either one is enough to follow the move.
 */
export function decodeMigration(update: Update): { from: string; to: string } | undefined {
  if (!('message' in update)) return undefined
  const m = update.message as unknown as TgMessage
  if (m.migrate_to_chat_id !== undefined) return { from: String(m.chat.id), to: String(m.migrate_to_chat_id) }
  if (m.migrate_from_chat_id !== undefined) return { from: String(m.migrate_from_chat_id), to: String(m.chat.id) }
  return undefined
}

export function decodeMessage(m: TgMessage, bot: BotIdentity): IncomingMessage | undefined {
  if (m.is_automatic_forward) return undefined
  if (m.from?.is_bot && !m.sender_chat) return undefined
  const conversation = conversationOf(m)
  const sender = senderOf(m)
  if (!conversation || !sender) return undefined
  const attachments = attachmentsOf(m)
  const text = m.text ?? m.caption ?? ''
  if (!text && attachments.length === 0) return undefined
  const { content, mentionsSelf, otherBot } = segmentsOf(
    text,
    m.text !== undefined ? (m.entities ?? []) : (m.caption_entities ?? []),
    bot,
  )
  if (otherBot) return undefined
  const replyTo = replyOf(m)
  return {
    key: keyOf(m),
    conversation,
    sender,
    content,
    mentionsSelf,
    ...(replyTo ? { replyTo } : {}),
    attachments,
    sentAt: new Date(m.date * 1000),
  }
}
