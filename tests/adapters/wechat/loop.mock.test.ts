// The whole loop as WeChat users, through the app (startRingbell), the adapter and the real wechaty
// API on wechaty-puppet-mock: ring with @bot in a residents' room → ping with a real @mention in the
// volunteers' room → claim by quoting the ping with 接 → 完成 → 满意; then an offline gap and a
// re-login that changes every id, a group rename, and binding a new group from inside it.
import { describe, expect, it } from 'vitest'
import type { ChatAdapter } from '../../../src/chat/types.js'
import { silentLogger } from '../../../src/log.js'
import type { Ringbell } from '../../../src/ringbell.js'
import { DEMO_START, SimClock, demoWith, startBell } from '../../helpers/index.js'
import { createWechatAdapter, WECHAT_PACING } from '../../../adapters/wechat/index.js'
import { AT_SEP } from '../../../adapters/wechat/decode.js'
import { MockWorld, waitFor } from './mock-world.js'

const SEP = '- - - - - - - - - - - - - - -'
const R9 = '锦绣新村9幢业主群'
const R10 = '锦绣新村10幢业主群'
const VOL = '好大姐志愿者群'
const COM = '议事荟'

const config = demoWith('wechat', {
  groups: { '9幢业主群': R9, 好大姐志愿者群: VOL, 议事荟: COM },
  people: { 王阿姨: '王阿姨', 钱阿姨: '钱阿姨', 徐书记: '徐书记' },
})

const world = () =>
  new MockWorld({
    bot: 'ringbell',
    rooms: { [R9]: ['王阿姨', '严大伯'], [VOL]: ['钱阿姨', '万大姐'], [COM]: ['徐书记'], [R10]: ['毛大姐', '徐书记'] },
  })

interface Loop {
  w: MockWorld
  rb: Ringbell
  clock: SimClock
  /** A person says something in a room; resolves once the app handled it and the outbox drained. */
  said: (who: string, text: string, room: string, mentions?: string[]) => Promise<void>
  /** Resolves once the app handled n more adapter events (online, offline, chatRenamed). */
  events: (n: number, during: () => unknown) => Promise<void>
}

async function boot(fast: boolean): Promise<Loop> {
  const w = world()
  const clock = new SimClock(DEMO_START) // a Monday 09:00 in Shanghai: 钱阿姨 is on duty
  const adapter = createWechatAdapter({
    puppet: w.puppet,
    name: null,
    clock,
    log: silentLogger(),
    terminal: () => undefined,
    chunkGapMs: 0,
    ...(fast ? { pacing: { perChatMs: 0, perAccountMs: 0 } } : {}),
  })
  // Counts what the app finished handling, so a step waits for its message before draining.
  let handled = 0
  let evented = 0
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
          try {
            await onEvent?.(e)
          } finally {
            evented++
          }
        },
      ),
  })
  // Relay and timers driven by the test (drain); stopped after it, adapters included.
  const rb = await startBell({ adapters: [counting], config, clock })
  w.login()
  await waitFor(() => adapter.isReady() && evented === 1, 'login')
  const said = async (who: string, text: string, room: string, mentions: string[] = []) => {
    const before = handled
    w.say(who, text, room, mentions)
    await waitFor(() => handled > before, `the app handling "${text}"`)
    await rb.drain()
  }
  const events = async (n: number, during: () => unknown) => {
    const before = evented
    await during()
    await waitFor(() => evented >= before + n, `${n} adapter event(s)`)
    await rb.drain()
  }
  return { w, rb, clock, said, events }
}

const texts = (w: MockWorld, room: string) => w.sentTo(room).map((s) => s.text)

