// Mass incidents (issue 12), read as the console transcript: neighbours ringing about one power cut
// within minutes become one case with a count; staff take a wrongly joined ring out (拆分) and join a
// case that is the same incident into another (合并), whose ringers are told and counted.
import { describe, expect, it } from 'vitest'
import { consoleBell, demoConfig, heads } from '../helpers/index.js'

describe('a whole building rings at once', () => {
  it('the first ring opens the case; the rest join it, each told the number and the count; volunteers see one case', async () => {
    const bell = await consoleBell()
    expect(heads(await bell.say('9幢业主群|王阿姨: 按铃 9幢停电了'))).toEqual([
      '[1] 9幢业主群|ringbell: 🔔 #1 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。',
      '[2] 好大姐志愿者群|ringbell: 🔔 #1 物业·9幢：9幢停电了',
    ])
    bell.clock.advance(60_000)
    expect(await bell.say('9幢业主群|严大伯: 按铃 9幢2单元停电了！')).toEqual([
      '[3] 9幢业主群|ringbell: @严大伯 已记入 #1，共 2 户反映。同一件事一起办，有进展会在群里说。',
    ])
    expect(await bell.say('9幢业主群|毛大姐: 按铃 9幢也停电了')).toEqual([
      '[4] 9幢业主群|ringbell: @毛大姐 已记入 #1，共 3 户反映。同一件事一起办，有进展会在群里说。',
    ])
    // Said twice, still one household.
    expect(await bell.say('9幢业主群|毛大姐: 按铃 9幢停电了')).toEqual([
      '[5] 9幢业主群|ringbell: @毛大姐 已记入 #1，共 3 户反映。同一件事一起办，有进展会在群里说。',
    ])
    // Another building, another problem, or later than the window: a case of its own.
    expect(heads(await bell.say('10幢业主群|王阿姨: 按铃 10幢停电了'))[0]).toContain('#2 已受理')
    expect(heads(await bell.say('9幢业主群|严大伯: 按铃 9幢电梯停了'))[0]).toContain('#3 已受理')
    bell.clock.advance(31 * 60_000)
    expect(heads(await bell.say('9幢业主群|万大姐: 按铃 9幢停电了'))[0]).toContain('#4 已受理')
    const cases = await bell.rb.db.case.findMany({ orderBy: { number: 'asc' } })
    expect(cases.map((c) => [c.number, c.text, c.supporters])).toEqual([
      [1, '9幢停电了', 2],
      [2, '10幢停电了', 0],
      [3, '9幢电梯停了', 0],
      [4, '9幢停电了', 0],
    ])
    // The volunteers' group heard of #1 once, not once per household.
    expect(bell.out.filter((l) => l.startsWith('[') && l.includes('好大姐志愿者群') && l.includes('#1'))).toHaveLength(
      1,
    )
  })

  it('counts households: two people of one registered household are one', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 登记 9幢2单元301', '9幢业主群|严大伯: 登记 9幢2单元301')
    await bell.say('9幢业主群|王阿姨: 按铃 9幢停电了')
    expect(await bell.say('9幢业主群|严大伯: 按铃 9幢停电了')).toEqual([
      expect.stringContaining('@严大伯 已记入 #1，共 1 户反映'),
    ])
    expect(heads(await bell.say('9幢业主群|毛大姐: 按铃 9幢停电了'))[0]).toContain('已记入 #1，共 2 户反映')
  })

  it('counts households: someone whose housemate already joined is one with them', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|毛大姐: 登记 9幢3单元101', '9幢业主群|钱阿姨: 登记 9幢3单元101')
    await bell.say('9幢业主群|王阿姨: 按铃 9幢停电了')
    expect(heads(await bell.say('9幢业主群|毛大姐: 按铃 9幢停电了'))[0]).toContain('@毛大姐 已记入 #1，共 2 户反映')
    expect(heads(await bell.say('9幢业主群|钱阿姨: 按铃 9幢停电了'))[0]).toContain('@钱阿姨 已记入 #1，共 2 户反映')
    expect(heads(await bell.say('9幢业主群|严大伯: 按铃 9幢停电了'))[0]).toContain('@严大伯 已记入 #1，共 3 户反映')
  })

  it('at 5 households the volunteers hear the count again', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 9幢停电了')
    const config = demoConfig()
    const names = ['严大伯', '毛大姐', '钱阿姨', '万大姐']
    expect(config.people.map((p) => p.name)).toEqual(expect.arrayContaining(names))
    const said: string[] = []
    for (const n of names) said.push(...(await bell.say(`9幢业主群|${n}: 按铃 9幢停电了`)))
    expect(said.filter((l) => l.includes('好大姐志愿者群'))).toEqual([
      '[7] 好大姐志愿者群|ringbell: 📈 #1 已有 5 户反映同一件事。',
    ])
  })

  it('neighbours in their own words join too: 我家也停电了 9幢, 停电了，冰箱都不转了', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 9幢停电了')
    expect(heads(await bell.say('9幢业主群|严大伯: 按铃 我家也停电了 9幢'))[0]).toContain('已记入 #1，共 2 户反映')
    expect(heads(await bell.say('9幢业主群|毛大姐: 按铃 9幢停电了，冰箱都不转了'))[0]).toContain(
      '已记入 #1，共 3 户反映',
    )
  })

  it('a gas smell joins a gas smell in any words, and the neighbour who joins reads the safety advice first; an ordinary ring never joins it', async () => {
    const bell = await consoleBell()
    expect(heads(await bell.say('9幢业主群|王阿姨: 按铃 9幢楼道里有煤气味'))[0]).toContain('🚨 #1')
    const joined = await bell.say('9幢业主群|严大伯: 按铃 9幢我家门口也有煤气味')
    expect(joined.join('\n')).toContain('不要开关电灯电器')
    expect(joined.join('\n')).toContain('已记入 #1，共 2 户反映')
    expect(heads(await bell.say('9幢业主群|毛大姐: 按铃 9幢楼道里有味道'))[0]).toContain('#2 已受理')
    // Two neighbours who fell are two people to help, not one hazard.
    expect(heads(await bell.say('9幢业主群|王阿姨: 按铃 9幢3楼老李摔倒了'))[0]).toContain('🚨 #3')
    expect(heads(await bell.say('9幢业主群|严大伯: 按铃 9幢5楼我老伴晕倒了'))[0]).toContain('🚨 #4')
  })

  it('the rule is the settings: a compound-wide reach, a stricter threshold, or joining off', async () => {
    const compound = demoConfig()
    compound.phrasing = { ...compound.phrasing, incidentScope: 'compound' }
    const wide = await consoleBell({ config: compound })
    await wide.say('9幢业主群|王阿姨: 按铃 9幢停电了')
    expect(await wide.say('10幢业主群|严大伯: 按铃 10幢停电了')).toEqual([
      '[3] 10幢业主群|ringbell: @严大伯 已记入 #1，共 2 户反映。同一件事一起办，有进展会在群里说。',
    ])
    const strict = demoConfig()
    strict.phrasing = { ...strict.phrasing, incidentSimilarity: 1 }
    const exact = await consoleBell({ config: strict })
    await exact.say('9幢业主群|王阿姨: 按铃 9幢停电了，整栋楼都黑了')
    // 5 of its 6 word pairs: alike at the default 0.6, not at 1.
    expect(heads(await exact.say('9幢业主群|严大伯: 按铃 整栋楼都黑了，是不是停电'))[0]).toContain('#2 已受理')
    // Every word of the shorter one said in the other: alike at 1.
    expect(heads(await exact.say('9幢业主群|毛大姐: 按铃 9幢停电了！'))[0]).toContain('已记入 #1')
    const off = demoConfig()
    off.phrasing = { ...off.phrasing, joinIncidents: false }
    const each = await consoleBell({ config: off })
    await each.say('9幢业主群|王阿姨: 按铃 9幢停电了')
    expect(heads(await each.say('9幢业主群|严大伯: 按铃 9幢停电了'))[0]).toContain('#2 已受理')
  })
})

