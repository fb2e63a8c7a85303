// Ringing as residents really do it (issue 10), read as the console transcript: the bell word in the forms
// people type, conversation about the bell, how-to questions, private rings, rings for a neighbour,
// a neighbour's ring like an open case, and a closed case's problem back again.
import { describe, expect, it } from 'vitest'
import { consoleBell, demoConfig, heads } from '../helpers/index.js'

describe('the bell word as people type it', () => {
  it('brackets, 我要, 按一下, spaces, near-typos, traditional characters and @机器人 all ring', async () => {
    const bell = await consoleBell()
    const said = [
      '9幢业主群|王阿姨: 【按铃】9幢2单元楼道灯坏了',
      '9幢业主群|严大伯: [按铃] 9幢电梯停了',
      '9幢业主群|毛大姐: 我要按铃，9幢3单元门禁坏了',
      '10幢业主群|王阿姨: 按一下铃：10幢垃圾没人收',
      '10幢业主群|严大伯: 按 铃 10幢楼道漏水',
      '10幢业主群|毛大姐: 安铃 10幢门口停车乱',
      '9幢业主群|王阿姨: 按令 9幢4单元水管滴水',
      '9幢业主群|严大伯: 按鈴 9幢楼道堆了垃圾',
      '9幢业主群|毛大姐: @机器人 9幢电梯门关不上',
    ]
    const acks = []
    for (const line of said) acks.push(...heads(await bell.say(line)).filter((l) => l.includes('已受理')))
    expect(acks).toEqual([
      '[1] 9幢业主群|ringbell: 🔔 #1 已受理：物业·9幢2单元。正在通知志愿者，有人接单会在群里告诉您。',
      '[3] 9幢业主群|ringbell: 🔔 #2 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[5] 9幢业主群|ringbell: 🔔 #3 已受理：物业·9幢3单元。正在通知志愿者，有人接单会在群里告诉您。',
      '[7] 10幢业主群|ringbell: 🔔 #4 已受理：物业·10幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[9] 10幢业主群|ringbell: 🔔 #5 已受理：物业·10幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[11] 10幢业主群|ringbell: 🔔 #6 已受理：物业·10幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[13] 9幢业主群|ringbell: 🔔 #7 已受理：物业·9幢4单元。正在通知志愿者，有人接单会在群里告诉您。',
      '[15] 9幢业主群|ringbell: 🔔 #8 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[17] 9幢业主群|ringbell: 🔔 #9 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。',
    ])
    const cases = await bell.rb.db.case.findMany({ orderBy: { number: 'asc' } })
    expect(cases.map((c) => c.text)).toEqual([
      '9幢2单元楼道灯坏了',
      '9幢电梯停了',
      '9幢3单元门禁坏了',
      '10幢垃圾没人收',
      '10幢楼道漏水',
      '10幢门口停车乱',
      '9幢4单元水管滴水',
      '9幢楼道堆了垃圾',
      '9幢电梯门关不上',
    ])
  })

  it('talk about the bell stays talk; a question about it gets a short how-to', async () => {
    const bell = await consoleBell()
    expect(
      await bell.say(
        '9幢业主群|严大伯: 按铃这个功能挺好用的',
        '9幢业主群|严大伯: 我昨天按铃了，还没人来',
        '9幢业主群|严大伯: 协商铃真好用',
        '9幢业主群|严大伯: 按铃之后多久有人来',
      ),
    ).toEqual([])
    expect(await bell.say('9幢业主群|王阿姨: 怎么按铃？')).toEqual([
      '[1] 9幢业主群|ringbell: @王阿姨 🔔 按铃很简单：在业主群里发「按铃」加上问题，比如：按铃 9幢2单元楼道灯坏了',
      '    不想让邻居看到，可以私聊我发「按铃 …」，只有接单的志愿者看得到。发「帮助」看全部。',
    ])
    expect(heads(await bell.say('9幢业主群|毛大姐: 这个机器人怎么用'))).toEqual([
      '[2] 9幢业主群|ringbell: @毛大姐 🔔 按铃很简单：在业主群里发「按铃」加上问题，比如：按铃 9幢2单元楼道灯坏了',
    ])
    expect(await bell.rb.db.case.count()).toBe(0)
  })

  it("a community's own name for the bot after @ rings too (phrasing.botAliases)", async () => {
    const base = demoConfig()
    const bell = await consoleBell({
      config: { ...base, phrasing: { ...base.phrasing, botAliases: ['小铃铛'] } },
    })
    expect(heads(await bell.say('9幢业主群|王阿姨: @小铃铛 楼道灯坏了'))).toEqual([
      '[1] 9幢业主群|ringbell: 🔔 #1 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[2] 好大姐志愿者群|ringbell: 🔔 #1 物业·9幢：楼道灯坏了',
    ])
    // Someone else called 小铃 is just a neighbour.
    expect(await bell.say('9幢业主群|王阿姨: @小铃 楼道灯修好了没')).toEqual([])
  })
})

