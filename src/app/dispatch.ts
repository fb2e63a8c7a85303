// Who hears about a case that needs a volunteer, and what they are told. Used by ring, release,
// reopen and every rung of the escalation ladder, so "who gets pinged" has one answer.
import {
  fitsCase,
  onDuty,
  nextShiftStart,
  parseShift,
  pickVolunteers,
  type Candidate,
  type DutyState,
  type ShiftRule,
} from '../domain/rota.js'
import { shortPlace } from '../domain/classify.js'
import { t } from '../i18n/index.js'
import type { CaseRow, Directory, PersonRow } from './ports.js'
import { mention, type Part, type Post } from './posts.js'
import { rememberPer } from './remember.js'
import { boundGroups, memberById } from './directory.js'

/** Parsed once per directory read (its rows are not changed in place), not once per ring. */
export const dutyOf = rememberPer((p: PersonRow): DutyState => {
  const shifts = (p.volunteer?.shifts ?? [])
    .map((s) => parseShift(s.spec))
    .flatMap((r): ShiftRule[] => (r.ok ? [r.rule] : []))
  return {
    shifts,
    manualOnUntil: p.volunteer?.manualOnUntil ?? null,
    manualOffUntil: p.volunteer?.manualOffUntil ?? null,
  }
})

export const isOnDuty = (p: PersonRow, now: Date, tz: string): boolean => onDuty(dutyOf(p), now, tz)

const staffIn = rememberPer((people: PersonRow[]) => people.filter((p) => p.roles.includes('staff')))
/** The community's staff, once per directory read. */
export const staffOf = (dir: Directory): PersonRow[] => staffIn(dir.people)

/** The words every message about a case starts from. */
export const caseLine = (c: CaseRow) => ({
  no: c.number,
  category: c.category,
  place: shortPlace(c.place),
  text: c.text,
})

/** A message followed by @mentions of the people it is for. */
export const withMentions = (parts: Part[], people: Pick<PersonRow, 'id' | 'name'>[]): Part[] =>
  people.length ? [...parts, ...people.flatMap((p) => [' ', mention(p)])] : parts

/**
 * Back to the group that rang — into the forum topic it was rung in, where there is one. A case rung
 * privately (no group) is followed in the resident's direct messages: everything said about it goes there.
 */
export const toOrigin = (c: CaseRow, parts: Part[], purpose = 'update'): Post[] =>
  c.originGroupId === null
    ? [
        {
          to: { chat: { platform: c.originPlatform, chatId: c.originChatId, kind: 'direct' } },
          parts,
          caseId: c.id,
          purpose,
        },
      ]
    : [
        {
          to: { groupId: c.originGroupId },
          parts,
          caseId: c.id,
          purpose,
          ...(c.originThreadId
            ? { thread: { platform: c.originPlatform, chatId: c.originChatId, threadId: c.originThreadId } }
            : {}),
        },
      ]

export const toGroupsWithRole = (
  dir: Directory,
  role: 'volunteers' | 'committee',
  c: CaseRow,
  parts: Part[],
  purpose: string,
): Post[] => boundGroups(dir, role).map((g) => ({ to: { groupId: g.id }, parts, caseId: c.id, purpose }))

/**
 * Where volunteers gather, with the people @-mentioned; a community with no volunteers' group bound
 * tells each person directly instead.
 */
export function toVolunteers(dir: Directory, people: PersonRow[], parts: Part[], c: CaseRow, purpose: string): Post[] {
  const posts = toGroupsWithRole(dir, 'volunteers', c, withMentions(parts, people), purpose)
  return posts.length ? posts : people.map((p) => ({ to: { personId: p.id }, parts, caseId: c.id, purpose }))
}

/** Staff hear where volunteers gather (mentioned) and directly, so it reaches their phone either way. */
export const alertStaff = (dir: Directory, c: CaseRow, parts: Part[], purpose: string): Post[] => {
  const staff = staffOf(dir)
  return [
    ...toGroupsWithRole(dir, 'volunteers', c, withMentions(parts, staff), purpose),
    ...staff.map((s): Post => ({ to: { personId: s.id }, parts, caseId: c.id, purpose })),
  ]
}

export interface Dispatch {
  posts: Post[]
  pinged: PersonRow[]
  /** nobody matched or was on duty: staff were asked instead */
  nobody: boolean
  staff: PersonRow[]
  nextShift?: Date
}

/**
 * The directory's volunteers and what picking among them reads, once per directory read: a street office
 * has a thousand, and only their open cases change from one ring to the next.
 */
const volunteersOf = rememberPer((people: PersonRow[]): Base[] =>
  people
    .filter((p) => p.volunteer && p.roles.includes('volunteer'))
    .map((p) => ({
      id: p.id,
      skills: p.volunteer!.skills,
      places: p.volunteer!.places,
      maxOpen: p.volunteer!.maxOpen,
      duty: dutyOf(p),
    })),
)

type Base = Omit<Candidate, 'openCases'>

/** The volunteers who fit a case (its skill, its place), per directory read and kind of case at a place. */
const fitting = rememberPer((_people: PersonRow[]) => new Map<string, Base[]>())
const FITTING_HELD = 2000

function fittingOf(people: PersonRow[], c: { category: string; place: string }): Base[] {
  const held = fitting(people)
  const key = `${c.category}\u0000${c.place}`
  let fit = held.get(key)
  if (!fit) {
    if (held.size >= FITTING_HELD) held.clear()
    fit = volunteersOf(people).filter((b) => fitsCase(b, c))
    held.set(key, fit)
  }
  return fit
}

export function dispatch(o: {
  dir: Directory
  now: Date
  counts: ReadonlyMap<number, number>
  c: CaseRow
  widen?: 'skill'
  again?: boolean
  exclude?: number[]
}): Dispatch {
  const { dir, now, c } = o
  const tz = dir.community.timezone
  const msg = t(dir.community.locale)
  const bases = volunteersOf(dir.people)
  const withLoad = (bs: Base[]): Candidate[] =>
    bs.map((b) => ({
      id: b.id,
      skills: b.skills,
      places: b.places,
      maxOpen: b.maxOpen,
      duty: b.duty,
      openCases: o.counts.get(b.id) ?? 0,
    }))
  const at = { category: c.category, place: c.place }
  // Most rings are taken by someone on duty who fits: picked among the few who fit, not the thousand.
  // Nobody of them on duty (or widening), the whole list decides as it always did.
  const fit = o.widen ? [] : fittingOf(dir.people, at)
  const first = fit.length ? pickVolunteers(withLoad(fit), at, now, tz, { exclude: o.exclude }) : undefined
  const pick =
    first?.scope === 'match'
      ? first
      : pickVolunteers(withLoad(bases), at, now, tz, { widen: o.widen, exclude: o.exclude })
  const staff = staffOf(dir)
  if (pick.ids.length) {
    const pinged = pick.ids.map((id) => memberById(dir, id)!)
    const text = (o.again ? msg.pingAgain : msg.ping)(caseLine(c))
    return { posts: toVolunteers(dir, pinged, [text], c, 'ping'), pinged, nobody: false, staff }
  }
  // Nobody on duty: staff hear at once, and the resident is told honestly when someone will be back.
  return {
    posts: alertStaff(dir, c, [msg.pingNobody(caseLine(c))], 'ping'),
    pinged: [],
    nobody: true,
    staff,
    nextShift: nextShiftStart(
      bases.map((x) => x.duty),
      now,
      tz,
    ),
  }
}
