// Households (户) and the special-needs list (帮扶清单), through the console (issue 14): a resident
// registers their room and hears back privately, staff are told of waiting registrations together and
// confirm them, staff register others and import a roster; needs are seen by staff, by a volunteer on a
// case at that household — and never by residents or in a group.
import { describe, expect, it } from 'vitest'
import { consoleBell, demoConfig, heads, messagesOf } from '../helpers/index.js'

const said = (lines: string[]) => messagesOf(lines)
const inGroups = (lines: string[]) => said(lines).filter((m) => !m.where.startsWith('@'))

describe('registering a household', () => {
  it('a resident registers in the group: the answer comes privately, the group hears nothing', async () => {
    const bell = await consoleBell()
    expect(await bell.say('9幢业主群|王阿姨: 登记 9幢2单元301')).toEqual([
      '[1] @王阿姨|ringbell: 🏠 好的，已登记您家：9幢2单元301。社区确认后，征询的时候您家就可以回答了。',
    ])
    // Asked again: where it stands, privately.
    expect(await bell.say('@王阿姨: 登记')).toEqual([
      '[2] @王阿姨|ringbell: 您家登记的是 9幢2单元301，正在等社区确认。',
    ])
    // Written any way a phone keyboard allows, by a neighbour in the same unit.
    expect(heads(await bell.say('9幢业主群|严大伯: 登记 9栋2单元302室'))).toEqual([
      '[3] @严大伯|ringbell: 🏠 好的，已登记您家：9幢2单元302。社区确认后，征询的时候您家就可以回答了。',
    ])
  })

  it('staff hear of waiting registrations together, within half an hour, privately; and confirm them', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 登记 9幢2单元301',
      '9幢业主群|严大伯: 登记 9幢2单元302',
      '10幢业主群|毛大姐: 登记 10-1-101',
    )
    const digest = await bell.say(':advance 30m')
    expect(digest).toEqual([
      '[4] @赵专员|ringbell: 🏠 有 3 位居民登记了住户，等您确认：',
      '    · 王阿姨 → 9幢2单元301',
      '    · 严大伯 → 9幢2单元302',
      '    · 毛大姐 → 10幢1单元101',
      '    回复「确认登记 名字」或「确认登记 9幢2单元301」，全部没问题就回复「确认登记 全部」。',
    ])
    // Once per half hour, not once per registration.
    expect(await bell.say(':advance 2h')).toEqual([])
    expect(await bell.say('议事荟|赵专员: 确认登记 王阿姨')).toEqual([
      '[5] @王阿姨|ringbell: 🏠 您家（9幢2单元301）的登记社区已经确认了，谢谢您！',
      '[6] @赵专员|ringbell: ✅ 已确认 1 位：',
      '    · 王阿姨 → 9幢2单元301',
      '[7] 议事荟|ringbell: @赵专员 已私聊发给您。',
    ])
    expect(heads(await bell.say('@赵专员: 确认登记 全部'))).toEqual([
      '[8] @严大伯|ringbell: 🏠 您家（9幢2单元302）的登记社区已经确认了，谢谢您！',
      '[9] @毛大姐|ringbell: 🏠 您家（10幢1单元101）的登记社区已经确认了，谢谢您！',
      '[10] @赵专员|ringbell: ✅ 已确认 2 位：',
    ])
    expect(await bell.say('@赵专员: 确认登记')).toEqual(['[11] @赵专员|ringbell: 现在没有等确认的登记。'])
    expect(await bell.say('@王阿姨: 登记')).toEqual(['[12] @王阿姨|ringbell: 您家登记的是 9幢2单元301，社区已确认。'])
  })

  it('a community that trusts registrations confirms them at once', async () => {
    const base = demoConfig()
    const bell = await consoleBell({ config: { ...base, consult: { ...base.consult, confirmRegistrations: false } } })
    expect(await bell.say('9幢业主群|王阿姨: 登记 9幢2单元301')).toEqual([
      '[1] @王阿姨|ringbell: 🏠 好的，已登记您家：9幢2单元301。征询的时候，您家就可以回答了。',
    ])
    expect(await bell.say(':advance 1h')).toEqual([])
  })

  it('staff register others: people the bot knows are members at once, other names go on the roster', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了') // 王阿姨 is known to the bot now
    expect(heads(await bell.say('@赵专员: 登记 9幢2单元301 王阿姨 李奶奶'))).toEqual([
      '[3] @赵专员|ringbell: 🏠 9幢2单元301：王阿姨（已确认）、李奶奶（记在名册上）',
    ])
    expect(await bell.say('@王阿姨: 登记')).toEqual(['[4] @王阿姨|ringbell: 您家登记的是 9幢2单元301，社区已确认。'])
  })

  it('a room that does not exist, or words that are no room, are answered plainly — or left alone in a group', async () => {
    const bell = await consoleBell()
    expect(await bell.say('9幢业主群|王阿姨: 登记 11幢1单元101')).toEqual([
      '[1] 9幢业主群|ringbell: @王阿姨 没有找到11幢。已有的楼栋：9幢、10幢',
    ])
    // "登记，谁还没登记？" is the neighbours talking.
    expect(await bell.say('9幢业主群|严大伯: 登记，谁还没登记？')).toEqual([])
    expect(await bell.say('@严大伯: 登记 我家')).toEqual([
      '[2] @严大伯|ringbell: 登记您家，请发：登记 9幢2单元301（楼栋、单元、房号）。',
    ])
  })
})

