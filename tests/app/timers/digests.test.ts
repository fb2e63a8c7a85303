// The committee's digests as recurring timers (issue 13): the daily digest at its time, the weekly review
// for 周周碰 on its morning — in the committee group, skipped when there is nothing to say, and once per
// period across restarts (the simulated clock goes on while the bot is stopped and started again).
import { describe, expect, it } from 'vitest'
import { DEMO_START, SimClock, consoleBell, demoConfig, tempDbFile } from '../../helpers/index.js'
import { defaultDigest } from '../../../src/domain/settings.js'

const MIN = 60_000
const withDigests = () => ({
  ...demoConfig(),
  digest: { ...defaultDigest, daily: '20:00', weekly: { weekday: 1, at: '08:30' } },
})
/** The committee group's messages among what was printed, with their continuation lines. */
function committee(lines: string[]): string[] {
  const out: string[] = []
  let inside = false
  for (const l of lines) {
    if (/^\[\d+\] /.test(l)) inside = l.includes(' 议事荟|')
    if (inside) out.push(l.replace(/^\[\d+\] /, ''))
  }
  return out
}

describe('the daily digest', () => {
  it('at 20:00 in the committee group, once, even when the bot restarts that evening', async () => {
    const dbFile = tempDbFile()
    const clock = new SimClock(DEMO_START) // Monday 09:00
    const bell = await consoleBell({ dbFile, clock, config: withDigests() })
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '10幢业主群|严大伯: 按铃 #法律 租房合同纠纷',
      '好大姐志愿者群|钱阿姨: 接单 1',
      '好大姐志愿者群|钱阿姨: 完成 1 换了灯泡',
      '9幢业主群|王阿姨: 满意 1',
      '好大姐志愿者群|万大姐: 接单 2',
    )
    expect(committee(await bell.say(':advance 10h'))).toEqual([]) // 19:00: not yet
    expect(committee(await bell.say(':advance 1h'))).toEqual([
      '议事荟|ringbell: 📰 今日小结（11月2日）',
      '    新按铃 2 件 · 接单 2 件 · 办结 1 件',
      '    还在办：等待接单 0 · 处理中 1 · 待验收 0',
    ])
    await bell.stop()

    clock.advance(30 * MIN) // started again at 20:30 the same evening
    const again = await consoleBell({ dbFile, clock, config: withDigests() })
    expect(committee(await again.say(':advance 1m'))).toEqual([])
    // The next evening: nothing new, nothing done, nothing overdue — no digest.
    expect(committee(await again.say(':advance 24h'))).toEqual([])
  })

  it('a stop across 20:00 sends that evening’s digest once, late, when the bot is back', async () => {
    const dbFile = tempDbFile()
    const clock = new SimClock(DEMO_START)
    const bell = await consoleBell({ dbFile, clock, config: withDigests() })
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    await bell.stop()
    clock.advance(12 * 60 * MIN) // down from 09:00 to 21:00
    const back = await consoleBell({ dbFile, clock, config: withDigests() })
    const late = committee(await back.say(':advance 1m'))
    expect(late[0]).toBe('议事荟|ringbell: 📰 今日小结（11月2日）')
    expect(committee(await back.say(':advance 1m'))).toEqual([])
  })

  it('overdue cases are named, so a quiet day with old work still gets a digest', async () => {
    const bell = await consoleBell({ config: withDigests() })
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    await bell.say(':advance 83h') // Thursday 20:00: the case is 3 days and 11 hours old
    expect(committee(await bell.say(':advance 24h'))).toEqual([
      '议事荟|ringbell: 📰 今日小结（11月6日）',
      '    新按铃 0 件 · 接单 0 件 · 办结 0 件',
      '    还在办：等待接单 0 · 处理中 1 · 待验收 0',
      '    ⚠️ 超过3天没办完：1 件，发「列表」查看',
    ])
  })
})

