// What happens at once for an urgent ring (issue 11), at any hour: the group reads the safety advice and
// the hotlines first; every volunteer with a fitting skill and every volunteer on duty is @-mentioned —
// off shift too, but never someone who said 下班 today; staff get a direct message; the committee group is
// told; the fast ladder starts. Quiet nights do not apply. Called by openCase (src/app/open-case.ts).
import { shortPlace } from '../domain/classify.js'
import type { Need } from '../domain/household.js'
import { onDuty } from '../domain/rota.js'
import { classOf, hotlinesOf, type UrgencySettings } from '../domain/urgency.js'
import { t, type Catalogue } from '../i18n/index.js'
import { dutyOf, staffOf, toGroupsWithRole, toOrigin, toVolunteers } from './dispatch.js'
import type { Ctx } from './context.js'
import type { CaseRow, Directory, PersonRow } from './ports.js'
import type { Part, Post } from './posts.js'

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase()

/** The class's name as the community wrote it, or the catalogue's. */
export const urgencyName = (msg: Catalogue, u: UrgencySettings, key: string): string =>
  classOf(u, key)?.name ?? msg.urgencyName(key)

/**
 * An event's payload with what its words need to speak of urgency (记录 N, 导出): the class a downgraded
 * case was rung as (by the community's name for it), and how long after the ring someone arrived.
 */
export function withUrgencyWords(
  msg: Catalogue,
  u: UrgencySettings,
  c: { createdAt: Date },
  e: { kind: string; at: Date; payload: Record<string, unknown> },
): Record<string, unknown> {
  if (e.kind === 'downgraded' && typeof e.payload.was === 'string')
    return { ...e.payload, wasName: urgencyName(msg, u, e.payload.was) }
  if (e.kind === 'arrived') return { ...e.payload, after: e.at.getTime() - c.createdAt.getTime() }
  return e.payload
}

/** What a case's 紧急 says: its class, or the class it was rung as before staff said 不紧急; '' for neither. */
export function urgencyWords(
  msg: Catalogue,
  u: UrgencySettings,
  c: { urgency: string | null; events?: { kind: string; payload: Record<string, unknown> }[] },
): string {
  if (c.urgency) return urgencyName(msg, u, c.urgency)
  const was = c.events?.find((e) => e.kind === 'downgraded')?.payload.was
  return typeof was === 'string' ? msg.urgencyDowngraded({ name: urgencyName(msg, u, was) }) : ''
}

/** The words every urgent message about a case starts from. */
export const urgentLine = (dir: Directory, c: CaseRow) => ({
  no: c.number,
  name: urgencyName(t(dir.community.locale), dir.community.settings.urgency, c.urgency ?? ''),
  category: c.category,
  place: shortPlace(c.place),
  text: c.text,
})

/** Volunteers, without those who said 下班 and are still off. */
const reachable = (dir: Directory, now: Date): PersonRow[] =>
  dir.people.filter(
    (p) =>
      p.volunteer && p.roles.includes('volunteer') && !(p.volunteer.manualOffUntil && now < p.volunteer.manualOffUntil),
  )

/**
 * Who is called at once: every volunteer whose skill fits the class (or the case's kind), on shift or
 * not, and every volunteer on duty; `all` (the fast ladder's widening): every volunteer. Never someone who
 * said 下班 today, and no limit on how many: this is not the time to spare anyone's phone.
 */
export function urgentWho(dir: Directory, c: CaseRow, now: Date, all = false): PersonRow[] {
  const people = reachable(dir, now)
  if (all) return people
  const skills = new Set([...(classOf(dir.community.settings.urgency, c.urgency)?.skills ?? []), c.category].map(norm))
  return people.filter(
    (p) => p.volunteer!.skills.some((s) => skills.has(norm(s))) || onDuty(dutyOf(p), now, dir.community.timezone),
  )
}

/** The hotlines as one line: 燃气抢修 96777 · 火警 119. */
export function hotlineLine(dir: Directory, key: string): string {
  const msg = t(dir.community.locale)
  return hotlinesOf(dir.community.settings.urgency, key)
    .map((h) => `${msg.hotlineName(h.key)} ${h.number}`)
    .join(' · ')
}

/** The ack: what to do, the numbers to call (published, never masked), then that it was taken on. */
export function urgentAck(dir: Directory, c: CaseRow, more: Part[]): Part[] {
  const msg = t(dir.community.locale)
  const u = dir.community.settings.urgency
  const key = c.urgency ?? ''
  const advice = classOf(u, key)?.advice ?? msg.urgencyAdvice(key)
  const staff = staffOf(dir)
    .map((s) => s.name)
    .join('、')
  const hotlines = hotlineLine(dir, key)
  return [
    msg.urgentAckHead({ no: c.number, name: urgencyName(msg, u, key), advice }),
    { published: hotlines || '110 · 119 · 120' },
    msg.urgentAckTail({ place: shortPlace(c.place), staff: staff || undefined, privately: c.originGroupId === null }),
    ...more,
  ]
}

/** A household's registered needs in words (needsOfPerson, src/app/households.ts), or undefined. */
export const needWords = (msg: Catalogue, h: { needs: Need[]; notes: string } | undefined): string[] | undefined => {
  const said = h ? [...h.needs.map((n) => msg.needName(n)), ...(h.notes ? [h.notes] : [])] : []
  return said.length ? said : undefined
}

/** Volunteers and staff only: the household that rang is on the special-needs list (issue 14). */
export const needsPart = (msg: Catalogue, needs: string[] | undefined): string[] =>
  needs?.length ? [msg.urgentNeeds({ needs: needs.join('、') })] : []

/** Staff directly, by name, wherever they are. */
export const toStaffDirect = (dir: Directory, c: CaseRow, parts: Part[], purpose: string): Post[] =>
  staffOf(dir).map((s): Post => ({ to: { personId: s.id }, parts, caseId: c.id, purpose }))

/** Every post an urgent ring makes at once, and its fast ladder (scheduled here, in the ring's transaction). */
export function urgentPosts(dir: Directory, c: CaseRow, now: Date, needs?: string[]): Post[] {
  const msg = t(dir.community.locale)
  const line = urgentLine(dir, c)
  const extra = needsPart(msg, needs)
  return [
    // 'ping': the relay never folds a ping into another message (src/delivery/coalesce.ts)
    ...toVolunteers(dir, urgentWho(dir, c, now), [msg.urgentPing(line), ...extra], c, 'ping'),
    ...toStaffDirect(dir, c, [msg.urgentForStaff(line), ...extra], 'urgent'),
    ...toGroupsWithRole(dir, 'committee', c, [msg.urgentForCommittee(line)], 'urgent'),
  ]
}

/** What openCase says and schedules for an urgent case. */
export function openUrgent(
  dir: Directory,
  c: CaseRow,
  now: Date,
  more: Part[],
  needs?: string[],
): { ack: Post[]; posts: Post[] } {
  return {
    ack: toOrigin(c, urgentAck(dir, c, more), 'ack'),
    posts: urgentPosts(dir, c, now, needs),
  }
}

/**
 * What a claim says: for an urgent case the group hears someone is on the way, and the claimer is asked to
 * say 到场 N when there. Undefined for an ordinary case (cases.ts says its own words).
 */
export function urgentClaimWords(ctx: Ctx, c: CaseRow, name: string): { group: Part[]; claimer: Part[] } | undefined {
  if (c.urgency === null) return undefined
  return {
    group: [ctx.groupT.urgentClaimed({ no: c.number, name })],
    claimer: [ctx.groupT.urgentClaimerAsk({ no: c.number })],
  }
}
