// The shared shape of a timer about a case: read the case afresh, decide, and commit the decision with
// its messages under the job's key. A case that moved on is left alone.
import { isRefusal, transition, type Action } from '../../domain/case.js'
import { Conflict, type CaseRow, type Directory, type Tx } from '../ports.js'
import type { Post } from '../posts.js'
import { timerKey, type TimerDeps } from './deps.js'

class Stale extends Error {}

/** The system acts with staff rights; its events carry no person. */
const system = { id: -1, roles: ['staff' as const, 'admin' as const] }

export type CaseDecision = (
  c: CaseRow,
  dir: Directory,
  counts: ReadonlyMap<number, number>,
) => { action?: Action; posts: Post[] } | undefined

export async function onCase(deps: TimerDeps, jobKey: string, caseId: number, now: Date, decide: CaseDecision) {
  try {
    await deps.commit(async () => {
      const c = await deps.store.getCaseById(caseId)
      if (!c) return undefined
      const members = await deps.directory.get(c.communityId)
      // The directory holds members; the case's resident is looked up to be named and mentioned.
      const residents = await deps.store.people([c.reporterId].filter((id) => !members.people.some((p) => p.id === id)))
      const dir = { ...members, people: [...members.people, ...residents] }
      const d = decide(c, dir, await deps.store.openCaseCounts(c.communityId))
      if (!d) return undefined
      const plan = d.action
        ? async (tx: Tx) => {
            const r = transition(c, system, d.action!, now)
            // The case moved on: roll back, so the timer's key is not spent on nothing.
            if (isRefusal(r)) throw new Stale()
            if (!(await tx.updateCase(c, r.next))) throw new Conflict()
            await tx.addEvent(c.id, null, r.event, r.payload, now)
          }
        : undefined
      return { key: timerKey(jobKey), at: now, dir, plan, posts: d.posts }
    })
  } catch (e) {
    if (!(e instanceof Stale)) throw e
  }
}
