// Urgent rings (issue 11), through the console: a gas smell or a trapped lift never waits for the next
// shift. The group reads what to do and whom to call first; every volunteer who fits or is on duty is
// called at once (never one who said 下班 today), staff directly, the committee too; a fast ladder until
// someone claims; 到场 N; 不紧急 N; and no case, urgent or not, goes silent.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { consoleBell, demoConfig, heads } from '../helpers/index.js'

const NIGHT = 12 * 3600_000 // Monday 21:00 in Shanghai: nobody on shift
const strip = (lines: string[]) => lines.map((l) => l.replace(/^\[\d+\] /, ''))

/** Each class with a ring a resident would type, its name, a hotline it must show, and who fits it. */
const classes = [
  {
    key: 'gas',
    ring: '闻到很重的煤气味，楼道里都是，怎么办',
    name: '燃气泄漏',
    hotline: '燃气抢修 96777',
    skilled: '钱阿姨',
  },
  { key: 'lift', ring: '电梯困人了！我妈在里面', name: '电梯困人', hotline: '电梯救援 96333', skilled: '钱阿姨' },
  { key: 'fire', ring: '楼下车库冒烟了，有烧焦味', name: '着火冒烟', hotline: '火警 119', skilled: '钱阿姨' },
  { key: 'person', ring: '隔壁老人摔倒了，叫不应', name: '有人倒地', hotline: '急救 120', skilled: '万大姐' },
  { key: 'electric', ring: '配电箱冒火花，好像漏电', name: '漏电', hotline: '火警 119', skilled: '钱阿姨' },
  { key: 'water', ring: '楼上爆管了，水漫到楼道', name: '爆管漏水', hotline: '火警 119', skilled: '钱阿姨' },
  { key: 'urgent', ring: '紧急！楼下有人要打起来了', name: '急事', hotline: '报警 110', skilled: '' },
] as const

