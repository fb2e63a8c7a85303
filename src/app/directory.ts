// The directory a message is located in (DESIGN §2): a community's groups, places and members, held in
// memory and read again only when the store's directoryVersion says someone changed who is who — in
// this process or another. Every message reads that version with its chat or identity anyway.
import type { GroupRole } from '../domain/roles.js'
import type { Directory, GroupRow, PersonRow, Store } from './ports.js'
import { rememberPer } from './remember.js'

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

// Lookups in a directory, indexed once per read: its arrays are not changed in place, and a street office
// has 10k groups and a thousand members, which every ring otherwise searches from the start, several times.
const peopleById = rememberPer((people: PersonRow[]) => new Map(people.map((p) => [p.id, p])))
const groupsById = rememberPer((groups: GroupRow[]) => new Map(groups.map((g) => [g.id, g])))
const boundByRole = rememberPer((groups: GroupRow[]) => {
  const byRole = new Map<GroupRole, GroupRow[]>()
  for (const g of groups) {
    if (!g.chats.length) continue
    const list = byRole.get(g.role)
    if (list) list.push(g)
    else byRole.set(g.role, [g])
  }
  return byRole
})

/** A member of the directory by id (residents are not in it). */
export const memberById = (dir: Pick<Directory, 'people'>, id: number | null | undefined): PersonRow | undefined =>
  id == null ? undefined : peopleById(dir.people).get(id)

export const groupById = (dir: Pick<Directory, 'groups'>, id: number | null | undefined): GroupRow | undefined =>
  id == null ? undefined : groupsById(dir.groups).get(id)

/** The groups of one role with a chat bound to them (a group no chat is in cannot be told anything). */
export const boundGroups = (dir: Pick<Directory, 'groups'>, role: GroupRole): readonly GroupRow[] =>
  boundByRole(dir.groups).get(role) ?? []

/**
 * Who a message may mention or write to: the directory's members, and the residents looked up for it
 * (kept apart, so the members' index serves every message).
 */
export interface Audience extends Pick<Directory, 'people' | 'groups'> {
  residents?: readonly PersonRow[]
}

export const personIn = (a: Audience, id: number): PersonRow | undefined =>
  memberById(a, id) ?? a.residents?.find((p) => p.id === id)
