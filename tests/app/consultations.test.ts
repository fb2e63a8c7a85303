// A 入户征询 and a poll through the console (issue 14): announced in the groups they cover, answered in
// plain words in the group, privately or by quoting the announcement, each answer confirmed privately
// and never said in the group; progress coalesced; the result at the deadline (once, across a restart)
// or on 结束; who answered what for the committee only; a case decided by it moves on.
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { consoleBell, DEMO_START, heads, messagesOf, SimClock, tempDbFile, type ConsoleBell } from '../helpers/index.js'

const HOUR = 3_600_000
const groupsIn = (lines: string[]) => messagesOf(lines).filter((m) => !m.where.startsWith('@'))
/** The transcript without its line numbers, where earlier steps decide them. */
const plain = (lines: string[]) => lines.map((l) => l.replace(/^\[\d+\] /, ''))

/** 9幢2单元 has four households on the roster; three of them have a resident the bot knows, confirmed. */
async function building9(bell: ConsoleBell): Promise<void> {
  await bell.say(
    '@赵专员: 导入住户 9幢2单元301,王阿姨；9幢2单元302,严大伯；9幢2单元303,毛大姐；9幢2单元304,李奶奶',
    '@赵专员: 登记 9幢2单元301 王阿姨',
    '@赵专员: 登记 9幢2单元302 严大伯',
    '@赵专员: 登记 9幢2单元303 毛大姐',
  )
}

const OPEN = '议事荟|徐书记: 征询 拆除9幢北侧围墙 范围 9幢 门槛 全体75% 截止 3天'