describe('importing a roster', () => {
  it('one household a line (；between lines where a chat sends one line), a header skipped, bad lines named', async () => {
    const bell = await consoleBell()
    const out = await bell.say(
      '@赵专员: 导入住户 户,姓名,帮扶,备注；9幢2单元301,王阿姨、王伯伯,独居 高龄,住4楼无电梯；9-2-302,严大伯,,；10幢1单元101,毛大姐,孕妇,；11幢1单元1,谁',
    )
    expect(out).toEqual([
      '[1] @赵专员|ringbell: ✅ 导入了 3 户（新增 3 户），其中 2 户登记了帮扶需要。第 5 行没看懂，没有导入。',
    ])
    const rows = await bell.rb.db.household.findMany({ orderBy: { path: 'asc' } })
    expect(rows.map((h) => [h.path, h.roster, h.needs, h.notes])).toEqual([
      ['锦绣新村/10幢/1单元/101', '["毛大姐"]', '["孕妇"]', ''],
      ['锦绣新村/9幢/2单元/301', '["王阿姨","王伯伯"]', '["高龄","独居"]', '住4楼无电梯'],
      ['锦绣新村/9幢/2单元/302', '["严大伯"]', '[]', ''],
    ])
  })

  it('is for staff', async () => {
    const bell = await consoleBell()
    expect(await bell.say('@王阿姨: 导入住户 9幢2单元301,王阿姨')).toEqual([
      '[1] @王阿姨|ringbell: 这个需要社区专员来做。有问题请找社区专员。',
    ])
  })
})

describe('the needs list (帮扶清单)', () => {
  async function withNeeds() {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 登记 9幢2单元301',
      '@赵专员: 确认登记 全部',
      '@赵专员: 帮扶 9幢2单元301 独居 高龄 腿脚不便住4楼',
      '好大姐志愿者群|钱阿姨: 帮扶 9幢3单元501 轮椅 每周透析',
      '@赵专员: 帮扶 10幢1单元101 孕妇',
    )
    return bell
  }

  it('recording needs is answered privately, and says who will see them', async () => {
    const bell = await consoleBell()
    expect(await bell.say('好大姐志愿者群|钱阿姨: 帮扶 9幢3单元501 轮椅 每周透析')).toEqual([
      '[1] @钱阿姨|ringbell: 🤝 已记下 9幢3单元501：行动不便、病患；每周透析。只有社区专员和上门帮忙的志愿者看得到。',
      '[2] 好大姐志愿者群|ringbell: @钱阿姨 已私聊发给您。',
    ])
  })

  it('staff see every household, privately, with a building to narrow it', async () => {
    const bell = await withNeeds()
    expect(await bell.say('议事荟|赵专员: 帮扶清单')).toEqual([
      expect.stringMatching(/^\[\d+\] @赵专员\|ringbell: 🤝 帮扶清单（锦绣社区，3 户）$/) as string,
      '    · 9幢2单元301 高龄、独居、行动不便；腿脚不便住4楼（王阿姨）',
      '    · 9幢3单元501 行动不便、病患；每周透析',
      '    · 10幢1单元101 孕妇',
      expect.stringMatching(/^\[\d+\] 议事荟\|ringbell: @赵专员 已私聊发给您。$/) as string,
    ])
    expect(messagesOf(await bell.say('@赵专员: 帮扶清单 10幢'))).toEqual([
      { where: '@赵专员', text: '🤝 帮扶清单（10幢，1 户）\n· 10幢1单元101 孕妇' },
    ])
  })

  it('a volunteer sees the households of their own cases in full, and of the others only how many', async () => {
    const bell = await withNeeds()
    await bell.say('9幢业主群|王阿姨: 按铃 帮忙买药', '好大姐志愿者群|万大姐: 接单 1')
    const text = messagesOf(await bell.say('@万大姐: 帮扶清单'))[0]!.text
    expect(text).toBe(
      [
        '🤝 帮扶清单（锦绣社区，3 户）',
        '您正在帮的住户：',
        '· 9幢2单元301 高龄、独居、行动不便；腿脚不便住4楼（王阿姨）',
        '9幢：高龄 1 户、独居 1 户、行动不便 2 户、病患 1 户',
        '10幢：孕妇 1 户',
        '（其他住户的详情请问社区专员。）',
      ].join('\n'),
    )
    // 钱阿姨 holds no case there: counts only.
    const hers = messagesOf(await bell.say('@钱阿姨: 帮扶清单'))[0]!.text
    expect(hers).not.toContain('9幢2单元301')
    expect(hers).not.toContain('王阿姨')
  })

  it('residents never see it: silence in a group, a plain no in private', async () => {
    const bell = await withNeeds()
    expect(await bell.say('9幢业主群|王阿姨: 帮扶清单', '9幢业主群|严大伯: 帮扶 9幢2单元301 清除')).toEqual([])
    expect(await bell.say('@严大伯: 帮扶清单')).toEqual([
      expect.stringMatching(/@严大伯\|ringbell: 帮扶清单只有社区专员和志愿者能看。/) as string,
    ])
    expect(await bell.rb.db.household.count({ where: { needs: { not: '[]' } } })).toBe(3)
  })

  it('no need and no household is ever said in a group', async () => {
    const bell = await withNeeds()
    const everything = [...bell.out]
    for (const m of inGroups(everything)) expect(m.text).not.toMatch(/独居|高龄|行动不便|病患|孕妇|透析|301|501/)
  })
})
