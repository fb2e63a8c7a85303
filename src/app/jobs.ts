// What the timers do when they fire: the escalation ladder and the follow-ups on quiet cases.
// Handlers are idempotent — a timer that fires twice (a crash between effect and bookkeeping) finds the
// case already moved on and does nothing.
import type { Clock } from '../domain/clock.js'
import { transition, isRefusal, type Action } from '../domain/case.js'
import type { RungTarget } from '../config/schema.js'
import { t } from '../i18n/index.js'
import type { Logger } from '../log.js'
import { alertStaff, caseLine, dispatch, staffOf, toGroupsWithRole, toOrigin } from './dispatch.js'
import { Conflict, type CaseRow, type Directory, type Store, type Tx } from './ports.js'
import { expand, mention, type Post } from './posts.js'
import type { FollowUp } from './timers.js'
import { parseDuration } from '../config/schema.js'
import { openCase } from './cases.js'
import { bundle, mergePosts } from './flood.js'

interface Deps {
  store: Store
  clock: Clock
  log: Logger
  directory: (id: number) => Promise<Directory>
  active?: ReadonlySet<string>
  onOutbox: () => void
}
type Handler = (job: { key: string; payload: unknown }, now: Date) => Promise<void>

class Stale extends Error {}

/** Cases taken along with one rung's timer, at most. */
const BATCH = 50

const timerKey = (key: string) => ({ platform: 'timer', conversationId: 'jobs', messageId: key })

/** What one rung says about the cases it moved: one message per group or person, whatever their number. */
function rungPosts(cases: CaseRow[], to: RungTarget, dir: Directory, counts: Map<number, number>, now: Date): Post[] {
  if (!cases.length) return []
  const msg = t(dir.community.locale)
  const merge = (posts: Post[]) => mergePosts(posts, (n) => msg.moreCases({ count: n }))
  // Each group that rang hears once, naming its own cases.
  const toOrigins = (say: (nos: string) => string): Post[] => {
    const byChat = new Map<string, CaseRow[]>()
    for (const c of cases) {
      const k = `${c.originGroupId}|${c.originPlatform}|${c.originChatId}|${c.originThreadId ?? ''}`
      byChat.set(k, [...(byChat.get(k) ?? []), c])
    }
    return [...byChat.values()].flatMap((cs) =>
      toOrigin(cs[0]!, [say(msg.caseNos(cs.map((c) => c.number)))]).map((p) =>
        cs.length > 1 ? { ...p, caseId: undefined } : p,
      ),
    )
  }
  if (to === 'skill' || to === 'all') {
    const pings = cases.flatMap(
      (c) => dispatch({ dir, now, counts, c, widen: to === 'skill' ? 'skill' : undefined, again: true }).posts,
    )
    return [...merge(pings), ...toOrigins((nos) => msg.escalatedWider({ nos }))]
  }
  if (to === 'staff') {
    const names =
      staffOf(dir)
        .map((s) => s.name)
        .join('、') || msg.roleName('staff')
    const alerts = cases.flatMap((c) =>
      alertStaff(
        dir,
        c,
        [msg.escalationForStaff({ ...caseLine(c), waited: now.getTime() - c.createdAt.getTime() })],
        'escalation',
      ),
    )
    return [...merge(alerts), ...toOrigins((nos) => msg.escalatedStaff({ nos, staff: names }))]
  }
  const committee = cases.flatMap((c) =>
    toGroupsWithRole(
      dir,
      'committee',
      c,
      [msg.escalationForCommittee({ ...caseLine(c), waited: now.getTime() - c.createdAt.getTime() })],
      'escalation',
    ),
  )
  return committee.length ? [...merge(committee), ...toOrigins((nos) => msg.escalatedCommittee({ nos }))] : []
}

/** The system acts with staff rights; its events carry no person. */
const system = { id: -1, roles: ['staff' as const, 'admin' as const] }

