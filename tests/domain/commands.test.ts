import { describe, expect, it } from 'vitest'
import { parseCommand, readBinding, readVerdict, type Command } from '../../src/domain/commands.js'

const parse = (text: string, o: { addressed?: boolean; quoting?: boolean } = {}) =>
  parseCommand({ text, addressed: o.addressed ?? false, quoting: o.quoting ?? false, botUsername: 'ringbell_bot' })

describe('ring: every alias, wherever the keyword sits', () => {
  it.each([
    ['/ring 9幢2单元楼道灯坏了', '9幢2单元楼道灯坏了'],
    ['/ring@ringbell_bot 楼道灯坏了', '楼道灯坏了'],
    ['按铃 楼道灯坏了', '楼道灯坏了'],
    ['按铃：楼道灯坏了', '楼道灯坏了'],
    ['按铃，楼道灯坏了', '楼道灯坏了'],
    ['协商铃 楼道灯坏了', '楼道灯坏了'],
    ['#协商铃 楼道灯坏了', '楼道灯坏了'],
    ['楼道灯坏了 #协商铃', '楼道灯坏了'],
    ['你好，楼道灯坏了，按铃', '你好，楼道灯坏了'],
    ['  按铃   楼道灯   坏了  ', '楼道灯 坏了'],
    ['按铃楼道灯坏了', '楼道灯坏了'],
    ['按铃有人在楼道抽烟', '有人在楼道抽烟'],
    ['按铃后门关不上', '后门关不上'],
    ['按铃要修电梯', '要修电梯'],
    ['楼道灯坏了。按铃！', '楼道灯坏了'],
    ['楼道灯坏了 #协商铃 电话13812345678', '楼道灯坏了 电话13812345678'],
    ['／ｒｉｎｇ　楼道灯坏了', '楼道灯坏了'],
  ])('%s → ring "%s"', (text, body) => {
    expect(parse(text)).toMatchObject({ name: 'ring', text: body, locale: 'zh-CN' })
  })

  it('an @mention of the bot with plain text is a ring', () => {
    expect(parse(' 电梯又坏了', { addressed: true })).toMatchObject({ name: 'ring', text: '电梯又坏了' })
  })

  it.each(['按铃', '#协商铃', '/ring', '按铃：', '  /ring   '])('"%s" alone asks what the problem is', (text) => {
    expect(parse(text)).toMatchObject({ error: 'empty_ring' })
  })

  it.each([
    '谢谢',
    '在吗？',
    '你好',
    '辛苦了！',
    'ok',
    '好的谢谢',
    '收到，谢谢',
    '晚安',
    '👍',
    'ok thanks',
    '嗯嗯好的',
    '谢谢你好',
    '谢谢啦~',
    '辛苦您了！',
    'Thank you',
    '哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈',
  ])('"@bot %s" is courtesy, not a ring', (text) => {
    expect(parse(text, { addressed: true })).toBeUndefined()
  })

  it.each(['谢谢你好，楼道灯坏了', '哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈，太逗了', '谢谢您好吗'])(
    '"@bot %s" is more than courtesy: a ring',
    (text) => {
      expect(parse(text, { addressed: true })).toMatchObject({ name: 'ring', text })
    },
  )

  it('a bare @mention asks what the problem is', () => {
    expect(parse('', { addressed: true })).toMatchObject({ error: 'empty_ring' })
  })

  it('a command for another bot is not ours', () => {
    expect(parse('/ring@otherbot 楼道灯坏了')).toBeUndefined()
  })
})

