// 受理 (issue 13), through the console as people type it: with `triage: auto` a ring is accepted at once;
// with `triage: staff` it waits for staff, who accept, decline with a reason, or hand it to an outside body.
// The resident is told kindly at each step, and every decision is in the case's history with who and why.
import { describe, expect, it } from 'vitest'
import { consoleBell, demoConfig, heads } from '../helpers/index.js'
import { defaultTriage } from '../../src/domain/settings.js'

const staffMode = () => ({ ...demoConfig(), triage: { ...defaultTriage, mode: 'staff' as const } })

describe('triage: auto (the default)', () => {
  it('a ring is accepted at once and volunteers are pinged', async () => {
    const bell = await consoleBell()
    expect(heads(await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了'))).toEqual([
      '[1] 9幢业主群|ringbell: 🔔 #1 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[2] 好大姐志愿者群|ringbell: 🔔 #1 物业·9幢：楼道灯坏了',
    ])
  })

  it('staff may still decline a case before it is done, and the resident hears why', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 隔壁装修太吵')
    expect(await bell.say('议事荟|赵专员: 不受理 1 装修在规定时间内，不属于社区管')).toEqual([
      '[3] 9幢业主群|ringbell: #1 社区看过了，这件事这次没法受理：装修在规定时间内，不属于社区管。有疑问可以找赵专员，也可以打 12345 市民服务热线问问。谢谢您的理解！',
      '[4] 议事荟|ringbell: @赵专员 好的，已告诉9幢业主群。',
    ])
  })
})

describe('triage: staff', () => {
  it('a ring waits for staff: the resident is told it was received, staff are asked, volunteers hear nothing yet', async () => {
    const bell = await consoleBell({ config: staffMode() })
    expect(await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')).toEqual([
      '[1] 9幢业主群|ringbell: 🔔 #1 收到了：物业·9幢。社区专员看过后会安排志愿者，有消息会在群里告诉您。',
      '[2] @赵专员|ringbell: 🆕 #1 物业·9幢：楼道灯坏了',
      '    请受理：回复「受理 1」。不办请回复「不受理 1 原因」，要交给别的单位请回复「转办 1 单位」。',
    ])
    // A volunteer who tries anyway is told it waits.
    expect(await bell.say('好大姐志愿者群|钱阿姨: 接单 1')).toEqual([
      '[3] 好大姐志愿者群|ringbell: @钱阿姨 #1 还在等社区受理，受理后会通知志愿者。',
    ])
    expect(await bell.say('@赵专员: 受理 1')).toEqual([
      '[4] 9幢业主群|ringbell: ✅ #1 社区已受理，正在通知志愿者，有人接单会在群里告诉您。',
      '[5] 好大姐志愿者群|ringbell: 🔔 #1 物业·9幢：楼道灯坏了',
      '    请回复「接单 1」接单 @钱阿姨',
      '[6] @赵专员|ringbell: 好的，已告诉9幢业主群、好大姐志愿者群。',
    ])
    expect(await bell.say('@赵专员: 受理 1')).toEqual(['[7] @赵专员|ringbell: #1 已经受理了（现在等待接单）。'])
  })

  it('the ladder reminds staff while nobody accepts, and at its top tells the committee', async () => {
    const bell = await consoleBell({ config: staffMode() })
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    expect(heads(await bell.say(':advance 30m'))).toEqual(['[3] @赵专员|ringbell: ⏰ #1 物业·9幢：楼道灯坏了'])
    expect(heads(await bell.say(':advance 90m'))).toEqual([
      '[4] @赵专员|ringbell: ⏰ #1 物业·9幢：楼道灯坏了',
      '[5] 议事荟|ringbell: ⏰ #1 物业·9幢：楼道灯坏了',
    ])
    expect(bell.out.at(-1)).toBe('    已经2小时还没受理，请议事会关注。')
  })

  it('accepting stops the reminders', async () => {
    const bell = await consoleBell({ config: staffMode() })
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '@赵专员: 受理 1', '好大姐志愿者群|钱阿姨: 接单 1')
    const later = await bell.say(':advance 3h')
    expect(later.filter((l) => l.includes('还没受理'))).toEqual([])
  })

  it('转办: handed to an outside body, tracked until its answer is recorded, the resident told at each step', async () => {
    const bell = await consoleBell({ config: staffMode() })
    await bell.say('9幢业主群|王阿姨: 按铃 楼下燃气表箱锈穿了')
    expect(await bell.say('@赵专员: 转办 1 燃气公司 已打燃气抢修电话')).toEqual([
      '[3] 9幢业主群|ringbell: 📨 #1 已转给燃气公司办理：已打燃气抢修电话。有结果会在群里告诉您，请放心。',
      '[4] @赵专员|ringbell: 好的，已告诉9幢业主群。',
    ])
    // Nobody wrote the answer down for three days: staff are reminded.
    expect(heads(await bell.say(':advance 3d'))).toEqual([
      '[5] @赵专员|ringbell: ⏰ #1（楼下燃气表箱锈穿了）转给燃气公司已经3天，有结果请回复「转办结果 1 内容」，要收回来自己办请回复「受理 1」。',
    ])
    expect(await bell.say('@赵专员: 转办结果 1 燃气公司已上门，是楼下饭店的管道，已修好')).toEqual([
      '[6] 9幢业主群|ringbell: 📨 #1 燃气公司的办理结果：燃气公司已上门，是楼下饭店的管道，已修好',
      '    还有问题请再按铃。',
      '[7] @赵专员|ringbell: 好的，已告诉9幢业主群。',
    ])
    expect(await bell.say('议事荟|徐书记: 统计 本月')).toContain('    在办 0 · 待验收 0 · 转办 1（有结果 1）')
  })

  it('不受理 needs a reason; the resident hears it with where to turn', async () => {
    const bell = await consoleBell({ config: staffMode() })
    await bell.say('9幢业主群|王阿姨: 按铃 楼上邻居不还钱')
    expect(await bell.say('@赵专员: 不受理 1')).toEqual([
      '[3] @赵专员|ringbell: 请写上内容，比如：不受理 12 已联系物业',
    ])
    expect(await bell.say('@赵专员: 不受理 1 借钱是私人纠纷，可以找人民调解委员会')).toEqual([
      '[4] 9幢业主群|ringbell: #1 社区看过了，这件事这次没法受理：借钱是私人纠纷，可以找人民调解委员会。有疑问可以找赵专员，也可以打 12345 市民服务热线问问。谢谢您的理解！',
      '[5] @赵专员|ringbell: 好的，已告诉9幢业主群。',
    ])
  })

  it('a volunteer cannot decide: triage is for staff', async () => {
    const bell = await consoleBell({ config: staffMode() })
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    expect(await bell.say('@钱阿姨: 受理 1')).toEqual([
      '[3] @钱阿姨|ringbell: 这个需要社区专员来做。有问题请找社区专员。',
    ])
  })
})

