// Chats that change under the bot, as Telegram users see them through the emulator: a group upgraded to
// a supergroup (a new chat id), a volunteer who never opened a private chat with the bot, and the
// language a person's app is set to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoWith, tempDir } from '../../helpers/index.js'
import { withTelegramBell, type TelegramBell } from './bell-rig.js'
import { startEmulator, type Emulator, type Fault, type Said, type TgChat, type TgUser } from './emulator.js'

const residents9: TgChat = { id: -4012345678, type: 'group', title: '9幢业主群' }
/** what 9幢业主群 becomes at 200 members */
const residents9super: TgChat = { id: -1002471352452, type: 'supergroup', title: '9幢业主群' }
const volunteers: TgChat = { id: -1001234567890, type: 'supergroup', title: '好大姐志愿者群' }
const wang: TgUser = { id: 5550001, first_name: '王阿姨', language_code: 'zh-hans' }
const qian: TgUser = { id: 5551, first_name: '钱阿姨', language_code: 'zh-hans' }
const xu: TgUser = { id: 5559, first_name: '徐书记', language_code: 'zh-hans' }
const dm = (u: TgUser): TgChat => ({ id: u.id, type: 'private' })

const config = demoWith('telegram', {
  groups: { '9幢业主群': String(residents9.id), 好大姐志愿者群: String(volunteers.id) },
  people: { 王阿姨: String(wang.id), 钱阿姨: String(qian.id), 徐书记: String(xu.id) },
})
const MONDAY_9AM = new Date('2026-01-05T01:00:00Z')

let emu: Emulator
let dir: string
beforeAll(async () => {
  emu = await startEmulator()
  dir = tempDir()
})
afterAll(async () => {
  await emu.stop()
})

const withBell = <T>(
  plan: (body: Record<string, unknown>) => Fault | undefined,
  body: (bell: TelegramBell) => Promise<T>,
): Promise<T> => withTelegramBell({ emu, dir, name: 'chats', config, at: MONDAY_9AM, fault: (_n, b) => plan(b) }, body)

const command = (text: string): Said => ({
  text,
  entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }],
})

describe('a group upgraded to a supergroup', () => {
  it('a send to the old id follows migrate_to_chat_id: the message arrives, and the binding, the case and the queue move', async () => {
    let upgraded = false
    await withBell(
      (b) =>
        upgraded && b.chat_id === residents9.id
          ? {
              kind: 'api',
              code: 400,
              description: 'Bad Request: group chat was upgraded to a supergroup chat',
              parameters: { migrate_to_chat_id: residents9super.id },
            }
          : undefined,
      async ({ rb, said, inChat }) => {
        await said(wang, residents9, '按铃 9幢2单元楼道灯坏了')
        expect(inChat(residents9)).toEqual([expect.stringMatching(/^🔔 #1 已受理/)])
        upgraded = true // 200 members: Telegram moved the group; nobody told the bot yet

        await said(qian, volunteers, '接单 1')
        expect(inChat(residents9super)).toEqual(['✅ #1 由 钱阿姨 接单，请放心。'])
        const binding = await rb.db.groupChat.findMany({
          where: { platform: 'telegram', group: { name: '9幢业主群' } },
        })
        expect(binding.map((c) => c.chatId)).toEqual([String(residents9super.id)])
        expect((await rb.db.case.findFirstOrThrow()).originChatId).toBe(String(residents9super.id))

        // Rings in the supergroup are the building's, without binding it again; updates land there too.
        await said(wang, residents9super, '按铃 电梯又停了')
        await said(qian, volunteers, '进展 1 已联系物业')
        expect(inChat(residents9super)).toEqual([
          '✅ #1 由 钱阿姨 接单，请放心。',
          expect.stringMatching(/^🔔 #2 已受理/),
          '📝 #1 钱阿姨：已联系物业',
        ])
        expect(await rb.db.outbox.count({ where: { status: 'failed' } })).toBe(0)
      },
    )
  }, 60_000)

  it('the service messages alone move the binding: a ring right after, in the supergroup, is accepted', async () => {
    await withBell(
      () => undefined,
      async ({ said, inChat }) => {
        await said(xu, residents9, { migrate_to_chat_id: residents9super.id })
        await said(xu, residents9super, { migrate_from_chat_id: residents9.id })
        await said(wang, residents9super, '按铃 9幢门禁坏了')
        expect(inChat(residents9super)).toEqual([expect.stringMatching(/^🔔 #1 已受理/)])
        expect(inChat(residents9)).toEqual([])
      },
    )
  }, 60_000)
})

describe('a volunteer who never pressed Start claims', () => {
  it('is asked in the group to open a private chat; the contact waits and arrives when they do', async () => {
    let started = false
    await withBell(
      (b) =>
        b.chat_id === qian.id && !started
          ? { kind: 'api', code: 403, description: "Forbidden: bot can't initiate conversation with a user" }
          : undefined,
      async ({ rb, said, inChat }) => {
        await said(wang, residents9, '按铃 9幢2单元楼道灯坏了 13812345678')
        await said(qian, volunteers, '接单 1')
        const asked = inChat(volunteers).at(-1)
        expect(asked).toBe(
          '@钱阿姨 我还没法私聊您：请点我的头像进私聊，按一下「开始」（Start），#1 居民的联系方式马上就发给您。🙏',
        )
        expect(inChat(dm(qian))).toEqual([])
        expect(await rb.db.outbox.count({ where: { status: 'waiting' } })).toBe(1)

        started = true
        await said(qian, dm(qian), command('/start'))
        const privately = inChat(dm(qian))
        expect(privately[0]).toMatch(/^您接了 #1（9幢2单元）.*\n居民：王阿姨\u3000电话：13812345678/)
        expect(privately[1]).toMatch(/^🔔 协商铃 怎么用/)
        expect(await rb.db.outbox.count({ where: { status: { in: ['waiting', 'failed', 'pending'] } } })).toBe(0)
      },
    )
  }, 60_000)
})

describe("replies in the language a person's app is set to", () => {
  it('/start and slash commands answer a Chinese phone in Chinese, an English one in English', async () => {
    await withBell(
      () => undefined,
      async ({ said, inChat }) => {
        const zhNeighbour: TgUser = { id: 5550009, first_name: '李阿姨', language_code: 'zh-hans' }
        const enNeighbour: TgUser = { id: 5550010, first_name: 'Lee', language_code: 'en' }
        // Strangers (not yet in a bound group) are told where the bell is, in their phone's language.
        await said(zhNeighbour, dm(zhNeighbour), command('/start'))
        await said(enNeighbour, dm(enNeighbour), command('/start'))
        expect(inChat(dm(zhNeighbour))[0]).toMatch(/^您好！协商铃在小区的业主群里用/)
        expect(inChat(dm(enNeighbour))[0]).toMatch(/^Hello! The bell works in your building/)
        // A resident's slash command says nothing about a language: their Chinese phone decides.
        await said(wang, dm(wang), command('/status 99'))
        expect(inChat(dm(wang))[0]).toBe('没有找到 #99，请核对一下单号。')
        // What the words say still decides: English words get English, whatever the phone.
        await said(wang, dm(wang), command('/status 99 please'))
        expect(inChat(dm(wang))[1]).toBe('No case #99; please check the number.')
      },
    )
  }, 60_000)
})
