// What every timer needs when it fires. Timers write only through the unit of work, like messages do.
import type { Clock } from '../../domain/clock.js'
import type { Logger } from '../../log.js'
import type { DirectoryCache } from '../directory.js'
import type { Store } from '../ports.js'
import type { Commit } from '../unit-of-work.js'

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
