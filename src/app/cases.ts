// Use cases on a case: ring, claim, assign, note, done, release, verify, cancel, add, same.
// Each reads first, then returns the writes as a Plan that runs in one transaction with its messages.
import { categorize, locate, shortPlace, stripTags } from '../domain/classify.js'
import { findContacts, maskContacts } from '../domain/contact.js'
import { transition, isRefusal, type Action, type CaseState } from '../domain/case.js'
import { readVerdict, type Command } from '../domain/commands.js'
import type { Ctx, Plan } from './context.js'
import { dispatch, toGroupsWithRole, toOrigin as originPosts } from './dispatch.js'
import { Conflict, type CaseRow, type NewCase, type Store, type Tx } from './ports.js'
import { mention, type Part } from './posts.js'
import { screenRing } from './flood.js'
import { explain } from './refusals.js'
import { escalationJobs, followUpJobs, resetTimers } from './timers/index.js'
import { openCase } from './open-case.js'

const actorOf = (ctx: Ctx) => ({ id: ctx.me.id, roles: ctx.me.roles })

export async function ring(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  if (ctx.msg.conversation.kind === 'direct') return ctx.reply([ctx.t.ringInDirect()])
  const group = ctx.group
  if (!group) return ctx.reply([ctx.t.unboundGroup()])
  const { dir, now, me } = ctx
  const categories = dir.community.settings.categories
  const contact = findContacts(cmd.text)[0] ?? null
  const text = stripTags(maskContacts(cmd.text), categories)
  const category = categorize(cmd.text, categories)
  const place = locate(cmd.text, group.places, dir.places) || dir.community.name
  const counts = await store.openCaseCounts(dir.community.id)
  const data: NewCase = {
    communityId: dir.community.id,
    text,
    category,
    place,
    contact,
    reporterId: me.id,
    originGroupId: group.id,
    originPlatform: ctx.msg.key.platform,
    originChatId: ctx.msg.key.conversationId,
    originMsgId: ctx.msg.key.messageId,
    originThreadId: ctx.msg.conversation.threadId ?? null,
    createdAt: now,
  }
  return async (tx) => {
    // A repeat, or one ring too many: written down, no new case (decided inside the transaction, so a burst counts right).
    if (await screenRing(tx, ctx, data)) return
    ctx.posts.push(...(await openCase(tx, { dir, now, counts }, data, ctx.msg.attachments, ctx.msg.key)).posts)
  }
}

/** The case a command names: by number, or by the bot message it quotes. Replies when there is none. */
export async function findCase(store: Store, ctx: Ctx, cmd: Command): Promise<CaseRow | undefined> {
  let c: CaseRow | undefined
  if (cmd.caseNo !== undefined) c = await store.getCase(ctx.dir.community.id, cmd.caseNo)
  else if (ctx.msg.replyTo) {
    const q = ctx.msg.replyTo
    const id = await store.caseOfSentMessage(q.key.platform, q.key.conversationId, q.key.messageId)
    if (id !== undefined) c = await store.getCaseById(id)
    // WeChat has no message ids for quotes, only the quoted text: the bot's messages carry #N.
    const n = c ? undefined : /#(\d+)/.exec(q.preview ?? '')?.[1]
    if (n) c = await store.getCase(ctx.dir.community.id, Number(n))
  }
  if (c && c.communityId === ctx.dir.community.id) {
    await ctx.load(store, c.reporterId, c.claimantId)
    return c
  }
  if (cmd.caseNo !== undefined) ctx.reply([ctx.t.unknownCase({ no: cmd.caseNo })])
  else ctx.reply([ctx.t.needCase({ example: `${cmd.alias.startsWith('/') ? cmd.alias : cmd.alias} 12` })])
  return undefined
}

type Report = (c: CaseRow, next: CaseState, tx: Tx) => Promise<void> | void

/** The shared shape of every case action: find, ask the state machine, write conditionally, report. */
export async function act(
  store: Store,
  ctx: Ctx,
  cmd: Command,
  action: Action,
  report: Report,
  found?: CaseRow,
): Promise<Plan | void> {
  const c = found ?? (await findCase(store, ctx, cmd))
  if (!c) return
  const r = transition(c, actorOf(ctx), action, ctx.now)
  if (isRefusal(r)) return ctx.reply([explain(ctx, r, c, action)], { caseId: c.id })
  return async (tx) => {
    // Conditional on the version read: the loser of a race re-reads and is told who won.
    if (!(await tx.updateCase(c, r.next))) throw new Conflict()
    await tx.addEvent(c.id, ctx.me.id, r.event, r.payload, ctx.now)
    await report(c, r.next, tx)
  }
}

