// The one import point for test fixtures: temporary databases, the demo community, a console bell.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { ConsoleAdapter } from '../../adapters/console/index.js'
import { ConsoleSession } from '../../adapters/console/session.js'
import { peopleByName, platformNames } from '../../adapters/platforms.js'
import type { ChatAdapter, IncomingMessage } from '../../src/chat/types.js'
import type { CommunityConfig } from '../../src/config/schema.js'
import { loadConfig } from '../../src/config/load.js'
import { DEMO_START, SimClock } from '../../src/domain/clock.js'
import { silentLogger } from '../../src/log.js'
import { startRingbell, type Ringbell } from '../../src/ringbell.js'

export { DEMO_START, SimClock }

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

/** A fresh directory removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ringbell-test-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export const tempDbFile = (): string => join(tempDir(), 'ringbell.db')

export const demoConfig = (): CommunityConfig =>
  loadConfig(join(import.meta.dirname, '../../config/demo.yaml'), platformNames)

/** The demo community with platform ids on some of its groups and people (by name). */
export function demoWith(
  platform: 'telegram' | 'wechat',
  ids: { groups?: Record<string, string>; people?: Record<string, string> },
): CommunityConfig {
  const base = demoConfig()
  return {
    ...base,
    groups: base.groups.map((g) => {
      const id = ids.groups?.[g.name]
      return id ? { ...g, ids: { ...g.ids, [platform]: id } } : g
    }),
    people: base.people.map((p) => {
      const id = ids.people?.[p.name]
      return id ? { ...p, ids: { ...p.ids, [platform]: id } } : p
    }),
  }
}

/** Starts ringbell on given adapters; stopped after the test. Relay and timers are driven by the test. */
export async function startBell(o: {
  adapters: ChatAdapter[]
  config?: CommunityConfig
  dbFile?: string
  clock?: SimClock
  background?: boolean
}): Promise<Ringbell & { clock: SimClock; dbFile: string }> {
  const clock = o.clock ?? new SimClock(DEMO_START)
  const dbFile = o.dbFile ?? tempDbFile()
  const rb = await startRingbell({
    dbFile,
    config: o.config ?? demoConfig(),
    peopleByName,
    adapters: o.adapters,
    clock,
    log: silentLogger(),
    background: o.background ?? false,
  })
  cleanups.push(() => rb.stop())
  return Object.assign(rb, { clock, dbFile })
}

export interface ConsoleBell {
  rb: Ringbell
  clock: SimClock
  dbFile: string
  adapter: ConsoleAdapter
  /** every line printed so far */
  out: string[]
  /** feeds transcript lines; returns what the bot printed in answer */
  say(...lines: string[]): Promise<string[]>
  stop(): Promise<void>
}

/** The console demo as a test client: type lines, read the transcript. */
export async function consoleBell(
  o: { config?: CommunityConfig; dbFile?: string; clock?: SimClock } = {},
): Promise<ConsoleBell> {
  const out: string[] = []
  const clock = o.clock ?? new SimClock(DEMO_START)
  const adapter = new ConsoleAdapter({
    write: (l) => out.push(...l.split('\n')),
    now: () => clock.now(),
    filesDir: tempDir(),
  })
  const rb = await startBell({ adapters: [adapter], config: o.config, dbFile: o.dbFile, clock })
  const session = new ConsoleSession(rb, adapter, clock, (l) => out.push(l))
  return {
    rb,
    clock,
    dbFile: rb.dbFile,
    adapter,
    out,
    async say(...lines) {
      const from = out.length
      for (const l of lines) await session.line(l)
      return out.slice(from)
    },
    stop: () => rb.stop(),
  }
}

/** Only the numbered first lines of each message: what a reader scans. */
/** A console group message as an adapter delivers it, for handing to the app directly (twice, at once…). */
export const groupMessage = (id: string, chat: string, sender: string, text: string): IncomingMessage => ({
  key: { platform: 'console', conversationId: chat, messageId: id },
  conversation: { kind: 'group', platform: 'console', id: chat },
  sender: { platform: 'console', id: sender, name: sender },
  content: [{ type: 'text', text }],
  mentionsSelf: false,
  attachments: [],
  sentAt: new Date(),
})

export const heads = (lines: string[]): string[] => lines.filter((l) => /^\[\d+\]/.test(l))

// Inputs that are hard on text handling: worst inputs per pattern, phone-number shapes, a seeded fuzz.
export * from './patterns.js'
export * from './phones.js'
export * from './fuzz.js'
