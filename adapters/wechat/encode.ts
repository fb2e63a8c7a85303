// OutgoingMessage → what we hand to `room.say`. Pure.
//
// WeChat has no quote API and no mention entities: a mention is the text `@name` + U+2005 plus the
// contact passed to room.say (wechaty then writes `@<alias-in-room || name>` itself). So a chunk
// keeps the text between mentions (`parts`) apart from the mentioned names; the adapter turns
// each name into a room member and calls room.say(parts, ...contacts), so mentions stay where the
// app put them ("#12 由 @钱阿姨 接单") instead of all moving to the front.
import type { OutgoingMessage, Segment } from '../../src/chat/types.js'
import { maskContacts } from '../../src/domain/contact.js'
import { AT_SEP } from './decode.js'

/** Longer messages are folded by WeChat and hard to read on a phone; we cut at line ends. */
export const MAX_TEXT = 2000
/** How much of the replied-to message `@name「…」` shows. */
export const PREVIEW_CHARS = 20

/** Someone to @: `key` finds the member (the app's user id: a bound id or a name in the room), `name` is shown. */
export interface Mention {
  key: string
  name: string
}

export interface Chunk {
  /** The whole chunk as text, mentions written `@name` + U+2005: the log, the recent-message map, and direct chats. */
  text: string
  /** Text around the mentions: parts.length === mentions.length + 1. */
  parts: string[]
  /** Mentioned people in order (one may repeat). */
  mentions: Mention[]
}

/** The message being replied to, from the adapter's memory of recent messages. */
export interface ReplyContext {
  senderName: string
  /** The sender's user id, to find them in the room (default: the name). */
  senderId?: string
  text: string
  fromSelf: boolean
}

export interface EncodeOptions {
  reply?: ReplyContext
  maxLength?: number
  /** Group chats: mentions become real ones. Direct chats: `@name` is just text. */
  realMentions?: boolean
}

type Tok = { t: 'text'; s: string } | ({ t: 'mention' } & Mention)

/** The quoted bit: one line, short, and phone numbers masked (the bot never repeats one in a group). */
export function preview(text: string, max = PREVIEW_CHARS): string {
  const flat = maskContacts(text.replaceAll(AT_SEP, ' ').replace(/\s+/g, ' ').trim())
  const chars = [...flat]
  return chars.length > max ? chars.slice(0, max).join('') + '…' : flat
}

/**
 * A reply degrades to `@name「preview」` on its own first line: the person is notified (a real
 * mention) and readers see what is answered. Replying to ourselves needs no mention. If the app
 * already mentions that person we do not mention them twice.
 */
function replyPrefix(content: Segment[], reply: ReplyContext | undefined): Segment[] {
  if (!reply) return []
  const quote: Segment = { type: 'text', text: `「${preview(reply.text)}」\n` }
  const who = reply.senderId || reply.senderName
  const mentioned = content.some((s) => s.type === 'mention' && (s.userId || s.name) === who)
  if (reply.fromSelf || mentioned || !reply.senderName) return [quote]
  // A nickname with a phone number in it would be printed whole by WeChat: name them masked, unpinged.
  const masked = maskContacts(reply.senderName)
  if (masked !== reply.senderName) return [{ type: 'text', text: `@${masked} ` }, quote]
  return [{ type: 'mention', userId: who, name: reply.senderName }, quote]
}

const mentionLen = (name: string) => name.length + 2 // '@' + name + U+2005

const tokLen = (tok: Tok) => (tok.t === 'text' ? tok.s.length : mentionLen(tok.name))
const lineLen = (line: Tok[]) => line.reduce((n, tok) => n + tokLen(tok), 0)