describe('staff correct an incident', () => {
  it('拆分 N 内容 takes a wrongly joined ring out as its own case, rung by its ringer; N counts one fewer', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 9幢停电了',
      '9幢业主群|严大伯: 按铃 9幢停电了',
      // Only her unit: a tripped switch, not the building's outage.
      '9幢业主群|毛大姐: 按铃 9幢2单元302停电了',
    )
    expect(heads(await bell.say('好大姐志愿者群|赵专员: 拆分 1 302'))).toEqual([
      '[5] 9幢业主群|ringbell: 🔔 #2 已受理：物业·9幢2单元。正在通知志愿者，有人接单会在群里告诉您。',
      '[6] 好大姐志愿者群|ringbell: 🔔 #2 物业·9幢2单元：9幢2单元302停电了',
      '[7] 好大姐志愿者群|ringbell: @赵专员 好的，毛大姐 的铃已从 #1 拆出，单独记为 #2；#1 现在 2 户。',
    ])
    expect(bell.out).toContain('    （从 #1 拆出来单独办） @毛大姐')
    // By the ringer's name too; and a word nobody said is answered, not guessed.
    expect(heads(await bell.say('好大姐志愿者群|赵专员: 拆分 1 严大伯'))[0]).toContain('#3 已受理')
    expect(await bell.say('好大姐志愿者群|赵专员: 拆分 1')).toEqual([
      '[11] 好大姐志愿者群|ringbell: @赵专员 请写上拆出哪一户：拆分 1 钱阿姨（名字），或 拆分 1 302（他说的几个字）。',
    ])
    expect(await bell.say('好大姐志愿者群|赵专员: 拆分 1 燃气')).toEqual([
      '[12] 好大姐志愿者群|ringbell: @赵专员 #1 没有别的邻居加入，不用拆分。',
    ])
    const cases = await bell.rb.db.case.findMany({ orderBy: { number: 'asc' } })
    const people = await bell.rb.db.person.findMany()
    const name = (id: number) => people.find((p) => p.id === id)?.name
    expect(cases.map((c) => [c.number, name(c.reporterId), c.supporters])).toEqual([
      [1, '王阿姨', 0],
      [2, '毛大姐', 0],
      [3, '严大伯', 0],
    ])
    // Split out, she may join again only by ringing again; a resident cannot split.
    expect(await bell.say('9幢业主群|王阿姨: 拆分 1 严大伯')).not.toContainEqual(expect.stringContaining('拆出'))
  })

  it('合并 A B: A closes as a duplicate of B; its ringers are told in their group and counted on B', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 9幢停电了', '9幢业主群|严大伯: 按铃 9幢停电了')
    // The same outage, rung in other words the rule did not join.
    await bell.say('9幢业主群|毛大姐: 按铃 9幢没电了，灯都不亮')
    expect(await bell.say('好大姐志愿者群|赵专员: 合并 2 1')).toEqual([
      '[6] 9幢业主群|ringbell: 🔁 #2 和 #1 是同一件事，已并入 #1 一起办，共 3 户反映。 @毛大姐',
      '[7] 好大姐志愿者群|ringbell: @赵专员 好的，#2 已并入 #1，共 3 户反映。',
    ])
    const cases = await bell.rb.db.case.findMany({ orderBy: { number: 'asc' } })
    expect(cases.map((c) => [c.number, c.status, c.closeReason, c.supporters])).toEqual([
      [1, 'open', null, 2],
      [2, 'closed', 'duplicate', 0],
    ])
    // Merged households can be split out again, and merging twice is refused by the case's state.
    expect(heads(await bell.say('好大姐志愿者群|赵专员: 拆分 1 毛大姐'))[0]).toContain('#3 已受理')
    expect(await bell.say('好大姐志愿者群|赵专员: 合并 2 1')).toEqual([
      '[11] 好大姐志愿者群|ringbell: @赵专员 #2 现在是「重复，已合并」，不能这样操作。',
    ])
    expect(await bell.say('好大姐志愿者群|赵专员: 合并 1 1')).toEqual([
      '[12] 好大姐志愿者群|ringbell: @赵专员 #1 不能并入它自己。',
    ])
    expect(await bell.say('好大姐志愿者群|赵专员: 合并 1')).toEqual([
      '[13] 好大姐志愿者群|ringbell: @赵专员 请写两个单号：合并 13 12（把 #13 并入 #12）。',
    ])
  })
})
