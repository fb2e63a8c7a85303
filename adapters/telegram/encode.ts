// OutgoingMessage → sendMessage payloads. Pure.
// We never set parse_mode: user text (a resident's complaint quoted back) is sent verbatim and the only
// formatting is the entities we build, so `*`, `_`, `<b>` in a complaint cannot turn into markup.
// Offsets and lengths are UTF-16 code units, which is exactly what JS string indices count.
import type { MessageEntity } from 'telegraf/types'
import type { OutgoingMessage, Segment } from '../../src/chat/types.js'

export const MAX_TEXT = 4096
/** Telegram honours at most 100 entities in one message (those after the 100th are dropped). */
export const MAX_ENTITIES = 100

export interface SendPayload {
  chat_id: number | string
  text: string
  entities: MessageEntity[]
  reply_parameters?: { message_id: number; allow_sending_without_reply: true }
  message_thread_id?: number
}

interface Rendered {
  text: string
  entities: MessageEntity[]
}

const numericId = /^-?\d+$/

export function render(content: Segment[]): Rendered {
  let text = ''
  const entities: MessageEntity[] = []
  for (const seg of content) {
    if (seg.type === 'text') {
      text += seg.text
      continue
    }
    const label = `@${seg.name}`
    // A text_mention notifies the person even without a @username; without an id all we can do is
    // write the name and let Telegram auto-link it if it happens to be a username.
    if (seg.userId !== undefined && /^\d+$/.test(seg.userId)) {
      entities.push({
        type: 'text_mention',
        offset: text.length,
        length: label.length,
        user: { id: Number(seg.userId), is_bot: false, first_name: seg.name },
      })
    }
    text += label
  }
  return { text, entities }
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff

/** Where to cut `text` so the first part is at most `max` units: after a newline, else a space, never mid-pair or mid-entity. */
function cutPoint(text: string, entities: MessageEntity[], max: number): number {
  const window = text.slice(0, max + 1)
  let cut = window.lastIndexOf('\n')
  if (cut <= 0) cut = window.lastIndexOf(' ')
  if (cut <= 0) cut = max
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1
  for (const e of entities) {
    if (e.offset < cut && e.offset + e.length > cut && e.offset > 0) cut = e.offset
  }
  return cut
}

function shift(entities: MessageEntity[], from: number, to: number): MessageEntity[] {
  return entities
    .filter((e) => e.offset >= from && e.offset < to)
    .map((e) => ({ ...e, offset: e.offset - from, length: Math.min(e.length, to - e.offset) }))
}

/** Telegram trims whitespace around a message; trim first so our entity offsets stay true. */
function trimmed(r: Rendered): Rendered {
  const lead = r.text.length - r.text.trimStart().length
  const text = r.text.trim()
  return { text, entities: shift(r.entities, lead, lead + text.length) }
}

export function split(r: Rendered, max = MAX_TEXT): Rendered[] {
  const parts: Rendered[] = []
  let rest = trimmed(r)
  while (rest.text.length > max) {
    const cut = cutPoint(rest.text, rest.entities, max)
    const head = trimmed({ text: rest.text.slice(0, cut), entities: shift(rest.entities, 0, cut) })
    if (head.text) parts.push(head)
    rest = trimmed({ text: rest.text.slice(cut), entities: shift(rest.entities, cut, rest.text.length) })
  }
  if (rest.text) parts.push(rest)
  return parts
}

export function encode(m: OutgoingMessage, max = MAX_TEXT): SendPayload[] {
  const chatId = numericId.test(m.conversation.id) ? Number(m.conversation.id) : m.conversation.id
  const thread =
    m.conversation.threadId !== undefined && numericId.test(m.conversation.threadId)
      ? Number(m.conversation.threadId)
      : undefined
  // A reply can only quote a message in the same chat; a key from elsewhere (another platform, the
  // origin group of a case) is dropped rather than failing the send.
  const reply =
    m.replyTo &&
    m.replyTo.platform === 'telegram' &&
    m.replyTo.conversationId === m.conversation.id &&
    numericId.test(m.replyTo.messageId)
      ? Number(m.replyTo.messageId)
      : undefined
  return split(render(m.content), max).map((part, i) => ({
    chat_id: chatId,
    text: part.text,
    entities: part.entities,
    ...(i === 0 && reply !== undefined
      ? { reply_parameters: { message_id: reply, allow_sending_without_reply: true as const } }
      : {}),
    ...(thread !== undefined ? { message_thread_id: thread } : {}),
  }))
}

/** Telegram's limit on a caption. */
export const MAX_CAPTION = 1024

/** A file (an export, a chart) as sendDocument or sendPhoto: an image is shown as a picture, anything else as a file. */
export interface FilePayload {
  method: 'sendDocument' | 'sendPhoto'
  payload: Record<string, unknown>
}

export function encodeFile(m: OutgoingMessage & { file: NonNullable<OutgoingMessage['file']> }): FilePayload {
  const [first] = encode(m, MAX_CAPTION)
  const photo = m.file.mime.startsWith('image/')
  const input = { source: Buffer.from(m.file.data), filename: m.file.name }
  return {
    method: photo ? 'sendPhoto' : 'sendDocument',
    payload: {
      chat_id: first?.chat_id ?? m.conversation.id,
      [photo ? 'photo' : 'document']: input,
      ...(first?.text ? { caption: first.text } : {}),
      // A multipart form carries objects as JSON text.
      ...(first?.entities.length ? { caption_entities: JSON.stringify(first.entities) } : {}),
      ...(first?.reply_parameters ? { reply_parameters: JSON.stringify(first.reply_parameters) } : {}),
      ...(first?.message_thread_id !== undefined ? { message_thread_id: first.message_thread_id } : {}),
    },
  }
}
