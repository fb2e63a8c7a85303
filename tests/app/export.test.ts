// 导出 (issue 13): the period's cases as a CSV file a spreadsheet opens (UTF-8 with a BOM), read back here
// with a CSV parser. Phone numbers only for an admin who asks in a private chat.
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { consoleBell } from '../helpers/index.js'

const filePath = (lines: string[]) => lines.find((l) => l.includes('📎 /'))?.split('📎 ')[1]
const rowsOf = (path: string) => {
  const bytes = readFileSync(path)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // the BOM Excel needs for Chinese
  return parse(bytes, { bom: true, columns: true }) as Record<string, string>[]
}

async function history() {
  const bell = await consoleBell()
  await bell.say(
    '9幢业主群|王阿姨: 按铃 9幢2单元楼道灯坏了，电话 13812345678',
    '好大姐志愿者群|钱阿姨: 接单 1',
    '好大姐志愿者群|钱阿姨: 进展 1 已联系物业，王阿姨的另一个号码 13900001111',
    '好大姐志愿者群|钱阿姨: 完成 1 换了灯泡',
    '9幢业主群|王阿姨: 满意 1 ★★★★★',
    '10幢业主群|严大伯: 按铃 电梯又坏了',
  )
  return bell
}

describe('导出', () => {
  it('a CSV of the cases and their history, parsed back, with no phone number in a group', async () => {
    const bell = await history()
    const said = await bell.say('议事荟|徐书记: 导出 本月')
    expect(said[0]).toBe('[14] 议事荟|ringbell: @徐书记 📎 本月（2026年11月）的单子 2 件，用 Excel 或 WPS 打开。')
    const path = filePath(said)!
    expect(path).toMatch(/锦绣社区-2026-11-01_2026-11-30\.csv$/)
    const rows = rowsOf(path)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({
      单号: '1',
      按铃时间: '2026-11-02 09:00',
      类别: '物业',
      楼栋: '9幢',
      地点: '9幢2单元',
      提出人: '王阿姨',
      状态: '已办结',
      接单人: '钱阿姨',
      评价: '满意 5星',
      同样问题户数: '1',
    })
    expect(rows[0]!.经过!.split('\n')).toEqual([
      '2026-11-02 09:00 王阿姨 按铃：9幢2单元楼道灯坏了，电话 138****5678',
      '2026-11-02 09:00 钱阿姨 接单',
      '2026-11-02 09:00 钱阿姨 进展：已联系物业，王阿姨的另一个号码 139****1111',
      '2026-11-02 09:00 钱阿姨 办好了：换了灯泡',
      '2026-11-02 09:00 王阿姨 满意 ★★★★★',
    ])
    expect(Object.keys(rows[0]!)).not.toContain('电话')
    expect(readFileSync(path, 'utf8')).not.toMatch(/1381234|1390000/)
  })

  it('an admin in a private chat gets the phone numbers, and only there', async () => {
    const bell = await history()
    const said = await bell.say('@徐书记: 导出')
    expect(said[0]).toBe(
      '[14] @徐书记|ringbell: 📎 本月（2026年11月）的单子 2 件，用 Excel 或 WPS 打开。含居民电话，请妥善保管，不要转发到群里。',
    )
    const rows = rowsOf(filePath(said)!)
    expect(rows.map((r) => r.电话)).toEqual(['13812345678', ''])
    // Other columns stay masked even then: the number belongs in its column, not repeated in notes.
    expect(rows[0]!.内容).toBe('9幢2单元楼道灯坏了，电话 138****5678')
  })

  it('a file leaves the app unmasked by the relay: a name or a note carrying a number is masked in it', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|李13800202600: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    const path = filePath(await bell.say('议事荟|徐书记: 导出'))!
    const text = readFileSync(path, 'utf8')
    expect(text).not.toContain('13800202600')
    expect(rowsOf(path)[0]).toMatchObject({ 提出人: '李138****2600' })
    expect(rowsOf(path)[0]!.经过).toContain('李138****2600 按铃')
  })

  it('a text a spreadsheet would run as a formula is kept as text (CSV injection)', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 =HYPERLINK("http://example.com","点这里") 楼道灯坏了',
      '9幢业主群|@严大伯: 按铃 +1 楼道又黑了',
    )
    const rows = rowsOf(filePath(await bell.say('议事荟|徐书记: 导出'))!)
    // Excel and WPS run a cell starting with = + - @ as a formula; a leading ' makes it text.
    expect(rows[0]!.内容).toBe(`'=HYPERLINK("http://example.com","点这里") 楼道灯坏了`)
    expect(rows[1]).toMatchObject({ 内容: "'+1 楼道又黑了", 提出人: "'@严大伯" })
    // Numbers stay numbers, and a history cell starts with its time.
    expect(rows[0]).toMatchObject({ 单号: '1', 同样问题户数: '1' })
    expect(rows[0]!.经过).toMatch(/^2026-11-02 09:00 王阿姨 按铃：=HYPERLINK/)
  })

  it('an urgent case says so: its class, when someone arrived and how many minutes after the ring', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 闻到很重的煤气味，楼道里都是',
      ':advance 4m',
      '好大姐志愿者群|钱阿姨: 接单 1',
      ':advance 6m',
      '好大姐志愿者群|钱阿姨: 到场 1',
      '10幢业主群|严大伯: 按铃 电梯困人了',
      '议事荟|赵专员: 不紧急 2',
      '9幢业主群|毛大姐: 按铃 楼道灯坏了',
    )
    const rows = rowsOf(filePath(await bell.say('议事荟|徐书记: 导出'))!)
    const urgent = ['紧急', '接单时间', '到场时间', '到场用时（分钟）'] as const
    const pick = (r: Record<string, string>) => Object.fromEntries(urgent.map((k) => [k, r[k]]))
    expect(rows.map(pick)).toEqual([
      { 紧急: '燃气泄漏', 接单时间: '2026-11-02 09:04', 到场时间: '2026-11-02 09:10', '到场用时（分钟）': '10' },
      { 紧急: '不紧急（原报电梯困人）', 接单时间: '', 到场时间: '', '到场用时（分钟）': '' },
      { 紧急: '', 接单时间: '', 到场时间: '', '到场用时（分钟）': '' },
    ])
    expect(rows[0]!.经过!.split('\n').slice(-1)).toEqual(['2026-11-02 09:10 钱阿姨 到场（按铃后10分钟）'])
    expect(rows[1]!.经过).toContain('赵专员 不紧急（原报电梯困人），按一般的事处理')
  })

  it('staff in a private chat get no phone numbers', async () => {
    const bell = await history()
    const rows = rowsOf(filePath(await bell.say('@赵专员: 导出'))!)
    expect(Object.keys(rows[0]!)).not.toContain('电话')
  })

  it('a period with nothing in it says so, and a word it cannot read is explained', async () => {
    const bell = await history()
    expect(await bell.say('议事荟|徐书记: 导出 上月')).toEqual([
      '[14] 议事荟|ringbell: @徐书记 上月（2026年10月）没有单子，没什么可导出的。',
    ])
    expect(await bell.say('议事荟|徐书记: 导出 明年')).toEqual([
      '[15] 议事荟|ringbell: @徐书记 没听懂「明年」。可以这样：导出 本月 · 导出 上月 · 导出 2026-11 · 导出 全部',
    ])
  })

  it('residents cannot export', async () => {
    const bell = await history()
    expect(await bell.say('@严大伯: 导出')).toEqual([
      '[14] @严大伯|ringbell: 这个需要议事会成员来做。有问题请找社区专员。',
    ])
  })
})
