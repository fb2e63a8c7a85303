// The escalation ladder (DESIGN §4): a case nobody claims climbs it, rung by rung — a wider ping, staff,
// the committee. Declared once here: what schedules it and what it does when it fires.
import type { Action } from '../../domain/case.js'
import { parseDuration } from '../../domain/duration.js'
import type { RungTarget } from '../../domain/settings.js'
import { t } from '../../i18n/index.js'
import { alertStaff, caseLine, dispatch, staffOf, toGroupsWithRole, toOrigin } from '../dispatch.js'
import type { CaseRow, Directory, JobInsert } from '../ports.js'
import type { Fired, TimerDeps } from './deps.js'
import { onCase } from './on-case.js'

export const escalatePrefix = (caseId: number) => `escalate:${caseId}:`

/** The ladder starts again from the bottom each time a case (re)opens; the stamp keeps keys unique. */
export function escalationJobs(c: CaseRow, dir: Directory, from: Date): JobInsert[] {
  return dir.community.settings.escalation.map((rung, i) => ({
    kind: 'escalate',
    key: `${escalatePrefix(c.id)}${from.getTime()}:${i + 1}`,
    payload: { caseId: c.id, rung: i + 1, to: rung.to },
    dueAt: new Date(from.getTime() + parseDuration(rung.after)),
  }))
}

export async function escalate(deps: TimerDeps, job: Fired, now: Date): Promise<void> {
  const { caseId, rung, to } = job.payload as { caseId: number; rung: number; to: RungTarget }
  await onCase(deps, job.key, caseId, now, (c, dir, counts) => {
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
