// A building ringing at once, on Telegram (issue 12), through the real telegraf client, the relay's
// pacing and the Bot API emulator: one incident formed, split and merged; acks waiting behind the
// group's 20 a minute folded into one message naming each ringer; pings for distinct cases folded into
// one the volunteers still claim from — by number, and by quoting the line of the case.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoWith } from '../../helpers/index.js'
import { withTelegramBell, type TelegramBell } from './bell-rig.js'
import { quoted, startEmulator, type BotSent, type Emulator, type Said, type TgChat, type TgUser } from './emulator.js'

const residents9: TgChat = { id: -4012345679, type: 'group', title: '9幢业主群' }
const volunteers: TgChat = { id: -1001234567891, type: 'supergroup', title: '好大姐志愿者群' }
const wang: TgUser = { id: 5560001, first_name: '王阿姨' }
const yan: TgUser = { id: 5560002, first_name: '严大伯' }
const mao: TgUser = { id: 5560003, first_name: '毛大姐' }
const qian: TgUser = { id: 5561, first_name: '钱阿姨' }
const zhao: TgUser = { id: 5564, first_name: '赵专员' }
const neighbour = (i: number): TgUser => ({ id: 5570000 + i, first_name: `邻居${i}` })

const base = demoWith('telegram', {
  groups: { '9幢业主群': String(residents9.id), 好大姐志愿者群: String(volunteers.id) },
  people: {
    王阿姨: String(wang.id),
    严大伯: String(yan.id),
    毛大姐: String(mao.id),
    钱阿姨: String(qian.id),
    赵专员: String(zhao.id),
  },
})
const MONDAY_9AM = new Date('2026-11-02T01:00:00Z')

let emu: Emulator
let dir: string
beforeAll(async () => {
  emu = await startEmulator()
  dir = mkdtempSync(join(tmpdir(), 'ringbell-tg-burst-'))
})
afterAll(async () => {
  await emu.stop()
  rmSync(dir, { recursive: true, force: true })
})

const withRingbell = (body: (bell: TelegramBell) => Promise<void>) =>
  withTelegramBell({ emu, dir, name: 'burst', config: base, at: MONDAY_9AM }, body)

const mentioned = (s: BotSent) =>
  s.entities.flatMap((e) => (e.type === 'text_mention' ? [s.text.slice(e.offset, e.offset + e.length)] : []))

describe('a building rings at once, on Telegram', () => {
  it('one incident: the first ring opens it; the rest are told their number in one folded message', async () => {
    await withRingbell(async ({ rb, sent, inChat, write, drain }) => {
      await write(wang, residents9, '按铃 9幢停电了')
      await drain()
      // The group's budget is now spent for 3 s: the next acks wait, and leave together.
      for (const u of [yan, mao, neighbour(1), neighbour(2)]) await write(u, residents9, '按铃 9幢停电了！')
      await drain()
      expect(inChat(residents9)).toEqual([
        '🔔 #1 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。',
        [
          '@严大伯 已记入 #1（共 2 户）',
          '@毛大姐 已记入 #1（共 3 户）',
          '@邻居1 已记入 #1（共 4 户）',
          '@邻居2 已记入 #1（共 5 户）',
        ].join('\n'),
      ])
      // Each ringer is @mentioned (notified), the residents they are.
      expect(mentioned(sent(residents9)[1]!)).toEqual(['@严大伯', '@毛大姐', '@邻居1', '@邻居2'])
      // The volunteers saw one case, then its count at 5 households.
      expect(inChat(volunteers)).toEqual([
        expect.stringMatching(/^🔔 #1 物业·9幢：9幢停电了/),
        '📈 #1 已有 5 户反映同一件事。',
      ])
      expect(await rb.db.case.count()).toBe(1)
    })
  }, 60_000)

  it('staff split a ring out and merge a case in, through the Telegram client', async () => {
    await withRingbell(async ({ rb, inChat, write, drain }) => {
      await write(wang, residents9, '按铃 9幢停电了')
      await write(yan, residents9, '按铃 9幢2单元302停电了')
      await write(mao, residents9, '按铃 9幢没电了，灯都不亮')
      await drain()
      await write(zhao, volunteers, '拆分 1 302')
      await write(zhao, volunteers, '合并 2 1')
      await drain()
      const said = inChat(volunteers).join('\n')
      expect(said).toContain('好的，严大伯 的铃已从 #1 拆出，单独记为 #3；#1 现在 1 户。')
      expect(said).toContain('好的，#2 已并入 #1，共 2 户反映。')
      expect(inChat(residents9).join('\n')).toContain('🔁 #2 和 #1 是同一件事，已并入 #1 一起办，共 2 户反映。 @毛大姐')
      const cases = await rb.db.case.findMany({ orderBy: { number: 'asc' } })
      expect(cases.map((c) => [c.number, c.status, c.closeReason, c.supporters])).toEqual([
        [1, 'open', null, 1],
        [2, 'closed', 'duplicate', 0],
        [3, 'open', null, 0],
      ])
    })
  }, 60_000)

  it('pings for distinct problems fold into one; a volunteer claims one by quoting its line, or by number', async () => {
    await withRingbell(async ({ rb, sent, inChat, write, drain }) => {
      await write(wang, residents9, '按铃 9幢电梯停了')
      await drain()
      await write(yan, residents9, '按铃 9幢2单元楼道灯坏了')
      await write(mao, residents9, '按铃 9幢3单元门禁坏了')
      await write(neighbour(3), residents9, '按铃 9幢4单元水管漏水')
      await drain()
      const pings = sent(volunteers)
      expect(pings).toHaveLength(2)
      const folded = pings[1]!
      expect(folded.text).toBe(
        [
          '🔔 #2 物业·9幢2单元：9幢2单元楼道灯坏了',
          '请回复「接单 2」接单',
          '🔔 #3 物业·9幢3单元：9幢3单元门禁坏了',
          '请回复「接单 3」接单',
          '🔔 #4 物业·9幢4单元：9幢4单元水管漏水',
          '请回复「接单 4」接单',
          '@钱阿姨',
        ].join('\n'),
      )
      // Quoting the whole message does not say which: she is asked for the number.
      await write(qian, volunteers, { text: '接', reply_to_message: quoted(folded, volunteers) })
      await drain()
      expect(inChat(volunteers).at(-1)).toBe('@钱阿姨 这条消息说了 #2、#3、#4 几件事，是哪一件？请写上单号，比如：接 2')
      // Quoting the line of #3 claims #3.
      await write(qian, volunteers, {
        text: '接',
        reply_to_message: quoted(folded, volunteers),
        quote: { text: '🔔 #3 物业·9幢3单元：9幢3单元门禁坏了', position: folded.text.indexOf('🔔 #3') },
      } as Said)
      await write(qian, volunteers, '接单 4')
      await drain()
      const cases = await rb.db.case.findMany({ orderBy: { number: 'asc' } })
      expect(cases.map((c) => [c.number, c.status])).toEqual([
        [1, 'open'],
        [2, 'open'],
        [3, 'claimed'],
        [4, 'claimed'],
      ])
    })
  }, 60_000)
})
