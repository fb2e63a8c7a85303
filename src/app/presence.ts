// wechat4u loses messages sent while the bot is offline. When such an adapter comes back, every group
// it serves is told the gap honestly, so nobody waits on a ring that never arrived.
import type { AdapterEvent, Platform } from '../chat/types.js'
import type { Clock } from '../domain/clock.js'
import { formatStamp } from '../domain/time.js'
import { t } from '../i18n/index.js'
import type { DirectoryCache } from './directory.js'
import type { Store } from './ports.js'
import type { Post } from './posts.js'
import type { Commit } from './unit-of-work.js'

/** Shorter gaps than this are reconnects nobody could have rung in. */
const NOTICE_AFTER_MS = 60_000
export const seenKey = (p: Platform) => `lastSeen:${p}`
const offlineKey = (p: Platform) => `offlineSince:${p}`

export async function heartbeat(store: Store, clock: Clock, platform: Platform): Promise<void> {
  await store.kvSet(seenKey(platform), clock.now().toISOString())
}

export async function offlineNotice(
  deps: { store: Store; clock: Clock; directory: DirectoryCache; commit: Commit },
  platform: Platform,
  e: AdapterEvent,
  replaysMissed: boolean,
): Promise<void> {
  const { store, clock } = deps
  const now = clock.now()
  if (e.type === 'offline') {
    if (!(await store.kvGet(offlineKey(platform)))) await store.kvSet(offlineKey(platform), e.at.toISOString())
    return
  }
  if (e.type !== 'online') return
  // After a crash there was no offline event: the last heartbeat says when we were last listening.
  // '' marks "no offline event pending"; then the heartbeat decides.
  const since = (await store.kvGet(offlineKey(platform))) || (await store.kvGet(seenKey(platform)))
  await store.kvSet(offlineKey(platform), '')
  await store.kvSet(seenKey(platform), now.toISOString())
  if (replaysMissed || !since) return
  const from = new Date(since)
  if (now.getTime() - from.getTime() < NOTICE_AFTER_MS) return
  const communityId = await store.defaultCommunityId()
  if (communityId === undefined) return
  await deps.commit(async () => {
    const dir = await deps.directory.get(communityId)
    const { timezone: tz, locale } = dir.community
    const text = t(locale).offlineNotice({ from: formatStamp(from, tz, locale), to: formatStamp(now, tz, locale) })
    const posts = dir.groups.flatMap((g) =>
      g.chats
        .filter((c) => c.platform === platform)
        .map((c): Post => ({
          to: { chat: { platform, chatId: c.chatId, kind: 'group' } },
          parts: [text],
          purpose: 'notice',
        })),
    )
    return { at: now, dir, posts }
  })
}
