// The fast ladder of an urgent case (issue 11), and the slow reminder no unclaimed case goes without.
//
// Fast: every `repingEvery` (3 min) every volunteer is pinged again, until `until` (30 min); staff hear
// again at each of `staffAt` (5 and 10 min). Each step is its own timer, due when it is due: an urgent
// ping never waits for flood control's batching of the ordinary ladder (ladder.ts), and is not in it
// (its jobs are of another kind). A claim, a downgrade (不紧急) or any other change cancels them
// (reset.ts), like the ordinary ladder.
//
// Slow: an unclaimed case past its last step — the ordinary ladder's or the fast one's — is brought to
// staff and the committee group every `stillWaitingEvery` (a day), with how long it has waited.
import { parseDuration } from '../../domain/duration.js'
import { t } from '../../i18n/index.js'
import { caseLine, staffOf, toGroupsWithRole, toOrigin, toVolunteers } from '../dispatch.js'
import type { CaseRow, Directory, JobInsert } from '../ports.js'
import type { Post } from '../posts.js'
import { needsOfPerson } from '../households.js'
import { needsPart, needWords, toStaffDirect, urgentLine, urgentWho } from '../urgent.js'
import { timerKey, type Fired, type TimerDeps } from './deps.js'

export const urgentPrefix = (caseId: number) => `urgent:${caseId}:`
export const waitingPrefix = (caseId: number) => `waiting:${caseId}:`

type Step = 'all' | 'staff'

/** The fast ladder from `from` (the ring), and the slow reminder after its last step. */
export function urgentJobs(c: CaseRow, dir: Directory, from: Date): JobInsert[] {
  const l = dir.community.settings.urgency.ladder
  const every = parseDuration(l.repingEvery)
  const until = parseDuration(l.until)
  const steps: { after: number; to: Step }[] = []
  // The slow reminder takes over at `until`: the fast steps stop just before it.
  for (let at = every; every > 0 && at < until; at += every) steps.push({ after: at, to: 'all' })
  for (const s of l.staffAt) if (parseDuration(s) < until) steps.push({ after: parseDuration(s), to: 'staff' })
  return [
    ...steps.map((s) => ({
      kind: 'urgent',
      key: `${urgentPrefix(c.id)}${from.getTime()}:${s.to}:${s.after}`,
      payload: { caseId: c.id, to: s.to, at: from.getTime() + s.after },
      dueAt: new Date(from.getTime() + s.after),
    })),
    stillWaitingJob(c, new Date(from.getTime() + until)),
  ]
}

export const stillWaitingJob = (c: CaseRow, at: Date): JobInsert => ({
  kind: 'stillWaiting',
  key: `${waitingPrefix(c.id)}${at.getTime()}`,
  payload: { caseId: c.id },
  dueAt: at,
})

/** Still urgent, still nobody on it: a claimed, downgraded or closed case hears nothing more. */
const stillUrgent = (c: CaseRow | undefined): c is CaseRow => !!c && c.status === 'open' && c.urgency !== null

/** One step of the fast ladder: every volunteer again, or staff again — and, at staff steps, the group. */
export async function urgentStep(deps: TimerDeps, job: Fired, now: Date): Promise<void> {
  const { caseId, to, at } = job.payload as { caseId: number; to: Step; at: number }
  await deps.commit(async () => {
    const c = await deps.store.getCaseById(caseId)
    if (!stillUrgent(c)) return undefined
    const dir = await deps.directory.get(c.communityId)
    // Fired late (the bot was down): a later step, or the slow reminder, says it now; not all of them at once.
    if (now.getTime() - at >= Math.max(60_000, parseDuration(dir.community.settings.urgency.ladder.repingEvery)))
      return undefined
    const msg = t(dir.community.locale)
    const line = { ...urgentLine(dir, c), waited: now.getTime() - c.createdAt.getTime() }
    const needs = (await needsOf(deps, c)) ?? undefined
    const posts: Post[] =
      to === 'all'
        ? toVolunteers(
            dir,
            urgentWho(dir, c, now, true),
            [msg.urgentPingAgain(line), ...needsPart(msg, needs)],
            c,
            'ping',
          )
        : [
            ...toStaffDirect(dir, c, [msg.urgentStaffAgain(line), ...needsPart(msg, needs)], 'urgent'),
            ...toOrigin(c, [
              msg.urgentStillLooking({
                no: c.number,
                staff:
                  staffOf(dir)
                    .map((s) => s.name)
                    .join('、') || msg.roleName('staff'),
              }),
            ]),
          ]
    return { key: timerKey(job.key), at: now, dir, posts }
  })
}

/** The special needs of the household that rang, read again at each step (a neighbour may add them). */
async function needsOf(deps: TimerDeps, c: CaseRow): Promise<string[] | undefined> {
  const dir = await deps.directory.get(c.communityId)
  return needWords(t(dir.community.locale), await needsOfPerson(deps.store, c.reporterId))
}

/** The slow reminder: still unclaimed, staff and the committee hear how long, and again a period later. */
export async function stillWaiting(deps: TimerDeps, job: Fired, now: Date): Promise<void> {
  const { caseId } = job.payload as { caseId: number }
  await deps.commit(async () => {
    const c = await deps.store.getCaseById(caseId)
    if (!c || c.status !== 'open') return undefined
    const dir = await deps.directory.get(c.communityId)
    const msg = t(dir.community.locale)
    const parts = [msg.stillWaiting({ ...caseLine(c), waited: now.getTime() - c.createdAt.getTime() })]
    const posts = [
      ...toStaffDirect(dir, c, parts, 'escalation'),
      ...toGroupsWithRole(dir, 'committee', c, parts, 'escalation'),
    ]
    const next = stillWaitingJob(
      c,
      new Date(now.getTime() + parseDuration(dir.community.settings.urgency.stillWaitingEvery)),
    )
    return { key: timerKey(job.key), at: now, dir, posts, plan: (tx) => tx.schedule([next], now) }
  })
}