const toOrigin = (ctx: Ctx, c: CaseRow, parts: Part[]) => ctx.posts.push(...originPosts(c, parts))

/** Tell the volunteers' groups too, unless the message was already said there. */
const toVolunteerGroups = (ctx: Ctx, c: CaseRow, parts: Part[]) =>
  ctx.posts.push(
    ...toGroupsWithRole(ctx.dir, 'volunteers', c, parts, 'update').filter(
      (p) => !('groupId' in p.to) || p.to.groupId !== c.originGroupId,
    ),
  )

function contactDm(ctx: Ctx, c: CaseRow, to: number) {
  const reporter = ctx.person(c.reporterId)
  ctx.toPerson(
    to,
    [
      ctx.groupT.contactForClaimer({
        no: c.number,
        text: c.text,
        place: shortPlace(c.place),
        reporter: reporter?.name ?? '?',
        contact: c.contact,
      }),
    ],
    // The one message that carries the resident's number, to the one person who needs it.
    { caseId: c.id, purpose: 'contact', private: true },
  )
}

export const claim = (store: Store, ctx: Ctx, cmd: Command) =>
  act(store, ctx, cmd, { type: 'claim' }, async (c, _next, tx) => {
    const said = [ctx.groupT.claimed({ no: c.number, name: ctx.me.name })]
    toOrigin(ctx, c, said)
    toVolunteerGroups(ctx, c, said)
    contactDm(ctx, c, ctx.me.id)
    await resetTimers(tx, c, followUpJobs(c, ctx.dir, ctx.now, 'claimed'), ctx.now)
  })

export async function assign(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const named = ctx.msg.content.flatMap((s) => (s.type === 'mention' ? [s] : []))
  const wanted = named[0]?.name ?? /@(\S+)/.exec(cmd.text)?.[1] ?? cmd.text.trim()
  const target = ctx.dir.people.find(
    (p) =>
      p.name === wanted ||
      p.identities.some((i) => i.name === wanted || (named[0]?.userId && i.userId === named[0].userId)),
  )
  if (!target || !target.roles.includes('volunteer'))
    return ctx.reply([ctx.t.notAVolunteer({ name: target?.name ?? wanted })])
  const c = await findCase(store, ctx, cmd)
  if (!c) return
  // Saying it twice changes nothing and tells nobody anything new.
  if (c.status === 'claimed' && c.claimantId === target.id)
    return ctx.reply([ctx.t.alreadyAssigned({ no: c.number, name: target.name })], { caseId: c.id })
  return act(
    store,
    ctx,
    cmd,
    { type: 'assign', to: target.id },
    async (_c, _next, tx) => {
      const said = [ctx.groupT.assigned({ no: c.number, name: target.name })]
      toOrigin(ctx, c, said)
      toVolunteerGroups(ctx, c, [...said, ' ', mention(target)])
      contactDm(ctx, c, target.id)
      if (c.claimantId !== null)
        ctx.toPerson(c.claimantId, [ctx.groupT.reassigned({ no: c.number, name: target.name })], {
          caseId: c.id,
          purpose: 'update',
        })
      await resetTimers(tx, c, followUpJobs(c, ctx.dir, ctx.now, 'claimed'), ctx.now)
    },
    c,
  )
}

export const note = (store: Store, ctx: Ctx, cmd: Command) =>
  act(store, ctx, cmd, { type: 'note', text: cmd.text }, async (c, _next, tx) => {
    toOrigin(ctx, c, [ctx.groupT.note({ no: c.number, name: ctx.me.name, text: cmd.text })])
    await resetTimers(tx, c, followUpJobs(c, ctx.dir, ctx.now, 'claimed'), ctx.now)
  })

export const done = (store: Store, ctx: Ctx, cmd: Command) =>
  act(store, ctx, cmd, { type: 'resolve', text: cmd.text }, async (c, _next, tx) => {
    const reporter = ctx.person(c.reporterId)
    toOrigin(ctx, c, [
      ctx.groupT.resolved({ no: c.number, name: ctx.me.name, text: cmd.text }),
      ...(reporter ? [mention(reporter)] : []),
      ctx.groupT.askVerify({ no: c.number }),
    ])
    await resetTimers(tx, c, followUpJobs(c, ctx.dir, ctx.now, 'resolved'), ctx.now)
  })

