// A direct message its recipient cannot get yet — they never opened a private chat with the bot, and
// Telegram lets a bot write only to people who wrote to it first. The message waits in the outbox and
// goes as soon as they write to the bot; meanwhile they are asked, in the group where it all started,
// to open that chat.
import type { IncomingMessage, MessageKey, Platform } from '../chat/types.js'
import type { Clock } from '../domain/clock.js'
import { t } from '../i18n/index.js'
import type { Directory, OutboxInsert, Store } from './ports.js'
import { expand, mention, type Post } from './posts.js'

interface AskedIn {
  platform: Platform
  chatId: string
  threadId?: string
  messageId: string
}

/** Direct messages written in answer to a group message remember it: that is where to ask. */
export function stampAskedIn(m: IncomingMessage, rows: OutboxInsert[]): OutboxInsert[] {
  if (m.conversation.kind !== 'group') return rows
  const askedIn: AskedIn = {
    platform: m.conversation.platform,
    chatId: m.conversation.id,
    ...(m.conversation.threadId ? { threadId: m.conversation.threadId } : {}),
    messageId: m.key.messageId,
  }
  return rows.map((r) => (r.chatKind === 'direct' ? { ...r, askedIn: JSON.stringify(askedIn) } : r))
}

export interface WaitingMessage {
  platform: Platform
  /** the private chat: on every platform we run, the recipient's user id */
  chatId: string
  caseId: number | null
  purpose: string
  askedIn?: string | null
}

function parse(s: string | null | undefined): AskedIn | undefined {
  if (!s) return undefined
  try {
    const a = JSON.parse(s) as Partial<AskedIn>
    return a.platform && a.chatId && a.messageId ? (a as AskedIn) : undefined
  } catch {
    return undefined
  }
}

/** Writes one short ask per recipient and group; returns whether anything was written. */
export async function askToOpenPrivateChat(
  deps: {
    store: Store
    clock: Clock
    directory: (communityId: number) => Promise<Directory>
    active?: ReadonlySet<string>
  },
  waiting: WaitingMessage[],
): Promise<boolean> {
  const { store, clock } = deps
  const rows: OutboxInsert[] = []
  const asked = new Set<string>()
  for (const w of waiting) {
    const where = parse(w.askedIn)
    if (!where) continue
    const once = `${w.platform}:${w.chatId}@${where.platform}:${where.chatId}`
    if (asked.has(once)) continue
    asked.add(once)
    const chat = await store.findChat({ platform: where.platform, chatId: where.chatId })
    if (!chat) continue
    const dir = await deps.directory(chat.communityId)
    const person = dir.people.find((p) => p.identities.some((i) => i.platform === w.platform && i.userId === w.chatId))
    if (!person) continue
    const c = w.caseId !== null ? await store.getCaseById(w.caseId) : undefined
    const quoted: MessageKey = { platform: where.platform, conversationId: where.chatId, messageId: where.messageId }
    const post: Post = {
      to: { chat: { platform: where.platform, chatId: where.chatId, kind: 'group', threadId: where.threadId } },
      parts: [
        mention(person),
        ' ',
        t(dir.community.locale).openPrivateChat({ no: c?.number, contact: w.purpose === 'contact' }),
      ],
      replyTo: quoted,
      purpose: 'notice',
      ...(c ? { caseId: c.id } : {}),
    }
    rows.push(...expand(post, dir, deps.active))
  }
  if (!rows.length) return false
  await store.transaction((tx) => tx.enqueue(rows, clock.now()))
  return true
}
