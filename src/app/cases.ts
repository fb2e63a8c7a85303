// Use cases on a case: claim, assign, note, done, release, verify, cancel, add, same (ringing is ring.ts).
// Each reads first, then returns the writes as a Plan that runs in one transaction with its messages.
import { shortPlace } from '../domain/classify.js'
import { findContacts, maskContacts } from '../domain/contact.js'
import { transition, isRefusal, type Action, type CaseState } from '../domain/case.js'
import { readVerdict, type Command } from '../domain/commands.js'
import { likeCase } from '../domain/duplicates.js'
import { parseDuration } from '../domain/duration.js'
import { short } from '../domain/text.js'
import { bindOne, claimedBy, verdictCase } from './bound-case.js'
import { saveContact, typedText } from './contacts.js'
import type { Ctx, Plan } from './context.js'
import { dispatch, toGroupsWithRole, toOrigin as originPosts } from './dispatch.js'
import { Conflict, type CaseRow, type EventRow, type Store, type Tx } from './ports.js'
import { mention, type Part } from './posts.js'
import { explain } from './refusals.js'
import { explainParse } from './explain.js'
import { urgentClaimWords, urgentPosts } from './urgent.js'
import { escalationJobs, followUpJobs, resetTimers, urgentJobs } from './timers/index.js'
import { groupById } from './directory.js'

const actorOf = (ctx: Ctx) => ({ id: ctx.me.id, roles: ctx.me.roles })

/**
 * The cases a quoted bot message is about: one, or several where the relay folded pings into one
 * message (issue 12). A part of it quoted (Telegram's quote) that names one of them means that one.
 */
