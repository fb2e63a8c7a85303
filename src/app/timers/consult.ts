// The timers of a consultation (issue 14), declared once: its deadline (the result, once, across
// restarts), its progress posts (coalesced: at most one per period, only when answers came in, never in
// quiet hours) and one reminder before the deadline.
import { tally } from '../../domain/consultation.js'
import { closeWork, coveredCount, progressPosts, reminderPosts } from '../consult-result.js'
import { timerKey, type Fired, type TimerDeps } from './deps.js'

class Stale extends Error {}

/** The deadline: the result, said once. A consultation already closed by 结束 is left alone. */
export async function consultDeadline(deps: TimerDeps, job: Fired, now: Date): Promise<void> {
  const { consultationId } = job.payload as { consultationId: number }
  try {
    await deps.commit(async () => {
      const c = await deps.store.consult.consultationById(consultationId)
      if (!c || c.status !== 'open') return undefined
      const dir = await deps.directory.get(c.communityId)
      const work = await closeWork(deps.store, dir, c, now, null, () => {
        throw new Stale()
      })
      return { key: timerKey(job.key), at: now, ...work }
    })
  } catch (e) {
    if (!(e instanceof Stale)) throw e
  }
}

/** An open consultation before its deadline, with its community and the answers so far. */
async function running(deps: TimerDeps, job: Fired, now: Date) {
  const { consultationId } = job.payload as { consultationId: number }
  const c = await deps.store.consult.consultationById(consultationId)
  if (!c || c.status !== 'open' || c.deadline <= now) return undefined
  const dir = await deps.directory.get(c.communityId)
  const { counts } = await deps.store.consult.voteCounts(c.id, c.options.length)
  return { c, dir, r: tally(c, counts, await coveredCount(deps.store, c)) }
}

/** Progress: the totals, to the groups it covers, if answers came in since the last post. */
export async function consultProgress(deps: TimerDeps, job: Fired, now: Date): Promise<void> {
  await deps.commit(async () => {
    const run = await running(deps, job, now)
    if (!run || run.r.answered === run.c.progressVotes) return undefined
    const { c, dir, r } = run
    return {
      key: timerKey(job.key),
      at: now,
      dir,
      plan: (tx) => tx.consult.markProgress(c.id, now, r.answered),
      posts: progressPosts(dir, c, r, now),
    }
  })
}

/** The reminder before the deadline: how many answered, and how to answer. */
export async function consultRemind(deps: TimerDeps, job: Fired, now: Date): Promise<void> {
  await deps.commit(async () => {
    const run = await running(deps, job, now)
    if (!run) return undefined
    return { key: timerKey(job.key), at: now, dir: run.dir, posts: reminderPosts(run.dir, run.c, run.r, now) }
  })
}
