// The names people type for the bot after @ when they do not pick it from the list (@机器人, @协商铃):
// each community's settings.phrasing.botAliases. The grammar needs them before a message is located, so
// they are read once, for every community, on the first message (a community's settings change only at
// a start), and held.
import { defaultBotAliases } from '../domain/phrasing.js'
import type { DirectoryCache } from './directory.js'
import type { Store } from './ports.js'

export function botAliases(
  store: Pick<Store, 'communityIds'>,
  directory: DirectoryCache,
): () => Promise<readonly string[]> {
  let names: Promise<readonly string[]> | undefined
  const load = async () => {
    const all = new Set<string>(defaultBotAliases)
    for (const id of await store.communityIds())
      for (const a of (await directory.get(id)).community.settings.phrasing.botAliases) all.add(a)
    return [...all]
  }
  return () => {
    names ??= load().catch((e: unknown) => {
      names = undefined
      throw e
    })
    return names
  }
}