describe('a household consultation (入户征询)', () => {
  it('is announced in the groups it covers, and only there', async () => {
    const bell = await consoleBell()
    await building9(bell)
    expect(await bell.say(OPEN)).toEqual([
      '[5] 9幢业主群|ringbell: 📋【征询 1】拆除9幢北侧围墙',
      '    请每户回答一次：直接在群里回复「同意」或「反对」（也可以回 1 或 2），私聊我也行；改主意了，再回一次就行。',
      '    通过标准：「同意」达到全体 4 户的75%（3 户）。',
      '    截止：11月5日 09:00。谁选了什么只有社区看得到，群里只公布总数。',
      '[6] 议事荟|ringbell: @徐书记 ✅ 【征询 1】已发到9幢业主群，截止 11月5日 09:00。共 4 户。',
    ])
  })

  it('reaches its threshold: answers in the group, privately and by quote are confirmed privately; the group hears only the result', async () => {
    const bell = await consoleBell()
    await building9(bell)
    await bell.say(OPEN)
    expect(await bell.say('9幢业主群|王阿姨: 同意')).toEqual([
      '[7] @王阿姨|ringbell: ✅ 收到！您家（9幢2单元301）对【征询 1】拆除9幢北侧围墙 的回答：同意。截止（11月5日 09:00）前想改，再回一次就行。',
    ])
    // Quoting the announcement (line 5), and privately.
    expect(heads(await bell.say('9幢业主群|严大伯 ^5: 1'))).toEqual([
      expect.stringMatching(
        /^\[8\] @严大伯\|ringbell: ✅ 收到！您家（9幢2单元302）对【征询 1】.*的回答：同意。/,
      ) as string,
    ])
    expect(heads(await bell.say('@毛大姐: 同意！'))).toEqual([
      expect.stringMatching(/^\[9\] @毛大姐\|ringbell: ✅ 收到！您家（9幢2单元303）/) as string,
    ])
    const result = await bell.say('议事荟|徐书记: 结束 1')
    expect(result).toEqual([
      '[10] 9幢业主群|ringbell: 📋【征询 1】结果：拆除9幢北侧围墙',
      '    同意 3 户 · 反对 0 户（答复 3/4 户，75%）',
      '    通过标准：「同意」达到全体 4 户的75%（3 户） → ✅ 通过',
      '    谢谢各位邻居！',
      '[11] 议事荟|ringbell: 📋【征询 1】结果：拆除9幢北侧围墙',
      '    同意 3 户 · 反对 0 户（答复 3/4 户，75%）',
      '    通过标准：「同意」达到全体 4 户的75%（3 户） → ✅ 通过',
      '    谢谢各位邻居！',
      '    发「征询名单 1」私聊查看每户的回答和没答复的住户。',
    ])
    // Closed: answers are thanked privately, and nothing more is counted.
    expect(heads(await bell.say('9幢业主群|严大伯: 反对'))).toEqual([])
    expect(await bell.say('9幢业主群|严大伯 ^10: 反对')).toEqual([
      '[12] @严大伯|ringbell: 【征询 1】已经截止了，谢谢您！结果已在群里公布。',
    ])
    expect(await bell.say('议事荟|徐书记: 结束 1')).toEqual([
      '[13] 议事荟|ringbell: @徐书记 【征询 1】已经截止了，谢谢您！结果已在群里公布。',
    ])
  })

  it('misses its threshold, and says by how many', async () => {
    const bell = await consoleBell()
    await building9(bell)
    await bell.say(OPEN, '9幢业主群|王阿姨: 同意', '9幢业主群|严大伯: 反对', '9幢业主群|毛大姐: 2')
    const [residents] = groupsIn(await bell.say('议事荟|徐书记: 结束 1'))
    expect(residents).toEqual({
      where: '9幢业主群',
      text: [
        '📋【征询 1】结果：拆除9幢北侧围墙',
        '同意 1 户 · 反对 2 户（答复 3/4 户，75%）',
        '通过标准：「同意」达到全体 4 户的75%（3 户） → 未通过（还差 2 户）',
        '谢谢各位邻居！',
      ].join('\n'),
    })
  })

  it('a new answer replaces the household’s old one — from the same person or another member', async () => {
    const bell = await consoleBell()
    await building9(bell)
    await bell.say(OPEN, '9幢业主群|王阿姨: 同意')
    expect(await bell.say('9幢业主群|王阿姨: 反对')).toEqual([
      '[8] @王阿姨|ringbell: ✅ 已改好：您家（9幢2单元301）对【征询 1】拆除9幢北侧围墙 的回答现在是「反对」。',
    ])
    expect(await bell.say('@王阿姨: 2')).toEqual([
      '[9] @王阿姨|ringbell: 您家（9幢2单元301）对【征询 1】已经回答过「反对」了，不用再回。',
    ])
    // Another member of the household, confirmed by staff: the household's one answer changes.
    await bell.say('9幢业主群|王伯伯: 登记 9幢2单元301', '@赵专员: 确认登记 王伯伯')
    expect(plain(heads(await bell.say('9幢业主群|王伯伯: 同意')))).toEqual([
      '@王伯伯|ringbell: ✅ 已改好：您家（9幢2单元301）对【征询 1】拆除9幢北侧围墙 的回答现在是「同意」。',
    ])
    const vote = await bell.rb.db.vote.findFirstOrThrow()
    expect([vote.option, vote.changes, await bell.rb.db.vote.count()]).toEqual([0, 2, 1])
  })

  it('a household not registered is asked to register; one not yet confirmed counts once staff confirm it', async () => {
    const bell = await consoleBell()
    await building9(bell)
    await bell.say(OPEN)
    expect(await bell.say('9幢业主群|小周: 同意')).toEqual([
      '[7] @小周|ringbell: 要回答【征询 1】，请先登记您家，比如：登记 9幢2单元301。登记好后再回答一次。',
    ])
    await bell.say('9幢业主群|小周: 登记 9幢2单元304')
    expect(await bell.say('9幢业主群|小周: 同意')).toEqual([
      '[9] @小周|ringbell: ✅ 收到！您家（9幢2单元304）对【征询 1】拆除9幢北侧围墙 的回答：同意。截止（11月5日 09:00）前想改，再回一次就行。',
      '    您家的登记还在等社区确认，确认后这一票才算数。',
    ])
    expect(messagesOf(await bell.say('议事荟|徐书记: 征询 1'))[0]!.text).toContain('已答复 0/4 户')
    await bell.say('@赵专员: 确认登记 小周')
    expect(messagesOf(await bell.say('议事荟|徐书记: 征询 1'))[0]!.text).toContain('已答复 1/4 户（25%） · 同意 1 户')
  })

  it('only the households it covers answer', async () => {
    const bell = await consoleBell()
    await building9(bell)
    await bell.say('@赵专员: 登记 10幢1单元101 毛大姐', OPEN)
    // In 10幢's group the words are conversation; privately, 毛大姐 is told it is not hers to answer.
    expect(await bell.say('10幢业主群|毛大姐: 同意')).toEqual([])
    expect(plain(await bell.say('@毛大姐: 投票 1 同意'))).toEqual([
      '@毛大姐|ringbell: 【征询 1】只请 9幢 的住户回答，谢谢您的关心！',
    ])
  })
})

