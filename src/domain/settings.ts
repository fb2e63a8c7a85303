// A community's settings as the app reads them, with the defaults written once. The config file
// (src/config/schema.ts) validates what a community writes; what it leaves out comes from here.
import type { Categories } from './classify.js'

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

export interface CommunitySettings {
  categories: Categories
  escalation: Rung[]
  timers: FollowUpTimers
}

export const defaultSettings: CommunitySettings = {
  categories: {},
  escalation: defaultLadder,
  timers: defaultFollowUps,
}
