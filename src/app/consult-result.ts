// What a consultation says to the groups (issue 14) — its threshold in words, progress, the reminder,
// the result — and its close: the tally read with the change, the result posted, a linked case decided.
// Shared by the commands (consultations.ts) and the timers (timers/consult.ts).
import { shortPlace } from '../domain/classify.js'
import { isRefusal, transition } from '../domain/case.js'
import { percent, tally, type Tally, type Threshold } from '../domain/consultation.js'
import { overlaps } from '../domain/household.js'
import { formatWhen } from '../domain/time.js'
import { t, type Catalogue } from '../i18n/index.js'
import type { ConsultationRow } from './consult-ports.js'
import type { Plan } from './context.js'
import { dispatch, toOrigin } from './dispatch.js'
import { Conflict, type CaseRow, type Directory, type GroupRow, type Store, type Tx } from './ports.js'
import { mention, type Post } from './posts.js'
import { consultPrefix } from './timers/consult-jobs.js'
import { followUpJobs } from './timers/follow-ups.js'
import { escalationJobs } from './timers/ladder.js'
import { resetTimers } from './timers/reset.js'
import { boundGroups, memberById } from './directory.js'

/** The system acts with staff rights when a timer decides a case. */
const system = { id: -1, roles: ['staff' as const, 'admin' as const] }

/** The residents' groups a consultation or notice covers ([] = every one), with a chat to post to. */
export const coveredGroups = (dir: Directory, places: readonly string[]): GroupRow[] =>
  dir.groups.filter((g) => g.role === 'residents' && g.chats.length && overlaps(places, g.places))

/**
 * What the percentages are of: the committee's own count (共434户), else the households registered there.
 * People are not counted for a poll by person (nobody knows how many live there) unless it says 共N人.
 */
export async function coveredCount(
  store: Pick<Store, 'consult'>,
  c: Pick<ConsultationRow, 'communityId' | 'places' | 'unit' | 'total'>,
): Promise<number | undefined> {
  if (c.total) return c.total
  if (c.unit === 'person') return undefined
  const n = await store.consult.countCovered(c.communityId, c.places, c.unit)
  return n || undefined
}

export const label = (msg: Catalogue, c: Pick<ConsultationRow, 'kind' | 'number'>) => msg.consultLabel(c.kind, c.number)
export const placesText = (msg: Catalogue, dir: Directory, places: readonly string[]) =>
  places.length ? places.map(shortPlace).join('、') : msg.everywhere({ name: dir.community.name })

/** 77% · 2/3 · 66.7% — how the share was written; undefined for 过半 (said in words). */
export function shareText(th: Threshold): string | undefined {
  if (th.strict && th.num * 2 === th.den) return undefined
  if (th.den === 1) return String(th.num)
  const pct = (th.num * 100) / th.den
  return /^10+$/.test(String(th.den)) ? `${Number(pct.toFixed(2))}%` : `${th.num}/${th.den}`
}

export function thresholdText(
  msg: Catalogue,
  c: Pick<ConsultationRow, 'kind' | 'options' | 'unit' | 'threshold'>,
  r: Tally,
) {
  const th = c.threshold
  if (!th) return undefined
  return msg.thresholdText({
    basis: th.basis,
    share: shareText(th),
    count: th.basis === 'count' ? th.num : undefined,
    covered: r.covered,
    needed: r.needed,
    unit: c.unit,
    option: c.kind === 'consult' ? c.options[0] : undefined,
  })
}

export const countsText = (msg: Catalogue, c: Pick<ConsultationRow, 'options' | 'unit'>, r: Tally) =>
  c.options.map((o, i) => msg.optionCount({ option: o, count: r.counts[i] ?? 0, unit: c.unit })).join(' · ')

// ---- progress, reminder, result ------------------------------------------------------------------------

/** The groups a consultation is announced in, and the committee's own group. */
function audience(dir: Directory, c: ConsultationRow): GroupRow[] {
  const committee = boundGroups(dir, 'committee')
  return [...coveredGroups(dir, c.places), ...committee]
}

export function progressPosts(dir: Directory, c: ConsultationRow, r: Tally, now: Date): Post[] {
  const msg = t(dir.community.locale)
  const text = msg.progress({
    label: label(msg, c),
    title: c.title,
    answered: r.answered,
    covered: r.covered,
    turnout: r.covered ? percent(r.answered, r.covered) : undefined,
    counts: countsText(msg, c, r),
    unit: c.unit,
    deadline: formatWhen(c.deadline, now, dir.community.timezone, dir.community.locale),
  })
  return audience(dir, c).map((g) => ({ to: { groupId: g.id }, parts: [text], purpose: 'consult' }))
}

export function reminderPosts(dir: Directory, c: ConsultationRow, r: Tally, now: Date): Post[] {
  const msg = t(dir.community.locale)
  const text = msg.consultReminder({
    label: label(msg, c),
    title: c.title,
    answered: r.answered,
    covered: r.covered,
    unit: c.unit,
    options: c.options,
    deadline: formatWhen(c.deadline, now, dir.community.timezone, dir.community.locale),
  })
  return coveredGroups(dir, c.places).map((g) => ({ to: { groupId: g.id }, parts: [text], purpose: 'consult' }))
}

