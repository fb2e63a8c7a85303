// Plain words bound to context (issue 10): a resident's 满意 / 不满意 … / 修好了，谢谢 with no number is
// about the one case waiting for her verdict; a volunteer's 完成了 / 我来 about the one case the context
// gives. Several → asked which; none → the words were conversation.
import { describe, expect, it } from 'vitest'
import { consoleBell, heads } from '../helpers/index.js'

/** 王阿姨 rang #1 in 9幢业主群, 钱阿姨 took it and says it is done: the bell has just asked for her verdict. */
async function waitingForHer() {
  const bell = await consoleBell()
  await bell.say(
    '9幢业主群|王阿姨: 按铃 楼道灯坏了',
    '好大姐志愿者群|钱阿姨: 接单 1',
    '好大姐志愿者群|钱阿姨: 完成 1 换了灯泡',
  )
  return bell
}

describe("a resident's verdict in plain words", () => {
  it.each([
    ['满意', '🙏 #1 王阿姨 满意，辛苦您了！'],
    ['满意！', '🙏 #1 王阿姨 满意，辛苦您了！'],
    ['很满意，谢谢钱阿姨', '🙏 #1 王阿姨 满意：「谢谢钱阿姨」，辛苦您了！'],
    ['修好了，谢谢', '🙏 #1 王阿姨 满意：「谢谢」，辛苦您了！'],
    ['满意 ★★★★★', '🙏 #1 王阿姨 满意 ★★★★★，辛苦您了！'],
  ])('"%s" closes the one case waiting for it, and the volunteer hears her words', async (said, thanks) => {
    const bell = await waitingForHer()
    expect(await bell.say(`9幢业主群|王阿姨: ${said}`)).toEqual([
      '[8] 9幢业主群|ringbell: 🙏 #1 已办结，谢谢您的评价！',
      `[9] @钱阿姨|ringbell: ${thanks}`,
    ])
  })

  it('"不满意 灯还是不亮" reopens it with the reason, to the group, the volunteer and the volunteers asked again', async () => {
    const bell = await waitingForHer()
    expect(heads(await bell.say('9幢业主群|王阿姨: 不满意 灯还是不亮'))).toEqual([
      '[8] 9幢业主群|ringbell: #1 重新打开：灯还是不亮。正在重新通知志愿者。',
      '[9] @钱阿姨|ringbell: #1 重新打开：灯还是不亮。正在重新通知志愿者。',
      '[10] 好大姐志愿者群|ringbell: 🔔 #1 又需要人了 物业·9幢：楼道灯坏了',
    ])
    expect(await bell.rb.db.case.findFirstOrThrow()).toMatchObject({ status: 'open', satisfied: false, reopenCount: 1 })
  })

  it('a bare 不满意 asks why; the reason sent after it, quoting the question or privately, reaches the volunteers', async () => {
    const bell = await waitingForHer()
    expect(heads(await bell.say('9幢业主群|王阿姨: 不满意'))).toEqual([
      '[8] 9幢业主群|ringbell: #1 重新打开。正在重新通知志愿者。',
      '[9] @钱阿姨|ringbell: #1 重新打开。正在重新通知志愿者。',
      '[10] 好大姐志愿者群|ringbell: 🔔 #1 又需要人了 物业·9幢：楼道灯坏了',
    ])
    expect(bell.out).toContain('    请说说 #1 哪里不满意：直接回复这条消息，或者私聊我，志愿者会看到。')
    expect(await bell.say('@王阿姨: 灯一闪一闪的')).toEqual([
      '[11] @钱阿姨|ringbell: 📝 #1 王阿姨 说哪里不满意：灯一闪一闪的',
      '[12] 好大姐志愿者群|ringbell: 📝 #1 王阿姨 说哪里不满意：灯一闪一闪的',
      '[13] @王阿姨|ringbell: 好的，#1 哪里不满意已经转告志愿者了。',
    ])
    const reason = await bell.rb.db.caseEvent.findFirstOrThrow({ where: { kind: 'reason' } })
    expect(JSON.parse(reason.payload)).toEqual({ text: '灯一闪一闪的' })
    // Once given, later words are no reason: they are how to ring.
    expect(await bell.say('@王阿姨: 还有一件事')).toEqual([
      '[14] @王阿姨|ringbell: 要按铃的话，请发「按铃 问题」，比如：按铃 9幢2单元楼道灯坏了。私聊按的铃只有接单的志愿者看得到详情。发「帮助」看看还能做什么。',
    ])
  })

  it('the reason quoting the question in the group', async () => {
    const bell = await waitingForHer()
    await bell.say('9幢业主群|王阿姨: 不满意')
    expect(heads(await bell.say('9幢业主群|王阿姨 ^8: 灯一闪一闪的'))).toEqual([
      '[11] @钱阿姨|ringbell: 📝 #1 王阿姨 说哪里不满意：灯一闪一闪的',
      '[12] 好大姐志愿者群|ringbell: 📝 #1 王阿姨 说哪里不满意：灯一闪一闪的',
      '[13] 9幢业主群|ringbell: @王阿姨 好的，#1 哪里不满意已经转告志愿者了。',
    ])
  })

  it('with two cases waiting she is asked which; in another group, or from a neighbour, the words are conversation', async () => {
    const bell = await waitingForHer()
    await bell.say('9幢业主群|王阿姨: 按铃 电梯停了', '好大姐志愿者群|钱阿姨: 接单 2', '好大姐志愿者群|钱阿姨: 完成 2')
    expect(await bell.say('10幢业主群|王阿姨: 满意', '9幢业主群|严大伯: 满意')).toEqual([])
    expect(await bell.say('9幢业主群|王阿姨: 满意')).toEqual([
      '[15] 9幢业主群|ringbell: @王阿姨 您有 #1、#2，说的是哪一件？请带上单号，比如：满意 1',
    ])
    expect(heads(await bell.say('9幢业主群|王阿姨: 满意 2'))).toEqual([
      '[16] 9幢业主群|ringbell: 🙏 #2 已办结，谢谢您的评价！',
      '[17] @钱阿姨|ringbell: 🙏 #2 王阿姨 满意，辛苦您了！',
    ])
  })

  it('with nothing waiting, 满意 in a group is conversation and in a direct message gets a short answer', async () => {
    const bell = await consoleBell()
    expect(await bell.say('9幢业主群|王阿姨: 满意', '9幢业主群|王阿姨: 修好了，谢谢')).toEqual([])
    expect(await bell.say('@王阿姨: 满意')).toEqual([
      '[1] @王阿姨|ringbell: 您现在没有等您验收的单子。要验收请带上单号，比如：满意 12',
    ])
  })

  it('a verdict that comes after the case closed itself for want of a reply still counts', async () => {
    const bell = await waitingForHer()
    bell.clock.advance(97 * 3_600_000)
    await bell.rb.runDueJobs()
    expect(await bell.rb.db.case.findFirstOrThrow()).toMatchObject({ closeReason: 'unverified' })
    expect(heads(await bell.say('9幢业主群|王阿姨: 满意')).map((l) => l.replace(/^\[\d+\] /, ''))).toEqual([
      '9幢业主群|ringbell: 🙏 #1 已办结，谢谢您的评价！',
      '@钱阿姨|ringbell: 🙏 #1 王阿姨 满意，辛苦您了！',
    ])
    expect(await bell.rb.db.case.findFirstOrThrow()).toMatchObject({ closeReason: 'verified', satisfied: true })
  })
})

