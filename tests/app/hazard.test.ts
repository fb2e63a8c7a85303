// An emergency named in a residents' group without a ring word (issue 11, tried as a new user at 21:00):
// the safety advice and the hotline at once, and how to get a volunteer over; nothing else is rung.
import { describe, expect, it } from 'vitest'
import { consoleBell } from '../helpers/index.js'

describe('an emergency said without 按铃', () => {
  it('at 21:00 「我家厨房有煤气味，怎么办」 gets what to do, whom to call and how to ring; no case, no ping', async () => {
    const bell = await consoleBell()
    bell.clock.advance(12 * 3_600_000)
    expect(await bell.say('9幢业主群|严大伯: 我家厨房有煤气味，怎么办')).toEqual([
      '[1] 9幢业主群|ringbell: @严大伯 ⚠️ 如果真有燃气泄漏：',
      '    ⚠️ 不要开关电灯电器，不要点火，不要在屋里打电话',
      '    ⚠️ 开门开窗通风，关上燃气总阀，人先到楼外',
      '    ☎️ 燃气抢修 96777 · 火警 119',
      '    要志愿者马上来，10分钟内回复「按铃」就行；也可以写上哪栋哪里，比如：按铃 我家厨房有煤气味，怎么办',
    ])
    expect(await bell.say('9幢业主群|毛大姐: 电梯困人了，我在里面出不来')).toContain('    ☎️ 电梯救援 96333 · 火警 119')
  })

  it("talk about a bill, the volunteers' own talk, and a direct message are not it", async () => {
    const bell = await consoleBell()
    expect(await bell.say('9幢业主群|王阿姨: 这个月燃气费又涨了')).toEqual([])
    expect(await bell.say('好大姐志愿者群|钱阿姨: 上次煤气味那家后来怎样了')).toEqual([])
    expect(await bell.say('9幢业主群|王阿姨: 楼道灯坏了好几天了')).toEqual([])
  })
})