/** Splits content at newlines into lines of tokens (a mention never spans lines). */
function toLines(content: Segment[]): Tok[][] {
  const lines: Tok[][] = [[]]
  let afterMention = false
  for (const seg of content) {
    // The user id finds the member (a bound id by our remark, else their name in the room); the name is shown.
    if (seg.type === 'mention') {
      lines[lines.length - 1]!.push({ t: 'mention', key: seg.userId || seg.name, name: seg.name || seg.userId || '' })
      afterMention = true
      continue
    }
    if (!seg.text) continue
    // The space after a mention becomes the separator mentionLen already counts (toChunk writes it back):
    // counted twice, a message just under the limit was cut in two (folded acks, issue 12).
    const text = afterMention && seg.text.startsWith(' ') ? seg.text.slice(1) : seg.text
    afterMention = false
    text.split('\n').forEach((piece, i) => {
      if (i > 0) lines.push([])
      if (piece) lines[lines.length - 1]!.push({ t: 'text', s: piece })
    })
  }
  return lines
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff

/** A line longer than max is cut inside text (after a space if there is one), never inside a mention or a surrogate pair. */
function hardSplit(line: Tok[], max: number): Tok[][] {
  const out: Tok[][] = []
  let cur: Tok[] = []
  let len = 0
  const queue = [...line]
  while (queue.length) {
    const tok = queue.shift()!
    const room = max - len
    if (tokLen(tok) <= room) {
      cur.push(tok)
      len += tokLen(tok)
      continue
    }
    if (tok.t === 'text' && room > 0) {
      let cut = tok.s.slice(0, room + 1).lastIndexOf(' ')
      if (cut <= 0) cut = room
      if (isHighSurrogate(tok.s.charCodeAt(cut - 1))) cut -= 1
      if (cut > 0) {
        cur.push({ t: 'text', s: tok.s.slice(0, cut) })
        queue.unshift({ t: 'text', s: tok.s.slice(cut).replace(/^ /, '') })
      } else queue.unshift(tok)
    } else if (cur.length === 0) {
      cur.push(tok) // a single mention longer than max: send it anyway rather than loop
      len += tokLen(tok)
      continue
    } else queue.unshift(tok)
    out.push(cur)
    cur = []
    len = 0
  }
  if (cur.length) out.push(cur)
  return out
}

/** Packs lines into chunks of at most max characters, joined by newlines. */
function pack(lines: Tok[][], max: number): Tok[][] {
  const chunks: Tok[][] = []
  let cur: Tok[] = []
  let len = -1 // no newline before the first line
  const push = () => {
    if (len >= 0) chunks.push(cur)
    cur = []
    len = -1
  }
  for (const line of lines) {
    const pieces = lineLen(line) > max ? hardSplit(line, max) : [line]
    for (const piece of pieces) {
      const add = lineLen(piece) + (len >= 0 ? 1 : 0)
      if (len >= 0 && len + add > max) push()
      if (len >= 0) cur.push({ t: 'text', s: '\n' })
      cur.push(...piece)
      len += lineLen(piece) + 1
    }
  }
  push()
  return chunks
}

/**
 * Tokens → chunk. Whitespace at the chunk's ends goes (WeChat trims it anyway). After each mention
 * the U+2005 replaces one following space, or is inserted, so `@钱阿姨` + ` 请接单` reads
 * `@钱阿姨\u2005请接单` — the form WeChat clients recognise as a mention.
 */
function toChunk(toks: Tok[], realMentions: boolean): Chunk | undefined {
  const parts: string[] = ['']
  const mentions: Mention[] = []
  let afterPlainMention = false
  for (const tok of toks) {
    if (tok.t === 'text') {
      // In a direct chat a mention is only text: keep a plain space after the name.
      parts[parts.length - 1] += (afterPlainMention && !/^\s/.test(tok.s) ? ' ' : '') + tok.s
      afterPlainMention = false
    } else if (realMentions) {
      mentions.push({ key: tok.key, name: tok.name })
      parts.push('')
    } else {
      parts[parts.length - 1] += `${afterPlainMention ? ' ' : ''}@${tok.name}`
      afterPlainMention = true
    }
  }
  parts[0] = parts[0]!.trimStart()
  parts[parts.length - 1] = parts[parts.length - 1]!.trimEnd()
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!
    parts[i] = p.startsWith(' ') ? AT_SEP + p.slice(1) : AT_SEP + p
  }
  const text = parts.reduce((acc, p, i) => acc + (i > 0 ? `@${mentions[i - 1]!.name}` : '') + p, '')
  if (!text.replaceAll(AT_SEP, '').trim()) return undefined
  return { text, parts, mentions }
}

export function encode(m: OutgoingMessage, opts: EncodeOptions = {}): Chunk[] {
  const max = Math.max(opts.maxLength ?? MAX_TEXT, 20)
  const content = [...replyPrefix(m.content, opts.reply), ...m.content]
  return pack(toLines(content), max)
    .map((toks) => toChunk(toks, opts.realMentions ?? m.conversation.kind === 'group'))
    .filter((c): c is Chunk => c !== undefined)
}
