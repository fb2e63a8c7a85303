// Logical messages ("tell the 9幢 group", "DM 钱阿姨") expanded into one outbox row per platform chat.
// This is where text leaves the app, so it is where phone numbers are masked: whatever a template
// echoes (a ring, a note, a word it did not understand, a person's name), no full number gets out,
// except in the one post marked private.
import type { MessageKey, Platform, Segment } from '../chat/types.js'
import { hasContact, maskContacts } from '../domain/contact.js'
import type { OutboxInsert, OutFile, PersonRow } from './ports.js'
import { groupById, personIn, type Audience } from './directory.js'

/**
 * `published`: a number the community published for everyone (a hotline in an urgent ring's advice,
 * settings.urgency.hotlines) — never masked, where any other text's numbers are.
 */
export type Part = string | { personId: number; name: string } | { published: string }

export interface Post {
  to:
    | { groupId: number }
    | { personId: number; platform?: Platform }
    | { chat: { platform: Platform; chatId: string; kind: 'group' | 'direct'; threadId?: string } }
  parts: Part[]
  replyTo?: MessageKey
  /** the forum topic a group post belongs in, for the one chat it was asked from */
  thread?: { platform: Platform; chatId: string; threadId: string }
  caseId?: number
  purpose: string
  /**
   * The resident's contact, sent directly to whoever took the case: the only post whose phone numbers
   * are kept. Honoured for a direct message only; every other post is masked.
   */
  private?: true
  /** a file sent with the message (an export, a chart); the parts are its caption */
  file?: OutFile
  /**
   * The line this message becomes when the relay folds it with others waiting for the same chat (issue
   * 12): an ack names whom it answers and their number, as the quote that carried that is lost.
   */
  fold?: Part[]
}

export const mention = (p: Pick<PersonRow, 'id' | 'name'>): Part => ({ personId: p.id, name: p.name })

/** Parts → segments; adjacent strings become one text, so a number split over two parts is still one number. */
function segments(parts: Part[], platform: Platform, dir: Audience, keepNumbers: boolean): Segment[] {
  const out: Segment[] = []
  const published = new Set<Segment>()
  for (const p of parts) {
    const last = out[out.length - 1]
    if (typeof p === 'string') {
      if (last?.type === 'text' && !published.has(last)) last.text += p
      else out.push({ type: 'text', text: p })
      continue
    }
    if ('published' in p) {
      const seg: Segment = { type: 'text', text: p.published }
      published.add(seg)
      out.push(seg)
      continue
    }
    // A mention on a platform where the person has no account degrades to their name.
    const id = personIn(dir, p.personId)?.identities.find((i) => i.platform === platform)
    // So does one whose name carries a phone number ("王阿姨13812345678"): where a mention is written as
    // the name (WeChat, the console), the platform would print it in full. (Telegram's numeric ids, at
    // most ten digits so far, never look like a mobile.)
    const named = id && (keepNumbers || !(hasContact(id.name) || hasContact(id.userId)))
    const seg: Segment = named
      ? { type: 'mention', userId: id.userId, name: id.name }
      : { type: 'text', text: `@${id?.name ?? p.name}` }
    if (seg.type === 'text' && last?.type === 'text' && !published.has(last)) last.text += seg.text
    else out.push(seg)
  }
  return keepNumbers
    ? out
    : out.map((s) => (s.type === 'text' && !published.has(s) ? { type: 'text', text: maskContacts(s.text) } : s))
}

/** The folded line, masked like any text that leaves (never private: a fold is for a group's queue). */
const foldOf = (post: Post, platform: Platform, dir: Audience) =>
  post.fold ? { fold: segments(post.fold, platform, dir, false) } : {}

/**
 * `active` names the platforms this process runs: a group's chat on a platform nobody runs here (the
 * console chats every group has) gets no row that would wait forever. Absent = every platform.
 */
export function expand(post: Post, dir: Audience, active?: ReadonlySet<string>): OutboxInsert[] {
  const runs = (platform: Platform) => !active || active.has(platform)
  const base = { caseId: post.caseId, purpose: post.purpose, ...(post.file ? { file: post.file } : {}) }
  const replyIn = (platform: Platform, chatId: string) =>
    post.replyTo && post.replyTo.platform === platform && post.replyTo.conversationId === chatId
      ? post.replyTo.messageId
      : undefined
  if ('chat' in post.to) {
    const { platform, chatId, kind, threadId } = post.to.chat
    return [
      {
        ...base,
        platform,
        chatKind: kind,
        chatId,
        threadId,
        content: segments(post.parts, platform, dir, post.private === true && kind === 'direct'),
        ...foldOf(post, platform, dir),
        replyToMsgId: replyIn(platform, chatId),
      },
    ]
  }
  if ('groupId' in post.to) {
    const group = groupById(dir, post.to.groupId)
    return (group?.chats ?? [])
      .filter((chat) => runs(chat.platform))
      .map((chat) => ({
        ...base,
        platform: chat.platform,
        chatKind: 'group' as const,
        chatId: chat.chatId,
        threadId:
          post.thread && post.thread.platform === chat.platform && post.thread.chatId === chat.chatId
            ? post.thread.threadId
            : undefined,
        content: segments(post.parts, chat.platform, dir, false),
        ...foldOf(post, chat.platform, dir),
        replyToMsgId: replyIn(chat.platform, chat.chatId),
      }))
  }
  const { personId, platform } = post.to
  const person = personIn(dir, personId)
  // A direct message goes where the person is speaking now, else where they last wrote to the bot,
  // else to their first account on a platform this process runs.
  const usable = (person?.identities ?? []).filter((i) => runs(i.platform))
  const identity =
    usable.find((i) => i.platform === platform) ?? usable.find((i) => i.platform === person?.lastPlatform) ?? usable[0]
  if (!identity) return []
  return [
    {
      ...base,
      platform: identity.platform,
      chatKind: 'direct',
      chatId: identity.userId,
      content: segments(post.parts, identity.platform, dir, post.private === true),
      ...foldOf(post, identity.platform, dir),
      replyToMsgId: replyIn(identity.platform, identity.userId),
    },
  ]
}