/** Back to open: the volunteers hear again and the ladder starts over. */
async function reopenFlow(ctx: Ctx, c: CaseRow, counts: Map<number, number>, tx: Tx, exclude: number[] = []) {
  const d = dispatch({
    dir: ctx.dir,
    now: ctx.now,
    counts,
    c: { ...c, status: 'open', claimantId: null },
    again: true,
    exclude,
  })
  ctx.posts.push(...d.posts)
  await resetTimers(tx, c, escalationJobs(c, ctx.dir, d.nobody && d.nextShift ? d.nextShift : ctx.now), ctx.now)
}

export async function release(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const counts = await store.openCaseCounts(ctx.dir.community.id)
  return act(store, ctx, cmd, { type: 'release', text: cmd.text }, async (c, _next, tx) => {
    toOrigin(ctx, c, [ctx.groupT.released({ no: c.number, name: ctx.me.name })])
    // The volunteer who handed it back is not asked again straight away.
    await reopenFlow(ctx, c, counts, tx, c.claimantId === null ? [] : [c.claimantId])
  })
}

export async function verify(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const v = readVerdict(cmd)
  if (v.ok === undefined)
    return ctx.reply([ctx.t.verifyHow({ no: cmd.caseNo === undefined ? '12' : String(cmd.caseNo) })])
  // Reads happen before the transaction: it holds SQLite's only connection while it runs.
  const counts = await store.openCaseCounts(ctx.dir.community.id)
  return act(store, ctx, cmd, { type: 'verify', ok: v.ok, rating: v.rating, text: v.reason }, async (c, _next, tx) => {
    if (v.ok) {
      toOrigin(ctx, c, [ctx.groupT.verified({ no: c.number })])
      if (c.claimantId !== null)
        ctx.toPerson(
          c.claimantId,
          [ctx.groupT.thanksVolunteer({ no: c.number, reporter: ctx.me.name, stars: v.rating })],
          { caseId: c.id, purpose: 'update' },
        )
      await resetTimers(tx, c, [], ctx.now)
    } else {
      toOrigin(ctx, c, [ctx.groupT.reopened({ no: c.number, reason: v.reason })])
      if (c.claimantId !== null)
        ctx.toPerson(c.claimantId, [ctx.groupT.reopened({ no: c.number, reason: v.reason })], {
          caseId: c.id,
          purpose: 'update',
        })
      await reopenFlow(ctx, c, counts, tx)
    }
  })
}

/** 撤销 N: the reporter's own, or staff's with a reason (who and why go into the audit log). */
export const cancel = (store: Store, ctx: Ctx, cmd: Command) =>
  act(store, ctx, cmd, { type: 'cancel', ...(cmd.text ? { reason: cmd.text } : {}) }, async (c, _next, tx) => {
    const said =
      ctx.me.id === c.reporterId
        ? ctx.groupT.cancelled({ no: c.number })
        : ctx.groupT.cancelledByStaff({ no: c.number, name: ctx.me.name, reason: cmd.text })
    toOrigin(ctx, c, [said])
    // Whoever might be on the way is told: the claimer directly, or everyone who was pinged.
    if (c.claimantId !== null) ctx.toPerson(c.claimantId, [said], { caseId: c.id, purpose: 'update' })
    else if (c.status === 'open') toVolunteerGroups(ctx, c, [said])
    await resetTimers(tx, c, [], ctx.now)
  })

export const add = (store: Store, ctx: Ctx, cmd: Command) =>
  act(store, ctx, cmd, { type: 'add', text: cmd.text }, async (c, _next, tx) => {
    const said = [ctx.groupT.added({ no: c.number, text: maskContacts(cmd.text) })]
    if (c.claimantId !== null) ctx.toPerson(c.claimantId, said, { caseId: c.id, purpose: 'update' })
    else toVolunteerGroups(ctx, c, said)
    await tx.addAttachments(c.id, ctx.msg.key.platform, ctx.msg.attachments)
    ctx.reply([ctx.t.addedAck({ no: c.number })], { caseId: c.id })
  })

export async function same(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const c = await findCase(store, ctx, cmd)
  if (!c) return
  // One household, one voice: "me too" twice is still one.
  if (await store.hasEvent(c.id, ctx.me.id, 'supported'))
    return ctx.reply([ctx.t.alreadySupported({ no: c.number })], { caseId: c.id })
  return act(
    store,
    ctx,
    cmd,
    { type: 'same' },
    (_c, next) => {
      ctx.reply([ctx.t.supported({ no: c.number, count: next.supporters })], { caseId: c.id })
    },
    c,
  )
}
