// Mass incidents (issue 12): a ring like a neighbour's case rung moments ago, in the same building (or
// compound), joins that case as one more household affected instead of opening a case of its own; the
// ringer is told the number and the count ("已记入 #N，共 37 户反映"), the volunteers hear the count at
// milestones, not once per ring. Staff take a wrongly joined ring out (拆分 N 内容) and join a case that
// is the same incident into another (合并 A B). The rule itself is domain/incident.ts.
import { urgentAck } from './urgent.js'
import { sharedHazard } from '../domain/urgency.js'
import { isRefusal, transition } from '../domain/case.js'
import type { Command } from '../domain/commands.js'
import { readMergeTarget } from '../domain/commands.js'
import { areaOf, atMilestone, incidentFor, ringToSplit, type IncidentRule } from '../domain/incident.js'
import { parseDuration } from '../domain/duration.js'
import { findCase } from './cases.js'
import type { Ctx, Plan } from './context.js'
import { toGroupsWithRole, toOrigin } from './dispatch.js'
import { openCase } from './open-case.js'
import { Conflict, type CaseRow, type NewCase, type Store, type TimelineEntry, type Tx } from './ports.js'
import { mention, type Part } from './posts.js'
import { explain } from './refusals.js'
import { resetTimers } from './timers/index.js'

/** The community's incident rule, from its settings. */
export function incidentRule(ctx: Ctx): IncidentRule | undefined {
  const p = ctx.dir.community.settings.phrasing
  if (!p.joinIncidents) return undefined
  return { windowMs: parseDuration(p.incidentWindow), similarity: p.incidentSimilarity, scope: p.incidentScope }
}

/** Households affected: the reporter and everyone who joined. */
export const households = (c: Pick<CaseRow, 'supporters'>): number => c.supporters + 1

const actorOf = (ctx: Ctx) => ({ id: ctx.me.id, roles: ctx.me.roles })

export interface Incident {
  c: CaseRow
  /** this person had already joined it: told the number again, counted once */
  already: boolean
}

/** The incident case this ring joins (read before the transaction), if any. */
export async function incidentOf(store: Store, ctx: Ctx, ring: NewCase): Promise<Incident | undefined> {
  const rule = incidentRule(ctx)
  if (!rule) return undefined
  // A hazard the building shares (gas, a trapped lift) is one incident whatever words the neighbours use.
  const shared = sharedHazard(ctx.dir.community.settings.urgency, ring.urgency ?? null)
  const open = await store.listCases(ctx.dir.community.id, {
    statuses: ['new', 'open', 'claimed'],
    ...(shared ? {} : { category: ring.category }),
    placeUnder: areaOf(ring.place, rule.scope),
    since: new Date(ctx.now.getTime() - rule.windowMs),
  })
  // An urgent ring joins only a case of its own urgency class; an ordinary ring never joins an urgent one.
  const found = incidentFor(
    ring,
    open.filter((o) => o.urgency === (ring.urgency ?? null)),
    ctx.now,
    shared ? { ...rule, similarity: 0, anyKind: true } : rule,
  )
  const c = found && open.find((o) => o.number === found.number)
  if (!c) return undefined
  // One household, one count: they joined it, or someone of their household (登记, issue 14) rang or joined it.
  return { c, already: await store.householdOnCase(c.id, ring.reporterId) }
}

/** What a joined ring keeps in its audit event: enough to be split out as its own case. */
const joinPayload = (ctx: Ctx, data: NewCase, said: string) => ({
  text: said,
  place: data.place,
  joined: true,
  platform: data.originPlatform,
  chatId: data.originChatId,
  msgId: data.originMsgId,
  groupId: data.originGroupId,
  threadId: data.originThreadId,
})

/**
 * Writes the join: one more household on the case, the ring's words and photos kept on it, the ringer
 * told the number and the count. False when the case can no longer be joined (then it rings as usual).
 */
