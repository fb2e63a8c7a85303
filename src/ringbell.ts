// Composition: database → store → app → relay + timers → adapters. Used by main.ts and by tests.
//
// Start policy. Each platform's start is tried, and when it fails (the Bot API unreachable, no network)
// tried again with backoff — 2 s, 4 s, 8 s … at most a minute apart — every attempt logged. Platforms
// start independently: one still trying holds nobody else up. If a platform has not started after
// RINGBELL_START_TIMEOUT (default 5m):
//   - and no other platform is running, the process has nothing to do: it logs why, stops, and exits
//     non-zero, so a supervisor (systemd, pm2, docker) restarts it with a clean slate;
//   - and another platform is running, that one keeps serving (restarting would cut it off, and a
//     WeChat login may need a new QR scan), while this one is tried again every minute, logged as an error.
import { setTimeout as sleep } from 'node:timers/promises'
import type { ChatAdapter, IncomingMessage } from './chat/types.js'
import type { CommunityConfig } from './config/schema.js'
import { parseDuration } from './domain/duration.js'
import { systemClock, type Clock } from './domain/clock.js'
import { createApp, type App } from './app/index.js'
import { heartbeat } from './app/presence.js'
import { firstAdminNotice } from './app/accounts.js'
import { Relay } from './delivery/relay.js'
import { ownerName } from './delivery/owners.js'
import { JobRunner } from './delivery/job-runner.js'
import { openDatabase, type Db } from './store/db.js'
import { startCheckpoints } from './store/checkpoints.js'
import { PrismaStore } from './store/prisma-store.js'
import { PrismaOutbox } from './store/outbox.js'
import { PrismaJobStore } from './store/job-store.js'
import { applyConfig } from './store/seed.js'
import { silentLogger, type Logger } from './log.js'
import { renderChart } from './chart/render.js'

export interface RingbellOptions {
  dbFile: string
  config: CommunityConfig
  /** platforms whose user ids are display names (adapters/platforms.ts peopleByName) */
  peopleByName?: readonly string[]
  adapters: ChatAdapter[]
  clock?: Clock
  log?: Logger
  /** run the relay and the timers in the background (default). Scripts and tests may drive them by hand. */
  background?: boolean
  relayPollMs?: number
  jobPollMs?: number
  heartbeatMs?: number
  /** retrying a platform that fails to start (see the policy above) */
  startRetry?: Partial<StartRetry>
  /** nothing could start in time. Default: log it, stop, and exit the process with status 1. */
  onFatal?: (err: Error) => void
  /** a stop asked for during the start: the step under way ends, nothing more starts, the start rejects */
  signal?: AbortSignal
}

export interface StartRetry {
  /** after this long without a start, give up on the process if nothing else runs */
  limitMs: number
  firstDelayMs: number
  maxDelayMs: number
}

const DEFAULT_START_LIMIT = '5m'

function startRetryFrom(env: NodeJS.ProcessEnv, given: Partial<StartRetry> = {}): StartRetry {
  const text = env.RINGBELL_START_TIMEOUT?.trim() || DEFAULT_START_LIMIT
  let limitMs: number
  try {
    limitMs = parseDuration(text)
  } catch {
    throw new Error(`RINGBELL_START_TIMEOUT: a duration like 90s, 5m or 1h, not "${text}"`)
  }
  return { limitMs, firstDelayMs: 2000, maxDelayMs: 60_000, ...given }
}

export interface Ringbell {
  app: App
  db: Db
  store: PrismaStore
  relay: Relay
  jobs: JobRunner
  /** sends every pending message of the running adapters */
  drain(timeoutMs?: number): Promise<void>
  /** fires every timer due by the (possibly simulated) clock, then sends what they wrote */
  runDueJobs(): Promise<number>
  stop(): Promise<void>
}

