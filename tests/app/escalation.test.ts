// The escalation ladder and the follow-ups, driven by the simulated clock as in the console (`:advance`).
import { describe, expect, it } from 'vitest'
import { consoleBell, heads } from '../helpers/index.js'

describe('escalation ladder: nobody claims', () => {
  it('+15 min widens, +30 min tells staff, +60 min tells the committee — and says so in the group', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    expect(heads(await bell.say(':advance 14m'))).toEqual([])
    expect(heads(await bell.say(':advance 1m'))).toEqual([
      '[3] 好大姐志愿者群|ringbell: 🔔 #1 又需要人了 物业·9幢：楼道灯坏了',
      '[4] 9幢业主群|ringbell: ⏰ #1 还没人接单，已再次通知志愿者，请再耐心等一等。',
    ])
    expect(heads(await bell.say(':advance 15m'))).toEqual([
      '[5] 好大姐志愿者群|ringbell: ⏰ #1 物业·9幢：楼道灯坏了',
      '[6] @赵专员|ringbell: ⏰ #1 物业·9幢：楼道灯坏了',
      '[7] 9幢业主群|ringbell: ⏰ #1 还没人接单，已通知赵专员。',
    ])
    expect(bell.out.at(-4)).toBe('    30分钟没人接单，请帮忙安排（派单 1 @志愿者） @赵专员')
    expect(heads(await bell.say(':advance 30m'))).toEqual([
      '[8] 议事荟|ringbell: ⏰ #1 物业·9幢：楼道灯坏了',
      '[9] 9幢业主群|ringbell: ⏰ #1 还没人接单，已报告议事会。',
    ])
    expect(await bell.say(':advance 3h')).toEqual([])
    const c = await bell.rb.db.case.findFirstOrThrow({ include: { events: true } })
    expect(c.escalationRung).toBe(3)
    expect(c.events.map((e) => e.kind)).toEqual(['rung', 'escalated', 'escalated', 'escalated'])
  })

  it('a claim stops the ladder', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', ':advance 10m', '好大姐志愿者群|钱阿姨: 接单 1')
    expect(await bell.say(':advance 2h')).toEqual([])
    expect(await bell.rb.db.job.count({ where: { kind: 'escalate' } })).toBe(0)
  })

  it('a release starts the ladder again from the bottom', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '好大姐志愿者群|钱阿姨: 接单 1',
      ':advance 1h',
      '好大姐志愿者群|钱阿姨: 放弃 1',
    )
    expect(heads(await bell.say(':advance 15m')).map((l) => l.replace(/^\[\d+\] /, ''))).toEqual([
      '好大姐志愿者群|ringbell: 🔔 #1 又需要人了 物业·9幢：楼道灯坏了',
      '9幢业主群|ringbell: ⏰ #1 还没人接单，已再次通知志愿者，请再耐心等一等。',
    ])
  })
})

describe('escalation at night', () => {
  it('a ring with nobody on duty tells staff at once and starts the ladder when the next shift does', async () => {
    const bell = await consoleBell()
    bell.clock.advance(12 * 3600_000) // Monday 21:00
    await bell.say('好大姐志愿者群|钱阿姨: 下班', '9幢业主群|王阿姨: 按铃 电梯坏了')
    expect(await bell.say(':advance 10h')).toEqual([]) // Tuesday 07:00: nobody woken in the night
    const morning = heads(await bell.say(':advance 75m')) // 08:15, the first rung after the 08:00 shift start
    // Nobody was pinged in the night: the morning's ping is a first ping, not 又需要人了 (issue 11).
    expect(morning.map((l) => l.replace(/^\[\d+\] /, ''))).toEqual([
      '好大姐志愿者群|ringbell: 🔔 #1 物业·9幢：电梯坏了',
      '9幢业主群|ringbell: ⏰ #1 志愿者上班了，已通知他们，有人接单会告诉您。',
    ])
  })

  it('widening never reaches someone who said 下班 today', async () => {
    const bell = await consoleBell()
    await bell.say('好大姐志愿者群|钱阿姨: 下班', '9幢业主群|王阿姨: 按铃 电梯坏了')
    // 物业 rings go to 钱阿姨; she is off today, so 万大姐 (on duty, other skills) is asked, and the
    // +15 min widening to "every volunteer with the skill" finds nobody else to add.
    const pings = (await bell.say(':advance 15m')).filter((l) => l.includes('请回复「接单'))
    expect(pings).toEqual(['    请回复「接单 1」接单 @万大姐'])
  })
})

