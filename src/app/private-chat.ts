// A direct message its recipient cannot get yet — they never opened a private chat with the bot
// (Telegram lets a bot write only to people who wrote to it first; WeChat only to its friends). The message waits in the outbox and
// goes as soon as they write to the bot; meanwhile they are asked, in the group where it all started,
// to open that chat. Direct messages remember that group message (Work.askedIn, stamped by the unit of work).
import type { AskedIn, Platform } from '../chat/types.js'
import type { Clock } from '../domain/clock.js'
import { t } from '../i18n/index.js'
import type { DirectoryCache } from './directory.js'
import type { Store } from './ports.js'
import { mention, type Post } from './posts.js'
import type { Commit } from './unit-of-work.js'

export interface WaitingMessage {
  platform: Platform
  /** the private chat: on every platform we run, the recipient's user id */
  chatId: string
  caseId: number | null
  purpose: string
  askedIn?: AskedIn | null
  /** what the recipient does first: press Start, or add the bot as a friend */
  opens?: 'start' | 'friend'
}

/** One short ask per recipient and group. */
export async function askToOpenPrivateChat(
  deps: { store: Store; clock: Clock; directory: DirectoryCache; commit: Commit },
  waiting: WaitingMessage[],
): Promise<void> {
  const { store } = deps
  const asked = new Set<string>()
  for (const w of waiting) {
    const where = w.askedIn
    if (!where) continue
    const once = `${w.platform}:${w.chatId}@${where.key.platform}:${where.key.conversationId}`
    if (asked.has(once)) continue
    asked.add(once)
    await deps.commit(async () => {
      const chat = await store.findChat({ platform: where.key.platform, chatId: where.key.conversationId })
      const recipient = await store.findIdentity(w.platform, w.chatId)
      if (!chat || !recipient) return undefined
      const dir = await deps.directory.get(chat.communityId, chat.directoryVersion)
      const c = w.caseId !== null ? await store.getCaseById(w.caseId) : undefined
      const post: Post = {
        to: {
          chat: {
            platform: where.key.platform,
            chatId: where.key.conversationId,
            kind: 'group',
            threadId: where.threadId,
          },
        },
        parts: [
          mention(recipient.person),
          ' ',
          t(dir.community.locale).openPrivateChat({
            no: c?.number,
            contact: w.purpose === 'contact',
            friend: w.opens === 'friend',
          }),
        ],
        replyTo: where.key,
        purpose: 'notice',
        ...(c ? { caseId: c.id } : {}),
      }
      return { at: deps.clock.now(), dir: { ...dir, residents: [recipient.person] }, posts: [post] }
    })
  }
}