describe('urgent cases in the digests (issue 11)', () => {
  /** The digest among the committee's lines: from its head to the end of that message. */
  const digest = (lines: string[], head: RegExp) => {
    const c = committee(lines)
    const at = c.findIndex((l) => head.test(l))
    if (at < 0) return []
    const next = c.findIndex((l, i) => i > at && !l.startsWith('    '))
    return c.slice(at, next < 0 ? undefined : next)
  }

  it('the daily digest names them first, marked 🚨, with their own count and times to claim and arrive', async () => {
    const bell = await consoleBell({ config: withDigests() })
    await bell.say(
      '9幢业主群|王阿姨: 按铃 闻到很重的煤气味，楼道里都是',
      ':advance 4m',
      '好大姐志愿者群|钱阿姨: 接单 1',
      ':advance 6m',
      '好大姐志愿者群|钱阿姨: 到场 1',
      '10幢业主群|严大伯: 按铃 电梯困人了',
      '9幢业主群|毛大姐: 按铃 楼道灯坏了',
      '好大姐志愿者群|万大姐: 接单 3',
      ':advance 1h',
      '9幢业主群|毛大姐: 按铃 9幢3单元有人晕倒了，叫不应',
      '好大姐志愿者群|万大姐: 接单 4',
    )
    expect(digest(await bell.say(':advance 10h'), /今日小结/)).toEqual([
      '议事荟|ringbell: 📰 今日小结（11月2日）',
      '    🚨 #1 燃气泄漏·9幢 闻到很重的煤气味，楼道里都是（处理中·钱阿姨，10分钟到场）',
      '    🚨 #2 电梯困人·10幢 电梯困人了（等待接单，已等11小时）',
      '    🚨 #4 有人倒地·9幢3单元 9幢3单元有人晕倒了，叫不应（处理中·万大姐，还没说到场）',
      '    新按铃 4 件 · 接单 3 件 · 办结 0 件',
      '    其中紧急 3 件 · 接单中位 2分钟 · 到场中位 10分钟',
      '    还在办：等待接单 1 · 处理中 3 · 待验收 0',
    ])
  })

  it('an urgent case still open is named the next evening too, though nothing new came in', async () => {
    const bell = await consoleBell({ config: withDigests() })
    await bell.say('10幢业主群|严大伯: 按铃 电梯困人了', ':advance 11h')
    const next = digest(await bell.say(':advance 24h'), /今日小结（11月3日）/)
    expect(next).toEqual([
      '议事荟|ringbell: 📰 今日小结（11月3日）',
      '    🚨 #1 电梯困人·10幢 电梯困人了（等待接单，已等35小时）',
      '    新按铃 0 件 · 接单 0 件 · 办结 0 件',
      '    还在办：等待接单 1 · 处理中 0 · 待验收 0',
    ])
  })

  it('周周碰 names last week’s urgent cases first, and says their figures with the times', async () => {
    const bell = await consoleBell({ config: withDigests() })
    await bell.say(
      '9幢业主群|王阿姨: 按铃 闻到很重的煤气味，楼道里都是',
      ':advance 3m',
      '好大姐志愿者群|钱阿姨: 接单 1',
      ':advance 5m',
      '好大姐志愿者群|钱阿姨: 到场 1',
      '好大姐志愿者群|钱阿姨: 完成 1 关了总阀，燃气公司来修好了',
      '9幢业主群|王阿姨: 满意 1',
      '9幢业主群|毛大姐: 按铃 楼道灯坏了',
    )
    await bell.say(':advance 167h')
    const review = digest(await bell.say(':advance 30m'), /周周碰/)
    expect(review.slice(0, 3)).toEqual([
      '议事荟|ringbell: 🗓 周周碰 · 上周（11月2日—11月8日）',
      '    🚨 #1 燃气泄漏·9幢 闻到很重的煤气味，楼道里都是（已办结·钱阿姨，8分钟到场）',
      '    📊 上周（11月2日—11月8日）：按铃 2 · 受理 2 · 办结 1',
    ])
    expect(review).toContain('    其中紧急 1 件 · 接单中位 3分钟 · 到场中位 8分钟')
    expect(review.join('\n')).not.toContain('发「统计 紧急」') // said once, with the times, not twice
  })
})

describe('the weekly review (周周碰)', () => {
  it('Monday 08:30: last week’s figures, the longest open, what each volunteer did — once per week', async () => {
    const dbFile = tempDbFile()
    const clock = new SimClock(DEMO_START)
    const bell = await consoleBell({ dbFile, clock, config: withDigests() })
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '好大姐志愿者群|钱阿姨: 接单 1',
      '好大姐志愿者群|钱阿姨: 进展 1 灯泡买好了',
      '好大姐志愿者群|钱阿姨: 完成 1 换了灯泡',
      '9幢业主群|王阿姨: 满意 1',
      '10幢业主群|严大伯: 按铃 #法律 租房合同纠纷',
      '好大姐志愿者群|万大姐: 接单 2',
    )
    await bell.say(':advance 167h') // Monday 8 November 08:00
    const review = committee(await bell.say(':advance 30m')).filter((l) => !l.includes('今日小结'))
    expect(review.slice(0, 3)).toEqual([
      '议事荟|ringbell: 🗓 周周碰 · 上周（11月2日—11月8日）',
      '    📊 上周（11月2日—11月8日）：按铃 2 · 受理 2 · 办结 1',
      '    完成率 50%（办结÷受理）· 满意率 100%（1 件有评价）',
    ])
    expect(review.slice(-6)).toEqual([
      '    最久没办完的：',
      '    #2 法律·10幢 租房合同纠纷（处理中，7天）',
      '    ',
      '    志愿者这一周：',
      '    钱阿姨 接单 1 · 办好 1 · 进展 1',
      '    万大姐 接单 1 · 办好 0',
    ])
    await bell.stop()
    clock.advance(60 * MIN)
    const again = await consoleBell({ dbFile, clock, config: withDigests() })
    expect(committee(await again.say(':advance 1m')).filter((l) => l.includes('周周碰'))).toEqual([])
  })

  it('周报 asks for it at any time', async () => {
    const bell = await consoleBell()
    expect(await bell.say('议事荟|徐书记: 周报')).toEqual([
      '[1] 议事荟|ringbell: @徐书记 上周没有按铃，也没有没办完的单子。',
    ])
  })

  it('off unless the community’s file says when', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    const week = committee(await bell.say(':advance 7d'))
    expect(week.length).toBeGreaterThan(0) // the ladder did reach the committee…
    expect(week.filter((l) => /📰|🗓/.test(l))).toEqual([]) // …but no digest did
  })
})
