// The committee's digests (issue 13): a short daily note of what came in and what got done, and the weekly
// review for 周周碰 — last week's figures, the cases open longest, what each volunteer did. Posted in the
// committee's group by recurring timers (timers/digests.ts), or asked for with 周报. Nothing to say, no post.
// Urgent cases (issue 11) come first in both, marked 🚨, with their own figures (urgent-review.ts).
import { shortPlace } from '../domain/classify.js'
import { unfinished } from '../domain/case.js'
import { parseDuration } from '../domain/duration.js'
import { periodRange, shortDay } from '../domain/periods.js'
import { t } from '../i18n/index.js'
import type { Ctx } from './context.js'
import { totalFigures } from './figures.js'
import type { Activity, Directory, Store } from './ports.js'
import type { Post } from './posts.js'
import { boundGroups, memberById } from './directory.js'
import { urgentDigestLines, urgentReview } from './urgent-review.js'

const DAY = 86_400_000
const OLDEST = 5

const count = (a: Activity, ...kinds: string[]) => a.events.filter((e) => kinds.includes(e.kind)).length

/** The committee's groups (bound to a chat somewhere): where digests go. */
const toCommittee = (dir: Directory, text: string): Post[] =>
  boundGroups(dir, 'committee').map((g) => ({ to: { groupId: g.id }, parts: [text], purpose: 'digest' }))

/** The day before `at` (the 24 hours since the last digest): what came in, what was done, what waits. */
export async function dailyDigest(store: Store, dir: Directory, at: Date): Promise<string | undefined> {
  const { community } = dir
  const from = new Date(at.getTime() - DAY)
  const overdueAfter = parseDuration(community.settings.digest.overdueAfter)
  const f = await totalFigures(store, { communityIds: [community.id], from, to: at })
  const a = await store.activity(community.id, from, at, new Date(at.getTime() - overdueAfter), 0)
  const claimed = count(a, 'claimed', 'assigned')
  const done = count(a, 'verified', 'autoclosed')
  const urgent = await urgentReview(store, community.id, from, at)
  if (!f.rings && !claimed && !done && !a.overdue && !urgent.named.length) return undefined
  const u = urgentDigestLines(dir, urgent, at)
  return t(community.locale).dailyDigest({
    day: shortDay(new Date(at.getTime() - 1), community.timezone, community.locale),
    rung: f.rings,
    claimed,
    done,
    open: a.open,
    overdue: a.overdue,
    overdueAfter,
    urgent: u.lines,
    urgentFigures: u.figures,
  })
}

/** Last week (Monday to Sunday before `at`'s week) for 周周碰. */
export async function weeklyReview(store: Store, dir: Directory, at: Date): Promise<string | undefined> {
  const { community } = dir
  const msg = t(community.locale)
  const week = periodRange({ kind: 'lastWeek' }, at, community.timezone)
  const title = msg.periodTitle(week)
  const overdueAfter = parseDuration(community.settings.digest.overdueAfter)
  const f = await totalFigures(store, { communityIds: [community.id], from: week.from, to: week.to })
  const a = await store.activity(community.id, week.from!, week.to!, new Date(at.getTime() - overdueAfter), OLDEST)
  const stillOpen = unfinished.reduce((n, s) => n + (a.open[s] ?? 0), 0)
  if (!f.rings && !stillOpen && !a.events.length) return undefined
  const u = urgentDigestLines(dir, await urgentReview(store, community.id, week.from!, week.to!), at)
  // What each volunteer did: claims (an assignment counts for the assignee), completions, progress notes.
  const byPerson = new Map<number, { claimed: number; done: number; notes: number }>()
  for (const e of a.events) {
    if (e.actorId === null) continue
    const row = byPerson.get(e.actorId) ?? { claimed: 0, done: 0, notes: 0 }
    if (e.kind === 'claimed' || e.kind === 'assigned') row.claimed++
    else if (e.kind === 'resolved') row.done++
    else if (e.kind === 'noted') row.notes++
    else continue
    byPerson.set(e.actorId, row)
  }
  const volunteers = [...byPerson.entries()]
    .map(([id, r]) => ({ name: memberById(dir, id)?.name ?? `#${id}`, ...r }))
    .sort((x, y) => y.done - x.done || y.claimed - x.claimed)
  return [
    msg.weeklyHead({ title }),
    ...u.lines,
    // The urgent rings' own line replaces the figures' pointer to 统计 紧急: it says the same, with times.
    msg.stats({ title, f: u.figures ? { ...f, urgent: 0 } : f }),
    ...(u.figures ? [u.figures] : []),
    ...(a.oldest.length
      ? [
          '',
          msg.weeklyOldestHead(),
          ...a.oldest.map((c) =>
            msg.weeklyOldestLine({
              no: c.number,
              category: c.category,
              place: shortPlace(c.place),
              text: c.text,
              status: msg.statusName(c.status, c.closeReason),
              age: at.getTime() - c.createdAt.getTime(),
            }),
          ),
        ]
      : []),
    '',
    ...(volunteers.length
      ? [msg.weeklyVolunteersHead(), ...volunteers.map((v) => msg.weeklyVolunteerLine(v))]
      : [msg.weeklyNobody()]),
  ].join('\n')
}

export async function dailyDigestPosts(store: Store, dir: Directory, at: Date): Promise<Post[]> {
  const text = await dailyDigest(store, dir, at)
  return text ? toCommittee(dir, text) : []
}

export async function weeklyReviewPosts(store: Store, dir: Directory, at: Date): Promise<Post[]> {
  const text = await weeklyReview(store, dir, at)
  return text ? toCommittee(dir, text) : []
}

/** 周报: last week's review, now, where it was asked. */
export async function report(store: Store, ctx: Ctx): Promise<void> {
  const text = await weeklyReview(store, ctx.dir, ctx.now)
  ctx.reply([text ?? ctx.t.weeklyQuiet()])
}