describe("a volunteer's plain words", () => {
  it('我来 / 收到，我去看看 quoting the ping claims it; without a quote it is conversation', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    expect(await bell.say('好大姐志愿者群|钱阿姨: 我来')).toEqual([])
    expect(heads(await bell.say('好大姐志愿者群|钱阿姨 ^2: 收到，我去看看'))).toEqual([
      '[3] 9幢业主群|ringbell: ✅ #1 由 钱阿姨 接单，请放心。',
      '[4] 好大姐志愿者群|ringbell: ✅ #1 钱阿姨 接了。',
      '[5] @钱阿姨|ringbell: 您接了 #1（9幢）：楼道灯坏了',
    ])
  })

  it.each(['完成了 1', '已完成 1', '1 完成', '完成了', '办好了'])('"%s" on her only claim is 完成', async (said) => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    expect(await bell.say(`好大姐志愿者群|钱阿姨: ${said}`)).toEqual([
      '[6] 9幢业主群|ringbell: 🎉 #1 钱阿姨 已办好。',
      '    @王阿姨 请回复「满意 1」或「不满意 1 原因」。',
      '[7] 好大姐志愿者群|ringbell: ✓ #1 已转告9幢业主群',
    ])
  })

  it('完成了 with two claims asks which; 修好了 from a volunteer with no verdict of her own is her claim done', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '9幢业主群|严大伯: 按铃 电梯停了',
      '好大姐志愿者群|钱阿姨: 接单 1',
      '好大姐志愿者群|钱阿姨: 接单 2',
    )
    expect(await bell.say('好大姐志愿者群|钱阿姨: 完成了')).toEqual([
      '[11] 好大姐志愿者群|ringbell: @钱阿姨 您有 #1、#2，说的是哪一件？请带上单号，比如：完成 1',
    ])
    await bell.say('好大姐志愿者群|钱阿姨: 完成 1')
    expect(heads(await bell.say('好大姐志愿者群|钱阿姨: 修好了'))).toEqual([
      '[14] 9幢业主群|ringbell: 🎉 #2 钱阿姨 已办好。',
      '[15] 好大姐志愿者群|ringbell: ✓ #2 已转告9幢业主群',
    ])
  })

  it("收好了 / 换好了 from the volunteer: not every job is a repair; then the resident's bare 满意 closes it", async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 【按铃】9幢3单元门口垃圾好几天没人收了', '好大姐志愿者群|钱阿姨: 接单')
    expect(heads(await bell.say('好大姐志愿者群|钱阿姨: 收好了'))).toEqual([
      '[6] 9幢业主群|ringbell: 🎉 #1 钱阿姨 已办好。',
      '[7] 好大姐志愿者群|ringbell: ✓ #1 已转告9幢业主群',
    ])
    expect(heads(await bell.say('9幢业主群|王阿姨: 满意'))[0]).toBe(
      '[8] 9幢业主群|ringbell: 🙏 #1 已办结，谢谢您的评价！',
    )
  })

  it('修好了 1 / 1号修好了 from the volunteer who has #1 is her report that it is done; said twice, she hears it is with the resident', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    expect(heads(await bell.say('好大姐志愿者群|钱阿姨: 修好了 1'))).toEqual([
      '[6] 9幢业主群|ringbell: 🎉 #1 钱阿姨 已办好。',
      '[7] 好大姐志愿者群|ringbell: ✓ #1 已转告9幢业主群',
    ])
    expect(await bell.say('@钱阿姨: 1号修好了')).toEqual([
      '[8] @钱阿姨|ringbell: #1 您已经报过办好了，正等王阿姨验收。辛苦了！',
    ])
    // The resident's own 修好了 is still her verdict.
    expect(heads(await bell.say('9幢业主群|王阿姨: 修好了 1'))).toEqual([
      '[9] 9幢业主群|ringbell: 🙏 #1 已办结，谢谢您的评价！',
      '[10] @钱阿姨|ringbell: 🙏 #1 王阿姨 满意，辛苦您了！',
    ])
  })

  it('a release reason reaches the resident', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    expect(heads(await bell.say('好大姐志愿者群|钱阿姨: 放弃 1 我不懂电'))).toContain(
      '[6] 9幢业主群|ringbell: #1 钱阿姨 暂时接不了（我不懂电），已重新通知志愿者。',
    )
  })
})

