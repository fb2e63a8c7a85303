// Follow-ups on quiet cases: claimed with no progress → remind the volunteer, then tell staff; resolved
// and not verified → remind the resident, then close as 未回复. Declared once: schedule and effect.
import { parseDuration } from '../../domain/duration.js'
import { t } from '../../i18n/index.js'
import { alertStaff, toOrigin } from '../dispatch.js'
import type { CaseRow, Directory, JobInsert } from '../ports.js'
import { mention } from '../posts.js'
import type { Fired, TimerDeps } from './deps.js'
import { onCase } from './on-case.js'
import { memberById } from '../directory.js'

export const followUpPrefix = (caseId: number) => `followup:${caseId}:`

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

export async function followup(deps: TimerDeps, job: Fired, now: Date): Promise<void> {
  const { caseId, step } = job.payload as { caseId: number; step: FollowUp }
  await onCase(deps, job.key, caseId, now, (c, dir) => {
    const msg = t(dir.community.locale)
    const claimant = memberById(dir, c.claimantId)
    const reporter = memberById(dir, c.reporterId)
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