describe('an urgent ring, at once', () => {
  it('the flagship: a gas smell at 21:00 — advice and hotline first, never "明天 08:00"; everyone is called', async () => {
    const bell = await consoleBell()
    bell.clock.advance(NIGHT)
    expect(await bell.say('9幢业主群|王阿姨: 按铃 闻到很重的煤气味，楼道里都是，怎么办')).toEqual([
      '[1] 9幢业主群|ringbell: 🚨 #1 燃气泄漏！',
      '    ⚠️ 不要开关电灯电器，不要点火，不要在屋里打电话',
      '    ⚠️ 开门开窗通风，关上燃气总阀，人先到楼外',
      '    ☎️ 燃气抢修 96777 · 火警 119',
      '    已受理（9幢）。已马上通知志愿者和赵专员，有人接单会在群里告诉您。',
      '[2] 好大姐志愿者群|ringbell: 🚨 #1 紧急·燃气泄漏 物业·9幢：闻到很重的煤气味，楼道里都是，怎么办',
      '    能去的请马上回复「接单 1」 @钱阿姨',
      '[3] @赵专员|ringbell: 🚨 #1 紧急·燃气泄漏 物业·9幢：闻到很重的煤气味，楼道里都是，怎么办',
      '    已通知所有能去的志愿者。请马上安排（派单 1 @志愿者），需要时直接打热线。',
      '[4] 议事荟|ringbell: 🚨 #1 紧急·燃气泄漏 物业·9幢：闻到很重的煤气味，楼道里都是，怎么办',
      '    已通知志愿者和专员。',
    ])
    const c = await bell.rb.db.case.findFirstOrThrow()
    expect(c.urgency).toBe('gas')
  })

  describe.each(classes)('$key: 按铃 $ring', (k) => {
    it('by day: the ack leads with the advice and the hotline; the fitting and on-duty volunteers, staff and committee hear at once', async () => {
      const bell = await consoleBell()
      const out = await bell.say(`9幢业主群|王阿姨: 按铃 ${k.ring}`)
      expect(out[0]).toBe(`[1] 9幢业主群|ringbell: 🚨 #1 ${k.name}！`)
      expect(out[1]).toMatch(/^ {4}⚠️ /)
      expect(out.find((l) => l.startsWith('    ☎️'))).toContain(k.hotline)
      expect(out.join('\n')).not.toMatch(/明天|上班/)
      // By day both volunteers are on duty: both are called, whatever their skill.
      const ping = out.find((l) => l.includes('能去的请马上回复「接单 1」'))
      expect(ping).toContain('@钱阿姨')
      expect(ping).toContain('@万大姐')
      const rest = heads(out).slice(2)
      expect(rest.map((l) => l.split('|')[0])).toEqual(['[3] @赵专员', '[4] 议事荟'])
      for (const l of rest) expect(l).toMatch(new RegExp(`ringbell: 🚨 #1 紧急·${k.name} .+：${k.ring}$`))
      expect((await bell.rb.db.case.findFirstOrThrow()).urgency).toBe(k.key)
    })

    it('at night: no quiet hours — the volunteer whose skill fits is called off shift, one who said 下班 is not', async () => {
      const bell = await consoleBell()
      bell.clock.advance(NIGHT)
      // 钱阿姨 said 下班 tonight: she is left alone even for an emergency; 万大姐 has not.
      await bell.say('好大姐志愿者群|钱阿姨: 下班')
      const out = await bell.say(`9幢业主群|王阿姨: 按铃 ${k.ring}`)
      expect(out[0]).toBe(`[2] 9幢业主群|ringbell: 🚨 #1 ${k.name}！`)
      expect(out.join('\n')).not.toMatch(/明天|08:00|没有志愿者值班/)
      const ping = out.find((l) => l.includes('能去的请马上回复「接单 1」'))!
      expect(ping).not.toContain('@钱阿姨')
      expect(ping.includes('@万大姐')).toBe(k.skilled === '万大姐')
      expect(heads(out).map((l) => l.split('|')[0])).toEqual([
        '[2] 9幢业主群',
        '[3] 好大姐志愿者群',
        '[4] @赵专员',
        '[5] 议事荟',
      ])
      // Three minutes on, every volunteer who has not said 下班 is called again.
      const again = await bell.say(':advance 3m')
      expect(strip(heads(again))).toEqual([
        expect.stringMatching(/^好大姐志愿者群\|ringbell: 🚨 #1 紧急·.+，3分钟了还没人接/),
      ])
      expect(again.at(-1)).toBe('    能去的请马上回复「接单 1」 @万大姐')
    })

    it('claimed: the group hears someone is on the way, the claimer is asked for 到场, and the ladder stops', async () => {
      const bell = await consoleBell()
      bell.clock.advance(NIGHT)
      await bell.say(`9幢业主群|王阿姨: 按铃 ${k.ring}`, ':advance 2m')
      expect(heads(await bell.say('好大姐志愿者群|万大姐: 接单 1'))).toEqual([
        '[5] 9幢业主群|ringbell: ✅ #1 由 万大姐 接单，正在赶过去。',
        '[6] 好大姐志愿者群|ringbell: ✅ #1 由 万大姐 接单，正在赶过去。',
        '[7] @万大姐|ringbell: 您接了 #1（9幢）：' + k.ring,
        '[8] @万大姐|ringbell: #1 是紧急的：请马上过去，到了回复「到场 1」，大家就放心了。',
      ])
      expect(await bell.say('好大姐志愿者群|万大姐: 到场 1')).toEqual([
        '[9] 9幢业主群|ringbell: 📍 #1 万大姐 已到场。',
        '[10] 好大姐志愿者群|ringbell: 📍 #1 万大姐 已到场。',
      ])
      expect(await bell.say('好大姐志愿者群|万大姐: 到场 1')).toEqual([
        '[11] 好大姐志愿者群|ringbell: @万大姐 #1 已经记下到场了。',
      ])
      // No more urgent pings, no slow reminder: it is in hand.
      for (let i = 0; i < 12; i++) expect(await bell.say(':advance 3m')).toEqual([])
      // Only the ordinary follow-ups of a claimed case remain (还在处理吗 after a day).
      expect((await bell.say(':advance 2d')).filter((l) => /🚨|还没人接/.test(l))).toEqual([])
      const c = await bell.rb.db.case.findFirstOrThrow()
      expect(c.arriveMs).toBe(2 * 60_000)
      expect(c.claimMs).toBe(2 * 60_000)
    })

    it('unclaimed: every 3 minutes every volunteer, staff again at 5 and 10, then staff and the committee every day', async () => {
      const bell = await consoleBell()
      await bell.say(`9幢业主群|王阿姨: 按铃 ${k.ring}`)
      const said: string[] = []
      for (let m = 1; m <= 30; m++) said.push(...strip(heads(await bell.say(':advance 1m'))).map((l) => `${m}m ${l}`))
      const who = (l: string) => l.split('|')[0]
      expect(said.map(who)).toEqual([
        '3m 好大姐志愿者群',
        '5m @赵专员',
        '5m 9幢业主群',
        '6m 好大姐志愿者群',
        '9m 好大姐志愿者群',
        '10m @赵专员',
        '10m 9幢业主群',
        ...[12, 15, 18, 21, 24, 27].map((m) => `${m}m 好大姐志愿者群`),
        '30m @赵专员',
        '30m 议事荟',
      ])
      expect(said.find((l) => l.startsWith('5m 9幢'))).toBe(
        '5m 9幢业主群|ringbell: ⏰ #1 还在找人，已再次通知所有志愿者和赵专员。危险时请直接打热线。',
      )
      expect(said.at(-1)).toMatch(/^30m 议事荟\|ringbell: ⏰ #1 /)
      expect(bell.out.at(-1)).toBe('    已经等了30分钟，还没人接单，请帮忙安排（派单 1 @志愿者）')
      expect(strip(heads(await bell.say(':advance 1d')))).toEqual([
        expect.stringMatching(/^@赵专员\|ringbell: ⏰ #1 /),
        expect.stringMatching(/^议事荟\|ringbell: ⏰ #1 /),
      ])
      expect(bell.out.at(-1)).toBe('    已经等了25小时，还没人接单，请帮忙安排（派单 1 @志愿者）')
    })

    it('downgraded by staff (不紧急): the group is told, the fast ladder stops, the ordinary one takes over', async () => {
      const bell = await consoleBell()
      await bell.say(`9幢业主群|王阿姨: 按铃 ${k.ring}`)
      expect(await bell.say('@赵专员: 不紧急 1')).toEqual([
        '[5] 9幢业主群|ringbell: #1 经工作人员确认，不是紧急情况，按一般的事处理。',
        '[6] @赵专员|ringbell: 好的，#1 按一般的事处理，不再紧急催人。',
      ])
      expect(await bell.say(':advance 14m')).toEqual([])
      expect(strip(heads(await bell.say(':advance 1m')))).toEqual([
        expect.stringMatching(/^好大姐志愿者群\|ringbell: 🔔 #1 又需要人了 /),
        '9幢业主群|ringbell: ⏰ #1 还没人接单，已再次通知志愿者，请再耐心等一等。',
      ])
      expect((await bell.rb.db.case.findFirstOrThrow()).urgency).toBeNull()
    })
  })
})

describe('marks, false alarms and who may do what', () => {
  it('紧急 / 急 at the start or in brackets marks a ring; 不紧急 does not', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 急！楼下有人吵架要打起来了')
    await bell.say('9幢业主群|严大伯: 按铃【紧急】3单元门口躺着一个人')
    await bell.say('9幢业主群|毛大姐: 按铃 不紧急，楼道灯坏了，有空来看看')
    await bell.say('9幢业主群|王阿姨: 按铃 燃气费怎么交')
    const cases = await bell.rb.db.case.findMany({ orderBy: { number: 'asc' } })
    expect(cases.map((c) => [c.number, c.urgency])).toEqual([
      [1, 'urgent'],
      [2, 'urgent'],
      [3, null],
      [4, null],
    ])
  })

  it('only staff downgrade; an ordinary case is not downgraded; only the claimer says 到场', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 电梯困人了', '9幢业主群|王阿姨: 按铃 楼道灯坏了')
    expect(await bell.say('好大姐志愿者群|钱阿姨: 不紧急 1')).toEqual([
      '[7] 好大姐志愿者群|ringbell: @钱阿姨 这个需要社区专员来做。有问题请找社区专员。',
    ])
    expect(await bell.say('@赵专员: 不紧急 2')).toEqual(['[8] @赵专员|ringbell: #2 本来就不是紧急的。'])
    await bell.say('好大姐志愿者群|钱阿姨: 接单 1')
    expect(heads(await bell.say('好大姐志愿者群|万大姐: 到场 1'))).toEqual([
      expect.stringMatching(/^\[\d+\] 好大姐志愿者群\|ringbell: @万大姐 #1 /),
    ])
  })

  it('a claimer who gives an urgent case back (放弃): everyone is called again at once, and the fast ladder restarts', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 电梯困人了', '好大姐志愿者群|钱阿姨: 接单 1')
    const back = strip(heads(await bell.say('好大姐志愿者群|钱阿姨: 放弃 1 我在外地')))
    expect(back.filter((l) => l.includes('🚨')).map((l) => l.split('|')[0])).toEqual([
      '好大姐志愿者群',
      '@赵专员',
      '议事荟',
    ])
    expect(strip(heads(await bell.say(':advance 3m')))).toEqual([
      expect.stringMatching(/^好大姐志愿者群\|ringbell: 🚨 #1 紧急·电梯困人，\d+分钟了还没人接/),
    ])
  })

  it('steps that fell due while the bot was down do not all go out at once: the slow reminder says it', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 电梯困人了')
    // Thirty minutes pass in one jump (a stop, a restart): nine fast steps and two staff steps are overdue.
    // Each is skipped when a later one covers it; what is said is the slow reminder, once.
    expect(strip(heads(await bell.say(':advance 30m')))).toEqual([
      '@赵专员|ringbell: ⏰ #1 物业·9幢：电梯困人了',
      '议事荟|ringbell: ⏰ #1 物业·9幢：电梯困人了',
    ])
    expect(bell.out.at(-1)).toBe('    已经等了30分钟，还没人接单，请帮忙安排（派单 1 @志愿者）')
  })

  it('a ring with staff triage is not left waiting for 受理', async () => {
    const config = { ...demoConfig(), triage: { ...demoConfig().triage, mode: 'staff' as const } }
    const bell = await consoleBell({ config })
    const out = await bell.say('9幢业主群|王阿姨: 按铃 电梯困人了！')
    expect(out[0]).toBe('[1] 9幢业主群|ringbell: 🚨 #1 电梯困人！')
    expect((await bell.rb.db.case.findFirstOrThrow()).status).toBe('open')
  })

  it('over the flood rate an urgent ring still goes out at once; said twice it is one case', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '9幢业主群|王阿姨: 按铃 门禁坏了',
      '9幢业主群|王阿姨: 按铃 垃圾没人收',
    )
    const out = await bell.say('9幢业主群|王阿姨: 按铃 着火了！3单元冒烟')
    expect(out.some((l) => l.includes('🚨 #4 着火冒烟！'))).toBe(true)
    const again = await bell.say('9幢业主群|王阿姨: 按铃 着火了！3单元冒烟')
    expect(again.join('\n')).toContain('#4')
    expect(await bell.rb.db.case.count()).toBe(4)
  })

  it('the household on the special-needs list: volunteers and staff are told, the residents’ group is not', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 登记 9幢2单元301', '@赵专员: 帮扶 9幢2单元301 独居 高龄')
    const out = await bell.say('9幢业主群|王阿姨: 按铃 我在家摔倒了起不来')
    const text = out.join('\n')
    expect(
      text
        .split('[')
        .filter((m) => m.includes('🤝 这户登记了帮扶需要：高龄、独居'))
        .map((m) => m.split('|')[0]),
    ).toEqual(['4] 好大姐志愿者群', '5] @赵专员'])
  })

  it("reading the household for its special needs stays on the store's own statements: no Prisma query in the ring", async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 登记 9幢2单元301', '@赵专员: 帮扶 9幢2单元301 独居 高龄')
    // Every Prisma query goes through its SQLite adapter's queryRaw / executeRaw (one prototype for all).
    const adapter = await new PrismaBetterSqlite3({ url: ':memory:' }).connect()
    const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Record<
      'queryRaw' | 'executeRaw',
      () => unknown
    >
    const prisma = [vi.spyOn(queryable, 'queryRaw'), vi.spyOn(queryable, 'executeRaw')]
    try {
      const out = await bell.say('9幢业主群|王阿姨: 按铃 我在家摔倒了起不来')
      expect(out.join('\n')).toContain('🤝 这户登记了帮扶需要：高龄、独居')
      expect(prisma.map((p) => p.mock.calls.length)).toEqual([0, 0])
    } finally {
      prisma.forEach((p) => p.mockRestore())
      await adapter.dispose()
    }
  })

  it('a community’s own numbers: a local gas line is shown in full, though numbers in other text are masked', async () => {
    const base = demoConfig()
    const config = {
      ...base,
      urgency: { ...base.urgency, hotlines: { ...base.urgency.hotlines, gas: '0571-87654321' } },
    }
    const bell = await consoleBell({ config })
    const out = await bell.say('9幢业主群|王阿姨: 按铃 燃气漏气了 我电话13812345678')
    expect(out[3]).toBe('    ☎️ 燃气抢修 0571-87654321 · 火警 119')
    expect(out.join('\n')).not.toContain('13812345678')
  })
})

