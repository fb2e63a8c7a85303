// A community's settings as the app reads them, with the defaults written once. The config file
// (src/config/schema.ts) validates what a community writes; what it leaves out comes from here.
import type { Categories } from './classify.js'
import { defaultBotAliases } from './phrasing.js'

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
}

export const defaultPhrasing: PhrasingSettings = {
  botAliases: [...defaultBotAliases],
  reopenWithin: '7d',
  reasonWithin: '30m',
  incidentWindow: '30m',
}

export interface CommunitySettings {
  categories: Categories
  escalation: Rung[]
  timers: FollowUpTimers
  flood: FloodSettings
  consult: ConsultSettings
  phrasing: PhrasingSettings
}

export const defaultSettings: CommunitySettings = {
  categories: {},
  escalation: defaultLadder,
  timers: defaultFollowUps,
  flood: defaultFlood,
  consult: defaultConsult,
  phrasing: defaultPhrasing,
}

/** Settings as stored at the last start; a setting added since reads as its default. */
export const withDefaults = (s: Partial<CommunitySettings>): CommunitySettings => ({
  ...defaultSettings,
  ...s,
  timers: { ...defaultFollowUps, ...s.timers },
  flood: { ...defaultFlood, ...s.flood },
  consult: { ...defaultConsult, ...s.consult },
  phrasing: { ...defaultPhrasing, ...s.phrasing },
})