describe('category', () => {
  it('counts every keyword: 邻居噪音纠纷 goes to the 法律 mediator, not 物业', async () => {
    const bell = await consoleBell()
    expect(heads(await bell.say('10幢业主群|王阿姨: 按铃 邻居噪音纠纷'))).toEqual([
      '[1] 10幢业主群|ringbell: 🔔 #1 已受理：法律·10幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[2] 好大姐志愿者群|ringbell: 🔔 #1 法律·10幢：邻居噪音纠纷',
    ])
  })
})

describe('private rings', () => {
  it('rung by direct message: the group posts say nothing of who or what; the claimer is told privately; it is followed in the DM', async () => {
    const bell = await consoleBell()
    // 毛大姐 is known (the community's file lists her); a ring said to the bot is private.
    expect(await bell.say('@毛大姐: 按铃 9幢 我在隔离，需要买药')).toEqual([
      '[1] @毛大姐|ringbell: 🔔 #1 已受理：银龄·9幢。正在通知志愿者，有人接单会私聊告诉您。',
      '[2] 好大姐志愿者群|ringbell: 🔔 #1 银龄·9幢：（私下求助，详情只给接单的志愿者）',
      '    请回复「接单 1」接单 @万大姐',
    ])
    expect(await bell.say('好大姐志愿者群|万大姐: 接单 1')).toEqual([
      '[3] @毛大姐|ringbell: ✅ #1 由 万大姐 接单，请放心。',
      '[4] 好大姐志愿者群|ringbell: ✅ #1 万大姐 接了。',
      '[5] @万大姐|ringbell: 您接了 #1（9幢）：9幢 我在隔离，需要买药',
      '    居民：毛大姐　没有留电话，可以私聊对方',
      '    这是私下求助：请不要在群里说是谁、什么事。',
      '    办好后回复「完成 1 说明」；有进展回复「进展 1 内容」。',
    ])
    expect(await bell.say('好大姐志愿者群|万大姐: 完成 1 放在门口了')).toEqual([
      '[6] @毛大姐|ringbell: 🎉 #1 万大姐 已办好：放在门口了',
      '     请回复「满意 1」或「不满意 1 原因」。',
      '[7] 好大姐志愿者群|ringbell: ✓ #1 已转告居民',
    ])
    expect(await bell.say('@毛大姐: 满意，谢谢')).toEqual([
      '[8] @毛大姐|ringbell: 🙏 #1 已办结，谢谢您的评价！',
      '[9] @万大姐|ringbell: 🙏 #1 毛大姐 满意：「谢谢」，辛苦您了！',
    ])
    const groups = await bell.rb.db.outbox.findMany({ where: { chatKind: 'group' } })
    expect(groups.length).toBeGreaterThan(0)
    for (const g of groups) expect(g.content).not.toMatch(/毛大姐|隔离|买药/)
    expect(await bell.rb.db.case.findFirstOrThrow()).toMatchObject({ originGroupId: null, originChatId: '毛大姐' })
  })

  it('marked 私下 in a group: the same, and the group hears only that it was noted', async () => {
    const bell = await consoleBell()
    expect(await bell.say('9幢业主群|严大伯: 私下按铃 和邻居有纠纷，想请人调解')).toEqual([
      '[1] @严大伯|ringbell: 🔔 #1 已受理：法律·9幢。正在通知志愿者，有人接单会私聊告诉您。',
      '[2] 好大姐志愿者群|ringbell: 🔔 #1 法律·9幢：（私下求助，详情只给接单的志愿者）',
      '    请回复「接单 1」接单 @万大姐',
      '[3] 9幢业主群|ringbell: @严大伯 好的，已私下登记 #1：详情只给接单的志愿者，后面的进展我私聊告诉您。',
    ])
  })

  it('再按铃 on a private case is private too: its words reach only the volunteer who takes it', async () => {
    const bell = await consoleBell()
    await bell.say(
      '@毛大姐: 按铃 9幢 我在隔离，需要买药',
      '好大姐志愿者群|万大姐: 接单 1',
      '好大姐志愿者群|万大姐: 完成 1',
      '@毛大姐: 满意',
    )
    bell.clock.advance(8 * 86_400_000)
    expect(await bell.say('@毛大姐: 再按铃 1 药吃完了')).toEqual([
      '[10] @毛大姐|ringbell: 🔔 #2 已受理：银龄·9幢。正在通知志愿者，有人接单会私聊告诉您。（接着 #1）',
      '[11] 好大姐志愿者群|ringbell: 🔔 #2 银龄·9幢：（私下求助，详情只给接单的志愿者）',
      '    请回复「接单 2」接单 @万大姐',
    ])
    expect(await bell.say('好大姐志愿者群|万大姐: 接单 2')).toContain(
      '[14] @万大姐|ringbell: 您接了 #2（9幢）：9幢 我在隔离，需要买药：药吃完了',
    )
  })

  it('a stranger who rings privately is told to use their group once first, and nothing is written', async () => {
    const bell = await consoleBell()
    expect(await bell.say('@孙女士: 按铃 我在隔离，需要买药')).toEqual([
      '[1] @孙女士|ringbell: 您好！协商铃在小区的业主群里用：请在您楼栋的业主群里发「按铃 问题」，比如：按铃 9幢2单元楼道灯坏了。在群里用过一次之后，也可以私聊我按铃，只有接单的志愿者看得到。群里还没有协商铃的话，请联系社区。',
    ])
    expect(await bell.rb.db.person.count({ where: { name: '孙女士' } })).toBe(0)
    expect(await bell.rb.db.case.count()).toBe(0)
  })
})