describe('timers survive a restart', () => {
  it('jobs due while the bot was down fire once after it starts again', async () => {
    const first = await consoleBell()
    await first.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    await first.stop()
    const clock = first.clock
    clock.advance(20 * 60_000)
    const again = await consoleBell({ dbFile: first.dbFile, clock })
    expect(await again.rb.runDueJobs()).toBe(1)
    expect(heads(again.out).map((l) => l.replace(/^\[\d+\] /, ''))).toEqual([
      '好大姐志愿者群|ringbell: 🔔 #1 又需要人了 物业·9幢：楼道灯坏了',
      '9幢业主群|ringbell: ⏰ #1 还没人接单，已再次通知志愿者，请再耐心等一等。',
    ])
    expect(await again.rb.runDueJobs()).toBe(0)
    expect(heads(again.out)).toHaveLength(2)
  })
})

describe('follow-ups on quiet cases', () => {
  it('claimed with no progress: a reminder after 24 h, staff after 48 h', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    expect(heads(await bell.say(':advance 24h'))).toEqual([
      '[6] @钱阿姨|ringbell: ⏰ #1（楼道灯坏了）还在处理吗？有进展请回复「进展 1 内容」，办好了回复「完成 1」，接不了回复「放弃 1」。',
    ])
    expect(heads(await bell.say(':advance 24h'))).toEqual([
      '[7] 好大姐志愿者群|ringbell: ⏰ #1（楼道灯坏了）由 钱阿姨 接单，已经2天没有进展，请关心一下 @赵专员',
      '[8] @赵专员|ringbell: ⏰ #1（楼道灯坏了）由 钱阿姨 接单，已经2天没有进展，请关心一下',
    ])
  })

  it('progress resets the clock', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '好大姐志愿者群|钱阿姨: 接单 1',
      ':advance 20h',
      '好大姐志愿者群|钱阿姨: 进展 1 等物业配件',
    )
    expect(await bell.say(':advance 20h')).toEqual([])
    expect(heads(await bell.say(':advance 4h'))).toHaveLength(1)
  })

  it('resolved and never verified: a last reminder, then closed as 未回复 and counted apart', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '好大姐志愿者群|钱阿姨: 接单 1',
      '好大姐志愿者群|钱阿姨: 完成 1',
    )
    expect(await bell.say(':advance 72h')).toEqual([
      '[8] 9幢业主群|ringbell: @王阿姨 #1 办好了吗？请回复「满意 1」或「不满意 1 原因」。没有回复的话，过些时候会自动办结。',
    ])
    expect(await bell.say(':advance 24h')).toEqual([
      '[9] 9幢业主群|ringbell: #1 没有收到回复，已自动办结。还有问题请重新按铃。',
    ])
    expect(await bell.rb.db.case.findFirstOrThrow()).toMatchObject({
      status: 'closed',
      closeReason: 'unverified',
      satisfied: null,
    })
    const stats = await bell.say('议事荟|徐书记: 统计 全部')
    expect(stats.slice(1, 3)).toEqual([
      '    完成率 100%（办结÷受理）· 满意率 —',
      '    办结里有 1 件是未回复、自动办结的',
    ])
    // A verdict that comes after the case closed itself still counts, and thanks the volunteer.
    expect(heads(await bell.say('9幢业主群|王阿姨: 满意 1'))).toEqual([
      '[11] 9幢业主群|ringbell: 🙏 #1 已办结，谢谢您的评价！',
      '[12] @钱阿姨|ringbell: 🙏 #1 王阿姨 满意，辛苦您了！',
    ])
    expect(await bell.rb.db.case.findFirstOrThrow()).toMatchObject({
      status: 'closed',
      closeReason: 'verified',
      satisfied: true,
    })
  })
})

