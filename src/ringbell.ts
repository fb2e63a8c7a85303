// Composition: database → store → app → relay + timers → adapters. Used by main.ts and by tests.
import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import type { ChatAdapter } from './chat/types.js'
import type { CommunityConfig } from './config/schema.js'
import { systemClock, type Clock } from './domain/clock.js'
import { createApp, type App } from './app/index.js'
import { heartbeat } from './app/presence.js'
import { Relay } from './delivery/relay.js'
import { JobRunner } from './delivery/jobs.js'
import { openDatabase, type Db } from './store/db.js'
import { PrismaStore } from './store/prisma-store.js'
import { PrismaOutbox } from './store/outbox.js'
import { PrismaJobStore } from './store/jobs.js'
import { applyConfig } from './store/seed.js'
import { silentLogger, type Logger } from './log.js'

export interface RingbellOptions {
  dbFile: string
  config: CommunityConfig
  adapters: ChatAdapter[]
  clock?: Clock
  log?: Logger
  /** run the relay and the timers in the background (default). Scripts and tests may drive them by hand. */
  background?: boolean
  relayPollMs?: number
  jobPollMs?: number
  heartbeatMs?: number
  /** a stop asked for during the start: the step under way ends, nothing more starts, the start rejects */
  signal?: AbortSignal
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
  const started: ChatAdapter[] = []
  const stopIfAsked = async () => {
    if (!o.signal?.aborted) return
    for (const a of started) await a.stop().catch((err: unknown) => log.warn({ err }, 'adapter stop failed'))
    await db.$disconnect()
    o.signal.throwIfAborted()
  }
  await stopIfAsked()
  await applyConfig(db, o.config)
  const store = new PrismaStore(db)
  const relay = new Relay({ store: new PrismaOutbox(db), adapters: o.adapters, log, pollMs: o.relayPollMs })
  const app = createApp({
    store,
    clock,
    log,
    onOutbox: () => relay.poke(),
    platforms: o.adapters.map((a) => a.platform),
  })
  const jobs = new JobRunner({
    store: new PrismaJobStore(db),
    clock,
    handlers: app.jobHandlers,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    log,
  })

  for (const adapter of o.adapters) {
    await stopIfAsked()
    try {
      await adapter.start(
        (m) => app.handle(m, adapter.self),
        (e) =>
          app
            .onAdapterEvent(adapter.platform, e, adapter.capabilities.replaysMissed)
            .catch((err: unknown) => log.error({ err }, 'adapter event failed')),
      )
      started.push(adapter)
    } catch (err) {
      // One platform failing to start (bad token, no network) must not take the others down.
      log.error({ err, platform: adapter.platform }, 'adapter failed to start; the others keep running')
    }
  }

  await stopIfAsked()
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
  return {
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
      // Adapters first, so nothing new arrives; then the loops; the outbox keeps whatever is unsent.
      for (const a of started)
        await a.stop().catch((err: unknown) => log.warn({ err, platform: a.platform }, 'adapter stop failed'))
      await jobs.stop()
      await relay.stop()
      await db.$disconnect()
    },
  }
}