describe('cancelling someone else’s case', () => {
  it('needs a reason, which the resident hears with who closed it', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    expect(await bell.say('议事荟|赵专员: 撤销 1')).toEqual([
      '[3] 议事荟|ringbell: @赵专员 关闭别人提的单子要写原因，比如：撤销 1 重复了',
    ])
    expect(heads(await bell.say('议事荟|赵专员: 撤销 1 和 #2 是同一件事'))).toEqual([
      '[4] 9幢业主群|ringbell: #1 已由赵专员关闭：和 #2 是同一件事。',
      '[5] 好大姐志愿者群|ringbell: #1 已由赵专员关闭：和 #2 是同一件事。',
      '[6] 议事荟|ringbell: @赵专员 好的，已告诉9幢业主群、好大姐志愿者群。',
    ])
  })

  it('every decision is in the history with who and why', async () => {
    const bell = await consoleBell({ config: staffMode() })
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了 13812345678',
      '@赵专员: 受理 1',
      '好大姐志愿者群|钱阿姨: 接单 1',
      '@赵专员: 撤销 1 王阿姨说已经自己修好了',
    )
    expect(await bell.say('议事荟|徐书记: 记录 1')).toEqual([
      '[12] 议事荟|ringbell: @徐书记 🗂 #1 物业·9幢：楼道灯坏了 138****5678（已撤销）',
      '    11月2日 09:00 王阿姨 按铃：楼道灯坏了 138****5678',
      '    11月2日 09:00 赵专员 受理',
      '    11月2日 09:00 钱阿姨 接单',
      '    11月2日 09:00 赵专员 撤销：王阿姨说已经自己修好了',
    ])
  })
})
