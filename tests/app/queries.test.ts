// The committee's questions through the console (issue 13): 统计 for any period, part or breakdown,
// 列表 a page at a time with the count, 记录 N without contacts, 统计 图 as a picture.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { consoleBell, demoConfig, heads } from '../helpers/index.js'
import { CHART_HEIGHT, CHART_WIDTH } from '../../src/chart/render.js'

const filePath = (lines: string[]) => lines.find((l) => l.includes('📎 /'))?.split('📎 ')[1]

describe('统计', () => {
  it('the words the issue found unanswered are understood', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '10幢业主群|严大伯: 按铃 #法律 租房合同纠纷')
    for (const q of ['统计 上周', '统计 上个月', '统计 11月', '统计 9幢', '统计 物业', '统计 按楼栋', '统计 钱阿姨'])
      expect((await bell.say(`议事荟|徐书记: ${q}`)).join('\n'), q).toMatch(/📊/)
    expect((await bell.say('议事荟|徐书记: 统计 明年')).join('\n')).toMatch(/没听懂「明年」/)
  })

  it('rings, accepted and done, with the rate over accepted and 未回复 shown apart', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '好大姐志愿者群|钱阿姨: 接单 1',
      ':advance 16m',
      '好大姐志愿者群|钱阿姨: 完成 1 换了灯泡',
      '10幢业主群|严大伯: 按铃 10幢电梯坏了',
      '好大姐志愿者群|钱阿姨: 接单 2',
      '好大姐志愿者群|钱阿姨: 完成 2 修好了',
      ':advance 4d', // both go unverified: closed as 未回复
      '9幢业主群|毛大姐: 按铃 9幢门禁坏了',
    )
    expect(await bell.say('议事荟|徐书记: 统计 本月')).toEqual(
      expect.arrayContaining([
        '[21] 议事荟|ringbell: @徐书记 📊 本月（2026年11月）：按铃 3 · 受理 3 · 办结 2',
        '    完成率 66.7%（办结÷受理）· 满意率 —',
        '    办结里有 2 件是未回复、自动办结的',
        '    办好用时 中位 8分钟（P90 14分钟）', // 0 and 16 minutes: the median is 8, p90 14.4
      ]),
    )
  })

  it('a breakdown by building names each building', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '9幢业主群|毛大姐: 按铃 门禁坏了',
      '10幢业主群|严大伯: 按铃 电梯坏了',
    )
    const said = await bell.say('议事荟|徐书记: 统计 按楼栋')
    expect(said).toContain('    9幢：按铃 2 · 受理 2 · 办结 0 · 完成率 0%')
    expect(said).toContain('    10幢：按铃 1 · 受理 1 · 办结 0 · 完成率 0%')
  })

  it('统计 图 sends a picture a phone shows: a PNG of the expected size', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '好大姐志愿者群|钱阿姨: 接单 1',
      '好大姐志愿者群|钱阿姨: 完成 1 好了',
    )
    const said = await bell.say('议事荟|徐书记: 统计 图')
    expect(heads(said)).toEqual(['[8] 议事荟|ringbell: @徐书记 📈 本月（2026年11月）：每周按铃、受理、办结和完成率'])
    const png = readFileSync(filePath(said)!)
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CHART_WIDTH, CHART_HEIGHT])
    // Text was drawn (a PNG with no font found is mostly one colour and compresses to a few KB).
    expect(png.length).toBeGreaterThan(30_000)
  }, 30_000)

  it('no rings: no chart, said plainly', async () => {
    const bell = await consoleBell()
    expect(await bell.say('议事荟|徐书记: 统计 图 上月')).toEqual([
      '[1] 议事荟|ringbell: @徐书记 📈 上月（2026年10月）没有按铃，没有图可画。',
    ])
  })
})

describe('列表', () => {
  it('a page at a time, with the count and the way to the next page', async () => {
    // Twenty-five cases, not one incident (issue 12 would join these alike rings into #1).
    const config = demoConfig()
    config.phrasing = { ...config.phrasing, joinIncidents: false }
    const bell = await consoleBell({ config })
    for (let i = 1; i <= 25; i++) await bell.say(`9幢业主群|住户${i}: 按铃 楼道第${i}盏灯坏了`)
    const first = await bell.say('议事荟|徐书记: 列表 全部')
    expect(first[0]).toMatch(/📋 全部：25 件（第 1\/2 页）$/)
    expect(first[1]).toMatch(/^ {4}#25 /)
    expect(first.at(-1)).toBe('    下一页请发「列表 全部 2」')
    const second = await bell.say('议事荟|徐书记: 列表 全部 2')
    expect(second[0]).toMatch(/（第 2\/2 页）$/)
    expect(second.slice(1).map((l) => /#(\d+) /.exec(l)?.[1])).toEqual(['5', '4', '3', '2', '1'])
  })

  it('waiting cases read as a queue, longest waiting first', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '9幢业主群|毛大姐: 按铃 门禁坏了')
    expect((await bell.say('议事荟|徐书记: 列表 未接单')).slice(1)).toEqual([
      '    #1 等待接单 物业·9幢 楼道灯坏了',
      '    #2 等待接单 物业·9幢 门禁坏了',
    ])
  })

  it('nothing to list says what was asked for, not a puzzle', async () => {
    const bell = await consoleBell()
    expect(await bell.say('议事荟|徐书记: 列表')).toEqual(['[1] 议事荟|ringbell: @徐书记 📋 未办结：没有。'])
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    expect((await bell.say('议事荟|徐书记: 列表 已办结')).at(-1)).toMatch(/📋 已办结：没有。$/)
  })
})

describe('urgent cases on the committee’s desk (issue 11)', () => {
  it('列表 marks an urgent case with 🚨 and its class, right after the number', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '9幢业主群|毛大姐: 按铃 闻到煤气味，楼道里都是')
    expect((await bell.say('议事荟|徐书记: 列表 未接单')).slice(1)).toEqual([
      '    #1 等待接单 物业·9幢 楼道灯坏了',
      '    #2 🚨燃气泄漏 等待接单 物业·9幢 闻到煤气味，楼道里都是',
    ])
  })

  it('记录 N names the class in its first line, and says how long after the ring someone arrived', async () => {
    const bell = await consoleBell()
    await bell.say(
      '10幢业主群|严大伯: 按铃 电梯困人了',
      ':advance 3m',
      '好大姐志愿者群|钱阿姨: 接单 1',
      ':advance 9m',
      '好大姐志愿者群|钱阿姨: 到场 1',
    )
    expect(await bell.say('议事荟|徐书记: 记录 1')).toEqual([
      '[12] 议事荟|ringbell: @徐书记 🗂 #1 🚨电梯困人 物业·10幢：电梯困人了（处理中）',
      '    11月2日 09:00 严大伯 按铃：电梯困人了',
      '    11月2日 09:03 钱阿姨 接单',
      '    11月2日 09:12 钱阿姨 到场（按铃后12分钟）',
    ])
  })

  it('记录 N of a case staff said was not urgent: no 🚨, and the line says what it was rung as', async () => {
    const bell = await consoleBell()
    await bell.say('10幢业主群|严大伯: 按铃 电梯困人了', '议事荟|赵专员: 不紧急 1')
    const said = await bell.say('议事荟|徐书记: 记录 1')
    expect(said[0]).toMatch(/🗂 #1 物业·10幢：电梯困人了（等待接单）$/)
    expect(said.at(-1)).toBe('    11月2日 09:00 赵专员 不紧急（原报电梯困人），按一般的事处理')
  })
})
