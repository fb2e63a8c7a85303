// Step 2 of a message's path (DESIGN §2): which community, which group, and who is speaking.
import type { IncomingMessage } from '../chat/types.js'
import type { DirectoryCache } from './directory.js'
import type { Directory, GroupRow, PersonRow, Store } from './ports.js'

export interface Located {
  dir: Directory
  me: PersonRow
  group: GroupRow | undefined
}

export async function locate(
  store: Store,
  directory: DirectoryCache,
  m: IncomingMessage,
): Promise<Located | undefined> {
  const chat =
    m.conversation.kind === 'group'
      ? await store.findChat({ platform: m.conversation.platform, chatId: m.conversation.id })
      : undefined
  const known = await store.findIdentity(m.sender.platform, m.sender.id)
  const communityId = chat?.communityId ?? known?.communityId ?? (await store.defaultCommunityId())
  if (communityId === undefined) return undefined
  let personId = known?.communityId === communityId ? known.personId : undefined
  if (personId === undefined) {
    // First time we hear from this neighbour: register them as a resident before anything else.
    personId = await store.transaction((tx) =>
      tx.ensurePerson(communityId, { platform: m.sender.platform, userId: m.sender.id, name: m.sender.name }),
    )
    directory.forget(communityId)
  }
  let dir = await directory.get(communityId)
  // Bound or registered in another process since the cache was filled: read again.
  const inDir = (d: Directory) =>
    d.people.some((p) => p.id === personId) &&
    (!chat ||
      d.groups.some(
        (g) =>
          g.id === chat.groupId &&
          g.chats.some((c) => c.platform === m.conversation.platform && c.chatId === m.conversation.id),
      ))
  if (!inDir(dir)) dir = await directory.get(communityId, true)
  const me = dir.people.find((p) => p.id === personId)!
  const group = chat && dir.groups.find((g) => g.id === chat.groupId)
  return { dir, me, group }
}