export async function joinIncident(
  tx: Tx,
  ctx: Ctx,
  inc: Incident,
  data: NewCase,
  said: string,
  attachments: { kind: string; ref: string }[],
): Promise<boolean> {
  const { c } = inc
  // Someone joining a gas smell or a trapped lift reads the safety advice and hotlines first, like the first ringer.
  const ack = (count: number) =>
    ctx.reply(
      [...(c.urgency ? [...urgentAck(ctx.dir, c, []), '\n'] : []), ctx.groupT.joinedIncident({ no: c.number, count })],
      {
        caseId: c.id,
        purpose: 'ack',
        fold: [ctx.groupT.joinedLine({ no: c.number, count })],
      },
    )
  if (inc.already) {
    ack(households(c))
    return true
  }
  const r = transition(c, actorOf(ctx), { type: 'same' }, ctx.now)
  if (isRefusal(r)) return false
  if (!(await tx.updateCase(c, r.next))) throw new Conflict()
  await tx.addEvent(c.id, data.reporterId, 'supported', joinPayload(ctx, data, said), ctx.now)
  await tx.addAttachments(c.id, data.originPlatform, attachments)
  const count = households(r.next)
  ack(count)
  // The volunteers see one case with a count: told again when it passes 5, 10, 20, 50 … households.
  if (atMilestone(count))
    ctx.posts.push(
      ...toGroupsWithRole(ctx.dir, 'volunteers', c, [ctx.groupT.incidentCount({ no: c.number, count })], 'update'),
    )
  return true
}

/** The rings that joined a case and are still on it (not split out), from its audit trail. */
function joinedRings(timeline: TimelineEntry[]) {
  const out: (TimelineEntry & { personId: number; name: string; text: string })[] = []
  for (const e of timeline) {
    if (e.kind === 'split') {
      const i = out.findIndex((j) => j.personId === e.payload.personId)
      if (i >= 0) out.splice(i, 1)
    }
    if (e.kind === 'supported' && e.actorId !== null && !out.some((j) => j.personId === e.actorId))
      out.push({
        ...e,
        personId: e.actorId,
        name: e.actor ?? '',
        text: typeof e.payload.text === 'string' ? e.payload.text : '',
      })
  }
  return out
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null)

/**
 * 拆分 N 内容 (staff): the ring that joined N by mistake — named by its ringer, or by its words — becomes
 * its own case, rung by its ringer at the time they rang, and N counts one household fewer.
 */
export async function split(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const c = await findCase(store, ctx, cmd)
  if (!c) return
  if (!cmd.text.trim()) return ctx.reply([ctx.t.splitHow({ no: c.number })], { caseId: c.id })
  const joined = joinedRings(await store.timeline(c.id))
  const rule = incidentRule(ctx)
  const j = ringToSplit(joined, cmd.text, rule?.similarity ?? ctx.dir.community.settings.phrasing.incidentSimilarity)
  if (!j) return ctx.reply([ctx.t.splitNone({ no: c.number, text: cmd.text, count: joined.length })], { caseId: c.id })
  const p = j.payload
  const groupId = typeof p.groupId === 'number' ? p.groupId : null
  const data: NewCase = {
    communityId: ctx.dir.community.id,
    text: j.text,
    category: c.category,
    place: str(p.place) ?? c.place,
    contact: null,
    reporterId: j.personId,
    originGroupId: groupId,
    originPlatform: (str(p.platform) ?? c.originPlatform) as NewCase['originPlatform'],
    originChatId: str(p.chatId) ?? c.originChatId,
    originMsgId: str(p.msgId) ?? '',
    originThreadId: str(p.threadId),
    createdAt: ctx.now,
  }
  const counts = await store.openCaseCounts(ctx.dir.community.id)
  await ctx.load(store, j.personId)
  const ringer = ctx.person(j.personId)
  return async (tx) => {
    if (!(await tx.updateCase(c, { ...c, supporters: Math.max(0, c.supporters - 1) }))) throw new Conflict()
    const replyTo = { platform: data.originPlatform, conversationId: data.originChatId, messageId: data.originMsgId }
    const told: Part[] = [ctx.groupT.splitOut({ no: c.number }), ...(ringer ? [' ', mention(ringer)] : [])]
    const opened = await openCase(tx, { dir: ctx.dir, now: ctx.now, counts }, data, [], replyTo, ['\n', ...told])
    ctx.posts.push(...opened.posts)
    await tx.addEvent(c.id, ctx.me.id, 'split', { personId: j.personId, into: opened.c.number }, ctx.now)
    await tx.addEvent(opened.c.id, ctx.me.id, 'splitFrom', { number: c.number }, ctx.now)
    ctx.reply([ctx.t.splitDone({ no: c.number, into: opened.c.number, name: j.name, count: c.supporters })], {
      caseId: opened.c.id,
    })
  }
}

