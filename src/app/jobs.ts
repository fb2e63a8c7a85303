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

  const escalate: Handler = async (job, now) => {
    const { caseId, rung, to } = job.payload as { caseId: number; rung: number; to: RungTarget }
    await onCase(job.key, caseId, now, (c, dir, counts) => {
      if (c.status !== 'open' || c.escalationRung >= rung) return undefined
      const msg = t(dir.community.locale)
      const waited = now.getTime() - c.createdAt.getTime()
      const action: Action = { type: 'escalate', rung }
      if (to === 'skill' || to === 'all') {
        const d = dispatch({ dir, now, counts, c, widen: to === 'skill' ? 'skill' : undefined, again: true })
        return { action, posts: [...d.posts, ...toOrigin(c, [msg.escalatedWider({ no: c.number })])] }
      }
      if (to === 'staff') {
        const names =
          staffOf(dir)
            .map((s) => s.name)
            .join('、') || msg.roleName('staff')
        return {
          action,
          posts: [
            ...alertStaff(dir, c, [msg.escalationForStaff({ ...caseLine(c), waited })], 'escalation'),
            ...toOrigin(c, [msg.escalatedStaff({ no: c.number, staff: names })]),
          ],
        }
      }
      const committee = toGroupsWithRole(
        dir,
        'committee',
        c,
        [msg.escalationForCommittee({ ...caseLine(c), waited })],
        'escalation',
      )
      return {
        action,
        posts: [...committee, ...(committee.length ? toOrigin(c, [msg.escalatedCommittee({ no: c.number })]) : [])],
      }
    })
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

  return { escalate, followup }
}
