// Step 3 of a message's path (DESIGN §2): may this person use this command here? One answer, read from
// the role table the case state machine uses too (src/domain/roles.ts).
import type { CommandSpec } from '../domain/commands.js'
import { can, type Who } from '../domain/roles.js'
import type { Ctx } from './context.js'

/** By the person's roles — and, for the figures, by being in the committee's own group. */
export const allowed = (ctx: Ctx, who: Who): boolean =>
  can(ctx.me.roles, who) || (who === 'committee' && ctx.group?.role === 'committee')

export type Verdict = { pass: true } | { pass: false; silent: true } | { pass: false; silent: false; reply: string }

/**
 * `bare` is a command word with nothing after it. In a group, a bare word ("完成", "值班") from someone
 * it is not for is conversation, not a request: the bot stays quiet rather than lecture a neighbour.
 */
export function gate(ctx: Ctx, spec: Pick<CommandSpec, 'who'>, bare: boolean): Verdict {
  if (allowed(ctx, spec.who)) return { pass: true }
  if (bare && !ctx.msg.replyTo && ctx.msg.conversation.kind === 'group') return { pass: false, silent: true }
  const reply = spec.who === 'volunteer' ? ctx.t.notVolunteer() : ctx.t.notAllowed({ role: spec.who })
  return { pass: false, silent: false, reply }
}
