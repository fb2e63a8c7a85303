// Issue 3's promise, end to end through the real client libraries: one ringbell process runs Telegram
// (real telegraf in webhook mode against the telegram-test-api emulator) and WeChat (real wechaty on
// wechaty-puppet-mock) side by side. 9幢业主群 is a WeChat room, 好大姐志愿者群 a Telegram supergroup,
// and 钱阿姨 is one person with two accounts. 王阿姨 rings in WeChat → 钱阿姨 is pinged with a real
// text_mention on Telegram → claims by quoting the ping with 接 → gets the contact in a Telegram DM →
// 完成 on Telegram → 王阿姨 is told (with an @mention) in WeChat → 满意 in WeChat → closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatAdapter } from '../../src/chat/types.js'
import type { CommunityConfig } from '../../src/config/schema.js'
import { silentLogger } from '../../src/log.js'
import { createTelegramAdapter } from '../../adapters/telegram/index.js'
import { createWechatAdapter } from '../../adapters/wechat/index.js'
import { AT_SEP } from '../../adapters/wechat/decode.js'
import { DEMO_START, SimClock, demoWith, startBell } from '../helpers/index.js'
import {
  HOST,
  botSent,
  freePort,
  quoted,
  say,
  startEmulator,
  type BotSent,
  type Emulator,
  type TgChat,
  type TgUser,
} from './telegram/emulator.js'
import { MockWorld, waitFor } from './wechat/mock-world.js'

const PHONE = '13812345678'

// WeChat: the residents' room of 9幢 (its topic is its id), with one account each.
const R9 = '锦绣新村9幢业主群'
// Telegram: the volunteers' supergroup and the committee's group; 钱阿姨's Telegram account.
const volunteers: TgChat = { id: -1001234567890, type: 'supergroup', title: '好大姐志愿者群' }
const committee: TgChat = { id: -1009990000001, type: 'supergroup', title: '议事荟' }
const qianTg: TgUser = { id: 5551, first_name: '钱阿姨' }
const wanTg: TgUser = { id: 5552, first_name: '万大姐' }
const dm = (u: TgUser): TgChat => ({ id: u.id, type: 'private' })

/** The demo community with ids on both platforms: demoWith per platform, merged field by field. */
function crossPlatformConfig(): CommunityConfig {
  const wechat = demoWith('wechat', {
    groups: { '9幢业主群': R9 },
    people: { 王阿姨: '王阿姨', 钱阿姨: '钱阿姨' },
  })
  const telegram = demoWith('telegram', {
    groups: { 好大姐志愿者群: String(volunteers.id), 议事荟: String(committee.id) },
    people: { 钱阿姨: String(qianTg.id), 万大姐: String(wanTg.id) },
  })
  return {
    ...wechat,
    groups: wechat.groups.map((g, i) => ({ ...g, ids: { ...g.ids, ...telegram.groups[i]!.ids } })),
    people: wechat.people.map((p, i) => ({ ...p, ids: { ...p.ids, ...telegram.people[i]!.ids } })),
  }
}

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(async () => {
  await emu?.stop()
})

/** Where the scenario's thanks to 钱阿姨 arrived (set by the first test). */
let thanksOn: { telegram: boolean; wechat: boolean } | undefined

