// The committee's desk on Telegram (issue 13), through the real telegraf client and the Bot API emulator:
// triage in both modes, and the export and the chart arriving as a document and a photo (the emulator has
// no sendDocument or sendPhoto: the proxy in front of it answers those and keeps what it was sent).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { defaultTriage } from '../../../src/domain/settings.js'

import { demoWith } from '../../helpers/index.js'
import { withTelegramBell, type TelegramBell } from './bell-rig.js'
import { startEmulator, type Emulator, type TgChat, type TgUser } from './emulator.js'

const residents9: TgChat = { id: -4012345678, type: 'group', title: '9幢业主群' }
const volunteers: TgChat = { id: -1001234567890, type: 'supergroup', title: '好大姐志愿者群' }
const committee: TgChat = { id: -1009990000001, type: 'supergroup', title: '议事荟' }
const wang: TgUser = { id: 5550001, first_name: '王阿姨' }
const qian: TgUser = { id: 5551, first_name: '钱阿姨' }
const zhao: TgUser = { id: 5554, first_name: '赵专员' }
const xu: TgUser = { id: 5559, first_name: '徐书记' }
const dm = (u: TgUser): TgChat => ({ id: u.id, type: 'private' })

const base = demoWith('telegram', {
  groups: { '9幢业主群': String(residents9.id), 好大姐志愿者群: String(volunteers.id), 议事荟: String(committee.id) },
  people: { 王阿姨: String(wang.id), 钱阿姨: String(qian.id), 赵专员: String(zhao.id), 徐书记: String(xu.id) },
})
const MONDAY_9AM = new Date('2026-11-02T01:00:00Z')

let emu: Emulator
let dir: string
beforeAll(async () => {
  emu = await startEmulator()
  dir = mkdtempSync(join(tmpdir(), 'ringbell-tg-desk-'))
})
afterAll(async () => {
  await emu.stop()
  rmSync(dir, { recursive: true, force: true })
})

const withRingbell = (mode: 'auto' | 'staff', body: (bell: TelegramBell) => Promise<void>) =>
  withTelegramBell(
    { emu, dir, name: 'desk', config: { ...base, triage: { ...defaultTriage, mode } }, at: MONDAY_9AM },
    body,
  )

describe('the committee’s desk on Telegram', () => {
  it('triage: auto — accepted at once, and the volunteers are pinged', async () => {
    await withRingbell('auto', async ({ inChat, said }) => {
      await said(wang, residents9, '按铃 楼道灯坏了')
      expect(inChat(residents9)).toEqual(['🔔 #1 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。'])
      expect(inChat(volunteers)[0]).toMatch(/^🔔 #1 物业·9幢：楼道灯坏了/)
    })
  })

  it('triage: staff — received, staff asked privately, accepted, then the volunteers hear', async () => {
    await withRingbell('staff', async ({ inChat, said }) => {
      await said(wang, residents9, '按铃 楼道灯坏了')
      expect(inChat(residents9)).toEqual(['🔔 #1 收到了：物业·9幢。社区专员看过后会安排志愿者，有消息会在群里告诉您。'])
      expect(inChat(volunteers)).toEqual([])
      expect(inChat(dm(zhao))[0]).toMatch(/^🆕 #1 物业·9幢：楼道灯坏了\n请受理：回复「受理 1」/)
      await said(zhao, dm(zhao), '受理 1')
      expect(inChat(residents9)[1]).toBe('✅ #1 社区已受理，正在通知志愿者，有人接单会在群里告诉您。')
      expect(inChat(volunteers)[0]).toMatch(/^🔔 #1 物业·9幢：楼道灯坏了/)
      await said(zhao, dm(zhao), '转办 1 物业公司 灯归物业换')
      expect(inChat(residents9)[2]).toBe('📨 #1 已转给物业公司办理：灯归物业换。有结果会在群里告诉您，请放心。')
    })
  })

  it('导出 arrives as a CSV document and 统计 图 as a photo', async () => {
    await withRingbell('auto', async ({ proxy, said }) => {
      await said(wang, residents9, '按铃 楼道灯坏了 13812345678')
      await said(xu, committee, '导出')
      await said(xu, committee, '统计 图')
      await said(xu, dm(xu), '导出')
      const [group, chart, private_] = proxy.files
      expect(group).toMatchObject({
        method: 'sendDocument',
        chatId: String(committee.id),
        name: '锦绣社区-2026-11-01_2026-11-30.csv',
        caption: expect.stringMatching(/^@徐书记 📎 本月（2026年11月）的单子 1 件/),
      })
      expect(group!.replyTo, 'the file answers the message that asked for it').toBeGreaterThan(0)
      const rows = parse(group!.data, { bom: true, columns: true }) as Record<string, string>[]
      expect(rows).toMatchObject([{ 单号: '1', 内容: '楼道灯坏了 138****5678' }])
      expect(group!.data.toString('utf8')).not.toContain('13812345678')
      expect(chart).toMatchObject({ method: 'sendPhoto', chatId: String(committee.id), name: 'chart.png' })
      expect([...chart!.data.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG')
      // The admin's private copy has the numbers.
      expect(private_).toMatchObject({ method: 'sendDocument', chatId: String(xu.id) })
      expect((parse(private_!.data, { bom: true, columns: true }) as Record<string, string>[])[0]!.电话).toBe(
        '13812345678',
      )
    })
  }, 30_000)
})
