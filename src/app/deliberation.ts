// 议事 N (issue 14, DESIGN §4): a ring that needs a decision before anyone acts — a wall to pull down, a
// fee to share — waits in 'deliberation'. The committee then opens a consultation linked to it
// (征询 … #N); its result moves the case on (consultations.ts).
import { transition, isRefusal } from '../domain/case.js'
import type { Command } from '../domain/commands.js'
import { shortPlace } from '../domain/classify.js'
import { findCase } from './cases.js'
import type { Ctx, Plan } from './context.js'
import { toOrigin } from './dispatch.js'
import { Conflict, type Store } from './ports.js'
import { explain } from './refusals.js'
import { resetTimers } from './timers/index.js'
import { boundGroups } from './directory.js'

export async function deliberate(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const c = await findCase(store, ctx, cmd)
  if (!c) return
  const action = { type: 'deliberate' } as const
  const r = transition(c, { id: ctx.me.id, roles: ctx.me.roles }, action, ctx.now)
  if (isRefusal(r)) return ctx.reply([explain(ctx, r, c, action)], { caseId: c.id })
  return async (tx) => {
    if (!(await tx.updateCase(c, r.next))) throw new Conflict()
    await tx.addEvent(c.id, ctx.me.id, r.event, r.payload, ctx.now)
    // Nothing to escalate or remind while it is being decided.
    await resetTimers(tx, c, [], ctx.now)
    const msg = ctx.groupT
    ctx.posts.push(...toOrigin(c, [msg.deliberating({ no: c.number })]))
    for (const g of boundGroups(ctx.dir, 'committee'))
      ctx.posts.push({
        to: { groupId: g.id },
        parts: [msg.deliberatingCommittee({ no: c.number, place: shortPlace(c.place), text: c.text })],
        caseId: c.id,
        purpose: 'update',
      })
    if (c.claimantId !== null && c.claimantId !== ctx.me.id)
      ctx.toPerson(c.claimantId, [msg.deliberatingClaimant({ no: c.number })], { caseId: c.id, purpose: 'update' })
  }
}
