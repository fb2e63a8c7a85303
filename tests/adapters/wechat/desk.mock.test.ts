// The committee's desk on WeChat (issue 13), through the adapter and the real wechaty API on the mock
// puppet: the export arrives in the committee's room as a file, after its caption.
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { demoWith } from '../../helpers/index.js'
import { bellWorld } from './bell-world.js'

const R9 = '锦绣新村9幢业主群'
const VOL = '好大姐志愿者群'
const COM = '议事荟'
const config = demoWith('wechat', { groups: { '9幢业主群': R9, 好大姐志愿者群: VOL, 议事荟: COM } })
const spec = () => ({
  bot: 'ringbell',
  rooms: { [R9]: ['王阿姨', '钱阿姨', '严大伯'], [VOL]: ['钱阿姨', '万大姐'], [COM]: ['徐书记', '赵专员'] },
})

describe('the committee’s desk on WeChat', () => {
  it('导出 in the committee room: the caption, then the CSV as a file, with no phone number in it', async () => {
    const b = await bellWorld(spec(), config)
    await b.said('王阿姨', '按铃 9幢2单元楼道灯坏了 13812345678', R9)
    await b.said('赵专员', '导出', COM)
    expect(b.texts(COM).at(-1)).toMatch(/📎 本月（2026年11月）的单子 1 件，用 Excel 或 WPS 打开。/)
    const files = b.w.puppet.files.filter((f) => f.topic === COM)
    expect(files.map((f) => f.name)).toEqual(['锦绣社区-2026-11-01_2026-11-30.csv'])
    const rows = parse(files[0]!.data, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows).toMatchObject([
      { 单号: '1', 提出人: expect.stringMatching(/^王阿姨/), 内容: '9幢2单元楼道灯坏了 138****5678' },
    ])
    expect(files[0]!.data.toString('utf8')).not.toContain('13812345678')
  })
})