/**
 * 合并 A B (staff): A is the same incident as B. A closes as a duplicate of B; B counts A's households
 * (its reporter and everyone who joined it) and keeps them, so a later 拆分 can take one out again;
 * A's ringers are told in A's group where it now is.
 */
export async function merge(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const a = await findCase(store, ctx, cmd)
  if (!a) return
  const into = readMergeTarget(cmd.text)
  if (into === undefined) return ctx.reply([ctx.t.mergeHow()])
  if (into === a.number) return ctx.reply([ctx.t.mergeSelf({ no: a.number })], { caseId: a.id })
  const b = await store.getCase(ctx.dir.community.id, into)
  if (!b) return ctx.reply([ctx.t.unknownCase({ no: into })])
  const d = transition(a, actorOf(ctx), { type: 'duplicate', of: b.number }, ctx.now)
  if (isRefusal(d)) return ctx.reply([explain(ctx, d, a, { type: 'duplicate', of: b.number })], { caseId: a.id })
  const s = transition(b, actorOf(ctx), { type: 'same' }, ctx.now)
  if (isRefusal(s)) return ctx.reply([explain(ctx, s, b, { type: 'same' })], { caseId: b.id })
  const onA = joinedRings(await store.timeline(a.id))
  const onB = new Set([b.reporterId, ...joinedRings(await store.timeline(b.id)).map((j) => j.personId)])
  // Households already on B are not counted twice.
  const moving = [{ personId: a.reporterId, text: a.text }, ...onA].filter((m) => !onB.has(m.personId))
  await ctx.load(store, a.reporterId, a.claimantId, ...moving.map((m) => m.personId))
  return async (tx) => {
    if (!(await tx.updateCase(a, d.next))) throw new Conflict()
    await tx.addEvent(a.id, ctx.me.id, d.event, d.payload, ctx.now)
    await resetTimers(tx, a, [], ctx.now)
    const count = households(b) + moving.length
    if (!(await tx.updateCase(b, { ...b, supporters: count - 1 }))) throw new Conflict()
    for (const m of moving)
      await tx.addEvent(b.id, m.personId, 'supported', { text: m.text, mergedFrom: a.number }, ctx.now)
    await tx.addEvent(b.id, ctx.me.id, 'merged', { from: a.number, households: moving.length }, ctx.now)
    const ringers = moving.flatMap((m) => {
      const p = ctx.person(m.personId)
      return p ? [' ', mention(p)] : []
    })
    const told = [ctx.groupT.mergedIncident({ no: a.number, into: b.number, count }), ...ringers]
    ctx.posts.push(...toOrigin(a, told, 'update'))
    if (a.claimantId !== null)
      ctx.toPerson(a.claimantId, [ctx.groupT.mergedInto({ no: a.number, into: b.number })], {
        caseId: a.id,
        purpose: 'update',
      })
    ctx.reply([ctx.t.mergeDone({ no: a.number, into: b.number, count })], { caseId: b.id })
  }
}
