// The escalation ladder (DESIGN §4): a case nobody claims climbs it, rung by rung — a wider ping, staff,
// the committee. Declared once here: what schedules it and what it does when it fires.
import { isRefusal, transition } from '../../domain/case.js'
import { parseDuration } from '../../domain/duration.js'
import type { RungTarget } from '../../domain/settings.js'
import { t } from '../../i18n/index.js'
import { alertStaff, caseLine, dispatch, staffOf, toGroupsWithRole, toOrigin } from '../dispatch.js'
import { mergePosts } from '../flood.js'
import { Conflict, type CaseRow, type Directory, type JobInsert, type Tx } from '../ports.js'
import type { Post } from '../posts.js'
import { timerKey, type Fired, type TimerDeps } from './deps.js'
import { stillWaitingJob } from './urgent.js'

export const escalatePrefix = (caseId: number) => `escalate:${caseId}:`

/** In a ladder that waited for the morning, the key of the rung that pings volunteers first. */
const FIRST = ':first'

/**
 * The ladder starts again from the bottom each time a case (re)opens; the stamp keeps keys unique.
 * `unpinged`: nobody was pinged yet (a ring in the quiet night): its first volunteer rung is worded as a
 * first ping, not 又需要人了. After the last rung, the slow reminder (timers/urgent.ts) keeps it in view.
 */
export function escalationJobs(c: CaseRow, dir: Directory, from: Date, unpinged = false): JobInsert[] {
  const ladder = dir.community.settings.escalation
  const first = unpinged ? ladder.findIndex((r) => r.to === 'skill' || r.to === 'all') : -1
  const last = Math.max(0, ...ladder.map((r) => parseDuration(r.after)))
  const every = parseDuration(dir.community.settings.urgency.stillWaitingEvery)
  return [
    ...ladder.map((rung, i) => ({
      kind: 'escalate',
      key: `${escalatePrefix(c.id)}${from.getTime()}${i === first ? FIRST : ''}:${i + 1}`,
      payload: { caseId: c.id, rung: i + 1, to: rung.to },
      dueAt: new Date(from.getTime() + parseDuration(rung.after)),
    })),
    ...(every > 0 ? [stillWaitingJob(c, new Date(from.getTime() + last + every))] : []),
  ]
}

/** Cases taken along with one rung's timer, at most. */
const BATCH = 50

/** What one rung says about the cases it moved: one message per group or person, whatever their number. */
function rungPosts(
  cases: CaseRow[],
  to: RungTarget,
  dir: Directory,
  counts: ReadonlyMap<number, number>,
  now: Date,
  first: ReadonlySet<number> = new Set(),
): Post[] {
  if (!cases.length) return []
  const msg = t(dir.community.locale)
  const merge = (posts: Post[]) => mergePosts(posts, (n) => msg.moreCases({ count: n }))
  // Each group that rang hears once, naming its own cases.
  const toOrigins = (say: (nos: string) => string, among: CaseRow[] = cases): Post[] => {
    const byChat = new Map<string, CaseRow[]>()
    for (const c of among) {
      const k = `${c.originGroupId}|${c.originPlatform}|${c.originChatId}|${c.originThreadId ?? ''}`
      byChat.set(k, [...(byChat.get(k) ?? []), c])
    }
    return [...byChat.values()].flatMap((cs) =>
      toOrigin(cs[0]!, [say(msg.caseNos(cs.map((c) => c.number)))]).map((p) =>
        cs.length > 1 ? { ...p, caseId: undefined } : p,
      ),
    )
  }
  if (to === 'skill' || to === 'all') {
    const pings = cases.flatMap(
      (c) =>
        dispatch({ dir, now, counts, c, widen: to === 'skill' ? 'skill' : undefined, again: !first.has(c.id) }).posts,
    )
    // After a quiet night the morning's ping is the first: the group hears volunteers were told, not "again".
    return [
      ...merge(pings),
      ...toOrigins(
        (nos) => msg.escalatedWider({ nos }),
        cases.filter((c) => !first.has(c.id)),
      ),
      ...toOrigins(
        (nos) => msg.escalatedMorning({ nos }),
        cases.filter((c) => first.has(c.id)),
      ),
    ]
  }
  if (to === 'staff') {
    const names =
      staffOf(dir)
        .map((s) => s.name)
        .join('、') || msg.roleName('staff')
    const alerts = cases.flatMap((c) =>
      alertStaff(
        dir,
        c,
        [msg.escalationForStaff({ ...caseLine(c), waited: now.getTime() - c.createdAt.getTime() })],
        'escalation',
      ),
    )
    return [...merge(alerts), ...toOrigins((nos) => msg.escalatedStaff({ nos, staff: names }))]
  }
  const committee = cases.flatMap((c) =>
    toGroupsWithRole(
      dir,
      'committee',
      c,
      [msg.escalationForCommittee({ ...caseLine(c), waited: now.getTime() - c.createdAt.getTime() })],
      'escalation',
    ),
  )
  return committee.length ? [...merge(committee), ...toOrigins((nos) => msg.escalatedCommittee({ nos }))] : []
}

/** The system acts with staff rights; its events carry no person. */
const system = { id: -1, roles: ['staff' as const, 'admin' as const] }

/**
 * One rung of the ladder. Every other case whose same rung falls due within `flood.batchEscalations`
 * goes up with it, so a burst of cases (one reporter's, or a busy morning's) reaches each group and each
 * staff member as one message listing them, not one message per case (issue 8).
 */
export async function escalate(deps: TimerDeps, job: Fired, now: Date): Promise<void> {
  const { caseId, rung, to } = job.payload as { caseId: number; rung: number; to: RungTarget }
  const eligible = (c: CaseRow | undefined, communityId: number): c is CaseRow =>
    !!c && c.communityId === communityId && c.status === 'open' && c.escalationRung < rung
  await deps.commit(async () => {
    const first = await deps.store.getCaseById(caseId)
    if (!first || !eligible(first, first.communityId)) return undefined
    const dir = await deps.directory.get(first.communityId)
    const until = new Date(now.getTime() + parseDuration(dir.community.settings.flood.batchEscalations))
    const members: { key: string; c: CaseRow }[] = [{ key: job.key, c: first }]
    for (const d of await deps.store.dueEscalations(rung, until, BATCH)) {
      if (members.some((m) => m.key === d.key || m.c.id === d.caseId)) continue
      const c = await deps.store.getCaseById(d.caseId)
      if (eligible(c, first.communityId)) members.push({ key: d.key, c })
    }
    const counts = await deps.store.openCaseCounts(first.communityId)
    const posts: Post[] = []
    const plan = async (tx: Tx) => {
      const moved: CaseRow[] = []
      const first = new Set<number>()
      for (const { key, c } of members) {
        // Each timer's effect is committed once, under its key (the first one's by the unit of work): the
        // timers taken along here find it done when they come due, like one that runs twice after a crash.
        if (key !== job.key && !(await tx.recordInbound(timerKey(key), now))) continue
        const r = transition(c, system, { type: 'escalate', rung }, now)
        if (isRefusal(r)) continue
        if (!(await tx.updateCase(c, r.next))) throw new Conflict()
        await tx.addEvent(c.id, null, r.event, r.payload, now)
        moved.push(c)
        if (key.endsWith(`${FIRST}:${rung}`)) first.add(c.id)
      }
      posts.push(...rungPosts(moved, to, dir, counts, now, first))
    }
    return { key: timerKey(job.key), at: now, dir, plan, posts }
  })
}
