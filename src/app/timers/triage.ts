// Triage's timers (issue 13), declared once: a ring waiting for staff to accept it reminds them after each
// `triage.remind` duration (the last one tells the committee too); a case handed to an outside body
// reminds staff when no answer was recorded after `triage.referralRemindAfter`.
import { parseDuration } from '../../domain/duration.js'
import { t } from '../../i18n/index.js'
import { caseLine, staffOf, toGroupsWithRole } from '../dispatch.js'
import type { CaseRow, Directory, JobInsert } from '../ports.js'
import type { Post } from '../posts.js'
import type { Fired, TimerDeps } from './deps.js'
import { onCase } from './on-case.js'

export const triagePrefix = (caseId: number) => `triage:${caseId}:`
export const referralPrefix = (caseId: number) => `referral:${caseId}:`

export function triageJobs(c: CaseRow, dir: Directory, from: Date): JobInsert[] {
  const remind = dir.community.settings.triage.remind
  return remind.map((after, i) => ({
    kind: 'triage',
    key: `${triagePrefix(c.id)}${from.getTime()}:${i + 1}`,
    payload: { caseId: c.id, last: i === remind.length - 1 },
    dueAt: new Date(from.getTime() + parseDuration(after)),
  }))
}

export function referralJobs(c: CaseRow, dir: Directory, from: Date): JobInsert[] {
  return [
    {
      kind: 'referral',
      key: `${referralPrefix(c.id)}${from.getTime()}`,
      payload: { caseId: c.id, since: from.getTime() },
      dueAt: new Date(from.getTime() + parseDuration(dir.community.settings.triage.referralRemindAfter)),
    },
  ]
}

const toStaff = (dir: Directory, c: CaseRow, text: string): Post[] =>
  staffOf(dir).map((s) => ({ to: { personId: s.id }, parts: [text], caseId: c.id, purpose: 'reminder' }))

export async function triageRemind(deps: TimerDeps, job: Fired, now: Date): Promise<void> {
  const { caseId, last } = job.payload as { caseId: number; last: boolean }
  await onCase(deps, job.key, caseId, now, (c, dir) => {
    if (c.status !== 'new') return undefined
    const msg = t(dir.community.locale)
    const waited = now.getTime() - c.createdAt.getTime()
    const committee = last
      ? toGroupsWithRole(dir, 'committee', c, [msg.triageForCommittee({ ...caseLine(c), waited })], 'reminder')
      : []
    return { posts: [...toStaff(dir, c, msg.triageReminder({ ...caseLine(c), waited })), ...committee] }
  })
}

export async function referralRemind(deps: TimerDeps, job: Fired, now: Date): Promise<void> {
  const { caseId, since } = job.payload as { caseId: number; since: number }
  await onCase(deps, job.key, caseId, now, (c, dir) => {
    if (c.status !== 'referred') return undefined
    const msg = t(dir.community.locale)
    const text = msg.referralReminder({
      no: c.number,
      to: c.referredTo ?? '',
      text: c.text,
      waited: now.getTime() - since,
    })
    return { posts: toStaff(dir, c, text) }
  })
}
