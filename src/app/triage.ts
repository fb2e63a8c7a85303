// 受理 N · 不受理 N 原因 · 转办 N 单位 [说明] · 转办结果 N 内容 (issue 13). Staff decide what the community
// takes on; every decision goes through the case state machine, is an audited event with who and why, and
// is told kindly to the resident in the group where they rang.
import type { Command } from '../domain/commands.js'
import { act } from './cases.js'
import type { Ctx, Plan } from './context.js'
import { dispatch, staffOf, toOrigin } from './dispatch.js'
import type { CaseRow, Store } from './ports.js'
import { escalationJobs, resetTimers } from './timers/index.js'
import { referralJobs } from './timers/triage.js'

const say = (ctx: Ctx, c: CaseRow, text: string) => ctx.posts.push(...toOrigin(c, [text]))

/** Whoever was on it hears too, directly. */
const tellClaimant = (ctx: Ctx, c: CaseRow, text: string) => {
  if (c.claimantId !== null && c.claimantId !== ctx.me.id)
    ctx.toPerson(c.claimantId, [text], { caseId: c.id, purpose: 'update' })
}

/** 受理 N: the case is the community's now; volunteers are pinged and the ladder starts. */
export async function accept(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const counts = await store.openCaseCounts(ctx.dir.community.id)
  return act(store, ctx, cmd, { type: 'accept' }, async (c, next, tx) => {
    say(ctx, c, ctx.groupT.acceptedNotice({ no: c.number }))
    const d = dispatch({ dir: ctx.dir, now: ctx.now, counts, c: { ...c, ...next } })
    ctx.posts.push(...d.posts)
    await resetTimers(tx, c, escalationJobs(c, ctx.dir, d.nobody && d.nextShift ? d.nextShift : ctx.now), ctx.now)
  })
}

/** 不受理 N 原因: the resident hears why, and where else to turn. */
export const decline = (store: Store, ctx: Ctx, cmd: Command) =>
  act(store, ctx, cmd, { type: 'decline', reason: cmd.text }, async (c, _next, tx) => {
    const staff =
      staffOf(ctx.dir)
        .map((s) => s.name)
        .join('、') || undefined
    say(ctx, c, ctx.groupT.declinedNotice({ no: c.number, reason: cmd.text, staff }))
    tellClaimant(ctx, c, ctx.groupT.cancelledByStaff({ no: c.number, name: ctx.me.name, reason: cmd.text }))
    await resetTimers(tx, c, [], ctx.now)
  })

/** "物业公司 楼上漏水要物业处理" → the body, and what was said with it. */
export function readReferral(text: string): { to: string; note?: string } {
  const [to = '', ...rest] = text.trim().split(/\s+/)
  const note = rest.join(' ').trim()
  return note ? { to, note } : { to }
}

/** 转办 N 单位 [说明]: handed to an outside body, tracked until its answer is recorded. */
export async function refer(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const r = readReferral(cmd.text)
  if (!r.to) return ctx.reply([ctx.t.referHow()])
  return act(store, ctx, cmd, { type: 'refer', ...r }, async (c, _next, tx) => {
    const said = ctx.groupT.referredNotice({ no: c.number, ...r })
    say(ctx, c, said)
    tellClaimant(ctx, c, said)
    await resetTimers(tx, c, referralJobs(c, ctx.dir, ctx.now), ctx.now)
  })
}

/** 转办结果 N 内容: the outside body's answer, told to the resident; the case is closed. */
export const referral = (store: Store, ctx: Ctx, cmd: Command) =>
  act(store, ctx, cmd, { type: 'referralResult', text: cmd.text }, async (c, _next, tx) => {
    say(ctx, c, ctx.groupT.referralResultNotice({ no: c.number, to: c.referredTo ?? '', text: cmd.text }))
    await resetTimers(tx, c, [], ctx.now)
  })