export function resultText(msg: Catalogue, c: ConsultationRow, r: Tally, pending: number): string {
  return msg.result({
    label: label(msg, c),
    title: c.title,
    counts: countsText(msg, c, r),
    answered: r.answered,
    covered: r.covered,
    turnout: r.covered ? percent(r.answered, r.covered) : undefined,
    unit: c.unit,
    threshold: thresholdText(msg, c, r),
    met: r.met,
    short:
      r.met === false && r.needed !== undefined && r.target !== undefined
        ? r.needed - (r.counts[r.target] ?? 0)
        : undefined,
    leader: c.kind === 'poll' && r.target !== undefined ? c.options[r.target] : undefined,
    tie: r.tie ? c.options.filter((_o, i) => r.counts[i] === Math.max(...r.counts)) : undefined,
    pending,
  })
}

/** Adopted: the threshold met; with none, more 同意 than 反对 (a consultation) or a single leader (a poll). */
const adopted = (c: ConsultationRow, r: Tally): boolean =>
  r.met ?? (c.kind === 'consult' ? (r.counts[0] ?? 0) > (r.counts[1] ?? 0) : r.target !== undefined && !r.tie)

/**
 * Closing a consultation: the tally read with the change, the result to every group it covers and to
 * the committee, its timers gone, and a case it decides moved on. `closedAlready` is called when another
 * close got there first (the command reads again; a timer does nothing).
 */
export async function closeWork(
  store: Store,
  dir: Directory,
  c: ConsultationRow,
  now: Date,
  actorId: number | null,
  closedAlready: () => never,
): Promise<{ dir: Pick<Directory, 'people' | 'groups'>; plan: Plan; posts: Post[] }> {
  const covered = await coveredCount(store, c)
  const linked = c.caseId === null ? undefined : await store.getCaseById(c.caseId)
  const reporter = linked ? (await store.people([linked.reporterId]))[0] : undefined
  const counts = linked ? await store.openCaseCounts(dir.community.id) : new Map<number, number>()
  const people = reporter && !dir.people.some((p) => p.id === reporter.id) ? [...dir.people, reporter] : dir.people
  const posts: Post[] = []
  const msg = t(dir.community.locale)
  const plan: Plan = async (tx) => {
    const { counts: votes, pending } = await tx.consult.voteCounts(c.id, c.options.length)
    const r = tally(c, votes, covered)
    if (!(await tx.consult.closeConsultation(c.id, now, r))) closedAlready()
    // Progress and the reminder have nothing left to say; the deadline, if still to come, finds it closed.
    await tx.cancelJobs(`${consultPrefix(c.id)}progress`)
    await tx.cancelJobs(`${consultPrefix(c.id)}remind`)
    const text = resultText(msg, c, r, pending)
    for (const g of coveredGroups(dir, c.places))
      posts.push({ to: { groupId: g.id }, parts: [text], purpose: 'consult' })
    for (const g of boundGroups(dir, 'committee'))
      posts.push({
        to: { groupId: g.id },
        parts: [text, '\n', msg.resultForCommittee({ no: c.number })],
        purpose: 'consult',
      })
    if (linked?.status === 'deliberation')
      await decideCase(tx, { ...dir, people }, linked, c, r, now, actorId, counts, posts)
  }
  return { dir: { people, groups: dir.groups }, plan, posts }
}

/** The case the consultation decided goes on: to its claimant, to the volunteers, or back to the resident. */
async function decideCase(
  tx: Tx,
  dir: Directory,
  c: CaseRow,
  consultation: ConsultationRow,
  r: Tally,
  now: Date,
  actorId: number | null,
  counts: ReadonlyMap<number, number>,
  posts: Post[],
): Promise<void> {
  const msg = t(dir.community.locale)
  const yes = adopted(consultation, r)
  const leader = consultation.kind === 'poll' && r.target !== undefined ? consultation.options[r.target] : undefined
  const summary = msg.decisionSummary({ label: label(msg, consultation), adopted: yes, leader })
  const actor = actorId === null ? system : { id: actorId, roles: ['staff' as const] }
  const d = transition(c, actor, { type: 'decide', adopted: yes, text: summary }, now)
  if (isRefusal(d)) return
  if (!(await tx.updateCase(c, d.next))) throw new Conflict()
  await tx.addEvent(c.id, actorId, d.event, d.payload, now)
  const reporter = memberById(dir, c.reporterId)
  const claimant = memberById(dir, c.claimantId)
  if (d.next.status === 'claimed') {
    posts.push(...toOrigin(c, [msg.decidedGoesOn({ no: c.number, summary, name: claimant?.name ?? '' })]))
    if (claimant)
      posts.push({
        to: { personId: claimant.id },
        parts: [msg.decidedForClaimant({ no: c.number, summary })],
        caseId: c.id,
        purpose: 'update',
      })
    await resetTimers(tx, c, followUpJobs(c, dir, now, 'claimed'), now)
  } else if (d.next.status === 'open') {
    posts.push(...toOrigin(c, [msg.decidedToVolunteers({ no: c.number, summary })]))
    const sent = dispatch({ dir, now, counts, c: { ...c, ...d.next }, again: true })
    posts.push(...sent.posts)
    await resetTimers(tx, c, escalationJobs(c, dir, sent.nobody && sent.nextShift ? sent.nextShift : now), now)
  } else {
    posts.push(
      ...toOrigin(c, [
        msg.decidedNotAdopted({ no: c.number, summary }),
        ...(reporter ? [mention(reporter)] : []),
        msg.askVerify({ no: c.number }),
      ]),
    )
    await resetTimers(tx, c, followUpJobs(c, dir, now, 'resolved'), now)
  }
}