describe('in English', () => {
  it('a community whose language is English: the advice, the hotlines and the asks are in English', async () => {
    const bell = await consoleBell({ config: { ...demoConfig(), locale: 'en' } })
    expect(await bell.say('9幢业主群|王阿姨: /ring there is a gas leak on the stairs')).toEqual([
      '[1] 9幢业主群|ringbell: 🚨 #1 Gas leak!',
      '    ⚠️ Do not switch lights or appliances on or off, no flames, no phone calls inside',
      '    ⚠️ Open doors and windows, shut the gas valve, and get everyone outside',
      '    ☎️ Gas emergency 96777 · Fire 119',
      '    Noted (9幢). Volunteers and 赵专员 have been told at once; you will hear in the group when someone takes it.',
      '[2] 好大姐志愿者群|ringbell: 🚨 #1 URGENT · Gas leak 物业·9幢: there is a gas leak on the stairs',
      '    If you can go, reply /claim 1 now @钱阿姨 @万大姐',
      '[3] @赵专员|ringbell: 🚨 #1 URGENT · Gas leak 物业·9幢: there is a gas leak on the stairs',
      '    Every volunteer who can go has been told. Please arrange someone now (/assign 1 @volunteer), or call the hotline.',
      '[4] 议事荟|ringbell: 🚨 #1 URGENT · Gas leak 物业·9幢: there is a gas leak on the stairs',
      '    Volunteers and staff have been told.',
    ])
    await bell.say('好大姐志愿者群|钱阿姨: /claim 1')
    expect(bell.out.filter((l) => l.includes('/arrive 1'))).toEqual([
      '[8] @钱阿姨|ringbell: #1 is urgent: please go now, and reply /arrive 1 when you are there.',
    ])
    expect(await bell.say('好大姐志愿者群|钱阿姨: /arrive 1')).toEqual([
      '[9] 9幢业主群|ringbell: 📍 #1 钱阿姨 is there.',
      '[10] 好大姐志愿者群|ringbell: 📍 #1 钱阿姨 is there.',
    ])
  })
})