describe('ringing for someone (代按铃)', () => {
  it("staff ring on a neighbour's behalf: she is the one who rang, for the verdict and the figures; the helper is recorded", async () => {
    const bell = await consoleBell()
    expect(await bell.say('9幢业主群|赵专员: 代严大伯按铃：9幢2单元扶手松了')).toEqual([
      '[1] 9幢业主群|ringbell: 🔔 #1 已受理：其他·9幢2单元。正在通知志愿者，有人接单会在群里告诉您。',
      '[2] 好大姐志愿者群|ringbell: 🔔 #1 其他·9幢2单元：9幢2单元扶手松了',
      '    请回复「接单 1」接单 @钱阿姨 @万大姐',
      '[3] 9幢业主群|ringbell: @赵专员 好的，已替严大伯按铃 #1，进展和验收都找严大伯本人。',
    ])
    await bell.say('好大姐志愿者群|钱阿姨: 接单 1', '好大姐志愿者群|钱阿姨: 完成 1 拧紧了')
    // The staff member cannot rate her own errand; 严大伯 can, in plain words.
    expect(await bell.say('9幢业主群|赵专员: 满意 1')).toEqual([
      '[9] 9幢业主群|ringbell: @赵专员 只有 #1 的提出人可以这样做。',
    ])
    expect(heads(await bell.say('9幢业主群|严大伯: 满意'))).toEqual([
      '[10] 9幢业主群|ringbell: 🙏 #1 已办结，谢谢您的评价！',
      '[11] @钱阿姨|ringbell: 🙏 #1 严大伯 满意，辛苦您了！',
    ])
    const c = await bell.rb.db.case.findFirstOrThrow({ include: { events: { orderBy: { id: 'asc' } } } })
    const [yan, zhao] = await Promise.all(
      ['严大伯', '赵专员'].map((name) => bell.rb.db.person.findFirstOrThrow({ where: { name } })),
    )
    expect(c.reporterId).toBe(yan!.id)
    expect(c.events.find((e) => e.kind === 'rungFor')).toMatchObject({ actorId: zhao!.id })
    expect(JSON.parse(c.events.find((e) => e.kind === 'rungFor')!.payload)).toEqual({ reporter: yan!.id })
  })

  it('outside the building group it is followed in her direct messages; residents and unknown names are refused kindly', async () => {
    const bell = await consoleBell()
    expect(heads(await bell.say('议事荟|赵专员: 代毛大姐按铃：10幢门口有积水'))).toEqual([
      '[1] @毛大姐|ringbell: 🔔 #1 已受理：其他·10幢。正在通知志愿者，有人接单会私聊告诉您。',
      '[2] 好大姐志愿者群|ringbell: 🔔 #1 其他·10幢：10幢门口有积水',
      '[3] 议事荟|ringbell: @赵专员 好的，已替毛大姐按铃 #1，进展和验收都找毛大姐本人。',
    ])
    expect(await bell.say('9幢业主群|王阿姨: 帮毛大姐按铃：门口有积水')).toEqual([
      '[4] 9幢业主群|ringbell: @王阿姨 替别人按铃需要志愿者或社区专员来做。请邻居自己按铃，或者您按铃时写上是哪家的事。',
    ])
    expect(await bell.say('9幢业主群|赵专员: 代孙女士按铃 要买药')).toEqual([
      '[5] 9幢业主群|ringbell: @赵专员 还不认识「孙女士」：请孙女士先在业主群里发一次「帮助」，或者请社区把孙女士写进名单，再替孙女士按铃。',
    ])
    expect(await bell.rb.db.case.count()).toBe(1)
  })
})

