// ringbell on a mock WeChat: the app (startBell), the adapter and the real wechaty API on
// wechaty-puppet-mock. People talk in rooms and privately; each step waits until the app handled
// the message and the outbox drained. `bind` is the README's binding, step by step.
import type { AdapterEvent, ChatAdapter, Pacing } from '../../../src/chat/types.js'
import type { CommunityConfig } from '../../../src/config/schema.js'
import { silentLogger } from '../../../src/log.js'
import type { Ringbell } from '../../../src/ringbell.js'
import { DEMO_START, SimClock, startBell } from '../../helpers/index.js'
import { createWechatAdapter } from '../../../adapters/wechat/index.js'
import { MockWorld, waitFor, type WorldSpec } from './mock-world.js'

export interface BellWorld {
  w: MockWorld
  rb: Ringbell
  clock: SimClock
  adapter: ChatAdapter
  /** Everything the operator's terminal showed. */
  terminal: () => string
  /** A person says something in a room; resolves once the app handled it and the outbox drained. */
  said: (who: string, text: string, room: string, mentions?: string[]) => Promise<void>
  /** A person says something in a room; resolves once the app handled it, nothing sent yet (then rb.drain()). */
  write: (who: string, text: string, room: string) => Promise<void>
  /** From now on the relay paces sends as given (e.g. WECHAT_PACING after a quick setup). */
  pace: (p: Pacing) => void
  /** The same in a room found by its world key (one of two rooms with one topic). */
  saidIn: (key: string, who: string, text: string) => Promise<void>
  /** A person writes to the bot privately. */
  dm: (who: string, text: string) => Promise<void>
  /** Resolves once the app handled n more adapter events (online, offline, chatRenamed). */
  events: (n: number, during: () => unknown) => Promise<void>
  /** Every adapter event so far. */
  seen: AdapterEvent[]
  /** What the bot said in a room, and to a person privately. */
  texts: (room: string) => string[]
  dms: (who: string) => string[]
  /** The binding code the bot last gave this person privately. */
  lastCode: (who: string) => string
  /** The first admin's code from the terminal, sent to the bot privately by the admin. */
  bindFirstAdmin: (admin: string) => Promise<void>
  /** The README's steps: the admin asks for a code for `who` privately; `who` sends it to the bot privately. */
  bind: (admin: string, who: string) => Promise<void>
}

export async function bellWorld(
  spec: WorldSpec,
  config: CommunityConfig,
  o: { fast?: boolean; remarkCheckMs?: number; dbFile?: string } = {},
): Promise<BellWorld> {
  const w = new MockWorld(spec)
  const clock = new SimClock(DEMO_START) // a Monday 09:00 in Shanghai: the volunteers are on duty
  let screen = ''
  const adapter = createWechatAdapter({
    puppet: w.puppet,
    name: null,
    clock,
    log: silentLogger(),
    terminal: (t) => {
      screen += t
    },
    chunkGapMs: 0,
    remarkCheckMs: o.remarkCheckMs ?? 20,
    ...(o.fast !== false ? { pacing: { perChatMs: 0, perAccountMs: 0 } } : {}),
  })
  // Counts what the app finished handling, so a step waits for its message before draining.
  let handled = 0
  let evented = 0
  const seen: AdapterEvent[] = []
  const counting: ChatAdapter = Object.assign(Object.create(adapter) as ChatAdapter, {
    start: (onMessage: Parameters<ChatAdapter['start']>[0], onEvent: Parameters<ChatAdapter['start']>[1]) =>
      adapter.start(
        async (m) => {
          try {
            await onMessage(m)
          } finally {
            handled++
          }
        },
        async (e) => {
          seen.push(e)
          try {
            await onEvent?.(e)
          } finally {
            evented++
          }
        },
      ),
  })
  // Relay and timers driven by the test (drain); stopped after it, adapters included.
  const rb = await startBell({ adapters: [counting], config, clock, ...(o.dbFile ? { dbFile: o.dbFile } : {}) })
  w.login()
  await waitFor(() => adapter.isReady() && evented === 1, 'login')
  await rb.drain()

  const step = async (what: string, act: () => void, drain = true) => {
    const before = handled
    act()
    await waitFor(() => handled > before, `the app handling "${what}"`)
    if (drain) await rb.drain()
  }
  const texts = (room: string) => w.sentTo(room).map((s) => s.text)
  const dms = (who: string) => w.sentToPerson(who).map((s) => s.text)
  const lastCode = (who: string) => {
    const code = dms(who)
      .map((t) => /绑定码 (\d{6})/.exec(t)?.[1])
      .filter(Boolean)
      .at(-1)
    if (!code) throw new Error(`no binding code was sent to ${who}`)
    return code
  }
  const world: BellWorld = {
    w,
    rb,
    clock,
    adapter,
    terminal: () => screen,
    said: (who, text, room, mentions = []) => step(text, () => w.say(who, text, room, mentions)),
    write: (who, text, room) => step(text, () => w.say(who, text, room), false),
    pace(p) {
      // The relay reads the adapter's pacing at every send (through `counting`, made from `adapter`).
      adapter.pacing = p
    },
    saidIn: (key, who, text) => step(text, () => w.sayIn(key, who, text)),
    dm: (who, text) => step(text, () => w.direct(who, text)),
    async events(n, during) {
      const before = evented
      await during()
      await waitFor(() => evented >= before + n, `${n} adapter event(s)`)
      await rb.drain()
    },
    seen,
    texts,
    dms,
    lastCode,
    async bindFirstAdmin(admin) {
      const code = new RegExp(`${admin}：绑定码 (\\d{6})`).exec(screen)?.[1]
      if (!code) throw new Error(`the terminal shows no code for ${admin}:\n${screen}`)
      await world.dm(admin, `绑定码 ${code}`)
    },
    async bind(admin, who) {
      await world.dm(admin, `绑定码 ${who}`)
      await world.dm(who, `绑定码 ${lastCode(admin)}`)
    },
  }
  return world
}
