// The app: one way in, one way out. Every incoming message takes the same named steps (message.ts:
// parse → locate → gate → handle → unit of work); every timer and notice leaves through the same unit of
// work (unit-of-work.ts). This file only puts the pieces together.
import type { AdapterEvent, IncomingMessage, MessageKey, Platform, UserRef } from '../chat/types.js'
import { accounts } from './accounts.js'
import { botAliases } from './aliases.js'
import { commandRegistry } from './registry.js'
import type { Clock } from '../domain/clock.js'
import type { Logger } from '../log.js'
import { DirectoryCache } from './directory.js'
import { handleMessage } from './message.js'
import type { RenderChart, Store } from './ports.js'
import { offlineNotice } from './presence.js'
import { askToOpenPrivateChat, type WaitingMessage } from './private-chat.js'
import { seedRecurring, timerHandlers, type TimerDeps } from './timers/index.js'
import { unitOfWork } from './unit-of-work.js'

export interface AppDeps {
  store: Store
  clock: Clock
  log: Logger
  /** called after a commit that wrote outbox rows, so the relay need not wait for its next poll */
  onOutbox?: () => void
  /** the platforms this process runs; posts to chats on others are not written. Absent = all. */
  platforms?: string[]
  /** ChatAdapter.bindSender of the message's platform (WeChat): see accounts.ts */
  bindSender?: (key: MessageKey) => Promise<UserRef | undefined>
  /** draws charts (统计 图); src/chart/render.ts in production */
  renderChart?: RenderChart
}

export function createApp(deps: AppDeps) {
  const { store, clock, log } = deps
  const directory = new DirectoryCache(store)
  const commit = unitOfWork({ store, active: deps.platforms && new Set(deps.platforms), onOutbox: deps.onOutbox })
  const timers: TimerDeps = { store, clock, log, directory, commit }
  const codes = accounts({ store, bindSender: deps.bindSender })
  const registry = commandRegistry({ store, accounts: codes, renderChart: deps.renderChart })
  const aliases = botAliases(store, directory)

  return {
    handle: (m: IncomingMessage, self: UserRef) =>
      handleMessage({ store, clock, log, directory, commit, registry, aliases }, m, self),

    async onAdapterEvent(platform: Platform, e: AdapterEvent, replaysMissed: boolean): Promise<void> {
      if (e.type === 'chatRenamed') {
        await store.renameChat(platform, e.from, e.to)
        directory.forget()
        return
      }
      await offlineNotice({ store, clock, directory, commit }, platform, e, replaysMissed)
    },

    /** Direct messages that wait for their recipient to open a private chat: ask them where they asked us. */
    onWaiting: (rows: WaitingMessage[]) => askToOpenPrivateChat({ store, clock, directory, commit }, rows),

    /** Codes for the operator's terminal while no admin is bound on this platform (accounts.ts). */
    firstAdminCodes: (platform: Platform) => codes.firstAdminCodes(platform, clock.now()),

    jobHandlers: timerHandlers(timers),

    /** Recurring timers: their next occurrence, for every community (at start; a no-op when already there). */
    seedTimers: async () => seedRecurring(timers, await store.communityIds()),
  }
}

export type App = ReturnType<typeof createApp>