describe('plain words stay conversation', () => {
  it('without an open consultation, and beside one: longer words, other groups, the volunteers, a quote of something else', async () => {
    const bell = await consoleBell()
    await building9(bell)
    // Nothing open: 同意 and 2 are just words.
    expect(await bell.say('9幢业主群|王阿姨: 同意', '9幢业主群|严大伯: 2')).toEqual([])
    await bell.say(OPEN)
    expect(
      await bell.say(
        '9幢业主群|王阿姨: 同意这个说法',
        '9幢业主群|严大伯: 我也同意你说的',
        '9幢业主群|毛大姐: 谢谢',
        '9幢业主群|严大伯: 3',
        '好大姐志愿者群|钱阿姨: 同意',
        '10幢业主群|毛大姐: 1',
        '9幢业主群|严大伯: 投票 吧大家',
      ),
    ).toEqual([])
    // Quoting a bot message about a case is about the case, not the consultation.
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    expect(heads(await bell.say('9幢业主群|严大伯 ^7: 同意'))).toEqual([])
    expect(await bell.rb.db.vote.count()).toBe(0)
  })

  it('privately, with nothing open, a bare 同意 is answered as before', async () => {
    const bell = await consoleBell()
    expect(heads(await bell.say('@王阿姨: 同意'))).toEqual([
      expect.stringContaining('要按铃的话，请发「按铃 问题」') as string,
    ])
  })

  it('two consultations open in one group: plain words that fit both ask which one, privately', async () => {
    const bell = await consoleBell()
    await building9(bell)
    await bell.say(OPEN, '议事荟|徐书记: 征询 加装电梯 范围 9幢 截止 3天')
    expect(plain(await bell.say('9幢业主群|王阿姨: 同意'))).toEqual([
      '@王阿姨|ringbell: 现在有几项在进行，请引用那条通知回复，或者说「投票 1 同意」：',
      '    【征询 1】拆除9幢北侧围墙（1 同意 / 2 反对，截止 11月5日 09:00）',
      '    【征询 2】加装电梯（1 同意 / 2 反对，截止 11月5日 09:00）',
    ])
    expect(heads(await bell.say('9幢业主群|王阿姨 ^7: 同意'))).toEqual([
      expect.stringContaining('@王阿姨|ringbell: ✅ 收到！您家（9幢2单元301）对【征询 2】加装电梯') as string,
    ])
    expect(heads(await bell.say('@王阿姨: 投票 1 反对'))).toEqual([
      expect.stringContaining('对【征询 1】拆除9幢北侧围墙 的回答：反对') as string,
    ])
  })
})

