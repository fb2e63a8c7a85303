// The whole loop as Telegram users, through the app, the real telegraf client and the emulator:
// bind a residents' group (/bind) → ring in a residents' group → ping with a real mention in the volunteers' group → claim by quoting
// the ping with 接 → 进展 → 完成 → 满意 → 统计. Run once clean and once behind a fault proxy.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Ringbell } from '../../../src/ringbell.js'

import { demoWith } from '../../helpers/index.js'
import { withTelegramBell } from './bell-rig.js'
import {
  EMULATED_BOT,
  botSent,
  quoted,
  say,
  startEmulator,
  type BotSent,
  type Emulator,
  type Fault,
  type FaultProxy,
  type ProxyLogEntry,
  type TgChat,
  type TgUser,
} from './emulator.js'

const residents9: TgChat = { id: -4012345678, type: 'group', title: '9幢业主群' }
const residents10: TgChat = { id: -1002000000010, type: 'supergroup', title: '10幢业主群' }
const volunteers: TgChat = { id: -1001234567890, type: 'supergroup', title: '好大姐志愿者群' }
const committee: TgChat = { id: -1009990000001, type: 'supergroup', title: '议事荟' }
const wang: TgUser = { id: 5550001, first_name: '王阿姨' }
const qian: TgUser = { id: 5551, first_name: '钱阿姨' }
const xu: TgUser = { id: 5559, first_name: '徐书记' }
// Not in the config: the app registers a first-time neighbour as a resident.
const yan: TgUser = { id: 5550002, first_name: '严大伯' }
const dm = (u: TgUser): TgChat => ({ id: u.id, type: 'private' })

// 10幢业主群 has no chat id: the admin binds the Telegram group from inside it.
const config = demoWith('telegram', {
  groups: { '9幢业主群': String(residents9.id), 好大姐志愿者群: String(volunteers.id), 议事荟: String(committee.id) },
  people: { 王阿姨: String(wang.id), 钱阿姨: String(qian.id), 徐书记: String(xu.id) },
})

// Monday 09:00 in Shanghai: 钱阿姨 is on duty.
const MONDAY_9AM = new Date('2026-01-05T01:00:00Z')
const PER_CHAT_MS = 1000

interface Run {
  sent: BotSent[]
  log: ProxyLogEntry[]
}

let emu: Emulator
let dir: string
beforeAll(async () => {
  emu = await startEmulator()
  dir = mkdtempSync(join(tmpdir(), 'ringbell-tg-loop-'))
})
afterAll(async () => {
  await emu.stop()
  rmSync(dir, { recursive: true, force: true })
})

interface Rig {
  token: string
  /** where Telegram posts updates to this bot */
  hookUrl: string
  rb: Ringbell
  inChat(chat: TgChat): BotSent[]
  said(from: TgUser, chat: TgChat, text: string, extra?: object): Promise<void>
}

/** ringbell with the Telegram adapter in webhook mode, its Bot API calls going through a fault proxy. */
const withRingbell = <T>(
  plan: (n: number) => Fault | undefined,
  body: (rig: Rig, proxy: FaultProxy) => Promise<T>,
): Promise<T> =>
  withTelegramBell({ emu, dir, name: 'loop', config, at: MONDAY_9AM, fault: (n) => plan(n) }, (bell) =>
    body(
      {
        token: bell.token,
        hookUrl: bell.hookUrl,
        rb: bell.rb,
        inChat: bell.sent,
        said: (from, chat, text, extra = {}) => bell.said(from, chat, { text, ...extra }),
      },
      bell.proxy,
    ),
  )

const runLoop = (plan: (n: number) => Fault | undefined): Promise<Run> =>
  withRingbell(plan, async ({ token, hookUrl, rb, inChat, said }, proxy) => {
    const bindText = `/bind@${EMULATED_BOT.username} 锦绣新村 10幢 业主`
    await said(xu, residents10, bindText, {
      entities: [{ type: 'bot_command', offset: 0, length: bindText.indexOf(' ') }],
    })
    // Two rings back to back, so the relay has a queue per chat to pace.
    const ringText = `/ring@${EMULATED_BOT.username} 9幢2单元楼道灯坏了 13812345678`
    const ringEntities = [{ type: 'bot_command' as const, offset: 0, length: ringText.indexOf(' ') }]
    await say(emu, token, wang, residents9, { text: ringText, entities: ringEntities })
    await say(emu, token, yan, residents9, '按铃 9幢电梯又停了')
    await rb.drain()

    // Telegram redelivers an update (a webhook timeout, a restart): nothing new may come of it.
    const ack = inChat(residents9).find((s) => s.text.includes('🔔 #1 已受理'))
    expect(ack?.reply_parameters, 'the ack quotes the ring').toBeDefined()
    const before = botSent(emu, token).length
    const again = await fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        update_id: 99_999,
        message: {
          message_id: ack!.reply_parameters!.message_id,
          date: Math.floor(Date.now() / 1000),
          chat: residents9,
          from: { ...wang, is_bot: false },
          text: ringText,
          entities: ringEntities,
        },
      }),
    })
    expect(again.status).toBe(200)
    await rb.drain()
    expect(botSent(emu, token).length, 'a redelivered ring creates nothing').toBe(before)

    const ping = inChat(volunteers).find((s) => s.text.includes('#1'))
    expect(ping, 'a ping in the volunteers group').toBeDefined()
    await said(qian, volunteers, '接', { reply_to_message: quoted(ping!, volunteers) })
    await said(qian, volunteers, '进展 1 已联系物业')
    await said(qian, volunteers, '完成 1 换了灯泡')
    await said(wang, residents9, '满意 1')
    await said(xu, committee, '统计 本月')
    return { sent: botSent(emu, token), log: proxy.log }
  })

