// The jobs a consultation schedules (issue 14): its deadline, one reminder, coalesced progress posts.
// Their effects are in consult.ts; both are declared in index.ts.
import { parseDuration } from '../../domain/duration.js'
import { nextProgressAt, outsideQuiet, readQuiet, reminderAt } from '../../domain/consultation.js'
import type { ConsultationRow } from '../consult-ports.js'
import type { Directory, JobInsert } from '../ports.js'

export const consultPrefix = (id: number) => `consult:${id}:`

type Timed = Pick<ConsultationRow, 'id' | 'createdAt' | 'deadline'>

export const deadlineJob = (c: Timed): JobInsert => ({
  kind: 'consultDeadline',
  key: `${consultPrefix(c.id)}deadline`,
  payload: { consultationId: c.id },
  dueAt: c.deadline,
})

/** The reminder a while before the deadline, moved out of quiet hours; none if it would come too late. */
export function reminderJob(c: Timed, dir: Directory): JobInsert[] {
  const s = dir.community.settings.consult
  const at = reminderAt(c.createdAt, c.deadline, parseDuration(s.remindBefore))
  if (!at) return []
  const due = outsideQuiet(at, dir.community.timezone, readQuiet(s.quietHours))
  if (due >= c.deadline) return []
  return [{ kind: 'consultRemind', key: `${consultPrefix(c.id)}remind`, payload: { consultationId: c.id }, dueAt: due }]
}

/**
 * The next progress post after an answer: every answer in the same period schedules the same key, so
 * a hundred answers in an afternoon make one post, not a hundred.
 */
export function progressJob(c: Timed, dir: Directory, now: Date): JobInsert[] {
  const s = dir.community.settings.consult
  const at = nextProgressAt(c.createdAt, now, parseDuration(s.progressEvery))
  const due = outsideQuiet(at, dir.community.timezone, readQuiet(s.quietHours))
  if (due >= c.deadline) return []
  return [
    {
      kind: 'consultProgress',
      key: `${consultPrefix(c.id)}progress:${due.getTime()}`,
      payload: { consultationId: c.id },
      dueAt: due,
    },
  ]
}