describe('case commands', () => {
  it.each<[string, Partial<Command>]>([
    ['接单 12', { name: 'claim', caseNo: 12 }],
    ['接单12', { name: 'claim', caseNo: 12 }],
    ['接单 #12', { name: 'claim', caseNo: 12 }],
    ['接单 ＃１２', { name: 'claim', caseNo: 12 }],
    ['接单 12号', { name: 'claim', caseNo: 12 }],
    ['进度 12号', { name: 'status', caseNo: 12 }],
    ['下班！', { name: 'offduty' }],
    ['帮助？', { name: 'help' }],
    ['完成 3.换好了', { name: 'done', caseNo: 3, text: '换好了' }],
    ['/claim 12', { name: 'claim', caseNo: 12, locale: 'en' }],
    ['/CLAIM@ringbell_bot 12', { name: 'claim', caseNo: 12, locale: 'en' }],
    ['进展 12 已联系物业', { name: 'note', caseNo: 12, text: '已联系物业' }],
    ['进展12：已联系物业', { name: 'note', caseNo: 12, text: '已联系物业' }],
    ['完成 12 换了灯泡', { name: 'done', caseNo: 12, text: '换了灯泡' }],
    ['完成 12', { name: 'done', caseNo: 12, text: '' }],
    ['放弃 12', { name: 'release', caseNo: 12 }],
    ['满意 12', { name: 'verify', alias: '满意', caseNo: 12 }],
    ['不满意 12 还是不亮', { name: 'verify', alias: '不满意', caseNo: 12, text: '还是不亮' }],
    ['/verify 12 ok', { name: 'verify', caseNo: 12, text: 'ok', locale: 'en' }],
    ['进度 12', { name: 'status', caseNo: 12 }],
    ['撤销 12', { name: 'cancel', caseNo: 12 }],
    ['同 12', { name: 'same', caseNo: 12 }],
    ['补充 12 三楼也不亮', { name: 'add', caseNo: 12, text: '三楼也不亮' }],
    ['派单 12 @万大姐', { name: 'assign', caseNo: 12, text: '@万大姐' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want)
  })

  it('quoting a bell message stands in for the number', () => {
    expect(parse('接', { quoting: true })).toMatchObject({ name: 'claim', caseNo: undefined })
    expect(parse('满意', { quoting: true })).toMatchObject({ name: 'verify', caseNo: undefined })
  })

  it('a building number is not a case number', () => {
    expect(parse('进展 9幢 已联系物业')).toMatchObject({ error: 'need_case' })
  })

  it('a bare 接单 or /claim is a claim the context finds: the case waiting (the app asks when there are several)', () => {
    expect(parse('接单')).toEqual({ name: 'claim', alias: '接单', text: '', locale: 'zh-CN', implicit: true })
    expect(parse('/claim')).toMatchObject({ name: 'claim', text: '', implicit: true })
    // 接 alone is everyday talk ("picked up"), as before.
    expect(parse('接')).toBeUndefined()
  })

  it.each([
    ['进展', 'need_case'],
    ['进展 12', 'need_text'],
  ])('%s without what it needs → %s', (text, error) => {
    expect(parse(text)).toMatchObject({ error })
  })
})

describe('everyday chatter stays chatter', () => {
  it.each([
    '大家好',
    '同意',
    '同',
    '接',
    '完成了吗',
    '接到通知了',
    '满意度调查',
    '统计局来人了',
    '进度条卡住了',
    '查询一下明天的天气',
    '今天的数据线坏了',
    '上周的事还没统计完呢',
    '进展顺利',
    '列表里有吗',
    '上班。',
    '我昨天按铃了，还没人来',
    '协商铃真好用',
    '按铃了吗',
    '同 1楼的也坏了',
    '同 3楼',
    '接 3楼的快递',
    '同 12 我们楼也是',
    '取消 1点的团购',
    '取消 2点的会',
    '撤销 3:30的预约',
    '进度 80%了',
    '查询 2024年的账',
    '说明：明天上午9点停水',
    '帮助 一下独居老人',
    '下班 回家咯',
    '值班 表发一下',
    '按铃之后多久有人来',
    '我也是',
    '取消',
    '撤销',
  ])('%s', (text) => {
    expect(parse(text)).toBeUndefined()
  })
})

describe('direct messages always get an answer', () => {
  const dm = (text: string) => parseCommand({ text, addressed: false, quoting: false, direct: true })
  it.each<[string, object]>([
    // the asker's own ring, found by the app (or a short answer that there is none)
    ['进度', { name: 'status', implicit: true }],
    // bound to the one case waiting for this person's verdict, by the app
    ['满意', { name: 'verify', alias: '满意', implicit: true }],
    ['我的单？', { name: 'mine' }],
    ['下班 回家咯', { name: 'offduty' }],
    // said to the bot: the app gives it its meaning (a reason, a phone number, or how to ring)
    ['楼道灯坏了', { name: 'said', text: '楼道灯坏了' }],
  ])('%s', (text, want) => expect(dm(text)).toMatchObject(want))
  it('but not thanks', () => expect(dm('好的谢谢')).toBeUndefined())
})

describe('queries and options', () => {
  it.each<[string, Partial<Command>]>([
    ['统计', { name: 'stats', text: '' }],
    ['统计 本月', { name: 'stats', text: '本月' }],
    ['统计本周', { name: 'stats', text: '本周' }],
    ['统计上周', { name: 'stats', text: '上周' }],
    ['统计上个月', { name: 'stats', text: '上个月' }],
    ['统计 11月 按楼栋', { name: 'stats', text: '11月 按楼栋' }],
    ['统计图', { name: 'stats', text: '图' }],
    ['进度', { name: 'status', implicit: true }],
    ['我的铃怎么样了？', { name: 'status', implicit: true }],
    // the app asks whether a neighbour's ring just now is meant
    ['我家也是', { name: 'same', implicit: true }],
    ['同上', { name: 'same', implicit: true }],
    ['进度 3', { name: 'status', caseNo: 3 }],
    // the period first, as a committee member says it
    ['上周统计', { name: 'stats', text: '上周' }],
    ['本月数据', { name: 'stats', text: '本月' }],
    ['看看这个月的数据？', { name: 'stats', text: '这个月' }],
    ['查一下上个月的报表', { name: 'stats', text: '上个月' }],
    ['/stats today', { name: 'stats', text: 'today', locale: 'en' }],
    ['列表 未接单', { name: 'list', text: '未接单' }],
    ['列表待验收', { name: 'list', text: '待验收' }],
    ['列表 全部 2', { name: 'list', text: '全部 2' }],
    ['受理 12', { name: 'accept', caseNo: 12 }],
    ['不受理 12 属于私人纠纷', { name: 'decline', caseNo: 12, text: '属于私人纠纷' }],
    ['转办 12 派出所 夜里有人撬车', { name: 'refer', caseNo: 12, text: '派出所 夜里有人撬车' }],
    ['转办结果 12 已派人修好', { name: 'referral', caseNo: 12, text: '已派人修好' }],
    ['撤销 12 重复了', { name: 'cancel', caseNo: 12, text: '重复了' }],
    ['导出 上月', { name: 'export', text: '上月' }],
    ['导出', { name: 'export', text: '' }],
    ['记录 12', { name: 'history', caseNo: 12 }],
    ['周报', { name: 'report' }],
    ['本周复盘', { name: 'report' }],
    ['我的单', { name: 'mine' }],
    ['帮助', { name: 'help' }],
    ['/help', { name: 'help', locale: 'en' }],
    ['值班', { name: 'onduty' }],
    ['下班', { name: 'offduty' }],
    ['绑定 锦绣新村 9幢 业主', { name: 'bind', text: '锦绣新村 9幢 业主' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want)
  })

  it('words after 统计 are read by the stats query, which explains a word it does not know', () => {
    expect(parse('统计 明年')).toMatchObject({ name: 'stats', text: '明年' })
  })

  it.each(['统计局来人了', '受理了吗', '记录一下', '导出来了', '复盘一下上周'])('%s stays conversation', (text) => {
    expect(parse(text)).toBeUndefined()
  })

  it('an unknown slash command is answered in the language it was typed in', () => {
    expect(parse('/frobnicate')).toMatchObject({ error: 'unknown_command', word: '/frobnicate', locale: 'en' })
    expect(parse('/frob 楼道')).toMatchObject({ error: 'unknown_command', locale: 'zh-CN' })
  })
})

describe('verdicts and bindings', () => {
  const cmd = (alias: string, text: string): Command => ({ name: 'verify', alias, text, locale: 'zh-CN' })
  it.each([
    [cmd('满意', ''), { ok: true, rating: undefined, reason: '' }],
    [cmd('满意', '★★★★★'), { ok: true, rating: 5, reason: '' }],
    [cmd('满意', '4星'), { ok: true, rating: 4, reason: '' }],
    [cmd('满意', '⭐⭐⭐⭐⭐'), { ok: true, rating: 5, reason: '' }],
    [cmd('满意', '五星'), { ok: true, rating: 5, reason: '' }],
    [cmd('满意', '非常好 给5分'), { ok: true, rating: 5, reason: '非常好' }],
    [cmd('不满意', '还是不亮 给1分'), { ok: false, rating: 1, reason: '还是不亮' }],
    [cmd('不满意', '还是不亮'), { ok: false, rating: undefined, reason: '还是不亮' }],
    [cmd('/verify', 'ok 5'), { ok: true, rating: 5, reason: '' }],
    [cmd('/verify', 'no still broken'), { ok: false, rating: undefined, reason: 'still broken' }],
    [cmd('/verify', 'maybe'), { ok: undefined, rating: undefined, reason: 'maybe' }],
  ])('%o', (c, want) => {
    expect(readVerdict(c)).toEqual(want)
  })

  it.each([
    ['锦绣新村 9幢 业主', { place: '锦绣新村/9幢', role: 'residents' }],
    ['锦绣新村/10幢 residents', { place: '锦绣新村/10幢', role: 'residents' }],
    ['志愿者', { place: '', role: 'volunteers' }],
    ['锦绣新村 议事', { place: '锦绣新村', role: 'committee' }],
    ['锦绣新村 9幢', undefined],
  ])('%s', (text, want) => {
    expect(readBinding(text)).toEqual(want)
  })
})