const texts = (run: Run, chat: TgChat) => run.sent.filter((s) => s.chatId === String(chat.id)).map((s) => s.text)

describe('the whole loop on Telegram', () => {
  let clean: Run

  it('rings, pings with a real mention, claims by quoting the ping, and closes with figures', async () => {
    clean = await runLoop(() => undefined)

    expect(texts(clean, residents10).join('\n')).toMatch(/✅ 本群已绑定为「锦绣新村\/10幢 业主群」/)
    const group9 = texts(clean, residents9).join('\n')
    expect(group9).toMatch(/🔔 #1 已受理/)
    expect(group9).toMatch(/🔔 #2 已受理/)
    expect(texts(clean, volunteers).join('\n')).toMatch(/🔔 #2 .*电梯又停了/)
    expect(group9).toMatch(/#1 由 钱阿姨 接单/)
    expect(group9).toMatch(/📝 #1 钱阿姨：已联系物业/)
    expect(group9).toMatch(/🎉 #1 钱阿姨 已办好：换了灯泡/)
    expect(group9).toMatch(/🙏 #1 已办结/)

    const ping = clean.sent.find((s) => s.chatId === String(volunteers.id) && s.text.includes('🔔 #1'))!
    const mention = ping.entities.find((e) => e.type === 'text_mention')
    expect(mention && mention.type === 'text_mention' && mention.user.id).toBe(qian.id)
    expect(ping.text.slice(mention!.offset, mention!.offset + mention!.length)).toBe('@钱阿姨')
    expect(texts(clean, volunteers).join('\n')).toMatch(/#1 钱阿姨 接了/)

    // The phone number reaches the claimer's DM only; groups see it masked.
    expect(texts(clean, dm(qian)).join('\n')).toContain('13812345678')
    for (const chat of [residents9, volunteers, committee])
      expect(texts(clean, chat).join('\n')).not.toContain('13812345678')

    const figures = texts(clean, committee).join('\n')
    expect(figures).toMatch(/按铃 2 · 受理 2 · 办结 1/)
    expect(figures).toMatch(/完成率 50%/)
    expect(figures).toMatch(/满意率 100%/)
    for (const s of clean.sent) expect(s.parse_mode).toBeUndefined()
  }, 120_000)

  it('behind a fault proxy (429 with retry_after, 500s, dropped connections) every message still arrives, paced per chat', async () => {
    const faults: Record<number, Fault> = {
      0: { kind: '429', retryAfter: 2 },
      2: { kind: '500' },
      3: { kind: 'drop' },
      6: { kind: '500' },
      8: { kind: 'drop' },
      9: { kind: '429', retryAfter: 1 },
    }
    const faulty = await runLoop((n) => faults[n])
    const sends = faulty.log.filter((e) => e.method === 'sendMessage')
    expect(new Set(sends.map((e) => e.outcome))).toEqual(new Set(['429', '500', 'drop', 'forwarded']))

    // Same messages to the same chats, in the same order per chat, none lost and none doubled.
    for (const chat of [residents10, residents9, volunteers, committee, dm(qian), dm(wang), dm(xu), dm(yan)]) {
      expect(texts(faulty, chat), `chat ${chat.id}`).toEqual(texts(clean, chat))
    }
    expect(faulty.sent).toHaveLength(clean.sent.length)

    // Pacing, observed where Telegram would observe it.
    const byChat = new Map<string, ProxyLogEntry[]>()
    for (const e of sends) byChat.set(e.chatId!, [...(byChat.get(e.chatId!) ?? []), e])
    for (const [chatId, entries] of byChat) {
      for (let i = 1; i < entries.length; i++) {
        const prev = entries[i - 1]!
        const gap = entries[i]!.at - prev.at
        expect(gap, `chat ${chatId}: attempt ${i} came ${gap} ms after the previous one`).toBeGreaterThanOrEqual(
          PER_CHAT_MS - 50,
        )
        if (prev.outcome === '429') {
          const wait = (faults[sends.indexOf(prev)] as { retryAfter: number }).retryAfter * 1000
          expect(gap, `chat ${chatId}: retry_after ${wait} ms honoured`).toBeGreaterThanOrEqual(wait - 50)
        }
      }
    }
  }, 180_000)
})

describe('forum topics', () => {
  it('an answer to a message in a topic goes back into that topic, quoting it', async () => {
    const forum: TgChat = { ...volunteers, is_forum: true }
    const sent = await withRingbell(
      () => undefined,
      async ({ said, inChat }) => {
        await said(qian, forum, '我的单', { message_thread_id: 41, is_topic_message: true })
        return inChat(forum)
      },
    )
    expect(sent).toHaveLength(1)
    expect(sent[0]!.message_thread_id).toBe(41)
    expect(sent[0]!.reply_parameters).toMatchObject({ allow_sending_without_reply: true })
  }, 60_000)
})