export async function startRingbell(o: RingbellOptions): Promise<Ringbell> {
  const log = o.log ?? silentLogger()
  const clock = o.clock ?? systemClock
  const db = await openDatabase(o.dbFile)
  // The write-ahead log is copied back on another thread, not inside a ring's COMMIT.
  const checkpoints = await startCheckpoints(db)
  const started = new Set<ChatAdapter>()
  const stopping = new AbortController()
  /** A stop asked for during the start: what started stops, retries end, and the start rejects. */
  const stopIfAsked = async () => {
    if (!o.signal?.aborted) return
    stopping.abort()
    for (const a of started) await a.stop().catch((err: unknown) => log.warn({ err }, 'adapter stop failed'))
    await checkpoints.stop()
    await db.$disconnect()
    o.signal.throwIfAborted()
  }
  await stopIfAsked()
  await applyConfig(db, o.config, o.peopleByName)
  const store = new PrismaStore(db)
  const outbox = new PrismaOutbox(db)
  const relay = new Relay({
    store: outbox,
    adapters: o.adapters,
    log,
    pollMs: o.relayPollMs,
    // A send told us the chat has a new id: the same move as an adapter's chatRenamed, then sent there.
    onChatMoved: (platform, from, to) => app.onAdapterEvent(platform, { type: 'chatRenamed', from, to }, true),
    onWaiting: (rows) =>
      app.onWaiting(
        rows.map((r) => ({
          ...r,
          opens: o.adapters.find((a) => a.platform === r.platform)?.capabilities.privateChatOpens ?? 'start',
        })),
      ),
  })
  const app = createApp({
    store,
    clock,
    log,
    onOutbox: () => relay.poke(),
    platforms: o.adapters.map((a) => a.platform),
    bindSender: async (key) => o.adapters.find((a) => a.platform === key.platform)?.bindSender?.(key),
    renderChart,
  })
  const jobs = new JobRunner({
    store: new PrismaJobStore(db),
    clock,
    handlers: app.jobHandlers,
    owner: ownerName(),
    log,
  })
  // Recurring timers (housekeeping, and later digests): the next occurrence of each, once per period.
  await app.seedTimers()
  // Who is who, read now rather than by the first message: a street office's 10k groups and their chats
  // stay with the store until a binding changes them (PrismaStore.directory).
  for (const id of await store.communityIds()) await store.directory(id)

  const retry = startRetryFrom(process.env, o.startRetry)
  /** Someone wrote to the bot privately: what waited for that chat to open goes now. */
  const opened = async (m: IncomingMessage) => {
    if (m.conversation.kind !== 'direct') return
    const n = await outbox.wake(m.conversation.platform, m.conversation.id).catch((err: unknown) => {
      log.error({ err }, 'could not release the messages waiting for this private chat')
      return 0
    })
    if (n) relay.poke()
  }
  const startOnce = (adapter: ChatAdapter) =>
    adapter.start(
      async (m) => {
        await opened(m)
        await app.handle(m, adapter.self)
      },
      (e) =>
        app
          .onAdapterEvent(adapter.platform, e, adapter.capabilities.replaysMissed)
          .catch((err: unknown) => log.error({ err }, 'adapter event failed')),
    )
  const fatal = (err: Error) => {
    if (o.onFatal) return o.onFatal(err)
    log.fatal({ err }, 'no platform could start; exiting so the supervisor restarts the process')
    void ringbell.stop().finally(() => process.exit(1))
  }

  /** Tries a platform again until it starts (or we stop); applies the policy at the limit. */
  async function keepStarting(adapter: ChatAdapter, since: number): Promise<void> {
    let delay = retry.firstDelayMs
    let overdue = false
    for (let attempt = 2; ; attempt++) {
      const ok = await sleep(delay, true, { signal: stopping.signal }).catch(() => false)
      if (!ok) return
      try {
        await startOnce(adapter)
        started.add(adapter)
        log.info({ platform: adapter.platform, attempt }, 'adapter started')
        relay.poke()
        return
      } catch (e) {
        if (stopping.signal.aborted) return
        const err = e instanceof Error ? e : new Error(String(e))
        const waited = Date.now() - since
        if (!overdue && waited >= retry.limitMs) {
          overdue = true
          if (started.size === 0) {
            const why = `${adapter.platform} did not start in ${Math.round(waited / 1000)} s: ${err.message}`
            return fatal(new Error(why, { cause: err }))
          }
          log.error(
            { platform: adapter.platform, waitedMs: waited, running: [...started].map((a) => a.platform) },
            'adapter still not started; the others keep running and it is tried every minute',
          )
        }
        delay = overdue ? retry.maxDelayMs : Math.min(delay * 2, retry.maxDelayMs)
        log.warn({ err, platform: adapter.platform, attempt, retryInMs: delay }, 'adapter failed to start; will retry')
      }
    }
  }

  const retrying: Promise<void>[] = []
  for (const adapter of o.adapters) {
    await stopIfAsked()
    const since = Date.now()
    try {
      await startOnce(adapter)
      started.add(adapter)
    } catch (err) {
      // One platform failing to start (no network, a bad token) must not take the others down.
      log.warn(
        { err, platform: adapter.platform, attempt: 1, retryInMs: retry.firstDelayMs },
        'adapter failed to start; will retry',
      )
      retrying.push(keepStarting(adapter, since))
    }
  }

  await stopIfAsked()

  // Where accounts are only display names until bound (WeChat), the very first admin needs a code.
  for (const a of started)
    if (a.bindSender && a.tellOperator) {
      const codes = await app.firstAdminCodes(a.platform)
      if (codes.length) a.tellOperator(firstAdminNotice(a.platform, codes))
    }

  const beat = setInterval(() => {
    for (const a of started)
      if (a.isReady())
        heartbeat(store, clock, a.platform).catch((err: unknown) => log.warn({ err }, 'heartbeat failed'))
  }, o.heartbeatMs ?? 30_000)
  beat.unref()

  if (o.background ?? true) {
    relay.start()
    jobs.start(o.jobPollMs ?? 5_000)
  }

  let stopped = false
  const ringbell: Ringbell = {
    app,
    db,
    store,
    relay,
    jobs,
    drain: (timeoutMs) => relay.drain(timeoutMs),
    runDueJobs: async () => {
      const n = await jobs.runDue()
      await relay.drain()
      return n
    },
    async stop() {
      if (stopped) return
      stopped = true
      clearInterval(beat)
      stopping.abort()
      // Adapters first, so nothing new arrives (one still starting is cut short); then the loops; the
      // outbox keeps whatever is unsent.
      for (const a of o.adapters)
        await a.stop().catch((err: unknown) => log.warn({ err, platform: a.platform }, 'adapter stop failed'))
      await Promise.all(retrying)
      await jobs.stop()
      await relay.stop()
      await checkpoints.stop()
      await db.$disconnect()
    },
  }
  return ringbell
}