describe("a volunteer's bare 接单, answering the ping she just read", () => {
  it('claims the one case waiting', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 【按铃】9幢3单元门口垃圾好几天没人收了')
    const said = await bell.say('好大姐志愿者群|钱阿姨: 接单')
    expect(heads(said)[0]).toBe('[3] 9幢业主群|ringbell: ✅ #1 由 钱阿姨 接单，请放心。')
    // She is told who rang, as with 接单 1.
    expect(said).toContain('    居民：王阿姨　没有留电话，可在群里 @ 对方')
    expect(await bell.rb.db.case.findFirstOrThrow()).toMatchObject({ status: 'claimed' })
  })

  it('with a few waiting, asks which; with none, says all are taken', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '10幢业主群|严大伯: 按铃 电梯门关不上')
    expect(await bell.say('好大姐志愿者群|钱阿姨: 接单')).toEqual([
      '[5] 好大姐志愿者群|ringbell: @钱阿姨 等人接的有 #1、#2，接哪一件？请带上单号，比如：接单 1',
    ])
    await bell.say('好大姐志愿者群|钱阿姨: 接单 1', '好大姐志愿者群|万大姐: 接单 2')
    expect((await bell.say('好大姐志愿者群|钱阿姨: 接单')).at(-1)).toBe(
      '[12] 好大姐志愿者群|ringbell: @钱阿姨 现在没有等人接的单子，谢谢您！有新的会在群里通知。',
    )
    expect(await bell.rb.db.case.count({ where: { status: 'claimed' } })).toBe(2)
  })
})
