// Registrations waiting for staff (issue 14): staff hear of them together, at most every half hour,
// not once per resident — a building registering in an evening is one message, not a hundred.
import { shortPlace } from '../../domain/classify.js'
import { t } from '../../i18n/index.js'
import type { JobInsert } from '../ports.js'
import type { Post } from '../posts.js'
import { staffOf } from '../dispatch.js'
import { timerKey, type Fired, type TimerDeps } from './deps.js'

export const PENDING_EVERY_MS = 30 * 60_000

/** One job per community and half hour: every registration in that half hour schedules the same key. */
export function pendingRegistrationsJob(communityId: number, now: Date): JobInsert {
  const due = Math.ceil((now.getTime() + 1) / PENDING_EVERY_MS) * PENDING_EVERY_MS
  return {
    kind: 'pendingRegistrations',
    key: `households:pending:${communityId}:${due}`,
    payload: { communityId },
    dueAt: new Date(due),
  }
}

export async function tellStaffPending(deps: TimerDeps, job: Fired, now: Date): Promise<void> {
  const { communityId } = job.payload as { communityId: number }
  await deps.commit(async () => {
    const dir = await deps.directory.get(communityId)
    const pending = await deps.store.consult.pendingMembers(communityId)
    if (!pending.length) return undefined
    const msg = t(dir.community.locale)
    const lines = pending.slice(0, 20).map((r) => msg.pendingLine({ name: r.name, place: shortPlace(r.path) }))
    const text = [
      msg.pendingHead({ count: pending.length }),
      ...lines,
      ...(pending.length > lines.length ? [msg.andMore({ count: pending.length - lines.length })] : []),
      msg.pendingHow(),
    ].join('\n')
    // Names and rooms: to each staff member privately, never to a group.
    const posts: Post[] = staffOf(dir).map((s) => ({ to: { personId: s.id }, parts: [text], purpose: 'reminder' }))
    return { key: timerKey(job.key), at: now, dir, posts }
  })
}
