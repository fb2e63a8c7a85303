// An emergency named in a residents' group without a ring word — 「我家厨房有煤气味，怎么办」 at 21:00. The
// grammar rightly leaves it as conversation (a notice about 燃气 is not a leak, and ringing every such line
// would wake every volunteer); but the person may be standing in the smell. So the bot says at once what to
// do and whom to call, and how to get a volunteer over: one short reply, within the reply budget.
import { textOf, type IncomingMessage } from '../chat/types.js'
import type { Command } from '../domain/commands.js'
import { hasCjk, short } from '../domain/text.js'
import { classOf, defaultUrgencyClasses, urgencyOf } from '../domain/urgency.js'
import type { Ctx } from './context.js'
import { hotlineLine, urgencyName } from './urgent.js'

/**
 * Step 1½ (src/app/message.ts): a group message the grammar left as conversation that names an emergency
 * in the built-in words becomes a `hazard` command; the handler reads it against the community's own
 * classes. No store, no clock: chatter without such words costs nothing more.
 */
export function hazardHeard(m: IncomingMessage): Command | undefined {
  if (m.conversation.kind !== 'group') return undefined
  const text = textOf(m.content)
  if (urgencyOf(text, { classes: defaultUrgencyClasses, marks: [] }) === null) return undefined
  return { name: 'hazard', alias: '', text, locale: hasCjk(text) || !/[a-z]/i.test(text) ? 'zh-CN' : 'en' }
}

/** The advice and the hotline, said to a resident in a residents' group; anywhere else, nothing. */
export function adviseOnHazard(ctx: Ctx, cmd: Command): void {
  if (ctx.group?.role !== 'residents') return
  const u = ctx.dir.community.settings.urgency
  const key = urgencyOf(cmd.text, { classes: u.classes, marks: [] })
  if (key === null) return
  const advice = classOf(u, key)?.advice ?? ctx.t.urgencyAdvice(key)
  ctx.reply([
    ctx.t.hazardHeadsUp({ name: urgencyName(ctx.t, u, key), advice }),
    { published: hotlineLine(ctx.dir, key) || '110 · 119 · 120' },
    // Their own words as the example: what they would send, ready to copy.
    ctx.t.hazardHowToRing({ example: short(cmd.text, 30) }),
  ])
}
