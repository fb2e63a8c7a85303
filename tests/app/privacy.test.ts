// Phone numbers never reach a group (issue 8: `列表 13800202600` in the committee group came back as
// 没听懂「13800202600」, and names with a number were echoed as @mentions). Every post is masked where
// it leaves the app; only the contact sent to the claimer keeps the number.
import { describe, expect, it } from 'vitest'
import { carriesNumber, consoleBell, fuzzLines, leaks, messagesOf } from '../helpers/index.js'

const NUMBER = '13800202600'
const MASKED = '138****2600'

const carries = (text: string) => carriesNumber(text, new Set([NUMBER]))

describe('no full phone number reaches a group, whatever echoes it', () => {
  it('没听懂, an option, a ping, a note, a status, a reason, names, places: all masked; the claimer alone gets it', async () => {
    const bell = await consoleBell()
    const lines = await bell.say(
      '议事荟|徐书记: 列表 13800202600', // the option echoed back: 没听懂「…」
      '议事荟|徐书记: 排班 李138–0020–2600 周一至周五 08:00-20:00', // a name that is not a volunteer
      '议事荟|徐书记: 绑定 锦绣新村 13800202600 业主', // a place that does not exist
      '9幢业主群|王阿姨: 按铃 楼道灯坏了，电话 138_0020_2600', // the ping to volunteers
      '9幢业主群|李13800202600: 进度 1', // a name with a number, addressed in the reply
      '9幢业主群|李13800202600: 同 1',
      '好大姐志愿者群|钱阿姨: 接单 1', // the claimer's contact: the one private message
      '好大姐志愿者群|钱阿姨: 进展 1 师傅电话 1 3 8 0 0 2 0 2 6 0 0，下午到', // a note posted to the residents
      '9幢业主群|王阿姨: 进度 1', // a status
      '好大姐志愿者群|钱阿姨: 完成 1 换了灯泡',
      '9幢业主群|王阿姨: 不满意 1 还是不亮，打我 138·0020·2600', // a reason, to the group and to the volunteer
      '议事荟|徐书记: 派单 1 @赵13800202600', // a name that is not a volunteer, echoed
      '议事荟|徐书记: 列表',
    )
    const said = messagesOf(lines)
    const groups = said.filter((m) => !m.where.startsWith('@'))
    expect(groups.length).toBeGreaterThan(8)
    expect(groups.filter((m) => carries(m.text))).toEqual([])
    // Each echo path said something, masked.
    const text = groups.map((m) => m.text).join('\n')
    for (const want of [
      `没听懂「${MASKED}」`,
      `没有找到志愿者「李${MASKED}」`,
      `没有找到「锦绣新村/${MASKED}」`,
      `楼道灯坏了，电话 ${MASKED}`,
      `@李${MASKED}`,
      `师傅电话 ${MASKED}，下午到`,
      `还是不亮，打我 ${MASKED}`,
      `赵${MASKED}`,
    ])
      expect(text).toContain(want)
    // Direct messages are masked too, except the contact for the claimer.
    const direct = said.filter((m) => m.where.startsWith('@') && carries(m.text))
    expect(direct).toEqual([{ where: '@钱阿姨', text: expect.stringContaining(`电话：${NUMBER}`) as string }])
  })
})

describe('a seeded fuzz of neighbours writing numbers everywhere', () => {
  it('400 messages: rings, notes, reasons, options, names and places with numbers; no group hears one', async () => {
    const { lines, numbers } = fuzzLines(400, 8)
    const bell = await consoleBell()
    const out = await bell.say(...lines)
    const found = leaks(out, numbers)
    expect(found.messages).toBeGreaterThan(200)
    expect(found).toMatchObject({ group: 0, mentions: 0 })
  }, 120_000)
})