export async function quotedCases(store: Store, ctx: Ctx): Promise<CaseRow[]> {
  const q = ctx.msg.replyTo
  if (!q) return []
  const ids = await store.casesOfSentMessage(q.key.platform, q.key.conversationId, q.key.messageId)
  let cases = (await Promise.all(ids.map((id) => store.getCaseById(id)))).filter(
    (c): c is CaseRow => c !== undefined && c.communityId === ctx.dir.community.id,
  )
  if (cases.length > 1 && q.quote) {
    const named = new Set([...q.quote.matchAll(/#(\d+)/g)].map((m) => Number(m[1])))
    const picked = cases.filter((c) => named.has(c.number))
    if (picked.length === 1) cases = picked
  }
  if (!ids.length) {
    // WeChat has no message ids for quotes, only the quoted text: the bot's messages carry #N. Folded
    // pings carry one 🔔 #N a line: quoted whole, they name several.
    const text = q.quote ?? q.preview ?? ''
    const folded = [...new Set([...text.matchAll(/^🔔 #(\d+)/gmu)].map((m) => Number(m[1])))]
    const n = /#(\d+)/.exec(text)?.[1]
    const nos = folded.length > 1 ? folded : n ? [Number(n)] : []
    const found = await Promise.all(nos.map((no) => store.getCase(ctx.dir.community.id, no)))
    cases = found.filter((c): c is CaseRow => c !== undefined)
  }
  if (cases.length === 1) await ctx.load(store, cases[0]!.reporterId, cases[0]!.claimantId)
  return cases
}

/** The case a quoted bot message is about, or undefined (none, or several): nothing is said. */
export async function quotedCase(store: Store, ctx: Ctx): Promise<CaseRow | undefined> {
  const cases = await quotedCases(store, ctx)
  return cases.length === 1 ? cases[0] : undefined
}

/** The case a command names: by number, or by the bot message it quotes. Replies when there is none. */
export async function findCase(store: Store, ctx: Ctx, cmd: Command): Promise<CaseRow | undefined> {
  let c: CaseRow | undefined
  if (cmd.caseNo !== undefined) c = await store.getCase(ctx.dir.community.id, cmd.caseNo)
  else if (ctx.msg.replyTo) {
    const quoted = await quotedCases(store, ctx)
    // A folded message about several cases, quoted whole: which one is for the person to say.
    if (quoted.length > 1) {
      const example = `${cmd.alias} ${quoted[0]!.number}`
      ctx.reply([ctx.t.whichQuoted({ nos: ctx.t.caseNos(quoted.map((q) => q.number)), example })])
      return undefined
    }
    c = quoted[0]
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

/**
 * A short word where the volunteer wrote, that what they said reached the resident: not quoting them, not
 * @-mentioning them (no second buzz on their phone), and about the case, so the relay folds it into the
 * next update of the same case in that chat.
 */
function confirm(ctx: Ctx, c: CaseRow) {
  const m = ctx.msg.conversation
  const group = groupById(ctx.dir, c.originGroupId)
  if (group?.chats.some((x) => x.platform === m.platform && x.chatId === m.id)) return
  const where = group ? group.name : ctx.t.theResident()
  ctx.posts.push({
    to: { chat: { platform: m.platform, chatId: m.id, kind: m.kind, threadId: m.threadId } },
    parts: [ctx.t.toldShort({ no: c.number, where })],
    caseId: c.id,
    purpose: 'confirm',
  })
}

/** What a private ring said, for the one volunteer who takes it (read before the transaction). */
const detailsOf = async (store: Store, c: CaseRow): Promise<EventRow | undefined> =>
  c.originGroupId === null ? store.latestEvent(c.id, ['details']) : undefined

function contactDm(ctx: Ctx, c: CaseRow, to: number, details?: EventRow) {
  const reporter = ctx.person(c.reporterId)
  const told = typeof details?.payload.text === 'string' ? details.payload.text : undefined
  ctx.toPerson(
    to,
    [
      ctx.groupT.contactForClaimer({
        no: c.number,
        text: told ?? c.text,
        place: shortPlace(c.place),
        reporter: reporter?.name ?? '?',
        contact: c.contact,
        private: told !== undefined,
      }),
    ],
    // The one message that carries the resident's number, to the one person who needs it.
    { caseId: c.id, purpose: 'contact', private: true },
  )
}

/** At most this many waiting cases are offered by number to a bare 接单; with more, the number is asked for. */
const WAITING_OFFERED = 5

/**
 * A bare 接单: the one case waiting for a volunteer; several (a few), the question which; none, that all
 * are taken (a number would not help); many, the nudge for the number.
 */
async function waitingCase(store: Store, ctx: Ctx, cmd: Command): Promise<CaseRow | undefined> {
  const { rows, total } = await store.pageCases(ctx.dir.community.id, ['open'], {
    offset: 0,
    limit: WAITING_OFFERED,
    oldestFirst: true,
  })
  if (total === 1) {
    // The resident is named to the volunteer who takes it, as for any claim (findCase).
    await ctx.load(store, rows[0]!.reporterId, rows[0]!.claimantId)
    return rows[0]
  }
  if (total === 0) {
    ctx.reply([ctx.t.nothingToClaim()])
    return undefined
  }
  if (total <= WAITING_OFFERED) {
    const nos = rows.map((c) => c.number)
    ctx.reply([ctx.t.whichWaiting({ nos: ctx.t.caseNos(nos), example: `${cmd.alias} ${nos[0]}` })])
    return undefined
  }
  explainParse(ctx, { error: 'need_case', name: 'claim', locale: cmd.locale })
  return undefined
}

export async function claim(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const c = cmd.implicit ? await waitingCase(store, ctx, cmd) : await findCase(store, ctx, cmd)
  if (!c) return
  const details = await detailsOf(store, c)
  return act(
    store,
    ctx,
    cmd,
    { type: 'claim' },
    async (_c, _next, tx) => {
      // 请放心 is for the resident; the volunteers only need to know who has it.
      const urgent = urgentClaimWords(ctx, c, ctx.me.name)
      toOrigin(ctx, c, urgent?.group ?? [ctx.groupT.claimed({ no: c.number, name: ctx.me.name })])
      toVolunteerGroups(ctx, c, urgent?.group ?? [ctx.groupT.claimedForVolunteers({ no: c.number, name: ctx.me.name })])
      contactDm(ctx, c, ctx.me.id, details)
      if (urgent) ctx.toPerson(ctx.me.id, urgent.claimer, { caseId: c.id, purpose: 'update' })
      await resetTimers(tx, c, followUpJobs(c, ctx.dir, ctx.now, 'claimed'), ctx.now)
    },
    c,
  )
}

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
  const details = await detailsOf(store, c)
  return act(
    store,
    ctx,
    cmd,
    { type: 'assign', to: target.id },
    async (_c, _next, tx) => {
      const said = [ctx.groupT.assigned({ no: c.number, name: target.name })]
      toOrigin(ctx, c, said)
      toVolunteerGroups(ctx, c, [...said, ' ', mention(target)])
      contactDm(ctx, c, target.id, details)
      const urgent = urgentClaimWords(ctx, c, target.name)
      if (urgent) ctx.toPerson(target.id, urgent.claimer, { caseId: c.id, purpose: 'update' })
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
    confirm(ctx, c)
    await resetTimers(tx, c, followUpJobs(c, ctx.dir, ctx.now, 'claimed'), ctx.now)
  })

export async function done(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  // 完成了 with no number or quote: the volunteer's one open claim (asked which when there are several).
  let found: CaseRow | undefined
  if (cmd.implicit) {
    const b = await bindOne(ctx, await claimedBy(store, ctx), (no) => `完成 ${no}`, store)
    if (!('c' in b))
      return 'none' in b && ctx.msg.conversation.kind === 'direct' ? ctx.reply([ctx.t.noClaims()]) : undefined
    found = b.c
  }
  return act(
    store,
    ctx,
    cmd,
    { type: 'resolve', text: cmd.text },
    async (c, _next, tx) => {
      const reporter = ctx.person(c.reporterId)
      toOrigin(ctx, c, [
        ctx.groupT.resolved({ no: c.number, name: ctx.me.name, text: cmd.text }),
        // in the group that rang, addressed to her; in her own direct messages, no need
        ...(reporter && c.originGroupId !== null ? [mention(reporter)] : []),
        ctx.groupT.askVerify({ no: c.number }),
      ])
      confirm(ctx, c)
      await resetTimers(tx, c, followUpJobs(c, ctx.dir, ctx.now, 'resolved'), ctx.now)
    },
    found,
  )
}

/** Back to open: the volunteers hear again and the ladder starts over. */
async function reopenFlow(ctx: Ctx, c: CaseRow, counts: ReadonlyMap<number, number>, tx: Tx, exclude: number[] = []) {
  // Still urgent (issue 11): everyone who can go, at any hour, and the fast ladder again.
  if (c.urgency !== null) {
    ctx.posts.push(...urgentPosts(ctx.dir, { ...c, status: 'open', claimantId: null }, ctx.now))
    await resetTimers(tx, c, urgentJobs(c, ctx.dir, ctx.now), ctx.now)
    return
  }
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
    // Why it was handed back reaches the resident (and tells the next volunteer what it needs).
    toOrigin(ctx, c, [ctx.groupT.released({ no: c.number, name: ctx.me.name, reason: cmd.text })])
    // The volunteer who handed it back is not asked again straight away.
    await reopenFlow(ctx, c, counts, tx, c.claimantId === null ? [] : [c.claimantId])
  })
}

export async function verify(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const v = readVerdict(cmd)
  if (v.ok === undefined)
    return ctx.reply([ctx.t.verifyHow({ no: cmd.caseNo === undefined ? '12' : String(cmd.caseNo) })])
  // 满意 / 不满意 … / 修好了，谢谢 with no number or quote: the one case waiting for this person's verdict.
  let found: CaseRow | undefined
  if (cmd.implicit) {
    const b = await bindOne(ctx, await verdictCase(store, ctx, v.ok), (no) => `${cmd.alias} ${no}`, store)
    if ('c' in b) found = b.c
    else if ('asked' in b) return
    // 修好了 from a volunteer with no verdict of their own to give: their one claim is done.
    else if (cmd.option === 'orDone' && ctx.me.roles.some((r) => r === 'volunteer' || r === 'staff'))
      return done(store, ctx, { ...cmd, name: 'done', text: '' })
    else return ctx.msg.conversation.kind === 'direct' ? ctx.reply([ctx.t.nothingWaiting()]) : undefined
  }
  const c = found ?? (await findCase(store, ctx, cmd))
  if (!c) return
  // 修好了 1 from the volunteer who has #1 is their report that it is done, not a verdict on their own work.
  if (cmd.option === 'orDone' && c.claimantId === ctx.me.id && c.reporterId !== ctx.me.id)
    return done(store, ctx, { ...cmd, name: 'done', caseNo: c.number, text: '' })
  const reopenWithinMs = parseDuration(ctx.dir.community.settings.phrasing.reopenWithin)
  // Closed too long ago to reopen: a new ring, linked to it, is one message away.
  if (
    !v.ok &&
    c.status === 'closed' &&
    c.reporterId === ctx.me.id &&
    c.closedAt !== null &&
    (c.closeReason === 'verified' || c.closeReason === 'unverified') &&
    ctx.now.getTime() - c.closedAt.getTime() > reopenWithinMs
  )
    return ctx.reply([ctx.t.offerAgain({ no: c.number, reason: v.reason })], { caseId: c.id })
  // Reads happen before the transaction: it holds SQLite's only connection while it runs.
  const counts = await store.openCaseCounts(ctx.dir.community.id)
  const action: Action = { type: 'verify', ok: v.ok, rating: v.rating, text: v.reason, reopenWithinMs }
  return act(
    store,
    ctx,
    cmd,
    action,
    async (c, _next, tx) => {
      if (v.ok) {
        toOrigin(ctx, c, [ctx.groupT.verified({ no: c.number })])
        // Their words of thanks reach the volunteer, not only the stars.
        if (c.claimantId !== null)
          ctx.toPerson(
            c.claimantId,
            [ctx.groupT.thanksVolunteer({ no: c.number, reporter: ctx.me.name, stars: v.rating, words: v.reason })],
            { caseId: c.id, purpose: 'update' },
          )
        await resetTimers(tx, c, [], ctx.now)
      } else {
        // No reason given: asked for one; the next words to the bot (privately, or quoting this) are it.
        toOrigin(ctx, c, [
          ctx.groupT.reopened({ no: c.number, reason: v.reason }),
          ...(v.reason ? [] : ['\n', ctx.groupT.askReason({ no: c.number })]),
        ])
        if (c.claimantId !== null)
          ctx.toPerson(c.claimantId, [ctx.groupT.reopened({ no: c.number, reason: v.reason })], {
            caseId: c.id,
            purpose: 'update',
          })
        await reopenFlow(ctx, c, counts, tx)
      }
    },
    c,
  )
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

/** More detail from the resident: to the claimer, else the volunteers; a phone number in it becomes the contact. */
export function addDetail(ctx: Ctx, c: CaseRow, text: string, tx: Tx): Promise<void> | void {
  const contact = findContacts(typedText(ctx.msg))[0]
  const said = [ctx.groupT.added({ no: c.number, text: maskContacts(text) })]
  if (c.claimantId !== null) ctx.toPerson(c.claimantId, said, { caseId: c.id, purpose: 'update' })
  else toVolunteerGroups(ctx, c, said)
  ctx.reply([contact ? ctx.t.contactSaved({ no: c.number }) : ctx.t.addedAck({ no: c.number })], { caseId: c.id })
  return contact ? saveContact(tx, ctx, c, contact) : undefined
}

export const add = (store: Store, ctx: Ctx, cmd: Command) =>
  act(store, ctx, cmd, { type: 'add', text: cmd.text }, async (c, _next, tx) => {
    await tx.addAttachments(c.id, ctx.msg.key.platform, ctx.msg.attachments)
    await addDetail(ctx, c, cmd.text, tx)
  })

/**
 * 我家也是 said in a residents' group with no number and no quote: the neighbour's ring there moments ago
 * (within the incident window) is probably meant, but the words are everyday talk too — so the bot asks,
 * and 同 N joins. Nothing recent, or several: conversation.
 */
async function askWhichSame(store: Store, ctx: Ctx): Promise<void> {
  const group = ctx.group
  if (group?.role !== 'residents') return
  const since = new Date(ctx.now.getTime() - parseDuration(ctx.dir.community.settings.phrasing.incidentWindow))
  const recent = (await store.listCases(ctx.dir.community.id, { statuses: ['new', 'open', 'claimed'], since })).filter(
    (c) => c.originGroupId === group.id && c.reporterId !== ctx.me.id,
  )
  if (recent.length !== 1) return
  const c = recent[0]!
  ctx.reply([ctx.t.meTooWhich({ no: c.number, text: short(c.text) })], { caseId: c.id })
}

/**
 * 同 N / 我家也是 (quoting the bell's message about N): one more household with the problem. The
 * person's own open case that is the same problem (rung after "像是 #N") is closed into N.
 */
export async function same(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  if (cmd.implicit) return askWhichSame(store, ctx)
  const c = await findCase(store, ctx, cmd)
  if (!c) return
  // One household, one voice: "me too" twice is still one.
  if (await store.hasEvent(c.id, ctx.me.id, 'supported'))
    return ctx.reply([ctx.t.alreadySupported({ no: c.number })], { caseId: c.id })
  const r = transition(c, actorOf(ctx), { type: 'same' }, ctx.now)
  if (isRefusal(r)) return ctx.reply([explain(ctx, r, c, { type: 'same' })], { caseId: c.id })
  const mine = (
    await store.listCases(ctx.dir.community.id, { reporterId: ctx.me.id, statuses: ['open', 'claimed'] })
  ).filter((m) => m.id !== c.id && m.originGroupId !== null && likeCase(m, c))
  const joins = mine.flatMap((m) => {
    const d = transition(m, actorOf(ctx), { type: 'duplicate', of: c.number }, ctx.now)
    return isRefusal(d) ? [] : [{ m, d }]
  })
  await ctx.load(store, ...joins.map((j) => j.m.claimantId))
  return async (tx) => {
    if (!(await tx.updateCase(c, r.next))) throw new Conflict()
    await tx.addEvent(c.id, ctx.me.id, r.event, r.payload, ctx.now)
    for (const { m, d } of joins) {
      if (!(await tx.updateCase(m, d.next))) throw new Conflict()
      await tx.addEvent(m.id, ctx.me.id, d.event, d.payload, ctx.now)
      await resetTimers(tx, m, [], ctx.now)
      const merged = [ctx.groupT.mergedInto({ no: m.number, into: c.number })]
      if (m.claimantId !== null) ctx.toPerson(m.claimantId, merged, { caseId: m.id, purpose: 'update' })
      else toVolunteerGroups(ctx, m, merged)
    }
    const joined = joins.map((j) => j.m.number)
    ctx.reply(
      [
        ctx.t.supported({ no: c.number, count: r.next.supporters }),
        ...(joined.length ? [ctx.t.yoursMerged({ nos: ctx.t.caseNos(joined), into: c.number })] : []),
      ],
      { caseId: c.id },
    )
  }
}
