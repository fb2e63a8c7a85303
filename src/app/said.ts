// Words said to the bot that are no command (issue 10) — in a direct message, or quoting the bell's
// message about a case. The context gives them their meaning, in this order:
//   1. the reason a bare 不满意 asked for (within phrasing.reasonWithin): passed to the volunteers;
//   2. a phone number: the contact of the person's case in progress, sent privately to its claimer;
//   3. quoting the bell's message about their own case: more detail, as 补充;
//   4. otherwise, in a direct message: how to ring here, privately. In a group, nothing is said.
import { findContacts, maskContacts } from '../domain/contact.js'
import type { Command } from '../domain/commands.js'
import { parseDuration } from '../domain/duration.js'
import { transition, isRefusal } from '../domain/case.js'
import { bindOne, whereFollowed } from './bound-case.js'
import { addDetail, quotedCase } from './cases.js'
import { saveContact, typedText } from './contacts.js'
import type { Ctx, Plan } from './context.js'
import { toGroupsWithRole } from './dispatch.js'
import type { CaseRow, Store } from './ports.js'

/** The case reopened by this person's bare 不满意 a moment ago, still waiting for its reason. */
async function waitingForReason(store: Store, ctx: Ctx, quoted: CaseRow | undefined): Promise<CaseRow | undefined> {
  const since = ctx.now.getTime() - parseDuration(ctx.dir.community.settings.phrasing.reasonWithin)
  const candidates = quoted
    ? [quoted]
    : ctx.msg.conversation.kind === 'direct'
      ? await store.listCases(ctx.dir.community.id, { reporterId: ctx.me.id, statuses: ['open', 'claimed'] })
      : []
  for (const c of candidates.filter((x) => x.reporterId === ctx.me.id && x.reopenCount > 0).reverse()) {
    const e = await store.latestEvent(c.id, ['reopened', 'reason'])
    if (e?.kind === 'reopened' && e.actorId === ctx.me.id && !e.payload.text && e.at.getTime() >= since) return c
  }
  return undefined
}

/** Who had the case before it was reopened: the last claim or assignment in its log. */
async function lastClaimer(store: Store, c: CaseRow): Promise<number | undefined> {
  const e = await store.latestEvent(c.id, ['claimed', 'assigned'])
  if (!e) return undefined
  return e.kind === 'claimed' ? (e.actorId ?? undefined) : typeof e.payload.to === 'number' ? e.payload.to : undefined
}

export async function said(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const direct = ctx.msg.conversation.kind === 'direct'
  const quoted = ctx.msg.replyTo ? await quotedCase(store, ctx) : undefined
  const text = maskContacts(cmd.text)

  const reopened = await waitingForReason(store, ctx, quoted)
  if (reopened) {
    const before = await lastClaimer(store, reopened)
    const now = reopened.claimantId ?? before
    await ctx.load(store, now ?? null)
    return async (tx) => {
      await tx.addEvent(reopened.id, ctx.me.id, 'reason', { text }, ctx.now)
      const why = [ctx.groupT.reasonGiven({ no: reopened.number, reporter: ctx.me.name, text })]
      // The volunteer who had it hears why; the volunteers being asked again see it with the case.
      if (now !== undefined) ctx.toPerson(now, why, { caseId: reopened.id, purpose: 'update' })
      if (reopened.status === 'open')
        ctx.posts.push(...toGroupsWithRole(ctx.dir, 'volunteers', reopened, why, 'update'))
      ctx.reply([ctx.t.reasonNoted({ no: reopened.number })], { caseId: reopened.id })
    }
  }

  const contact = findContacts(typedText(ctx.msg))[0]
  if (contact) {
    const mine = quoted
      ? [quoted].filter((c) => c.reporterId === ctx.me.id && c.status !== 'closed')
      : (
          await store.listCases(ctx.dir.community.id, {
            reporterId: ctx.me.id,
            statuses: ['open', 'claimed', 'resolved'],
          })
        ).filter((c) => whereFollowed(ctx, c))
    const b = await bindOne(ctx, mine, (no) => `补充 ${no} 138…`, store)
    if ('c' in b) {
      const c = b.c
      return async (tx) => {
        await saveContact(tx, ctx, c, contact)
        ctx.reply([ctx.t.contactSaved({ no: c.number })], { caseId: c.id })
      }
    }
    if ('asked' in b) return
    if (direct) return ctx.reply([ctx.t.contactNoCase()])
    return
  }

  if (quoted && quoted.reporterId === ctx.me.id) {
    const r = transition(quoted, { id: ctx.me.id, roles: ctx.me.roles }, { type: 'add', text }, ctx.now)
    if (!isRefusal(r))
      return async (tx) => {
        await tx.addEvent(quoted.id, ctx.me.id, r.event, r.payload, ctx.now)
        await addDetail(ctx, quoted, text, tx)
      }
  }

  if (direct) return ctx.reply([ctx.t.ringInDirect()])
}