describe('a timer that runs twice', () => {
  it('says its reminder once', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    const job = await bell.rb.db.job.findFirstOrThrow({ where: { key: { endsWith: ':remindClaimer' } } })
    bell.clock.advance(24 * 3600_000)
    // As if the process died after the reminder was committed but before the job was marked done.
    const handler = bell.rb.app.jobHandlers.followup!
    const row = { key: job.key, payload: JSON.parse(job.payload) as unknown }
    await handler(row, bell.clock.now())
    await handler(row, bell.clock.now())
    await bell.rb.drain()
    expect(bell.out.filter((l) => l.includes('还在处理吗'))).toHaveLength(1)
  })
})

describe('many cases at one rung', () => {
  it('go up together: one message per group and per staff member, each group that rang hearing its own', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 电梯坏了',
      ':advance 1m',
      '9幢业主群|严大伯: 按铃 楼道灯坏了',
      ':advance 2m',
      '10幢业主群|毛大姐: 按铃 垃圾没人收',
    )
    // 09:15: #1's first rung takes #2 and #3 along (due within 5 minutes).
    expect(said(await bell.say(':advance 12m'))).toEqual([
      '好大姐志愿者群|ringbell: 🔔 #1 又需要人了 物业·9幢：电梯坏了',
      '9幢业主群|ringbell: ⏰ #1、#2 还没人接单，已再次通知志愿者，请再耐心等一等。',
      '10幢业主群|ringbell: ⏰ #3 还没人接单，已再次通知志愿者，请再耐心等一等。',
    ])
    expect(bell.out.slice(-8)).toEqual([
      '[7] 好大姐志愿者群|ringbell: 🔔 #1 又需要人了 物业·9幢：电梯坏了',
      '    请回复「接单 1」接单',
      '    🔔 #2 又需要人了 物业·9幢：楼道灯坏了',
      '    请回复「接单 2」接单',
      '    🔔 #3 又需要人了 物业·10幢：垃圾没人收',
      '    请回复「接单 3」接单 @钱阿姨',
      '[8] 9幢业主群|ringbell: ⏰ #1、#2 还没人接单，已再次通知志愿者，请再耐心等一等。',
      '[9] 10幢业主群|ringbell: ⏰ #3 还没人接单，已再次通知志愿者，请再耐心等一等。',
    ])
    expect(await bell.say(':advance 3m')).toEqual([]) // #2 and #3's own timers find the work done
    expect(said(await bell.say(':advance 12m'))).toEqual([
      '好大姐志愿者群|ringbell: ⏰ #1 物业·9幢：电梯坏了',
      '@赵专员|ringbell: ⏰ #1 物业·9幢：电梯坏了',
      '9幢业主群|ringbell: ⏰ #1、#2 还没人接单，已通知赵专员。',
      '10幢业主群|ringbell: ⏰ #3 还没人接单，已通知赵专员。',
    ])
    expect(said(await bell.say(':advance 30m'))).toEqual([
      '议事荟|ringbell: ⏰ #1 物业·9幢：电梯坏了',
      '9幢业主群|ringbell: ⏰ #1、#2 还没人接单，已报告议事会。',
      '10幢业主群|ringbell: ⏰ #3 还没人接单，已报告议事会。',
    ])
    expect(await bell.say(':advance 3h')).toEqual([])
    const cases = await bell.rb.db.case.findMany({ include: { events: true } })
    expect(cases.map((c) => [c.escalationRung, c.events.filter((e) => e.kind === 'escalated').length])).toEqual([
      [3, 3],
      [3, 3],
      [3, 3],
    ])
  })

  it('a claim in between leaves that case out of the next rung', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 电梯坏了', '9幢业主群|严大伯: 按铃 楼道灯坏了', ':advance 20m')
    await bell.say('好大姐志愿者群|钱阿姨: 接单 1')
    expect(said(await bell.say(':advance 10m'))).toContain('9幢业主群|ringbell: ⏰ #2 还没人接单，已通知赵专员。')
  })
})

const said = (lines: string[]) => heads(lines).map((l) => l.replace(/^\[\d+\] /, ''))