describe('one ringbell process, Telegram and WeChat side by side', () => {
  it('a ring in a WeChat room is claimed from Telegram by the same person, and closes in WeChat', async () => {
    const config = crossPlatformConfig()
    const qianCfg = config.people.find((p) => p.name === '钱阿姨')!
    expect(qianCfg.ids).toMatchObject({ wechat: '钱阿姨', telegram: String(qianTg.id) })

    // ── WeChat: the mock world. 钱阿姨 also lives in 9幢 and has a WeChat account there.
    const w = new MockWorld({ bot: 'ringbell', rooms: { [R9]: ['王阿姨', '严大伯', '钱阿姨'] } })
    const clock = new SimClock(DEMO_START) // Monday 09:00 in Shanghai: 钱阿姨 is on duty
    const wechat = createWechatAdapter({
      puppet: w.puppet,
      name: null,
      clock,
      log: silentLogger(),
      terminal: () => undefined,
      chunkGapMs: 0,
      pacing: { perChatMs: 0, perAccountMs: 0 },
    })
    // Counts what the app finished handling from WeChat, so a step waits for its message before draining.
    let handled = 0
    let evented = 0
    const countingWechat: ChatAdapter = Object.assign(Object.create(wechat) as ChatAdapter, {
      start: (onMessage: Parameters<ChatAdapter['start']>[0], onEvent: Parameters<ChatAdapter['start']>[1]) =>
        wechat.start(
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

    // ── Telegram: real telegraf in webhook mode; the emulator posts users' messages to the hook.
    const token = '4300:CROSS-PLATFORM'
    const port = await freePort()
    const telegram = createTelegramAdapter({
      token,
      apiRoot: emu.config.apiURL,
      webhook: { domain: `http://${HOST}:${port}`, path: '/tg/cross', port, host: HOST },
    })

    // One process, both platforms; relay and timers driven by the test (drain). startBell stops it
    // (adapters first) after the test.
    const rb = await startBell({ adapters: [telegram, countingWechat], config, clock, background: false })
    try {
      w.login()
      await waitFor(() => wechat.isReady() && evented === 1, 'WeChat login')
      expect(telegram.isReady()).toBe(true)

      const inTg = (chat: TgChat): BotSent[] => botSent(emu, token).filter((s) => s.chatId === String(chat.id))
      const tgTexts = (chat: TgChat) =>
        inTg(chat)
          .map((s) => s.text)
          .join('\n')
      const wxTexts = (room: string) =>
        w
          .sentTo(room)
          .map((s) => s.text)
          .join('\n')
      const wxSays = async (who: string, text: string) => {
        const before = handled
        w.say(who, text, R9)
        await waitFor(() => handled > before, `the app handling "${text}"`)
        await rb.drain()
      }
      // say() resolves once the webhook handler finished, so the outbox rows are already written.
      const tgSays = async (from: TgUser, chat: TgChat, text: string, extra: object = {}) => {
        await say(emu, token, from, chat, { text, ...extra })
        await rb.drain()
      }

      // 1. 王阿姨 rings in the WeChat room.
      await wxSays('王阿姨', `按铃 楼道灯坏了 ${PHONE}`)
      expect(wxTexts(R9)).toMatch(/🔔 #1 已受理：物业·9幢/)
      // WeChat has no quote API: the ack quotes the ring as text, with the phone masked.
      expect(w.sentTo(R9)).toHaveLength(1)
      expect(wxTexts(R9)).toContain(`@王阿姨${AT_SEP}「按铃 楼道灯坏了 138****5678」`)

      // 2. The ping lands in the Telegram volunteers' supergroup with a real text_mention of 钱阿姨's Telegram id.
      const ping = await waitFor(() => inTg(volunteers).find((s) => s.text.includes('🔔 #1')), 'the ping on Telegram')
      expect(ping.text).toContain('楼道灯坏了 138****5678')
      const mention = ping.entities.find((e) => e.type === 'text_mention')
      expect(mention && mention.type === 'text_mention' && mention.user.id).toBe(qianTg.id)
      expect(ping.text.slice(mention!.offset, mention!.offset + mention!.length)).toBe('@钱阿姨')
      // 万大姐 (法律, 银龄) is not pinged for a light; nobody was pinged on WeChat (no volunteers' room there).
      expect(ping.entities.filter((e) => e.type === 'text_mention')).toHaveLength(1)
      expect(w.puppet.sent.every((s) => s.topic === R9)).toBe(true)

      // 3. 钱阿姨 claims from Telegram by quoting the ping with 接.
      await tgSays(qianTg, volunteers, '接', { reply_to_message: quoted(ping, volunteers) })
      expect(wxTexts(R9)).toMatch(/✅ #1 由 钱阿姨 接单/)
      expect(tgTexts(volunteers)).toMatch(/✅ #1 钱阿姨 接了/)
      // The contact goes to a Telegram private chat (she spoke from Telegram), with the phone unmasked…
      const contact = tgTexts(dm(qianTg))
      expect(contact).toMatch(/您接了 #1/)
      expect(contact).toContain(PHONE)
      expect(contact).toMatch(/居民：王阿姨/)
      // …and not to her WeChat account.
      expect(w.sentToPerson('钱阿姨')).toEqual([])

      // 4. 完成 on Telegram → the WeChat room hears it, with a real @mention of 王阿姨 asking her to verify.
      await tgSays(qianTg, volunteers, '完成 1 换了灯泡')
      const done = w.sentTo(R9).find((s) => s.text.includes('🎉 #1'))
      expect(done, 'the 🎉 message in the WeChat room').toBeDefined()
      expect(done!.text).toMatch(/🎉 #1 钱阿姨 已办好：换了灯泡/)
      expect(done!.text).toContain(`@王阿姨${AT_SEP}`)
      expect(done!.mentionIdList).toEqual([w.person('王阿姨').id])

      // 5. 满意 in WeChat → closed, said in the room.
      await wxSays('王阿姨', '满意 1')
      expect(wxTexts(R9)).toMatch(/🙏 #1 已办结/)
      // 钱阿姨 is thanked once, privately, on one of her accounts (which one: see the test below).
      const thanks = [...inTg(dm(qianTg)), ...w.sentToPerson('钱阿姨')].filter((s) =>
        s.text.includes('🙏 #1 王阿姨 满意'),
      )
      expect(thanks).toHaveLength(1)
      thanksOn = {
        telegram: tgTexts(dm(qianTg)).includes('🙏 #1'),
        wechat: w.sentToPerson('钱阿姨').some((s) => s.text.includes('🙏 #1')),
      }

      // The phone number never appears in any group on either platform; only in 钱阿姨's Telegram DM.
      expect(new Set(botSent(emu, token).map((s) => s.chatId))).toEqual(
        new Set([String(volunteers.id), String(qianTg.id)]),
      )
      for (const s of inTg(volunteers)) expect(s.text).not.toContain(PHONE)
      for (const s of w.puppet.sent) expect(s.text, `WeChat ${s.topic ?? s.conversationId}`).not.toContain(PHONE)
      expect(tgTexts(committee)).toBe('') // nothing escalated

      // Everything each side saw from the bot, in order.
      expect(w.sentTo(R9).map((s) => s.text)).toEqual([
        `@王阿姨${AT_SEP}「按铃 楼道灯坏了 138****5678」\n🔔 #1 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。`,
        '✅ #1 由 钱阿姨 接单，请放心。',
        `🎉 #1 钱阿姨 已办好：换了灯泡\n@王阿姨${AT_SEP}请回复「满意 1」或「不满意 1 原因」。`,
        '🙏 #1 已办结，谢谢您的评价！',
      ])
      expect(inTg(volunteers).map((s) => s.text)).toEqual([
        '🔔 #1 物业·9幢：楼道灯坏了 138****5678\n请回复「接单 1」接单 @钱阿姨',
        '✅ #1 钱阿姨 接了。', // 请放心 is for the resident
        '✓ #1 已转告9幢业主群', // the 完成 went to another group: confirmed where she wrote, without a second buzz
      ])
      // The ping mentions her for real (a text_mention, she has no username); the confirmation does not.
      expect(inTg(volunteers)[0]!.entities).toContainEqual(
        expect.objectContaining({ type: 'text_mention', user: expect.objectContaining({ id: qianTg.id }) }),
      )
      expect(inTg(volunteers)[2]!.entities ?? []).toEqual([])
      // Every message was delivered; nothing is left or failed in the outbox, and no row was written for
      // the console chats every group has, since no console runs in this process.
      expect(await rb.db.outbox.count({ where: { status: { not: 'sent' } } })).toBe(0)
      expect(await rb.db.outbox.count({ where: { platform: 'console' } })).toBe(0)

      // The database: the case closed as verified, claimed by the one 钱阿姨 with her two accounts.
      const c = await rb.db.case.findFirstOrThrow({ where: { number: 1 } })
      expect(c).toMatchObject({
        status: 'closed',
        closeReason: 'verified',
        satisfied: true,
        originPlatform: 'wechat',
        originChatId: R9,
      })
      expect(c.contact).toContain(PHONE)
      expect(c.text).not.toContain(PHONE)
      const qians = await rb.db.person.findMany({ where: { name: '钱阿姨' }, include: { identities: true } })
      expect(qians).toHaveLength(1)
      expect(c.claimantId).toBe(qians[0]!.id)
      // Her Telegram account (and the console name every person gets from the seed). Her WeChat name in
      // the file is no account: a volunteer's WeChat account is bound with a one-time code
      // (tests/adapters/wechat/identity.mock.test.ts), since anyone can call themselves 钱阿姨 there.
      expect(qians[0]!.identities.map((i) => `${i.platform}:${i.userId}`).sort()).toEqual([
        'console:钱阿姨',
        'telegram:5551',
      ])
      const wang = await rb.db.person.findFirstOrThrow({ where: { name: '王阿姨' }, include: { identities: true } })
      expect(c.reporterId).toBe(wang.id)
      expect(await rb.db.case.count()).toBe(1)
    } finally {
      // Also stopped by startBell's cleanup; stopping here first keeps the emulator's afterAll last.
      await rb.stop()
      await telegram.stop()
    }
  }, 60_000)

  // A direct message to someone other than the sender goes where *they* last wrote to the bot:
  // 王阿姨's 满意 comes from WeChat, but 钱阿姨 works the case from Telegram.
  it('the thanks for 满意 reaches 钱阿姨 on Telegram, where she works the case', () => {
    expect(thanksOn).toEqual({ telegram: true, wechat: false })
  })
})
