// Answers that belong to one person: a vote's confirmation, a household's needs, who answered what.
// Sent privately; in a group, the group hears nothing of it (or only that it went privately).
import type { Ctx } from './context.js'
import type { Part } from './posts.js'

export function privately(ctx: Ctx, parts: Part[], o: { sayInGroup?: boolean } = {}): void {
  ctx.toPerson(ctx.me.id, parts, { purpose: 'private' })
  if (ctx.msg.conversation.kind !== 'group') return
  if (o.sayInGroup) ctx.reply([ctx.t.sentPrivately()])
  else ctx.silentHere = true
}
