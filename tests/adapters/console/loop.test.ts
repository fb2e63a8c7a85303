// The whole 居民点单、社区派单、志愿者接单、群众验单 loop, read as the transcript a user would see.
import { describe, expect, it } from 'vitest'
import { consoleBell, heads } from '../../helpers/index.js'

describe('the bell loop in the console demo', () => {
  it('ring → ping → claim → progress → done → verify → figures', async () => {
    const bell = await consoleBell()
    expect(await bell.say('9幢业主群|王阿姨: /ring 9幢2单元楼道灯坏了 13812345678')).toEqual([
      '[1] 9幢业主群|ringbell: 🔔 #1 已受理：物业·9幢2单元。正在通知志愿者，有人接单会在群里告诉您。',
      '[2] 好大姐志愿者群|ringbell: 🔔 #1 物业·9幢2单元：9幢2单元楼道灯坏了 138****5678',
      '    请回复「接单 1」接单 @钱阿姨',
    ])
    expect(await bell.say('好大姐志愿者群|钱阿姨: 接单 1')).toEqual([
      '[3] 9幢业主群|ringbell: ✅ #1 由 钱阿姨 接单，请放心。',
      '[4] 好大姐志愿者群|ringbell: ✅ #1 钱阿姨 接了。',
      '[5] @钱阿姨|ringbell: 您接了 #1（9幢2单元）：9幢2单元楼道灯坏了 138****5678',
      '    居民：王阿姨　电话：13812345678',
      '    办好后回复「完成 1 说明」；有进展回复「进展 1 内容」。',
    ])
    expect(await bell.say('好大姐志愿者群|钱阿姨: 进展 1 已联系物业')).toEqual([
      '[6] 9幢业主群|ringbell: 📝 #1 钱阿姨：已联系物业',
      '[7] 好大姐志愿者群|ringbell: ✓ #1 已转告9幢业主群',
    ])
    expect(await bell.say('好大姐志愿者群|钱阿姨: 完成 1 换了灯泡')).toEqual([
      '[8] 9幢业主群|ringbell: 🎉 #1 钱阿姨 已办好：换了灯泡',
      '    @王阿姨 请回复「满意 1」或「不满意 1 原因」。',
      '[9] 好大姐志愿者群|ringbell: ✓ #1 已转告9幢业主群',
    ])
    expect(await bell.say('9幢业主群|王阿姨: 满意 1 ★★★★★')).toEqual([
      '[10] 9幢业主群|ringbell: 🙏 #1 已办结，谢谢您的评价！',
      '[11] @钱阿姨|ringbell: 🙏 #1 王阿姨 满意 ★★★★★，辛苦您了！',
    ])
    const [stats, ...rest] = await bell.say('议事荟|徐书记: 统计 本月')
    expect(stats).toBe('[12] 议事荟|ringbell: @徐书记 📊 本月（2026年11月）：按铃 1 · 受理 1 · 办结 1')
    expect(rest[0]).toBe('    完成率 100%（办结÷受理）· 满意率 100%（1 件有评价）')

    const events = await bell.rb.db.caseEvent.findMany({ orderBy: { id: 'asc' } })
    expect(events.map((e) => e.kind)).toEqual(['rung', 'claimed', 'noted', 'resolved', 'verified'])
    const c = await bell.rb.db.case.findFirstOrThrow()
    expect(c).toMatchObject({
      number: 1,
      status: 'closed',
      closeReason: 'verified',
      rating: 5,
      contact: '13812345678',
      text: '9幢2单元楼道灯坏了 138****5678',
    })
  })

  it("the phone number never appears in a group, only in the claimer's direct message", async () => {
    const bell = await consoleBell()
    const lines = await bell.say(
      '9幢业主群|王阿姨: 按铃：楼道灯坏了，电话 138-1234-5678',
      '好大姐志愿者群|钱阿姨: 接单 1',
      '议事荟|徐书记: 列表',
      '9幢业主群|王阿姨: 进度 1',
      '好大姐志愿者群|钱阿姨: 进展 1 物业师傅电话13912345678，下午到',
      '好大姐志愿者群|钱阿姨: 完成 1',
      '9幢业主群|王阿姨: 不满意 1 还是不亮，打我电话13812345678',
    )
    expect(lines).toContain('[8] 9幢业主群|ringbell: 📝 #1 钱阿姨：物业师傅电话139****5678，下午到')
    const text = lines.join('\n')
    const leaks = lines.filter((l) => /1234.?5678|13812345678/.test(l))
    expect(leaks).toEqual(['    居民：王阿姨　电话：13812345678'])
    expect(lines.filter((l) => l.includes('13912345678'))).toEqual([])
    expect(text).toContain('@钱阿姨|ringbell: 您接了 #1')
  })

  it('an empty ring is a prompt and creates nothing', async () => {
    const bell = await consoleBell()
    expect(await bell.say('9幢业主群|王阿姨: 按铃')).toEqual([
      '[1] 9幢业主群|ringbell: @王阿姨 请说说遇到了什么问题，比如：按铃 9幢2单元楼道灯坏了',
    ])
    expect(await bell.say('9幢业主群|王阿姨: @ringbell')).toEqual([
      '[2] 9幢业主群|ringbell: @王阿姨 请说说遇到了什么问题，比如：按铃 9幢2单元楼道灯坏了',
    ])
    expect(await bell.rb.db.case.count()).toBe(0)
  })

  it('every alias rings, and the place comes from the text or the group', async () => {
    const bell = await consoleBell()
    const acks = heads(
      await bell.say(
        '9幢业主群|王阿姨: 协商铃 电梯不动了',
        '9幢业主群|严大伯: 楼下漏水 #协商铃',
        '10幢业主群|毛大姐: @ringbell 独居老人需要买药',
        '9幢业主群|王阿姨: ＃协商铃　１０幢门禁坏了',
        '9幢业主群|王阿姨: #法律 按铃 装修合同的问题',
      ),
    ).filter((l) => l.includes('已受理'))
    expect(acks).toEqual([
      '[1] 9幢业主群|ringbell: 🔔 #1 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[3] 9幢业主群|ringbell: 🔔 #2 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[5] 10幢业主群|ringbell: 🔔 #3 已受理：银龄·10幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[7] 9幢业主群|ringbell: 🔔 #4 已受理：物业·10幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[9] 9幢业主群|ringbell: 🔔 #5 已受理：法律·9幢。正在通知志愿者，有人接单会在群里告诉您。',
    ])
  })

  it('volunteers are pinged by skill: 物业 to 钱阿姨, 银龄 to 万大姐', async () => {
    const bell = await consoleBell()
    const lines = await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '10幢业主群|严大伯: 按铃 #银龄 想请人陪诊')
    expect(lines.filter((l) => l.includes('请回复「接单'))).toEqual([
      '    请回复「接单 1」接单 @钱阿姨',
      '    请回复「接单 2」接单 @万大姐',
    ])
  })

  it('claiming by quoting the ping with 接', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    expect(heads(await bell.say('好大姐志愿者群|钱阿姨 ^2: 接'))).toEqual([
      '[3] 9幢业主群|ringbell: ✅ #1 由 钱阿姨 接单，请放心。',
      '[4] 好大姐志愿者群|ringbell: ✅ #1 钱阿姨 接了。',
      '[5] @钱阿姨|ringbell: 您接了 #1（9幢）：楼道灯坏了',
    ])
  })

  it('the first claim wins and the second is told who has it', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    expect(await bell.say('好大姐志愿者群|万大姐: /claim 1')).toEqual([
      '[6] 好大姐志愿者群|ringbell: @万大姐 #1 is already taken by 钱阿姨. Thank you!',
    ])
    expect(await bell.say('好大姐志愿者群|万大姐: 接单 1')).toEqual([
      '[7] 好大姐志愿者群|ringbell: @万大姐 #1 已经由 钱阿姨 接单了，谢谢您！',
    ])
  })

  it('nobody on duty: staff are pinged and the group is told when the next shift starts', async () => {
    const bell = await consoleBell()
    bell.clock.advance(12 * 3600_000) // Monday 21:00
    expect(heads(await bell.say('9幢业主群|王阿姨: 按铃 电梯坏了'))).toEqual([
      '[1] 9幢业主群|ringbell: 🔔 #1 已受理：物业·9幢。现在没有志愿者值班，已转告赵专员，明天 08:00 有人上班，不会忘的。',
      '[2] 好大姐志愿者群|ringbell: 🔔 #1 物业·9幢：电梯坏了',
      '[3] @赵专员|ringbell: 🔔 #1 物业·9幢：电梯坏了',
    ])
    expect(bell.out[2]).toBe('    现在没有志愿者值班，请帮忙安排，回复「接单 1」或「派单 1 @志愿者」 @赵专员')
  })

  it('release re-pings someone else; 不满意 reopens and re-pings', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    expect(await bell.say('好大姐志愿者群|钱阿姨: 放弃 1')).toEqual([
      '[6] 9幢业主群|ringbell: #1 钱阿姨 暂时接不了，已重新通知志愿者。',
      '[7] 好大姐志愿者群|ringbell: 🔔 #1 又需要人了 物业·9幢：楼道灯坏了',
      '    请回复「接单 1」接单 @万大姐',
    ])
    await bell.say('好大姐志愿者群|万大姐: 接单 1', '好大姐志愿者群|万大姐: 完成 1')
    expect(heads(await bell.say('9幢业主群|王阿姨: 不满意 1 还是不亮'))).toEqual([
      '[13] 9幢业主群|ringbell: #1 重新打开：还是不亮。正在重新通知志愿者。',
      '[14] @万大姐|ringbell: #1 重新打开：还是不亮。正在重新通知志愿者。',
      '[15] 好大姐志愿者群|ringbell: 🔔 #1 又需要人了 物业·9幢：楼道灯坏了',
    ])
    expect(await bell.rb.db.case.findFirstOrThrow()).toMatchObject({
      status: 'open',
      reopenCount: 1,
      claimantId: null,
      satisfied: false,
    })
  })

  it('bad input gets a clear reply and changes nothing', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    const before = await bell.rb.db.case.findFirstOrThrow()
    expect(
      await bell.say(
        '好大姐志愿者群|钱阿姨: 接单 99',
        '好大姐志愿者群|钱阿姨: 完成 1',
        '9幢业主群|严大伯: 满意 1',
        '9幢业主群|毛大姐: 接单 1',
        '9幢业主群|王阿姨: 满意 1',
        '好大姐志愿者群|钱阿姨: 进展',
        '9幢业主群|王阿姨: /frobnicate',
        '好大姐志愿者群|钱阿姨: /done 99',
      ),
    ).toEqual([
      '[3] 好大姐志愿者群|ringbell: @钱阿姨 没有找到 #99，请核对一下单号。',
      '[4] 好大姐志愿者群|ringbell: @钱阿姨 #1 还没人接单，请先回复「接单 1」。',
      '[5] 9幢业主群|ringbell: @严大伯 只有 #1 的提出人可以这样做。',
      '[6] 9幢业主群|ringbell: @毛大姐 接单需要志愿者身份。想当志愿者，请联系社区专员登记，谢谢您！',
      '[7] 9幢业主群|ringbell: @王阿姨 #1 还没人接单，办好后再请您验收。',
      '[8] 好大姐志愿者群|ringbell: @钱阿姨 请写上单号，比如：进展 12',
      '[9] 9幢业主群|ringbell: @王阿姨 I don\'t know "/frobnicate". Send /help to see what I can do.',
      '[10] 好大姐志愿者群|ringbell: @钱阿姨 No case #99; please check the number.',
    ])
    expect(await bell.rb.db.case.findFirstOrThrow()).toEqual(before)
    expect(await bell.rb.db.case.count()).toBe(1)
  })

  it('me too counts each household once', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 电梯坏了')
    expect(await bell.say('9幢业主群|毛大姐: 同 1', '9幢业主群|毛大姐: 同 1', '9幢业主群|王阿姨: 同 1')).toEqual([
      '[3] 9幢业主群|ringbell: @毛大姐 👍 #1 又有邻居反映同样的问题，共 2 户。',
      '[4] 9幢业主群|ringbell: @毛大姐 #1 您已经反映过了，我们记着呢。',
      '[5] 9幢业主群|ringbell: @王阿姨 #1 是您自己提的，我们记着呢。',
    ])
  })

  it('a case cancelled before anyone took it is called off where volunteers were pinged', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 电梯坏了')
    expect(await bell.say('9幢业主群|王阿姨: 撤销 1')).toEqual([
      '[3] 9幢业主群|ringbell: #1 已撤销。',
      '[4] 好大姐志愿者群|ringbell: #1 已撤销。',
    ])
  })

  it('binding happens inside the group it binds', async () => {
    const bell = await consoleBell()
    expect(await bell.say('@徐书记: 绑定 锦绣新村 9幢 业主')).toEqual([
      '[1] @徐书记|ringbell: 请在要绑定的群里发「绑定 …」，这样我才知道是哪个群。',
    ])
    expect(await bell.say('新建群|徐书记: 绑定 锦绣新村 10幢 业主')).toEqual([
      '[2] 新建群|ringbell: @徐书记 ✅ 本群已绑定为「锦绣新村/10幢 业主群」。',
    ])
    // The new chat joined the existing 10幢 group: posts about its cases reach both chats.
    expect(heads(await bell.say('新建群|毛大姐: 按铃 楼下漏水')).slice(0, 2)).toEqual([
      '[3] 10幢业主群|ringbell: 🔔 #1 已受理：物业·10幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[4] 新建群|ringbell: 🔔 #1 已受理：物业·10幢。正在通知志愿者，有人接单会在群里告诉您。',
    ])
  })

  it('a closed case cannot be claimed again', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '9幢业主群|王阿姨: 撤销 1')
    expect(await bell.say('好大姐志愿者群|钱阿姨: 接单 1')).toEqual([
      '[5] 好大姐志愿者群|ringbell: @钱阿姨 #1 现在是「已撤销」，不能这样操作。',
    ])
  })

  it('everyday chatter gets no answer', async () => {
    const bell = await consoleBell()
    expect(
      await bell.say('9幢业主群|王阿姨: 大家早上好', '9幢业主群|严大伯: 同', '好大姐志愿者群|钱阿姨: 完成了吗'),
    ).toEqual([])
  })

  it('status, my cases, lists and help answer by role', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '10幢业主群|严大伯: 按铃 电梯坏了',
      '好大姐志愿者群|钱阿姨: 接单 2',
    )
    expect(await bell.say('9幢业主群|王阿姨: 进度 1')).toEqual([
      '[8] 9幢业主群|ringbell: @王阿姨 #1 物业·9幢：楼道灯坏了',
      '    状态：等待接单',
    ])
    expect(await bell.say('@钱阿姨: 我的单')).toEqual([
      '[9] @钱阿姨|ringbell: 您手上有 1 件：',
      '    #2 处理中·钱阿姨 物业·10幢 电梯坏了',
    ])
    expect(await bell.say('议事荟|徐书记: 列表 未接单')).toEqual([
      '[10] 议事荟|ringbell: @徐书记 📋 等待接单：1 件',
      '    #1 等待接单 物业·9幢 楼道灯坏了',
    ])
    expect(await bell.say('9幢业主群|王阿姨: 列表 未接单')).toEqual([
      '[11] 9幢业主群|ringbell: @王阿姨 这个需要议事会成员来做。有问题请找社区专员。',
    ])
    expect(await bell.say('9幢业主群|王阿姨: 列表')).toEqual([])
    const residentHelp = (await bell.say('@王阿姨: 帮助')).join('\n')
    expect(residentHelp).toContain('按铃 问题描述')
    expect(residentHelp).not.toContain('接单 12')
    const volunteerHelp = (await bell.say('@钱阿姨: 帮助')).join('\n')
    expect(volunteerHelp).toContain('接单 12 — 接下这件事')
    expect(volunteerHelp).not.toContain('绑定')
    const adminHelp = (await bell.say('@徐书记: /help')).join('\n')
    expect(adminHelp).toContain('/bind 锦绣新村 9幢 residents')
    expect(adminHelp).toContain('/stats [today|week|last week|month|last month|2026-11|all]')
  })

  it('a case number is never reused and a restart continues the numbering and open cases', async () => {
    const first = await consoleBell()
    await first.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '9幢业主群|王阿姨: 按铃 电梯坏了', '9幢业主群|王阿姨: 撤销 2')
    await first.stop()
    const again = await consoleBell({ dbFile: first.dbFile })
    expect(heads(await again.say('10幢业主群|严大伯: 按铃 漏水了'))[0]).toBe(
      '[1] 10幢业主群|ringbell: 🔔 #3 已受理：物业·10幢。正在通知志愿者，有人接单会在群里告诉您。',
    )
    expect(heads(await again.say('好大姐志愿者群|钱阿姨: 接单 1'))[0]).toBe(
      '[3] 9幢业主群|ringbell: ✅ #1 由 钱阿姨 接单，请放心。',
    )
  })
})

