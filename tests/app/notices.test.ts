// Notices (公示 / 通知) through the console (issue 14): posted to the groups chosen, a numbered list,
// updates appended with a running account of the funds, and a word to volunteers and staff about the
// households with needs an outage touches — counts only.
import { describe, expect, it } from 'vitest'
import { consoleBell, heads, messagesOf } from '../helpers/index.js'

const plain = (lines: string[]) => lines.map((l) => l.replace(/^\[\d+\] /, ''))

describe('a notice with its updates', () => {
  it('goes to the building chosen, is listed, and carries 施工动态 and 资金流向 with the account so far', async () => {
    const bell = await consoleBell()
    expect(await bell.say('议事荟|徐书记: 公示 9幢 北侧围墙改造工程')).toEqual([
      '[1] 9幢业主群|ringbell: 📌【公示 1】北侧围墙改造工程',
      '[2] 议事荟|ringbell: @徐书记 ✅ 【公示 1】已发到9幢业主群。',
    ])
    expect(heads(await bell.say('议事荟|徐书记: 通知 明天上午小区大扫除'))).toEqual([
      '[3] 9幢业主群|ringbell: 📌【通知 2】明天上午小区大扫除',
      '[4] 10幢业主群|ringbell: 📌【通知 2】明天上午小区大扫除',
      '[5] 议事荟|ringbell: @徐书记 ✅ 【通知 2】已发到9幢业主群、10幢业主群。',
    ])
    expect(await bell.say('议事荟|徐书记: 公示 1 资金流向 收到维修基金拨款 150,000元')).toEqual([
      '[6] 9幢业主群|ringbell: 📌【公示 1】北侧围墙改造工程 · 资金流向：收到维修基金拨款 150,000元',
      '    累计：收入 150,000.00元 · 支出 0.00元 · 结余 150,000.00元',
      '[7] 议事荟|ringbell: @徐书记 好的，已告诉9幢业主群。',
    ])
    await bell.say(
      '议事荟|徐书记: 公示 1 资金流向 支出 12,800元 拆除旧围墙',
      '议事荟|徐书记: 公示 1 施工动态 旧围墙已拆除，下周砌新墙',
      '议事荟|徐书记: 公示 1 资金流向 支出 138,000,000.00元 （演示用的大数）',
    )
    const out = bell.out.join('\n')
    expect(out).toContain('累计：收入 150,000.00元 · 支出 12,800.00元 · 结余 137,200.00元')
    expect(out).toContain('📌【公示 1】北侧围墙改造工程 · 施工动态：旧围墙已拆除，下周砌新墙')
    // An amount is money, never masked as a phone number.
    expect(out).toContain('资金流向：支出 138,000,000.00元')
    expect(out).toContain('支出 138,012,800.00元 · 结余 -137,862,800.00元')

    // Anyone can read the list and a notice in full.
    expect(await bell.say('9幢业主群|王阿姨: 公示 列表')).toEqual([
      '[14] 9幢业主群|ringbell: @王阿姨 📌 公示列表（最近 2 条）：',
      '    【通知 2】明天上午小区大扫除（11月2日 09:00 · 全小区）',
      '    【公示 1】北侧围墙改造工程（11月2日 09:00 · 9幢 · 4 条更新）',
      '    发「公示 3」看全文。',
    ])
    expect(plain(await bell.say('@王阿姨: 公示 1'))).toEqual([
      '@王阿姨|ringbell: 📌【公示 1】北侧围墙改造工程',
      '    （11月2日 09:00 发到 9幢）',
      '    · 11月2日 09:00 资金流向：收到维修基金拨款 150,000元',
      '    · 11月2日 09:00 资金流向：支出 12,800元 拆除旧围墙',
      '    · 11月2日 09:00 施工动态：旧围墙已拆除，下周砌新墙',
      '    · 11月2日 09:00 资金流向：支出 138,000,000.00元 （演示用的大数）',
      '    资金累计：收入 150,000.00元 · 支出 138,012,800.00元 · 结余 -137,862,800.00元',
    ])
  })

  it('pinning is asked for where the platform allows, and the committee is told what each can do', async () => {
    const bell = await consoleBell()
    await bell.say('议事荟|徐书记: 公示 9幢 置顶 电梯更换工程')
    expect(bell.out.at(-1)).toBe(
      '[2] 议事荟|ringbell: @徐书记 ✅ 【公示 1】已发到9幢业主群。已请求置顶：Telegram 群要让机器人当管理员才能置顶；微信不能由机器人置顶，可以在群里手动设成群公告。',
    )
    const row = await bell.rb.db.outbox.findFirstOrThrow({ where: { chatId: '9幢业主群' } })
    expect(row.purpose).toBe('notice:pin')
  })

  it('an outage tells volunteers and staff how many households with needs it touches — counts, never who', async () => {
    const bell = await consoleBell()
    await bell.say(
      '@赵专员: 帮扶 9幢2单元301 独居 高龄',
      '@赵专员: 帮扶 9幢3单元501 轮椅',
      '@赵专员: 帮扶 10幢1单元101 孕妇',
    )
    const out = messagesOf(await bell.say('议事荟|徐书记: 公示 9幢 明天8点到12点停电'))
    expect(out).toEqual([
      { where: '9幢业主群', text: '📌【公示 1】明天8点到12点停电' },
      {
        where: '好大姐志愿者群',
        text: '🤝【公示 1】明天8点到12点停电：涉及的住户里有需要帮扶的——\n9幢：高龄 1 户、独居 1 户、行动不便 1 户\n请志愿者多留意。社区专员私聊我发「帮扶清单」可看是哪几户。',
      },
      { where: '@赵专员', text: expect.stringContaining('9幢：高龄 1 户、独居 1 户、行动不便 1 户') as string },
      { where: '议事荟', text: '@徐书记 ✅ 【公示 1】已发到9幢业主群。' },
    ])
  })

  it('a neighbour forwarding "通知：…" is talking: no answer; asked privately, they are told who posts', async () => {
    const bell = await consoleBell()
    expect(await bell.say('9幢业主群|毛大姐: 通知：明天停水，大家存点水', '9幢业主群|毛大姐: 公示')).toEqual([])
    expect(await bell.say('@毛大姐: 公示 我家门口的垃圾')).toEqual([
      '[1] @毛大姐|ringbell: 这个需要议事会成员来做。有问题请找社区专员。',
    ])
    expect(await bell.rb.db.notice.count()).toBe(0)
  })
})
