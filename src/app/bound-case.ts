// Plain words bound to context (issue 10): a resident's 满意 / 不满意 … / 修好了，谢谢 with no case number
// and no quote is about the one case waiting for her verdict; a volunteer's 完成了 about their one open
// claim. Several → asked which, with the numbers; none → the words were conversation, and stay unanswered
// (in a direct message, where everything is said to the bot, a short answer).
import { parseDuration } from '../domain/duration.js'
import type { Ctx } from './context.js'
import type { CaseRow, Store } from './ports.js'
import { groupById } from './directory.js'

export type Bound = { c: CaseRow } | { asked: true } | { none: true }

/** Whether the message was written where the case is followed: its group, or a direct message. */
export function whereFollowed(ctx: Ctx, c: CaseRow): boolean {
  const m = ctx.msg.conversation
  if (m.kind === 'direct') return true
  if (c.originGroupId === null) return false
  const g = groupById(ctx.dir, c.originGroupId)
  return g?.chats.some((x) => x.platform === m.platform && x.chatId === m.id) ?? false
}

/**
 * The case a resident's plain verdict is about: waiting for it (resolved), else — for 不满意, which
 * reopens — closed within the reopen window (and for 满意, closed for want of a reply: a late verdict counts).
 */
export async function verdictCase(store: Store, ctx: Ctx, ok: boolean): Promise<CaseRow[]> {
  const window = parseDuration(ctx.dir.community.settings.phrasing.reopenWithin)
  const mine = await store.listCases(ctx.dir.community.id, { reporterId: ctx.me.id, statuses: ['resolved', 'closed'] })
  const here = mine.filter((c) => whereFollowed(ctx, c))
  const waiting = here.filter((c) => c.status === 'resolved')
  if (waiting.length) return waiting
  return here.filter(
    (c) =>
      c.closedAt !== null &&
      ctx.now.getTime() - c.closedAt.getTime() <= window &&
      (c.closeReason === 'unverified' || (!ok && c.closeReason === 'verified')),
  )
}

/** A volunteer's open claims. */
export const claimedBy = (store: Store, ctx: Ctx): Promise<CaseRow[]> =>
  store.listCases(ctx.dir.community.id, { claimantId: ctx.me.id, statuses: ['claimed'] })

/** One case, or the question which (with its numbers and an example), or nothing to say. */
export async function bindOne(
  ctx: Ctx,
  cases: CaseRow[],
  example: (no: number) => string,
  store: Store,
): Promise<Bound> {
  if (cases.length === 1) {
    await ctx.load(store, cases[0]!.reporterId, cases[0]!.claimantId)
    return { c: cases[0]! }
  }
  if (cases.length > 1) {
    const nos = cases.map((c) => c.number)
    ctx.reply([ctx.t.whichCase({ nos: ctx.t.caseNos(nos), example: example(nos[0]!) })])
    return { asked: true }
  }
  return { none: true }
}