describe("a neighbour's ring like an open case", () => {
  it('is told "像是 #N"; 同 N joins it and closes the new case as a duplicate; 我家也是 / +1 quoting the bell join', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 9幢5单元楼道灯不亮')
    // Later than the incident window (30 minutes): not one burst, but maybe one problem.
    bell.clock.advance(31 * 60_000)
    expect(heads(await bell.say('9幢业主群|严大伯: 按铃 9幢5单元楼道灯不亮了'))).toEqual([
      '[3] 9幢业主群|ringbell: 🔔 #2 已受理：物业·9幢5单元。正在通知志愿者，有人接单会在群里告诉您。',
      '[4] 好大姐志愿者群|ringbell: 🔔 #2 物业·9幢5单元：9幢5单元楼道灯不亮了',
    ])
    expect(bell.out).toContain('    像是 #1（9幢5单元楼道灯不亮），是同一件事的话回复「同 1」加入，就不用分两件办了。')
    expect(await bell.say('9幢业主群|严大伯: 同 1')).toEqual([
      '[5] 好大姐志愿者群|ringbell: 🔁 #2 和 #1 是同一件事，已并入 #1。',
      '[6] 9幢业主群|ringbell: @严大伯 👍 #1 又有邻居反映同样的问题，共 2 户。您的 #2 已并入 #1，一起办。',
    ])
    // Quoting the bell's acknowledgement of #1 (line 1).
    expect(await bell.say('9幢业主群|毛大姐 ^1: 我家也是')).toEqual([
      '[7] 9幢业主群|ringbell: @毛大姐 👍 #1 又有邻居反映同样的问题，共 3 户。',
    ])
    expect(await bell.say('9幢业主群|毛大姐 ^1: +1')).toEqual([
      '[8] 9幢业主群|ringbell: @毛大姐 #1 您已经反映过了，我们记着呢。',
    ])
    const cases = await bell.rb.db.case.findMany({ orderBy: { number: 'asc' } })
    expect(cases.map((c) => [c.number, c.status, c.closeReason, c.supporters])).toEqual([
      [1, 'open', null, 2],
      [2, 'closed', 'duplicate', 0],
    ])
    // Its timers went with it: only #1 climbs the ladder.
    bell.clock.advance(20 * 60_000)
    await bell.rb.runDueJobs()
    expect(bell.out.filter((l) => l.includes('#2 又需要人了'))).toEqual([])
  })

  it("我家也是 with no quote right after a neighbour's ring is asked about, not joined; 同 N then joins; everyday 我也一样 stays talk", async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 9幢2单元楼道灯坏了')
    expect(await bell.say('9幢业主群|严大伯: 我家也是')).toEqual([
      '[3] 9幢业主群|ringbell: @严大伯 是说 #1（9幢2单元楼道灯坏了）吗？是的话回复「同 1」，就记上您家。',
    ])
    expect(await bell.say('9幢业主群|严大伯: 同 1')).toEqual([
      '[4] 9幢业主群|ringbell: @严大伯 👍 #1 又有邻居反映同样的问题，共 2 户。',
    ])
    expect(await bell.say('9幢业主群|毛大姐: 我也一样')).toEqual([])
    // Her own ring, another group's, or one rung longer ago than the incident window: nothing to ask about.
    expect(await bell.say('9幢业主群|王阿姨: 我家也是')).toEqual([])
    expect(await bell.say('10幢业主群|毛大姐: 我家也是')).toEqual([])
    bell.clock.advance(31 * 60_000)
    expect(await bell.say('9幢业主群|毛大姐: 同上')).toEqual([])
  })

  it('rung close together (a burst, issue 12) they are not told "像是"; a different problem is not either', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 9幢5单元楼道灯不亮')
    await bell.say('9幢业主群|严大伯: 按铃 9幢5单元楼道灯不亮了')
    bell.clock.advance(31 * 60_000)
    await bell.say('9幢业主群|毛大姐: 按铃 9幢电梯停了')
    expect(bell.out.filter((l) => l.includes('像是'))).toEqual([])
  })
})

