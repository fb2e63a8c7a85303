// One process, two platforms: a group with chats on both gets every post on both, and a person known
// on both is the same volunteer wherever they answer from.
import { describe, expect, it } from 'vitest'
import { ConsoleAdapter } from '../../adapters/console/index.js'
import { ConsoleSession } from '../../adapters/console/session.js'
import { demoWith, startBell } from '../helpers/index.js'

describe('several platforms side by side', () => {
  it('a ring from one platform is claimed from the other', async () => {
    const config = demoWith('telegram', { groups: { 好大姐志愿者群: '-100999' }, people: { 钱阿姨: '5551' } })
    const wx: string[] = []
    const tg: string[] = []
    const consoleSide = new ConsoleAdapter({ write: (l) => wx.push(l) })
    // A console that speaks for the "telegram" platform: real chat ids and user ids, no network.
    const telegramSide = new ConsoleAdapter({ write: (l) => tg.push(l), platform: 'telegram' })
    const rb = await startBell({ adapters: [consoleSide, telegramSide], config })
    const here = new ConsoleSession(rb, consoleSide, rb.clock, (l) => wx.push(l))
    const there = new ConsoleSession(rb, telegramSide, rb.clock, (l) => tg.push(l))

    await here.line('9幢业主群|王阿姨: 按铃 楼道灯坏了 13812345678')
    expect(tg).toEqual([
      '[1] -100999|ringbell: 🔔 #1 物业·9幢：楼道灯坏了 138****5678\n    请回复「接单 1」接单 @钱阿姨',
    ])
    const ping = await rb.db.outbox.findFirstOrThrow({ where: { platform: 'telegram' } })
    expect(JSON.parse(ping.content)).toContainEqual({ type: 'mention', userId: '5551', name: '钱阿姨' })

    await there.line('-100999|5551: 接单 1')
    expect(wx.filter((l) => l.includes('✅ #1'))).toEqual([
      '[3] 9幢业主群|ringbell: ✅ #1 由 钱阿姨 接单，请放心。',
      '[4] 好大姐志愿者群|ringbell: ✅ #1 钱阿姨 接了。',
    ])
    // Her contact goes where she answered from.
    expect(tg.filter((l) => l.startsWith('[3] @5551|ringbell: 您接了 #1'))).toHaveLength(1)
    expect(tg.join('\n')).toContain('电话：13812345678')
    expect(wx.join('\n')).not.toContain('13812345678')
    expect(await rb.db.person.count({ where: { name: { startsWith: '5551' } } })).toBe(0)
  })
})

describe('forum topics', () => {
  it('every update about a case rung in a topic goes back into that topic', async () => {
    const config = demoWith('telegram', {
      groups: { '9幢业主群': '-100900', 好大姐志愿者群: '-100999' },
      people: { 王阿姨: '5550', 钱阿姨: '5551' },
    })
    const tg: string[] = []
    const telegramSide = new ConsoleAdapter({ write: (l) => tg.push(l), platform: 'telegram' })
    const rb = await startBell({ adapters: [telegramSide], config })
    const msg = (id: string, chat: string, sender: string, text: string, threadId?: string) => ({
      key: { platform: 'telegram', conversationId: chat, messageId: id },
      conversation: { kind: 'group' as const, platform: 'telegram', id: chat, ...(threadId ? { threadId } : {}) },
      sender: { platform: 'telegram', id: sender, name: sender },
      content: [{ type: 'text' as const, text }],
      mentionsSelf: false,
      attachments: [],
      sentAt: new Date(),
    })
    await rb.app.handle(msg('1', '-100900', '5550', '按铃 楼道灯坏了', '77'), telegramSide.self)
    await rb.app.handle(msg('2', '-100999', '5551', '接单 1'), telegramSide.self)
    await rb.app.handle(msg('3', '-100999', '5551', '完成 1 换了灯泡'), telegramSide.self)
    const inResidents = await rb.db.outbox.findMany({ where: { chatId: '-100900' }, orderBy: { id: 'asc' } })
    expect(inResidents.map((r) => [r.purpose, r.threadId])).toEqual([
      ['ack', '77'],
      ['update', '77'],
      ['update', '77'],
    ])
  })
})
