// Logical messages ("tell the 9幢 group", "DM 钱阿姨") expanded into one outbox row per platform chat.
import type { MessageKey, Platform, Segment } from '../chat/types.js'
import type { Directory, OutboxInsert, PersonRow } from './ports.js'

export type Part = string | { personId: number; name: string }

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
}

export const mention = (p: Pick<PersonRow, 'id' | 'name'>): Part => ({ personId: p.id, name: p.name })

function segments(parts: Part[], platform: Platform, dir: Pick<Directory, 'people' | 'groups'>): Segment[] {
  return parts.map((p) => {
    if (typeof p === 'string') return { type: 'text', text: p }
    // A mention on a platform where the person has no account degrades to their name.
    const id = dir.people.find((x) => x.id === p.personId)?.identities.find((i) => i.platform === platform)
    return id ? { type: 'mention', userId: id.userId, name: id.name } : { type: 'text', text: `@${p.name}` }
  })
}

/**
 * `active` names the platforms this process runs: a group's chat on a platform nobody runs here (the
 * console chats every group has) gets no row that would wait forever. Absent = every platform.
 */
export function expand(
  post: Post,
  dir: Pick<Directory, 'people' | 'groups'>,
  active?: ReadonlySet<string>,
): OutboxInsert[] {
  const runs = (platform: Platform) => !active || active.has(platform)
  const base = { caseId: post.caseId, purpose: post.purpose }
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
        content: segments(post.parts, platform, dir),
        replyToMsgId: replyIn(platform, chatId),
      },
    ]
  }
  if ('groupId' in post.to) {
    const group = dir.groups.find((g) => g.id === (post.to as { groupId: number }).groupId)
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
        content: segments(post.parts, chat.platform, dir),
        replyToMsgId: replyIn(chat.platform, chat.chatId),
      }))
  }
  const { personId, platform } = post.to
  const person = dir.people.find((p) => p.id === personId)
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
      content: segments(post.parts, identity.platform, dir),
      replyToMsgId: replyIn(identity.platform, identity.userId),
    },
  ]
}
