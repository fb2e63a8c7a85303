// Strangers (issue 8): someone the bot does not know, writing in a direct message or in a group that is
// not bound, is answered where it helps and is not registered. People become residents only by writing
// in a bound residents' group (or through the config file); before, every DM and every unbound chat
// added a Person and an Identity (1,878 after a 10k-message fuzz).
import type { IncomingMessage } from '../chat/types.js'
import type { Command, ParseError } from '../domain/commands.js'
import type { Ctx } from './context.js'
import type { PersonRow } from './ports.js'

/** Ids start at 1: 0 is nobody in the database. */
const VISITOR = 0

/** A stand-in for the sender, never written: enough to answer them in their language. */
export const visitor = (m: IncomingMessage): PersonRow => ({
  id: VISITOR,
  name: m.sender.name,
  roles: ['resident'],
  locale: null,
  // their own platform, so nothing is written about where they last wrote
  lastPlatform: m.conversation.platform,
  identities: [{ platform: m.sender.platform, userId: m.sender.id, name: m.sender.name }],
  volunteer: null,
})

export const isVisitor = (p: PersonRow): boolean => p.id === VISITOR

/** Words in a group the bot would act on: a ring, 帮助, 绑定. Anything else from a stranger passes quietly. */
const askedInGroup = new Set(['ring', 'help', 'bind'])

/**
 * A direct message: where to ring. An unbound group: that an admin must bind it first, only when they
 * rang, asked for help or tried to bind, and once per window for the whole group (limitReplies).
 */
export function guideVisitor(ctx: Ctx, parsed: Command | ParseError): void {
  if (ctx.msg.conversation.kind === 'direct') return ctx.reply([ctx.t.visitorDirect()])
  const name = 'name' in parsed ? parsed.name : undefined
  if ((name && askedInGroup.has(name)) || ('error' in parsed && parsed.error === 'empty_ring'))
    ctx.reply([ctx.t.unboundGroup()], { purpose: 'unbound' })
}