describe('staff and residents between the rings', () => {
  it('派单 assigns a case to a named volunteer, who gets the contact', async () => {
    const bell = await consoleBell()
    await bell.say('10幢业主群|严大伯: 按铃 #法律 房东不退押金 13912345678')
    expect(heads(await bell.say('好大姐志愿者群|赵专员: 派单 1 @万大姐'))).toEqual([
      '[3] 10幢业主群|ringbell: ✅ #1 已派给 万大姐。',
      '[4] 好大姐志愿者群|ringbell: ✅ #1 已派给 万大姐。 @万大姐',
      '[5] @万大姐|ringbell: 您接了 #1（10幢）：房东不退押金 139****5678',
    ])
    expect(await bell.say('好大姐志愿者群|钱阿姨: 派单 1 @钱阿姨')).toEqual([
      '[6] 好大姐志愿者群|ringbell: @钱阿姨 这个需要社区专员来做。有问题请找社区专员。',
    ])
    expect(await bell.say('好大姐志愿者群|赵专员: 派单 1 @王阿姨')).toEqual([
      '[7] 好大姐志愿者群|ringbell: @赵专员 王阿姨 不是登记的志愿者，只能派给志愿者。',
    ])
    expect(await bell.say('好大姐志愿者群|赵专员: 派单 1 万大姐')).toEqual([
      '[8] 好大姐志愿者群|ringbell: @赵专员 #1 已经是 万大姐 在办了。',
    ])
    expect(heads(await bell.say('议事荟|赵专员: 派单 1 @钱阿姨'))).toEqual([
      '[9] 10幢业主群|ringbell: ✅ #1 已派给 钱阿姨。',
      '[10] 好大姐志愿者群|ringbell: ✅ #1 已派给 钱阿姨。 @钱阿姨',
      '[11] @钱阿姨|ringbell: 您接了 #1（10幢）：房东不退押金 139****5678',
      '[12] @万大姐|ringbell: #1 已改派给 钱阿姨，谢谢您！',
      '[13] 议事荟|ringbell: @赵专员 好的，已告诉10幢业主群、好大姐志愿者群。',
    ])
  })

  it('补充 reaches the volunteer on the case; 撤销 tells them it is off', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    expect(await bell.say('9幢业主群|王阿姨: 补充 1 是三楼的灯，我电话13812345678')).toEqual([
      '[6] @钱阿姨|ringbell: 📎 #1 补充：是三楼的灯，我电话138****5678',
      // the number she left is the case's contact now, and reaches the volunteer on it privately
      '[7] 9幢业主群|ringbell: @王阿姨 好的，#1 的电话记下了，只给接单的志愿者看。',
      '[8] @钱阿姨|ringbell: 📞 #1 王阿姨 补了电话：13812345678',
    ])
    expect(await bell.say('9幢业主群|王阿姨: 撤销 1')).toEqual([
      '[9] 9幢业主群|ringbell: #1 已撤销。',
      '[10] @钱阿姨|ringbell: #1 已撤销。',
    ])
  })
})

describe('direct messages', () => {
  it('everything said to the bot directly gets an answer, except thanks; a ring there is a private one', async () => {
    const bell = await consoleBell()
    expect(await bell.say('@王阿姨: 楼道灯坏了', '@王阿姨: 谢谢！', '@王阿姨: 按铃 9幢楼道灯坏了')).toEqual([
      '[1] @王阿姨|ringbell: 要按铃的话，请发「按铃 问题」，比如：按铃 9幢2单元楼道灯坏了。私聊按的铃只有接单的志愿者看得到详情。发「帮助」看看还能做什么。',
      '[2] @王阿姨|ringbell: 🔔 #1 已受理：物业·9幢。正在通知志愿者，有人接单会私聊告诉您。',
      '[3] 好大姐志愿者群|ringbell: 🔔 #1 物业·9幢：（私下求助，详情只给接单的志愿者）',
      '    请回复「接单 1」接单 @钱阿姨',
    ])
  })
})
