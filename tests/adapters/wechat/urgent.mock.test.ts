// Urgent rings on WeChat (issue 11), through the adapter and the real wechaty API on the mock puppet:
// at 21:00 a gas smell is answered with what to do and whom to call — the numbers in full — the
// volunteers are really @-mentioned, staff hear privately, the claimer is asked for 到场 and the
// building's room sees it; a false alarm is downgraded by staff.
import { describe, expect, it } from 'vitest'
import { demoWith } from '../../helpers/index.js'
import { bellWorld } from './bell-world.js'

const R9 = '锦绣新村9幢业主群'
const VOL = '好大姐志愿者群'
const COM = '议事荟'
const config = demoWith('wechat', { groups: { '9幢业主群': R9, 好大姐志愿者群: VOL, 议事荟: COM } })
const spec = () => ({
  bot: 'ringbell',
  rooms: { [R9]: ['王阿姨', '钱阿姨', '毛大姐'], [VOL]: ['钱阿姨', '万大姐', '赵专员'], [COM]: ['徐书记', '赵专员'] },
})
const NIGHT = 12 * 3600_000

describe('urgent rings on WeChat', () => {
  it('gas at 21:00: advice and hotlines first, real @s off shift, staff told privately, 接单 → 到场 seen in the room', async () => {
    const b = await bellWorld(spec(), config)
    await b.bindFirstAdmin('徐书记')
    await b.bind('徐书记', '钱阿姨')
    await b.bind('徐书记', '赵专员')
    b.clock.advance(NIGHT)
    await b.said('王阿姨', '按铃 闻到很重的煤气味，楼道里都是，怎么办', R9)
    const ack = b.texts(R9).at(-1)!
    // WeChat quotes the ring on the first line (a reply degrades to @name「preview」); then the advice.
    expect(ack.split('\n').slice(1)).toEqual([
      '🚨 #1 燃气泄漏！',
      '⚠️ 不要开关电灯电器，不要点火，不要在屋里打电话',
      '⚠️ 开门开窗通风，关上燃气总阀，人先到楼外',
      '☎️ 燃气抢修 96777 · 火警 119',
      '已受理（9幢）。已马上通知志愿者和赵专员，有人接单会在群里告诉您。',
    ])
    expect(ack).not.toMatch(/明天|08:00/)
    // 钱阿姨 is off shift at 21:00 but her skill fits: a real @ on WeChat.
    const ping = b.w.sentTo(VOL).find((s) => s.text.includes('🚨 #1 紧急·燃气泄漏'))
    expect(ping?.mentionIdList).toEqual([b.w.person('钱阿姨').id])
    expect(b.dms('赵专员').join('\n')).toContain('🚨 #1 紧急·燃气泄漏')
    expect(b.texts(COM).join('\n')).toContain('🚨 #1 紧急·燃气泄漏')

    await b.said('钱阿姨', '接单 1', VOL)
    expect(b.texts(R9).at(-1)).toBe('✅ #1 由 钱阿姨 接单，正在赶过去。')
    expect(b.dms('钱阿姨').at(-1)).toBe('#1 是紧急的：请马上过去，到了回复「到场 1」，大家就放心了。')
    await b.said('钱阿姨', '到场 1', VOL)
    expect(b.texts(R9).at(-1)).toBe('📍 #1 钱阿姨 已到场。')
  }, 60_000)

  it('a lift at noon, unclaimed: the fast ladder calls everyone again after 3 minutes; staff downgrade a false alarm', async () => {
    const b = await bellWorld(spec(), config)
    await b.bindFirstAdmin('徐书记')
    await b.bind('徐书记', '赵专员')
    await b.bind('徐书记', '钱阿姨')
    await b.said('毛大姐', '按铃 电梯困人了！我妈在里面', R9)
    expect(b.texts(R9).at(-1)).toContain('☎️ 电梯救援 96333 · 火警 119')
    b.clock.advance(3 * 60_000)
    await b.rb.runDueJobs()
    const again = b.w.sentTo(VOL).find((s) => s.text.includes('3分钟了还没人接'))
    // Every volunteer: a real @ for the one bound on WeChat, her name for the one known only by name.
    expect(again?.mentionIdList).toEqual([b.w.person('钱阿姨').id])
    expect(again?.text).toContain('@万大姐')
    await b.dm('赵专员', '不紧急 1')
    expect(b.texts(R9).at(-1)).toBe('#1 经工作人员确认，不是紧急情况，按一般的事处理。')
    b.clock.advance(3 * 60_000)
    await b.rb.runDueJobs()
    expect(b.w.sentTo(VOL).filter((s) => s.text.includes('还没人接'))).toHaveLength(1)
  }, 60_000)
})
