// The directory a message is located in: the community's groups, places and people, read once and
// shared by a burst of messages. A change made here is seen at once; one made elsewhere within seconds.
import type { Directory, Store } from './ports.js'

const FRESH_MS = 2000

export class DirectoryCache {
  private readonly cache = new Map<number, { dir: Directory; at: number }>()

  constructor(private readonly store: Pick<Store, 'directory'>) {}

  async get(communityId: number, fresh = false): Promise<Directory> {
    const hit = this.cache.get(communityId)
    if (!fresh && hit && Date.now() - hit.at < FRESH_MS) return hit.dir
    const dir = await this.store.directory(communityId)
    this.cache.set(communityId, { dir, at: Date.now() })
    return dir
  }

  /** Who is who changed here: the next message must not be handled with the old picture. */
  forget(communityId?: number): void {
    if (communityId === undefined) this.cache.clear()
    else this.cache.delete(communityId)
  }
}
