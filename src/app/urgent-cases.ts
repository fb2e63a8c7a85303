// 到场 N and 不紧急 N (issue 11), and what a claim of an urgent case says. The state machine decides
// (src/domain/case.ts: arrive, downgrade); this says it.
import type { Command } from '../domain/commands.js'
import { act, findCase } from './cases.js'
import type { Ctx, Plan } from './context.js'
import { dispatch, toGroupsWithRole, toOrigin } from './dispatch.js'
import type { CaseRow, Store } from './ports.js'
import type { Part } from './posts.js'
import { escalationJobs, resetTimers } from './timers/index.js'

/** Said where the case is followed, and in the volunteers' group unless that is where it was said. */
function tellAll(ctx: Ctx, c: CaseRow, parts: Part[]) {
  ctx.posts.push(...toOrigin(c, parts))
  ctx.posts.push(
    ...toGroupsWithRole(ctx.dir, 'volunteers', c, parts, 'update').filter(
      (p) => !('groupId' in p.to) || p.to.groupId !== c.originGroupId,
    ),
  )
}

/** 到场 N: the claimer is there. The group that rang and the volunteers see it. */
export async function arrive(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const c = await findCase(store, ctx, cmd)
  if (!c) return
  return act(
    store,
    ctx,
    cmd,
    { type: 'arrive' },
    () => {
      const name = ctx.person(c.claimantId)?.name ?? ctx.me.name
      tellAll(ctx, c, [ctx.groupT.arrived({ no: c.number, name })])
    },
    c,
  )
}

/** 不紧急 N: staff say it is not an emergency. An open case goes on as an ordinary one, on the ordinary ladder. */
export async function downgrade(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const c = await findCase(store, ctx, cmd)
  if (!c) return
  const counts = await store.openCaseCounts(ctx.dir.community.id)
  return act(
    store,
    ctx,
    cmd,
    { type: 'downgrade' },
    async (_c, next, tx) => {
      ctx.posts.push(...toOrigin(c, [ctx.groupT.downgraded({ no: c.number })]))
      ctx.reply([ctx.t.downgradedOk({ no: c.number })], { caseId: c.id })
      // Claimed: its follow-ups stay as they are. Open: the fast ladder gives way to the ordinary one,
      // which at night waits for the next shift as any ordinary ring does.
      if (next.status === 'open') {
        const d = dispatch({ dir: ctx.dir, now: ctx.now, counts, c })
        const from = d.nobody && d.nextShift ? d.nextShift : ctx.now
        await resetTimers(tx, c, escalationJobs(c, ctx.dir, from, d.nobody), ctx.now)
      }
    },
    c,
  )
}
