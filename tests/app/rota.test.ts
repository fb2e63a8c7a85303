// Duty from chat: 排班, 值班 / 下班, 我的班 — and who the ping goes to as a result.
import { describe, expect, it } from 'vitest'
import { consoleBell } from '../helpers/index.js'

const pinged = (lines: string[]) => lines.filter((l) => l.includes('请回复「接单'))

describe('duty and shifts from chat', () => {
  it('an admin adds, lists and removes shifts; others may not', async () => {
    const bell = await consoleBell()
    expect(await bell.say('@徐书记: 排班 万大姐 周六、周日 09:00-17:00')).toEqual([
      '[1] @徐书记|ringbell: ✅ 已给 万大姐 排班：周六、周日 09:00-17:00',
    ])
    expect(await bell.say('@徐书记: 排班 列表')).toEqual([
      '[2] @徐书记|ringbell: 🗓 排班（✅ 现在在班）',
      '    钱阿姨 ✅',
      '      1. 每天 08:00-20:00',
      '    万大姐 ✅',
      '      1. 每天 08:00-20:00',
      '      2. 周六、周日 09:00-17:00',
    ])
    expect(await bell.say('@徐书记: 排班 删除 万大姐 2')).toEqual([
      '[3] @徐书记|ringbell: ✅ 已删除 万大姐 的 1 个班。',
    ])
    expect(await bell.say('@徐书记: 排班 万大姐 周八 09:00-17:00')).toEqual([
      '[4] @徐书记|ringbell: 没看懂「周八 09:00-17:00」，请写成：周一至周五 08:00-20:00',
    ])
    expect(await bell.say('@钱阿姨: 排班 钱阿姨 每天 00:00-24:00')).toEqual([
      '[5] @钱阿姨|ringbell: 这个需要管理员来做。有问题请找社区专员。',
    ])
  })

  it('下班 takes a volunteer out of the pings until tomorrow; 值班 puts one in outside their shift', async () => {
    const bell = await consoleBell()
    expect(await bell.say('好大姐志愿者群|钱阿姨: 下班')).toEqual([
      '[1] 好大姐志愿者群|ringbell: @钱阿姨 好的，今天不再打扰您。辛苦了！',
    ])
    expect(pinged(await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了'))).toEqual(['    请回复「接单 1」接单 @万大姐'])
    expect(await bell.say('@钱阿姨: 我的班')).toEqual([
      '[4] @钱阿姨|ringbell: 您现在不在班。排班：',
      '      1. 每天 08:00-20:00',
    ])

    bell.clock.advance(13 * 3600_000) // Monday 22:00: everyone's shift is over
    await bell.say('好大姐志愿者群|万大姐: 值班')
    expect(pinged(await bell.say('9幢业主群|王阿姨: 按铃 电梯坏了'))).toEqual(['    请回复「接单 2」接单 @万大姐'])
    bell.clock.advance(11 * 3600_000) // Tuesday 09:00: 下班 and 值班 ended at midnight, shifts rule again
    expect(pinged(await bell.say('9幢业主群|王阿姨: 按铃 门禁坏了'))).toEqual(['    请回复「接单 3」接单 @钱阿姨'])
  })

  it('only volunteers have shifts; from anyone else the bare words are conversation', async () => {
    const bell = await consoleBell()
    expect(await bell.say('9幢业主群|王阿姨: 值班', '9幢业主群|王阿姨: 下班')).toEqual([])
    expect(await bell.say('@王阿姨: /myshifts')).toEqual([
      '[1] @王阿姨|ringbell: Only registered volunteers can take cases. Ask community staff to sign you up. Thank you!',
    ])
    expect(await bell.say('@徐书记: 排班 李阿姨 每天 08:00-20:00')).toEqual([
      '[2] @徐书记|ringbell: 没有找到志愿者「李阿姨」。发「排班 列表」看看有哪些人。',
    ])
  })
})