describe('a poll by person', () => {
  it('everyone votes once, household or not; the leader wins; people are not counted against a total nobody knows', async () => {
    const bell = await consoleBell()
    expect(
      heads(
        await bell.say('议事荟|徐书记: 发起投票 围墙拆了以后做什么 选项 1.墙绘 2.道路铺装 每人一票 截止 明天18:00'),
      ),
    ).toEqual([
      '[1] 9幢业主群|ringbell: 🗳【投票 1】围墙拆了以后做什么',
      '[2] 10幢业主群|ringbell: 🗳【投票 1】围墙拆了以后做什么',
      '[3] 议事荟|ringbell: @徐书记 ✅ 【投票 1】已发到9幢业主群、10幢业主群，截止 11月3日 18:00。',
    ])
    expect(bell.out[1]).toBe('    1. 墙绘')
    expect(bell.out[3]).toBe(
      '    请每人投一票：直接在群里回复选项的编号或名字（如「1」或「墙绘」），私聊我也行；改主意了，再回一次就行。',
    )
    await bell.say('9幢业主群|王阿姨: 墙绘', '9幢业主群|王伯伯: 墙绘', '10幢业主群|毛大姐: 2', '@严大伯: 道路铺装')
    expect(bell.out.at(-1)).toBe(
      '[7] @严大伯|ringbell: ✅ 收到！您对【投票 1】围墙拆了以后做什么 的回答：道路铺装。截止（11月3日 18:00）前想改，再回一次就行。',
    )
    await bell.say('@严大伯: 1')
    const [nine] = groupsIn(await bell.say(':advance 2d'))
    expect(nine!.text).toBe(
      [
        '📋【投票 1】结果：围墙拆了以后做什么',
        '墙绘 3 人 · 道路铺装 1 人（答复 4 人）',
        '得票最多：墙绘',
        '（没有设通过标准）',
        '谢谢各位邻居！',
      ].join('\n'),
    )
  })

  it('a tie is said as a tie', async () => {
    const bell = await consoleBell()
    await bell.say(
      '议事荟|徐书记: 发起投票 选品牌 选项 A牌、B牌 门槛 过半 每人一票 截止 2小时',
      '9幢业主群|王阿姨: A牌',
      '9幢业主群|严大伯: B牌',
    )
    expect(groupsIn(await bell.say(':advance 2h'))[0]!.text).toContain(
      '平票：A牌、B牌\n通过标准：得票最多的选项占答复的一半以上 → 未通过',
    )
  })
})