describe('the whole loop on WeChat (wechaty-puppet-mock)', () => {
  it('rings with @bot, pings with a real mention, claims by quoting the ping with 接, 完成, 满意 — paced about 1/s', async () => {
    const { w, said } = await boot(false)
    expect(w.puppet.sent).toEqual([])

    await said('王阿姨', `@ringbell${AT_SEP}9幢2单元楼道灯坏了 13812345678`, R9, ['ringbell'])
    expect(texts(w, R9).join('\n')).toMatch(/🔔 #1 已受理/)
    const ping = w.sentTo(VOL).find((s) => s.text.includes('🔔 #1'))
    expect(ping, 'a ping in the volunteers room').toBeDefined()
    expect(ping!.text).toContain(`@钱阿姨${AT_SEP}`)
    expect(ping!.mentionIdList).toEqual([w.person('钱阿姨').id])

    // WeChat's quote of the bot's ping, with the reply under the separator.
    await said('钱阿姨', `「ringbell：${ping!.text}」\n${SEP}\n接`, VOL)
    expect(texts(w, VOL).join('\n')).toMatch(/#1 由 钱阿姨 接单/)
    expect(texts(w, R9).join('\n')).toMatch(/#1 由 钱阿姨 接单/)
    // The phone number goes to the claimer's DM only.
    expect(
      w
        .sentToPerson('钱阿姨')
        .map((s) => s.text)
        .join('\n'),
    ).toContain('13812345678')

    await said('钱阿姨', '完成 1 换了灯泡', VOL)
    expect(texts(w, R9).join('\n')).toMatch(/🎉 #1 钱阿姨 已办好：换了灯泡/)
    await said('王阿姨', '满意 1', R9)
    expect(texts(w, R9).join('\n')).toMatch(/🙏 #1 已办结/)

    for (const room of [R9, VOL, COM]) expect(texts(w, room).join('\n')).not.toContain('13812345678')
    // About one message a second per account (the relay paces with the adapter's numbers).
    const at = w.puppet.sent.map((s) => s.at)
    for (let i = 1; i < at.length; i++)
      expect(at[i]! - at[i - 1]!, `send ${i}`).toBeGreaterThanOrEqual(WECHAT_PACING.perAccountMs - 50)
  }, 120_000)

  it('after an offline gap and a re-login with new ids tells every group, and keeps working; follows a rename; binds a new group', async () => {
    const { w, clock, said, events } = await boot(true)
    await said('王阿姨', '按铃 9幢电梯坏了', R9)
    expect(texts(w, R9).join('\n')).toMatch(/🔔 #1 已受理/)

    await events(1, () => w.logout('web session expired'))
    clock.advance(30 * 60_000) // wechat4u drops whatever is sent to the bot meanwhile
    let ids = { oldRoomIds: [] as string[], newRoomIds: [] as string[] }
    await events(1, () => {
      ids = w.loginWithNewIds()
    })
    expect(ids.newRoomIds.filter((id) => ids.oldRoomIds.includes(id))).toEqual([])
    for (const room of [R9, VOL, COM]) {
      const notice = w.sentTo(room).find((s) => s.text.includes('离线'))
      expect(notice, `offline notice in ${room}`).toBeDefined()
      expect(ids.newRoomIds).toContain(notice!.conversationId)
      expect(notice!.text).toMatch(/09:00.*09:30/)
    }
    expect(w.sentTo(R10)).toEqual([]) // not ours yet

    // Same topics, new ids: the claim and its announcements still reach the right rooms and people.
    await said('钱阿姨', '接单 1', VOL)
    expect(texts(w, R9).join('\n')).toMatch(/#1 由 钱阿姨 接单/)

    await events(1, () => w.rename(R9, '锦绣新村9幢业主之家', '严大伯'))
    await said('王阿姨', '按铃 9幢3单元漏水', '锦绣新村9幢业主之家')
    expect(texts(w, '锦绣新村9幢业主之家').join('\n')).toMatch(/🔔 #2 已受理/)
    expect(w.sentTo(VOL).some((s) => s.text.includes('🔔 #2') && s.mentionIdList.includes(w.person('钱阿姨').id))).toBe(
      true,
    )

    await said('徐书记', '绑定 锦绣新村 10幢 业主', R10)
    expect(texts(w, R10).join('\n')).toMatch(/已绑定/)
    await said('毛大姐', '按铃 10幢门禁坏了', R10)
    expect(texts(w, R10).join('\n')).toMatch(/🔔 #3 已受理/)
  }, 120_000)
})
