// A community's settings as the app reads them, with the defaults written once. The config file
// (src/config/schema.ts) validates what a community writes; what it leaves out comes from here.
import type { Categories } from './classify.js'
import { defaultBotAliases } from './phrasing.js'
import { defaultIncidentSimilarity, type IncidentScope } from './incident.js'
import { parseDayName } from './rota.js'
import { defaultUrgency, type UrgencySettings } from './urgency.js'

export const rungTargets = ['skill', 'all', 'staff', 'committee'] as const
export type RungTarget = (typeof rungTargets)[number]

/** One step of the escalation ladder: if still unclaimed `after` the ring, reach `to`. */
export interface Rung {
  after: string
  to: RungTarget
}

export const defaultLadder: Rung[] = [
  { after: '15m', to: 'skill' },
  { after: '30m', to: 'staff' },
  { after: '60m', to: 'committee' },
]

/** Follow-ups on quiet cases: claimed with no progress, and resolved with no verdict. */
export interface FollowUpTimers {
  remindClaimerAfter: string
  tellStaffAfter: string
  remindVerifyAfter: string
  autoCloseAfter: string
}

export const defaultFollowUps: FollowUpTimers = {
  remindClaimerAfter: '24h',
  tellStaffAfter: '48h',
  remindVerifyAfter: '72h',
  autoCloseAfter: '96h',
}

/** One person ringing too often (issue 8): the defaults fit residents who ring a few times a week. */
export interface FloodSettings {
  /** new cases one person may open per window; later rings are held and go out together */
  rings: number
  window: string
  /** the same problem from the same person within this is a repeat of their case */
  repeatWithin: string
  /** held rings go out at the latest this long after the first */
  holdMax: string
  /** bot replies to one resident in one chat per window */
  replies: number
  /** cases whose same rung falls due within this go up the ladder together */
  batchEscalations: string
}

export const defaultFlood: FloodSettings = {
  rings: 3,
  window: '10m',
  repeatWithin: '24h',
  holdMax: '1h',
  replies: 5,
  batchEscalations: '5m',
}

/** Households, consultations and notices (issue 14). */
export interface ConsultSettings {
  /** a resident's 登记 counts once staff confirm it (true), or at once (false) */
  confirmRegistrations: boolean
  /** how long a consultation stays open when no 截止 is given */
  deadline: string
  /** progress is posted to the groups at most this often, and only when answers came in */
  progressEvery: string
  /** a reminder this long before the deadline, to the households who have not answered yet */
  remindBefore: string
  /** no progress post or reminder at these local hours ("" = any hour) */
  quietHours: string
}

export const defaultConsult: ConsultSettings = {
  confirmRegistrations: true,
  deadline: '7d',
  progressEvery: '2h',
  remindBefore: '1d',
  quietHours: '21:00-08:00',
}

/** How residents' plain words are read (issue 10). */
export interface PhrasingSettings {
  /** names people type after @ for the bot, besides its own (@机器人) */
  botAliases: string[]
  /** 不满意 on a case closed less than this long ago reopens it; later, a new ring linked to it (再按铃 N) */
  reopenWithin: string
  /** words sent to the bot this soon after a bare 不满意 are its reason */
  reasonWithin: string
  /**
   * Rings of one problem closer together than this are one incident (issue 12's to join); a ring like an
   * open case older than this is told "像是 #N，回复「同 N」加入".
   */
  incidentWindow: string
  /**
   * Rings within the window, of the same kind, in the same area and at least this alike (0–1) join the
   * first one's case as households affected (issue 12) instead of opening cases of their own.
   */
  incidentSimilarity: number
  /** the area an incident covers: one building, or the whole compound (a water main, the power) */
  incidentScope: IncidentScope
  /** false: every ring is its own case, as before issue 12 */
  joinIncidents: boolean
  /**
   * An emergency named in a residents' group without a ring word gets the safety advice (src/app/hazard.ts);
   * a bare 按铃 (or 要) from the same person in the same chat within this rings the words they said.
   */
  hazardRingWithin: string
}

export const defaultPhrasing: PhrasingSettings = {
  botAliases: [...defaultBotAliases],
  reopenWithin: '7d',
  reasonWithin: '30m',
  incidentWindow: '30m',
  incidentSimilarity: defaultIncidentSimilarity,
  incidentScope: 'building',
  joinIncidents: true,
  hazardRingWithin: '10m',
}
/**
 * Who accepts a ring (受理). `auto`: every ring is accepted at once and volunteers are pinged. `staff`:
 * staff accept it first (受理 N, or 不受理 / 转办), reminded after each `remind` duration; the last
 * reminder also tells the committee group.
 */
export const triageModes = ['auto', 'staff'] as const
export type TriageMode = (typeof triageModes)[number]
export interface TriageSettings {
  mode: TriageMode
  remind: string[]
  /** a case handed to an outside body (转办) with no answer recorded after this: staff are reminded */
  referralRemindAfter: string
}

export const defaultTriage: TriageSettings = { mode: 'auto', remind: ['30m', '2h'], referralRemindAfter: '3d' }

/**
 * The committee's digests, posted in its group: a daily one at a local time, and the weekly review for
 * 周周碰 on one morning (weekday 1 = Monday). Off unless the community's file says when.
 */
export interface DigestSettings {
  daily?: string
  weekly?: { weekday: number; at: string }
  /** not done this long after the ring: counted as overdue in the digests */
  overdueAfter: string
}

export const defaultDigest: DigestSettings = { overdueAfter: '3d' }

export interface CommunitySettings {
  categories: Categories
  escalation: Rung[]
  timers: FollowUpTimers
  flood: FloodSettings
  consult: ConsultSettings
  phrasing: PhrasingSettings
  triage: TriageSettings
  digest: DigestSettings
  /** urgent rings (issue 11): classes, hotlines, the fast ladder, the slow reminder */
  urgency: UrgencySettings
}

export const defaultSettings: CommunitySettings = {
  categories: {},
  escalation: defaultLadder,
  timers: defaultFollowUps,
  flood: defaultFlood,
  consult: defaultConsult,
  phrasing: defaultPhrasing,
  triage: defaultTriage,
  digest: defaultDigest,
  urgency: defaultUrgency,
}

/** Settings as stored at the last start; a setting added since reads as its default. */
export const withDefaults = (s: Partial<CommunitySettings>): CommunitySettings => ({
  ...defaultSettings,
  ...s,
  timers: { ...defaultFollowUps, ...s.timers },
  flood: { ...defaultFlood, ...s.flood },
  consult: { ...defaultConsult, ...s.consult },
  phrasing: { ...defaultPhrasing, ...s.phrasing },
  triage: { ...defaultTriage, ...s.triage },
  digest: { ...defaultDigest, ...s.digest },
  urgency: {
    ...defaultUrgency,
    ...s.urgency,
    hotlines: { ...defaultUrgency.hotlines, ...s.urgency?.hotlines },
    ladder: { ...defaultUrgency.ladder, ...s.urgency?.ladder },
  },
})

export const clockPattern = /^(?:[01]?\d|2[0-3]):[0-5]\d$/

/** "周一 08:30", "星期一 8:30", "Mon 08:30" → the weekly review's morning; undefined if it is not one. */
export function readWeekly(text: string): { weekday: number; at: string } | undefined {
  const t = text.trim()
  const at = /\d{1,2}:\d{2}$/.exec(t)
  if (!at || !clockPattern.test(at[0])) return undefined
  const weekday = parseDayName(t.slice(0, at.index).trim().toLowerCase(), true)
  return weekday === undefined ? undefined : { weekday, at: at[0].padStart(5, '0') }
}