describe('timing', () => {
  it('progress is coalesced: one post per period with new answers, none without, none at night', async () => {
    const bell = await consoleBell()
    await building9(bell)
    await bell.say(OPEN, '9幢业主群|王阿姨: 同意', '9幢业主群|严大伯: 同意')
    expect(heads(await bell.say(':advance 2h'))).toEqual([
      '[9] 9幢业主群|ringbell: 📋【征询 1】拆除9幢北侧围墙 进度：已答复 2/4 户（50%） · 同意 2 户 · 反对 0 户。周四 09:00 截止。',
      '[10] 议事荟|ringbell: 📋【征询 1】拆除9幢北侧围墙 进度：已答复 2/4 户（50%） · 同意 2 户 · 反对 0 户。周四 09:00 截止。',
    ])
    expect(await bell.say(':advance 4h')).toEqual([])
    // 22:00: an answer at night is reported at 08:00, not before.
    bell.clock.advance(7 * HOUR)
    await bell.say('9幢业主群|毛大姐: 反对')
    expect(await bell.say(':advance 9h')).toEqual([]) // 07:00
    expect(heads(await bell.say(':advance 1h'))).toEqual([
      expect.stringContaining('9幢业主群|ringbell: 📋【征询 1】拆除9幢北侧围墙 进度：已答复 3/4 户') as string,
      expect.stringContaining('议事荟|ringbell: 📋【征询 1】') as string,
    ])
  })

  it('a day before the deadline, the households are reminded', async () => {
    const bell = await consoleBell()
    await building9(bell)
    await bell.say(OPEN, '9幢业主群|王阿姨: 同意', ':advance 2h')
    expect(heads(await bell.say(':advance 46h'))).toEqual([
      '[10] 9幢业主群|ringbell: ⏰【征询 1】拆除9幢北侧围墙 明天 09:00 截止，已答复 1/4 户。还没回答的邻居，请回复「同意」或「反对」（也可以回 1 或 2）。',
    ])
  })

  it('the deadline fires once, across a restart', async () => {
    const dbFile = tempDbFile()
    const first = await consoleBell({ dbFile })
    await building9(first)
    await first.say(OPEN, '9幢业主群|王阿姨: 同意', '9幢业主群|严大伯: 同意', '9幢业主群|毛大姐: 同意')
    await first.stop()
    // Started again after the deadline (the process was down): the result, once.
    const clock = new SimClock(new Date(DEMO_START.getTime() + 80 * HOUR))
    const second = await consoleBell({ dbFile, clock })
    const after = groupsIn(await second.say(':advance 1m'))
    expect(after.map((m) => [m.where, m.text.split('\n')[0]])).toEqual([
      ['9幢业主群', '📋【征询 1】结果：拆除9幢北侧围墙'],
      ['议事荟', '📋【征询 1】结果：拆除9幢北侧围墙'],
    ])
    expect(after[0]!.text).toContain('→ ✅ 通过')
    expect(await second.say(':advance 1d')).toEqual([])
    await second.stop()
    const third = await consoleBell({ dbFile, clock })
    expect(await third.say(':advance 1d')).toEqual([])
    const c = await third.rb.db.consultation.findFirstOrThrow()
    expect(c.status).toBe('closed')
    expect(await third.rb.db.job.count({ where: { kind: 'consultDeadline', doneAt: { not: null } } })).toBe(1)
  })
})

