// The directory a message is located in (DESIGN §2): a community's groups, places and members, held in
// memory and read again only when the store's directoryVersion says someone changed who is who — in
// this process or another. Every message reads that version with its chat or identity anyway.
import type { Directory, Store } from './ports.js'

export class DirectoryCache {
  private readonly cache = new Map<number, Directory>()

  constructor(private readonly store: Pick<Store, 'directory'>) {}

  /** The community's directory at `version` or newer; without a version, whatever is held (or a fresh read). */
  async get(communityId: number, version?: number): Promise<Directory> {
    const held = this.cache.get(communityId)
    if (held && (version === undefined || held.version >= version)) return held
    const dir = await this.store.directory(communityId)
    this.cache.set(communityId, dir)
    return dir
  }

  /** A change made here: read again on next use (the version would say so too; this saves the wait). */
  forget(communityId?: number): void {
    if (communityId === undefined) this.cache.clear()
    else this.cache.delete(communityId)
  }
}
