// Step 2 of a message's path (DESIGN §2): which community, which group, and who is speaking. The
// directory (groups, places, members) comes from memory unless its version moved; a resident is
// looked up by their account, one query, never by loading everyone.
import type { IncomingMessage } from '../chat/types.js'
import type { DirectoryCache } from './directory.js'
import type { Directory, GroupRow, PersonRow, Store } from './ports.js'
import { identityOf, trusted } from './trust.js'
import { visitor } from './visitors.js'
import { groupById, memberById } from './directory.js'

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
  let known = await store.findIdentity(m.sender.platform, m.sender.id)
  const communityId = chat?.communityId ?? known?.communityId ?? (await store.defaultCommunityId())
  if (communityId === undefined) return undefined
  if (known?.communityId !== communityId) {
    // Only a bound group registers a newcomer; a stranger elsewhere is answered, not written down.
    if (!chat) return { dir: await directory.get(communityId), me: visitor(m), group: undefined }
    // First time we hear from this neighbour: register them as a resident before anything else.
    await store.transaction((tx) => tx.ensurePerson(communityId, identityOf(m)))
    known = await store.findIdentity(m.sender.platform, m.sender.id)
    if (!known) return undefined
  }
  const dir = await directory.get(communityId, Math.max(chat?.directoryVersion ?? 0, known.directoryVersion))
  // A member is read with the directory (their shifts and duty), a resident with their account.
  const me = memberById(dir, known.person.id) ?? known.person
  const group = chat && groupById(dir, chat.groupId)
  // Rights only as far as the platform vouches for them: a display name is a resident at most.
  return trusted(m, { dir, me, group })
}
