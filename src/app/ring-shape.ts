// Who a ring is for and where it is followed (issue 10): a resident in their group, as before; a ring in
// a direct message or marked 私下 — private, followed in the resident's direct messages, with nothing in
// any group that says who or what; a ring a volunteer or staff member makes on a named neighbour's
// behalf (代按铃) — the neighbour is the one who rang, for the verdict and the figures, the helper is
// recorded. Replies and returns nothing when the ring cannot be taken.
import { buildingOf } from '../domain/duplicates.js'
import { can } from '../domain/roles.js'
import type { Command } from '../domain/commands.js'
import type { Ctx } from './context.js'
import type { PersonRow, Store } from './ports.js'

export interface RingShape {
  reporter: PersonRow
  /** who rang on the reporter's behalf */
  helper?: PersonRow
  /** group posts carry nothing that says who rang or what about; the claimer gets it by direct message */
  private: boolean
  /** where the case is followed: its group, or (groupId null) the reporter's direct messages */
  origin: { groupId: number | null; platform: string; chatId: string; threadId: string | null }
  /** the places of the group the ring belongs to, for a ring that names no building */
  groupPlaces: string[]
}

/** The reporter's own chat with the bot: where they are writing from now, else where they last wrote. */
function directChat(ctx: Ctx, p: PersonRow): { platform: string; chatId: string } | undefined {
  const c = ctx.msg.conversation
  if (p.id === ctx.me.id && c.kind === 'direct') return { platform: c.platform, chatId: c.id }
  const id =
    p.identities.find((i) => i.platform === c.platform) ??
    p.identities.find((i) => i.platform === p.lastPlatform) ??
    p.identities[0]
  return id && { platform: id.platform, chatId: id.userId }
}

export async function shapeRing(store: Store, ctx: Ctx, cmd: Command): Promise<RingShape | undefined> {
  const { dir, me } = ctx
  let reporter = me
  let helper: PersonRow | undefined
  if (cmd.forName && cmd.forName !== me.name) {
    if (!can(me.roles, 'volunteer')) return void ctx.reply([ctx.t.proxyNotAllowed()])
    const named = await store.personNamed(dir.community.id, cmd.forName)
    if (!named) return void ctx.reply([ctx.t.unknownNeighbour({ name: cmd.forName })])
    await ctx.load(store, named.id)
    reporter = ctx.person(named.id) ?? named
    helper = me
  }
  const c = ctx.msg.conversation
  const priv = c.kind === 'direct' || cmd.private === true
  const group = ctx.group
  if (!priv && !group) return void ctx.reply([ctx.t.unboundGroup()])
  // A neighbour's ring made outside their building's group is followed in their direct messages.
  const inGroup = group && !priv && (!helper || group.role === 'residents')
  let origin: RingShape['origin'] | undefined = inGroup
    ? { groupId: group.id, platform: c.platform, chatId: c.id, threadId: c.threadId ?? null }
    : undefined
  if (!origin) {
    const dm = directChat(ctx, reporter)
    if (dm) origin = { groupId: null, ...dm, threadId: null }
    else if (group) origin = { groupId: group.id, platform: c.platform, chatId: c.id, threadId: c.threadId ?? null }
    else return void ctx.reply([ctx.t.unboundGroup()])
  }
  let groupPlaces = group?.role === 'residents' ? group.places : []
  if (!groupPlaces.length) {
    // Away from their group: the building of the reporter's latest case, if any.
    const theirs = await store.listCases(dir.community.id, { reporterId: reporter.id })
    const last = theirs.at(-1)
    groupPlaces = last ? [buildingOf(last.place)] : (group?.places ?? [])
  }
  return { reporter, ...(helper ? { helper } : {}), private: priv, origin, groupPlaces }
}
