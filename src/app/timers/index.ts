// Every timer ringbell has, declared once: its kind, what it does when it fires, and — for the recurring
// ones — when. Case-bound timers are scheduled by the use cases inside their transaction (escalationJobs,
// followUpJobs); recurring ones are seeded at start and schedule their own next occurrence when they fire,
// under a key per occurrence, so each fires once per period across restarts and processes.
// The runner that fires them is src/delivery/job-runner.ts; the rows live in src/store/job-store.ts.
import { nextOccurrence, occurrenceLabel, periodLabel } from '../../domain/recurrence.js'
import type { JobInsert, Tx } from '../ports.js'
import { timerKey, type Fired, type RecurringTimer, type TimerDeps } from './deps.js'
import { followup } from './follow-ups.js'
import { housekeeping, housekeepingAt } from './housekeeping.js'
import { releaseHeld } from './held.js'
import { consultDeadline, consultProgress, consultRemind } from './consult.js'
import { tellStaffPending } from './households.js'
import { escalate } from './ladder.js'
import { stillWaiting, urgentStep } from './urgent.js'
import { referralRemind, triageRemind } from './triage.js'
import { dailyDigestTimer, weeklyReviewTimer } from './digests.js'

export { escalationJobs } from './ladder.js'
export { followUpJobs } from './follow-ups.js'
export { urgentJobs } from './urgent.js'
export { resetTimers } from './reset.js'
export type { RecurringTimer, TimerDeps } from './deps.js'

/** A timer that fires when its job is due. */
export interface TimerKind {
  run(deps: TimerDeps, job: Fired, now: Date): Promise<void>
}

export const timerKinds: Record<string, TimerKind> = {
  escalate: { run: escalate },
  followup: { run: followup },
  releaseHeld: { run: releaseHeld },
  // households, consultations and notices (issue 14)
  consultDeadline: { run: consultDeadline },
  consultProgress: { run: consultProgress },
  consultRemind: { run: consultRemind },
  pendingRegistrations: { run: tellStaffPending },
  triage: { run: triageRemind },
  referral: { run: referralRemind },
  // urgent rings' fast ladder, and the slow reminder of any case still unclaimed (issue 11)
  urgent: { run: urgentStep },
  stillWaiting: { run: stillWaiting },
}

export const recurringTimers: Record<string, RecurringTimer> = {
  housekeeping: { every: () => housekeepingAt, run: (_deps, _community, _at, now) => housekeeping(now) },
  digest: dailyDigestTimer,
  weeklyReview: weeklyReviewTimer,
}

interface Occurrence {
  communityId: number
  at: number
}

function occurrenceJob(kind: string, communityId: number, at: Date, tz: string): JobInsert {
  const period = recurringTimers[kind]?.period
  return {
    kind: `every:${kind}`,
    key: `every:${kind}:${communityId}:${period ? periodLabel(at, tz, period) : occurrenceLabel(at, tz)}`,
    payload: { communityId, at: at.getTime() } satisfies Occurrence,
    dueAt: at,
  }
}

/** The next occurrence of every recurring timer, for every community. Scheduling a key twice is a no-op. */
export async function seedRecurring(deps: TimerDeps, communityIds: number[]): Promise<void> {
  const now = deps.clock.now()
  const jobs: JobInsert[] = []
  for (const communityId of communityIds) {
    const { community } = await deps.directory.get(communityId)
    for (const [kind, timer] of Object.entries(recurringTimers)) {
      const r = timer.every(community)
      if (r) jobs.push(occurrenceJob(kind, communityId, nextOccurrence(r, now, community.timezone), community.timezone))
    }
  }
  if (jobs.length) await deps.commit(async () => ({ at: now, plan: (tx) => tx.schedule(jobs, now), posts: [] }))
}

/** One occurrence fired: do the work, and schedule the next occurrence in the same unit of work. */
async function fireRecurring(deps: TimerDeps, kind: string, job: Fired, now: Date): Promise<void> {
  const timer = recurringTimers[kind]!
  const { communityId, at } = job.payload as Occurrence
  await deps.commit(async () => {
    const work = await timer.run(deps, communityId, new Date(at), now)
    const { community } = await deps.directory.get(communityId)
    const r = timer.every(community)
    // After a long stop the next occurrence is counted from now: one late run, not a catch-up storm.
    const next = r && occurrenceJob(kind, communityId, nextOccurrence(r, now, community.timezone), community.timezone)
    const plan = async (tx: Tx) => {
      await work.plan?.(tx)
      if (next) await tx.schedule([next], now)
    }
    return { ...work, key: timerKey(job.key), at: now, plan }
  })
}

/** The runner's table: job kind → handler. */
export function timerHandlers(deps: TimerDeps): Record<string, (job: Fired, now: Date) => Promise<void>> {
  return {
    ...Object.fromEntries(
      Object.entries(timerKinds).map(([kind, k]) => [kind, (job: Fired, now: Date) => k.run(deps, job, now)]),
    ),
    ...Object.fromEntries(
      Object.keys(recurringTimers).map((kind) => [
        `every:${kind}`,
        (job: Fired, now: Date) => fireRecurring(deps, kind, job, now),
      ]),
    ),
  }
}