export function jobHandlers(deps: Deps): Record<string, Handler> {
  /** Load, decide, write and post in one transaction; retry if the case changed under us. */
  async function onCase(
    jobKey: string,
    caseId: number,
    now: Date,
    decide: (c: CaseRow, dir: Directory, counts: Map<number, number>) => { action?: Action; posts: Post[] } | undefined,
  ): Promise<void> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const c = await deps.store.getCaseById(caseId)
      if (!c) return
      const dir = await deps.directory(c.communityId)
      const counts = await deps.store.openCaseCounts(c.communityId)
      const d = decide(c, dir, counts)
      if (!d) return
      try {
        await deps.store.transaction(async (tx: Tx) => {
          // A timer's effect is committed once, under its key, like an inbound message: if the job runs
          // again (a crash before it was marked done, a lease that ran out) it finds this and does nothing.
          if (!(await tx.recordInbound({ platform: 'timer', conversationId: 'jobs', messageId: jobKey }, now))) return
          if (d.action) {
            const r = transition(c, system, d.action, now)
            // The case moved on: roll back, so the timer's key is not spent on nothing.
            if (isRefusal(r)) throw new Stale()
            if (!(await tx.updateCase(c, r.next))) throw new Conflict()
            await tx.addEvent(c.id, null, r.event, r.payload, now)
          }
          await tx.enqueue(
            d.posts.flatMap((p) => expand(p, dir, deps.active)),
            now,
          )
        })
        deps.onOutbox()
        return
      } catch (e) {
        if (e instanceof Stale) return
        if (!(e instanceof Conflict)) throw e
      }
    }
    // Still racing after five tries: fail the job so the runner retries it later, rather than mark it done.
    throw new Conflict()
  }

  /**
   * One rung of the ladder. Every other case whose same rung falls due within `flood.batchEscalations`
   * goes up with it, so a burst of cases (one reporter's, or a busy morning's) reaches each group and each
   * staff member as one message listing them, not one message per case.
   */
  const escalate: Handler = async (job, now) => {
    const { caseId, rung, to } = job.payload as { caseId: number; rung: number; to: RungTarget }
    const eligible = (c: CaseRow | undefined, communityId: number): c is CaseRow =>
      !!c && c.communityId === communityId && c.status === 'open' && c.escalationRung < rung
    for (let attempt = 1; attempt <= 5; attempt++) {
      const first = await deps.store.getCaseById(caseId)
      if (!first || !eligible(first, first.communityId)) return
      const dir = await deps.directory(first.communityId)
      const until = new Date(now.getTime() + parseDuration(dir.community.settings.flood.batchEscalations))
      const due = await deps.store.dueEscalations(rung, until, BATCH)
      const members: { key: string; c: CaseRow }[] = [{ key: job.key, c: first }]
      for (const d of due) {
        if (members.some((m) => m.key === d.key || m.c.id === d.caseId)) continue
        const c = await deps.store.getCaseById(d.caseId)
        if (eligible(c, first.communityId)) members.push({ key: d.key, c })
      }
      const counts = await deps.store.openCaseCounts(first.communityId)
      try {
        await deps.store.transaction(async (tx: Tx) => {
          const moved: CaseRow[] = []
          for (const { key, c } of members) {
            // Each timer's effect is committed once, under its key: the timers taken along here find it
            // done when they come due, like one that runs twice after a crash.
            if (!(await tx.recordInbound(timerKey(key), now))) continue
            const r = transition(c, system, { type: 'escalate', rung }, now)
            if (isRefusal(r)) continue
            if (!(await tx.updateCase(c, r.next))) throw new Conflict()
            await tx.addEvent(c.id, null, r.event, r.payload, now)
            moved.push(c)
          }
          await tx.enqueue(
            rungPosts(moved, to, dir, counts, now).flatMap((p) => expand(p, dir, deps.active)),
            now,
          )
        })
        deps.onOutbox()
        return
      } catch (e) {
        if (!(e instanceof Conflict)) throw e
      }
    }
    throw new Conflict()
  }

  /** A person's held rings go out together as one case, with one ack, one set of pings and one ladder. */
  const releaseHeld: Handler = async (job, now) => {
    const { communityId, personId } = job.payload as { communityId: number; personId: number }
    const dir = await deps.directory(communityId)
    const counts = await deps.store.openCaseCounts(communityId)
    const wrote = await deps.store.transaction(async (tx: Tx) => {
      if (!(await tx.recordInbound(timerKey(job.key), now))) return false
      const held = await tx.heldRings(personId)
      if (!held.length) return false
      const first = held[0]!
      const reporter = dir.people.find((p) => p.id === personId)
      const said = t(dir.community.locale).heldBundled({ count: held.length })
      const { c, posts } = await openCase(
        tx,
        { dir, now, counts },
        bundle(held, dir, now),
        held.flatMap((h) => h.attachments),
        { platform: first.platform, conversationId: first.chatId, messageId: first.msgId },
        ['\n', ...(reporter ? [mention(reporter), ' '] : []), said],
      )
      await tx.releaseHeld(
        held.map((h) => h.id),
        c.id,
      )
      await tx.enqueue(
        posts.flatMap((p) => expand(p, dir, deps.active)),
        now,
      )
      return true
    })
    if (wrote) deps.onOutbox()
  }

  const followup: Handler = async (job, now) => {
    const { caseId, step } = job.payload as { caseId: number; step: FollowUp }
    await onCase(job.key, caseId, now, (c, dir) => {
      const msg = t(dir.community.locale)
      const claimant = dir.people.find((p) => p.id === c.claimantId)
      const reporter = dir.people.find((p) => p.id === c.reporterId)
      switch (step) {
        case 'remindClaimer':
          if (c.status !== 'claimed' || !claimant) return undefined
          return {
            posts: [
              {
                to: { personId: claimant.id },
                parts: [msg.remindClaimer({ no: c.number, text: c.text })],
                caseId: c.id,
                purpose: 'reminder',
              },
            ],
          }
        case 'tellStaff': {
          if (c.status !== 'claimed' || !claimant) return undefined
          const quiet = now.getTime() - (c.progressAt ?? c.claimedAt ?? c.createdAt).getTime()
          return {
            posts: alertStaff(
              dir,
              c,
              [msg.staleForStaff({ no: c.number, name: claimant.name, text: c.text, quiet })],
              'reminder',
            ),
          }
        }
        case 'remindVerify':
          if (c.status !== 'resolved') return undefined
          return { posts: toOrigin(c, [...(reporter ? [mention(reporter)] : []), msg.remindVerify({ no: c.number })]) }
        case 'autoClose':
          if (c.status !== 'resolved') return undefined
          return { action: { type: 'autoclose' }, posts: toOrigin(c, [msg.autoClosed({ no: c.number })]) }
      }
    })
  }

  return { escalate, followup, releaseHeld }
}