describe('a closed case whose problem is back', () => {
  it('不满意 within the window reopens it; later, 再按铃 N opens a new case linked to it', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '好大姐志愿者群|钱阿姨: 接单 1',
      '好大姐志愿者群|钱阿姨: 完成 1 换了灯泡',
      '9幢业主群|王阿姨: 满意',
    )
    bell.clock.advance(2 * 86_400_000)
    expect(heads(await bell.say('9幢业主群|王阿姨: 不满意 1 又不亮了'))).toEqual([
      '[10] 9幢业主群|ringbell: #1 重新打开：又不亮了。正在重新通知志愿者。',
      '[11] @钱阿姨|ringbell: #1 重新打开：又不亮了。正在重新通知志愿者。',
      '[12] 好大姐志愿者群|ringbell: 🔔 #1 又需要人了 物业·9幢：楼道灯坏了',
    ])
    await bell.say('好大姐志愿者群|钱阿姨: 接单 1', '好大姐志愿者群|钱阿姨: 完成 1', '9幢业主群|王阿姨: 满意 1')
    bell.clock.advance(8 * 86_400_000)
    expect(await bell.say('9幢业主群|王阿姨: 不满意 1 又坏了')).toEqual([
      '[20] 9幢业主群|ringbell: @王阿姨 #1 办结有一阵了，不能再打开。问题又来了的话，请发「再按铃 1 又坏了」，会新开一件，注明接着 #1。',
    ])
    expect(heads(await bell.say('9幢业主群|王阿姨: 再按铃 1 又坏了'))).toEqual([
      '[21] 9幢业主群|ringbell: 🔔 #2 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。（接着 #1）',
      '[22] 好大姐志愿者群|ringbell: 🔔 #2 物业·9幢：楼道灯坏了：又坏了',
    ])
    // Said again, it is the same new case.
    expect(heads(await bell.say('9幢业主群|王阿姨: 再按铃 1'))).toEqual([
      '[23] 9幢业主群|ringbell: @王阿姨 您已按过 #2（楼道灯坏了：又坏了），现在等待接单。不用再按，有进展会在群里告诉您；要补充请发「补充 2 内容」。',
    ])
    const two = await bell.rb.db.case.findFirstOrThrow({ where: { number: 2 }, include: { events: true } })
    expect(two.events.map((e) => e.kind)).toContain('follows')
  })
})