describe('who answered what: the committee only', () => {
  it('征询名单 sends every answer, and the households not yet answered, as CSV privately', async () => {
    const bell = await consoleBell()
    await building9(bell)
    await bell.say(OPEN, '9幢业主群|王阿姨: 同意', '9幢业主群|严大伯: 同意', '9幢业主群|严大伯: 反对')
    const out = messagesOf(await bell.say('议事荟|徐书记: 征询名单 1'))
    expect(out.map((m) => m.where)).toEqual(['@徐书记', '议事荟'])
    expect(out[1]!.text).toBe('@徐书记 已私聊发给您。')
    const [head, ...csv] = out[0]!.text.split('\n')
    expect(head).toBe('📋【征询 1】拆除9幢北侧围墙：已答复 2 户，未答复 2 户（可复制到表格存档）')
    const rows = parse(csv.join('\n')) as string[][]
    expect(rows.map((r) => [r[0], r[1], r[2], r[4], r[5]])).toEqual([
      ['户', '回答', '回答人', '改过几次', '计入'],
      ['9幢2单元301', '同意', '王阿姨', '0', '是'],
      ['9幢2单元302', '反对', '严大伯', '1', '是'],
      ['9幢2单元303', '未答复', '', '', ''],
      ['9幢2单元304', '未答复', '', '', ''],
    ])
  })

  it('an estate of 1,200 households: the announcement counts them, the list names every one', async () => {
    const bell = await consoleBell()
    const at = DEMO_START.toISOString()
    // More rows than one SQLite statement takes parameters (999): read with joins, not IN lists.
    await bell.rb.db.$executeRawUnsafe(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 1200)
       INSERT INTO Household (communityId, path, createdAt, updatedAt)
       SELECT 1, '锦绣新村/9幢/' || (1 + i % 10) || '单元/' || (101 + i / 10), ?, ? FROM n`,
      at,
      at,
    )
    await bell.say('@赵专员: 登记 9幢1单元101 王阿姨', OPEN, '9幢业主群|王阿姨: 同意')
    expect(bell.out.join('\n')).toContain('「同意」达到全体 1200 户的75%（900 户）')
    const [list] = messagesOf(await bell.say('@徐书记: 征询名单 1'))
    const rows = parse(list!.text.split('\n').slice(1).join('\n')) as string[][]
    expect(rows).toHaveLength(1201)
    expect(rows[1]).toEqual(['9幢1单元101', '同意', '王阿姨', '11月2日 09:00', '0', '是'])
    expect(rows.filter((r) => r[1] === '未答复')).toHaveLength(1199)
  })

  it('residents cannot have it', async () => {
    const bell = await consoleBell()
    await building9(bell)
    await bell.say(OPEN)
    expect(await bell.say('9幢业主群|王阿姨: 征询名单 1')).toEqual([
      '[7] 9幢业主群|ringbell: @王阿姨 这个需要议事会成员来做。有问题请找社区专员。',
    ])
    // A resident saying 征询 in a group is talking, not opening one.
    expect(await bell.say('9幢业主群|王阿姨: 征询：大家觉得围墙要拆吗')).toEqual([])
  })
})

describe('a case decided by a consultation (议事)', () => {
  it('adopted: back to the volunteer who had it', async () => {
    const bell = await consoleBell()
    await building9(bell)
    await bell.say('9幢业主群|王阿姨: 按铃 北侧围墙太挡光了，能不能拆', '好大姐志愿者群|钱阿姨: 接单 1')
    expect(heads(await bell.say('议事荟|赵专员: 议事 1'))).toEqual([
      '[10] 9幢业主群|ringbell: 📋 #1 需要大家一起拿主意，已转议事会。有结果会在群里告诉您。',
      '[11] 议事荟|ringbell: 📋 #1 转议事（9幢）：北侧围墙太挡光了，能不能拆',
      '[12] @钱阿姨|ringbell: 📋 #1 转议事了，先等大家的决定，结果出来会告诉您。',
    ])
    // Still on the committee's list while it waits.
    expect(messagesOf(await bell.say('议事荟|徐书记: 列表'))[0]!.text).toContain('#1 议事中·钱阿姨')
    await bell.say(`${OPEN} #1`, '9幢业主群|王阿姨: 同意', '9幢业主群|严大伯: 同意', '@毛大姐: 同意')
    const out = plain(heads(await bell.say('议事荟|徐书记: 结束 1')))
    expect(out.slice(2)).toEqual([
      '9幢业主群|ringbell: 📋 #1 议事结果：【征询 1】通过。钱阿姨 会接着办。',
      '@钱阿姨|ringbell: 📋 #1 议事结果：【征询 1】通过。请您接着办，有进展回复「进展 1 内容」。',
    ])
    const c = await bell.rb.db.case.findFirstOrThrow({ include: { events: true } })
    expect([c.status, c.claimantId !== null]).toEqual(['claimed', true])
    expect(c.events.map((e) => e.kind)).toEqual(['rung', 'claimed', 'deliberating', 'decided'])
  })

  it('not adopted: the resident hears the decision and is asked to verify', async () => {
    const bell = await consoleBell()
    await building9(bell)
    await bell.say('9幢业主群|王阿姨: 按铃 北侧围墙太挡光了，能不能拆')
    // Opening the consultation with #1 sends the case to 议事 by itself.
    await bell.say(`${OPEN} #1`, '9幢业主群|王阿姨: 同意', '9幢业主群|严大伯: 反对')
    expect(plain(heads(await bell.say(':advance 3d'))).at(-1)).toBe(
      '9幢业主群|ringbell: 📋 #1 议事结果：【征询 1】未通过，这件事先不办了。',
    )
    expect(bell.out.at(-1)).toBe('    @王阿姨 请回复「满意 1」或「不满意 1 原因」。')
    expect((await bell.rb.db.case.findFirstOrThrow()).status).toBe('resolved')
  })
})
