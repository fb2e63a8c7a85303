// Quoting stands in for a case number only when it quotes the bot.
import { describe, expect, it } from 'vitest'
import type { IncomingMessage } from '../../src/chat/types.js'
import { consoleBell, heads } from '../helpers/index.js'

describe('quotes', () => {
  it('quoting a neighbour is conversation, even when their text names a case', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    const quoteOfNeighbour: IncomingMessage = {
      key: { platform: 'console', conversationId: '好大姐志愿者群', messageId: 'q1' },
      conversation: { kind: 'group', platform: 'console', id: '好大姐志愿者群' },
      sender: { platform: 'console', id: '钱阿姨', name: '钱阿姨' },
      content: [{ type: 'text', text: '接' }],
      mentionsSelf: false,
      replyTo: {
        key: { platform: 'console', conversationId: '好大姐志愿者群', messageId: 'x' },
        senderId: '万大姐',
        preview: '#1 的事我下午去看',
      },
      attachments: [],
      sentAt: new Date(),
    }
    await bell.rb.app.handle(quoteOfNeighbour, bell.adapter.self)
    await bell.rb.drain()
    expect(bell.out).toHaveLength(3)
    expect(await bell.rb.db.case.findFirstOrThrow()).toMatchObject({ status: 'open' })
  })

  it('after a restart, quoting the newest ping claims the newest case', async () => {
    const first = await consoleBell()
    await first.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    await first.stop()
    const again = await consoleBell({ dbFile: first.dbFile })
    await again.say('10幢业主群|严大伯: 按铃 电梯坏了')
    expect(heads(await again.say('好大姐志愿者群|钱阿姨 ^2: 接'))[0]).toBe(
      '[3] 10幢业主群|ringbell: ✅ #2 由 钱阿姨 接单，请放心。',
    )
  })

  it('a folded ping quoted by its text alone (WeChat after a restart) asks which case; its one line claims that case', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '9幢业主群|严大伯: 按铃 电梯门关不上')
    const quoting = (preview: string, id: string): IncomingMessage => ({
      key: { platform: 'console', conversationId: '好大姐志愿者群', messageId: id },
      conversation: { kind: 'group', platform: 'console', id: '好大姐志愿者群' },
      sender: { platform: 'console', id: '钱阿姨', name: '钱阿姨' },
      content: [{ type: 'text', text: '接' }],
      mentionsSelf: false,
      replyTo: {
        key: { platform: 'console', conversationId: '好大姐志愿者群', messageId: '' },
        senderId: bell.adapter.self.id,
        preview,
      },
      attachments: [],
      sentAt: new Date(),
    })
    const folded =
      '🔔 #1 物业·9幢：楼道灯坏了\n请回复「接单 1」接单\n🔔 #2 物业·9幢：电梯门关不上\n请回复「接单 2」接单'
    await bell.rb.app.handle(quoting(folded, 'q1'), bell.adapter.self)
    await bell.rb.drain()
    expect(bell.out.at(-1)).toBe(
      '[5] 好大姐志愿者群|ringbell: @钱阿姨 这条消息说了 #1、#2 几件事，是哪一件？请写上单号，比如：接 1',
    )
    await bell.rb.app.handle(quoting('🔔 #2 物业·9幢：电梯门关不上', 'q2'), bell.adapter.self)
    await bell.rb.drain()
    const cases = await bell.rb.db.case.findMany({ orderBy: { number: 'asc' } })
    expect(cases.map((c) => [c.number, c.status])).toEqual([
      [1, 'open'],
      [2, 'claimed'],
    ])
  })
})
