// What a message may act as, before any command is looked at. Two things a platform cannot vouch for:
// - a sender known only by display name (WeChat without a binding) is a resident, whatever person the
//   name belongs to: anyone can call themselves 徐书记;
// - a group chat whose id may stand for another chat (two WeChat rooms with one topic, or a room that
//   took a bound group's name by a rename) is no bound group: its members get no group's rights.
import type { IncomingMessage } from '../chat/types.js'
import type { GroupRow, IdentityRow, PersonRow } from './ports.js'

/** The identity row a message's sender is registered under. */
export const identityOf = (m: IncomingMessage): IdentityRow => ({
  platform: m.sender.platform,
  userId: m.sender.id,
  name: m.sender.name,
  ...(m.sender.byName ? { byName: true } : {}),
})

/** The person and group a message acts as: rights only as far as the platform can vouch for them. */
export function trusted<W extends { me: PersonRow; group: GroupRow | undefined }>(m: IncomingMessage, where: W): W {
  const me =
    m.sender.byName && where.me.roles.some((r) => r !== 'resident')
      ? { ...where.me, roles: ['resident' as const], volunteer: null }
      : where.me
  return { ...where, me, group: m.conversation.ambiguous ? undefined : where.group }
}

/** A group chat the app must not act in until it has a name of its own. */
export const sharesItsName = (m: IncomingMessage): boolean =>
  m.conversation.kind === 'group' && m.conversation.ambiguous === true
