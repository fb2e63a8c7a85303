// The timers a case carries (DESIGN §4, issue 5), as Job rows keyed by case so a change can cancel them.
import { parseDuration } from '../config/schema.js'
import type { CaseRow, Directory, JobInsert, Tx } from './ports.js'

export const escalatePrefix = (caseId: number) => `escalate:${caseId}:`
export const followUpPrefix = (caseId: number) => `followup:${caseId}:`

/** The ladder starts again from the bottom each time a case (re)opens; the stamp keeps keys unique. */
export function escalationJobs(c: CaseRow, dir: Directory, from: Date): JobInsert[] {
  return dir.community.settings.escalation.map((rung, i) => ({
    kind: 'escalate',
    key: `${escalatePrefix(c.id)}${from.getTime()}:${i + 1}`,
    payload: { caseId: c.id, rung: i + 1, to: rung.to },
    dueAt: new Date(from.getTime() + parseDuration(rung.after)),
  }))
}

export type FollowUp = 'remindClaimer' | 'tellStaff' | 'remindVerify' | 'autoClose'

/** Claimed with no progress: remind, then tell staff. Resolved and not verified: remind, then close. */
export function followUpJobs(c: CaseRow, dir: Directory, from: Date, phase: 'claimed' | 'resolved'): JobInsert[] {
  const timers = dir.community.settings.timers
  const steps: [FollowUp, string][] =
    phase === 'claimed'
      ? [
          ['remindClaimer', timers.remindClaimerAfter],
          ['tellStaff', timers.tellStaffAfter],
        ]
      : [
          ['remindVerify', timers.remindVerifyAfter],
          ['autoClose', timers.autoCloseAfter],
        ]
  return steps.map(([step, after]) => ({
    kind: 'followup',
    key: `${followUpPrefix(c.id)}${from.getTime()}:${step}`,
    payload: { caseId: c.id, step, since: from.getTime() },
    dueAt: new Date(from.getTime() + parseDuration(after)),
  }))
}

/** Every state change resets the case's timers: the old ones no longer describe it. */
export async function resetTimers(tx: Tx, c: CaseRow, jobs: JobInsert[], at: Date): Promise<void> {
  await tx.cancelJobs(escalatePrefix(c.id))
  await tx.cancelJobs(followUpPrefix(c.id))
  await tx.schedule(jobs, at)
}
