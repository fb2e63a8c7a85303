// A 入户征询 and a notice as Telegram users (issue 14), through the app, the real telegraf client and the
// emulator: a consultation written on several lines, answered in the group, by quoting its announcement
// and privately — confirmed privately, never in the group; a neighbour's quoted message stays
// conversation; the result; a notice on several lines, pinned (pinChatMessage is asked for), updated.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { demoWith } from '../../helpers/index.js'
import { withTelegramBell } from './bell-rig.js'
import { quoted, startEmulator, type Emulator, type TgChat, type TgUser } from './emulator.js'

const residents9: TgChat = { id: -1009000000009, type: 'supergroup', title: '9幢业主群' }
const volunteers: TgChat = { id: -1001234567890, type: 'supergroup', title: '好大姐志愿者群' }
const committee: TgChat = { id: -1009990000001, type: 'supergroup', title: '议事荟' }
const wang: TgUser = { id: 5550001, first_name: '王阿姨' }
const yan: TgUser = { id: 5550002, first_name: '严大伯' }
const mao: TgUser = { id: 5550003, first_name: '毛大姐' }
const zhao: TgUser = { id: 5558, first_name: '赵专员' }
const xu: TgUser = { id: 5559, first_name: '徐书记' }
const dm = (u: TgUser): TgChat => ({ id: u.id, type: 'private' })

const config = demoWith('telegram', {
  groups: { '9幢业主群': String(residents9.id), 好大姐志愿者群: String(volunteers.id), 议事荟: String(committee.id) },
  people: {
    王阿姨: String(wang.id),
    严大伯: String(yan.id),
    毛大姐: String(mao.id),
    赵专员: String(zhao.id),
    徐书记: String(xu.id),
  },
})

let emu: Emulator
let dir: string
beforeAll(async () => {
  emu = await startEmulator()
  dir = mkdtempSync(join(tmpdir(), 'ringbell-tg-consult-'))
})
afterAll(async () => {
  await emu.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('a 入户征询 and a notice on Telegram', () => {
  it('answers in the group, by quote and privately are confirmed privately; the group sees the announcement and the result only', async () => {
    const start = { emu, dir, name: 'consult', config, at: new Date('2026-01-05T01:00:00Z') }
    await withTelegramBell(start, async ({ proxy, sent: inChat, inChat: texts, said: tell }) => {
      const said = (from: TgUser, chat: TgChat, text: string, extra: object = {}) =>
        tell(from, chat, { text, ...extra })
      for (const line of ['登记 9幢2单元301 王阿姨', '登记 9幢2单元302 严大伯', '登记 9幢2单元303 毛大姐'])
        await said(zhao, dm(zhao), line)
      expect(texts(dm(zhao))).toHaveLength(3)

      await said(
        xu,
        committee,
        ['征询 拆除9幢北侧围墙', '理由：围墙挡光，多位居民反映', '范围：9幢', '门槛：全体2/3', '截止：3天'].join('\n'),
      )
      const announcement = inChat(residents9).find((s) => s.text.startsWith('📋【征询 1】'))!
      expect(announcement.text.split('\n').slice(0, 2)).toEqual([
        '📋【征询 1】拆除9幢北侧围墙',
        '理由：围墙挡光，多位居民反映',
      ])
      expect(announcement.text).toContain('通过标准：「同意」达到全体 3 户的2/3（2 户）。')
      const before = texts(residents9).length

      await said(wang, residents9, '同意')
      await said(yan, residents9, '反对', { reply_to_message: quoted(announcement, residents9) })
      // Quoting a neighbour with 同意 is agreeing with the neighbour.
      await said(mao, residents9, '同意', {
        reply_to_message: {
          message_id: 777,
          date: Math.floor(Date.now() / 1000),
          chat: residents9,
          text: '我觉得该拆',
          from: { ...yan, is_bot: false },
        },
      })
      expect(texts(dm(mao))).toEqual([])
      await said(mao, dm(mao), '同意')

      expect(texts(residents9)).toHaveLength(before)
      expect(texts(dm(wang))).toEqual([
        expect.stringContaining('您家（9幢2单元301）对【征询 1】拆除9幢北侧围墙 的回答：同意') as string,
      ])
      expect(texts(dm(yan))).toEqual([expect.stringContaining('的回答：反对') as string])
      expect(texts(dm(mao))).toEqual([expect.stringContaining('您家（9幢2单元303）') as string])

      await said(xu, committee, '结束 1')
      const result = texts(residents9).at(-1)!
      expect(result.split('\n')).toEqual([
        '📋【征询 1】结果：拆除9幢北侧围墙',
        '同意 2 户 · 反对 1 户（答复 3/3 户，100%）',
        '通过标准：「同意」达到全体 3 户的2/3（2 户） → ✅ 通过',
        '谢谢各位邻居！',
      ])

      // A notice on several lines, pinned where the bot may; then an update with an amount.
      await said(xu, committee, ['公示 9幢 置顶 电梯更换工程', '11月3日起停运两周', '请高层住户提前安排'].join('\n'))
      expect(texts(residents9).at(-1)).toBe('📌【公示 1】电梯更换工程\n11月3日起停运两周\n请高层住户提前安排')
      const pins = proxy.log.filter((e) => e.method === 'pinChatMessage')
      expect(pins).toHaveLength(1)
      await said(xu, committee, '公示 1 资金流向 支出 128,000.00元 新电梯首付')
      expect(texts(residents9).at(-1)).toBe(
        '📌【公示 1】电梯更换工程 · 资金流向：支出 128,000.00元 新电梯首付\n累计：收入 0.00元 · 支出 128,000.00元 · 结余 -128,000.00元',
      )

      // Nobody's answer, name or room in the residents' group.
      for (const text of texts(residents9)) expect(text).not.toMatch(/王阿姨|严大伯|毛大姐|30[123]/)
    })
  }, 120_000)
})
