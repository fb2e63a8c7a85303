// What every timer needs when it fires. Timers write only through the unit of work, like messages do.
import type { Clock } from '../../domain/clock.js'
import type { Logger } from '../../log.js'
import type { DirectoryCache } from '../directory.js'
import type { Recurrence } from '../../domain/recurrence.js'
import type { CommunityRow, Store } from '../ports.js'
import type { Commit, Work } from '../unit-of-work.js'

export interface TimerDeps {
  store: Store
  clock: Clock
  log: Logger
  directory: DirectoryCache
  commit: Commit
}

/** A job as the runner hands it over. */
export interface Fired {
  key: string
  payload: unknown
}

/** The key a timer's effect is committed under: run twice (a crash before it was marked done), it acts once. */
export const timerKey = (jobKey: string) => ({ platform: 'timer', conversationId: 'jobs', messageId: jobKey })

/** A timer that fires every period, per community, at a local time (declared in index.ts). */
export interface RecurringTimer {
  /** when, in the community's time zone; undefined = this community has it off */
  every(community: Pick<CommunityRow, 'timezone' | 'settings'>): Recurrence | undefined
  /**
   * Keyed per local day or ISO week rather than per occurrence: once per period even when the community
   * moves its time (a digest at 20:00 moved to 21:00 the same evening is not sent twice).
   */
  period?: 'day' | 'week'
  /** what it does, as work for the unit of work: committed once per occurrence, under the occurrence's key */
  run(deps: TimerDeps, communityId: number, occurrence: Date, now: Date): Promise<Omit<Work, 'key' | 'at'>>
}