describe('no case goes silent', () => {
  it('an ordinary unclaimed case: after the committee step, staff and the committee hear every day how long it has waited', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', ':advance 1h')
    expect(await bell.say(':advance 23h')).toEqual([])
    expect(strip(heads(await bell.say(':advance 1h')))).toEqual([
      '@赵专员|ringbell: ⏰ #1 物业·9幢：楼道灯坏了',
      '议事荟|ringbell: ⏰ #1 物业·9幢：楼道灯坏了',
    ])
    expect(bell.out.at(-1)).toBe('    已经等了25小时，还没人接单，请帮忙安排（派单 1 @志愿者）')
    await bell.say(':advance 1d')
    expect(bell.out.at(-1)).toBe('    已经等了2天，还没人接单，请帮忙安排（派单 1 @志愿者）')
    // Claimed at last: staff and the committee hear no more (the claimer's own follow-up is another matter).
    await bell.say('好大姐志愿者群|钱阿姨: 接单 1')
    expect((await bell.say(':advance 1d')).filter((l) => l.includes('还没人接单'))).toEqual([])
  })
})

describe('figures', () => {
  it('统计 紧急: urgent cases apart, with time to claim and to arrive', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 电梯困人了', ':advance 4m', '好大姐志愿者群|钱阿姨: 接单 1', ':advance 6m')
    await bell.say('好大姐志愿者群|钱阿姨: 到场 1', '9幢业主群|严大伯: 按铃 楼道灯坏了')
    const out = await bell.say('@徐书记: 统计 紧急')
    expect(out.slice(-3)).toEqual([
      '    📊 本月（2026年11月）·紧急和一般',
      '    一般：按铃 1 · 接单中位 —（P90 —） · 办结 0',
      '    电梯困人：按铃 1 · 接单中位 4分钟（P90 4分钟） · 到场中位 10分钟（P90 10分钟） · 办结 0',
    ])
    // Shown apart right below: the count without the pointer to 统计 紧急, which this is.
    expect(out).toContain('    其中紧急 1 件')
    expect((await bell.say('@徐书记: 统计')).at(-1)).toBe('    其中紧急 1 件（发「统计 紧急」看接单、到场用时）')
  })
})
