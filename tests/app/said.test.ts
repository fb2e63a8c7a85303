// Words said to the bot that are no command (issue 10): a phone number left later becomes the case's
// contact and reaches its claimer privately, never a group; quoting the bell's message about one's own
// case adds to it; other words in a direct message are told how to ring.
import { describe, expect, it } from 'vitest'
import { consoleBell } from '../helpers/index.js'

const PHONE = '13812345678'

describe('a phone number given later', () => {
  it('补充 with a number, even in a group, becomes the contact and reaches the claimer privately, masked everywhere else', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    expect(await bell.say(`@王阿姨: 补充 1 忘了留电话：${PHONE}`)).toEqual([
      '[6] @钱阿姨|ringbell: 📎 #1 补充：忘了留电话：138****5678',
      '[7] @王阿姨|ringbell: 好的，#1 的电话记下了，只给接单的志愿者看。',
      `[8] @钱阿姨|ringbell: 📞 #1 王阿姨 补了电话：${PHONE}`,
    ])
    expect(await bell.rb.db.case.findFirstOrThrow()).toMatchObject({ contact: PHONE })
    // The number lives on the case alone, not in its audit log.
    for (const e of await bell.rb.db.caseEvent.findMany()) expect(e.payload).not.toContain('12345678')
  })

  it('a number sent privately before anyone took the case waits on it, and goes with the claim', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    expect(await bell.say(`@王阿姨: ${PHONE}`)).toEqual([
      '[3] @王阿姨|ringbell: 好的，#1 的电话记下了，只给接单的志愿者看。',
    ])
    expect(await bell.say('好大姐志愿者群|钱阿姨: 接单 1')).toContain(`    居民：王阿姨　电话：${PHONE}`)
    const groups = await bell.rb.db.outbox.findMany({ where: { chatKind: 'group' } })
    for (const g of groups) expect(g.content).not.toContain('12345678')
  })

  it('with two cases in progress she is asked which; with none, told so', async () => {
    const bell = await consoleBell()
    expect(await bell.say(`@王阿姨: 我电话是${PHONE}`)).toEqual([
      '[1] @王阿姨|ringbell: 您现在没有在办的单子，电话先不记。要按铃请发「按铃 问题」，电话写在里面就行。',
    ])
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '9幢业主群|王阿姨: 按铃 电梯停了')
    expect(await bell.say(`@王阿姨: 我电话是${PHONE}`)).toEqual([
      '[6] @王阿姨|ringbell: 您有 #1、#2，说的是哪一件？请带上单号，比如：补充 1 138…',
    ])
    expect(await bell.rb.db.case.count({ where: { contact: { not: null } } })).toBe(0)
  })

  it('quoting the bell about her case, a number is its contact; other words are 补充', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    expect(await bell.say('9幢业主群|王阿姨 ^3: 三楼的也不亮')).toEqual([
      '[6] @钱阿姨|ringbell: 📎 #1 补充：三楼的也不亮',
      '[7] 9幢业主群|ringbell: @王阿姨 好的，#1 的补充已转给志愿者。',
    ])
    expect(await bell.say(`9幢业主群|王阿姨 ^3: 电话${PHONE}`)).toEqual([
      `[8] @钱阿姨|ringbell: 📞 #1 王阿姨 补了电话：${PHONE}`,
      '[9] 9幢业主群|ringbell: @王阿姨 好的，#1 的电话记下了，只给接单的志愿者看。',
    ])
    // A neighbour quoting it is conversation.
    expect(await bell.say('9幢业主群|严大伯 ^3: 我家楼道也黑')).toEqual([])
  })
})

describe('other words said privately', () => {
  it('are told how to ring, privately', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 帮助')
    expect(await bell.say('@王阿姨: 你好，我想问个事')).toEqual([
      '[3] @王阿姨|ringbell: 要按铃的话，请发「按铃 问题」，比如：按铃 9幢2单元楼道灯坏了。私聊按的铃只有接单的志愿者看得到详情。发「帮助」看看还能做什么。',
    ])
  })
})
