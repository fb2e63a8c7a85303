// Privacy (issue 14): no individual's answer and no household's need is ever posted in a group — not
// as a confirmation, a progress post, a result, a list, nor an echo of what someone typed. Groups see
// totals; needs reach a group only as counts per building.
import { describe, expect, it } from 'vitest'
import { consoleBell, messagesOf, prng } from '../helpers/index.js'

const residents = ['王阿姨', '严大伯', '毛大姐', '王伯伯', '小周', '李奶奶', '张叔', '陈阿姨']
const rooms = ['9幢2单元301', '9幢2单元302', '9幢2单元303', '9幢1单元101', '10幢1单元101', '10幢2单元202']
const needWords = /独居|高龄|行动不便|孕妇|病患|轮椅|透析|腿脚/
/** A building's counts, the one form needs may take in a group: "9幢：高龄 1 户、独居 2 户". */
const countLine = /^\d+幢：(?:(?:高龄|独居|行动不便|孕妇|病患) \d+ 户、?)+$/

function groupLeaks(lines: string[]): string[] {
  const found: string[] = []
  for (const m of messagesOf(lines)) {
    if (m.where.startsWith('@')) continue
    // Not even that someone answered: nothing in a group is addressed to a resident here.
    const to = /^@(\S+) /.exec(m.text)?.[1]
    if (to && residents.includes(to)) found.push(`${m.where}: answered ${to}: ${m.text}`)
    const text = m.text.replace(/^@\S+ /, '')
    for (const line of text.split('\n')) {
      if (needWords.test(line) && !countLine.test(line)) found.push(`${m.where}: need: ${line}`)
      if (residents.some((r) => line.includes(r))) found.push(`${m.where}: name: ${line}`)
      if (/单元\d{3}|幢\d{3}/.test(line)) found.push(`${m.where}: room: ${line}`)
    }
  }
  return found
}

describe('no answer and no need of anyone is said in a group', () => {
  it('a whole consultation, a poll and the needs list, every way of answering', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 登记 9幢2单元301 独居 高龄',
      '9幢业主群|严大伯: 登记 9幢2单元302',
      '10幢业主群|毛大姐: 登记 10幢1单元101 孕妇',
      '@赵专员: 确认登记 全部',
      '好大姐志愿者群|钱阿姨: 帮扶 9幢2单元303 轮椅 每周透析',
      '议事荟|赵专员: 帮扶 9幢2单元301 独居 高龄 腿脚不便',
      '议事荟|徐书记: 征询 拆除北侧围墙 门槛 全体2/3 截止 3天',
    )
    const announced = bell.out.find((l) => l.includes('9幢业主群|ringbell: 📋【征询 1】'))!
    const n = /^\[(\d+)\]/.exec(announced)![1]
    await bell.say(
      '9幢业主群|王阿姨: 同意',
      `9幢业主群|严大伯 ^${n}: 反对`,
      '9幢业主群|严大伯: 同意',
      '@毛大姐: 2',
      '10幢业主群|毛大姐: 同意',
      ':advance 3h',
      '议事荟|徐书记: 征询 1',
      '议事荟|徐书记: 征询名单 1',
      '议事荟|徐书记: 发起投票 选颜色 选项 红、蓝 每人一票 截止 1天',
      '9幢业主群|王伯伯: 红',
      '10幢业主群|小周: 2',
      '9幢业主群|王阿姨: 帮扶清单',
      '好大姐志愿者群|钱阿姨: 帮扶清单',
      '议事荟|赵专员: 帮扶清单 9幢',
      '议事荟|徐书记: 公示 9幢 明天停电',
      ':advance 3d',
      '议事荟|徐书记: 投票名单 2',
    )
    expect(groupLeaks(bell.out)).toEqual([])
    // Meanwhile the people concerned did hear, privately.
    const direct = messagesOf(bell.out).filter((m) => m.where.startsWith('@'))
    expect(direct.some((m) => m.where === '@严大伯' && m.text.includes('现在是「同意」'))).toBe(true)
    expect(direct.some((m) => m.where === '@赵专员' && m.text.includes('9幢2单元301 高龄、独居'))).toBe(true)
    expect(direct.some((m) => m.where === '@徐书记' && m.text.includes('9幢2单元302,同意,严大伯'))).toBe(true)
  })

  it('a seeded crowd of 400 messages: registrations, answers in groups, privately and by quote, needs, lists', async () => {
    const rnd = prng(14)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
    const bell = await consoleBell()
    await bell.say(
      '议事荟|徐书记: 征询 加装电梯 范围 9幢 门槛 答复的2/3 共40户 截止 3天',
      '议事荟|徐书记: 发起投票 选颜色 选项 红、蓝、绿 每人一票 截止 3天',
    )
    const lines: string[] = []
    for (let i = 0; i < 400; i++) {
      const who = pick(residents)
      const group = pick(['9幢业主群', '10幢业主群'])
      const answer = pick(['同意', '反对', '1', '2', '3', '红', '蓝', '绿', '同意！', '我家同意', '不同意', '弃权'])
      lines.push(
        pick([
          `${group}|${who}: ${answer}`,
          `${group}|${who}: ${answer}`,
          `@${who}: ${answer}`,
          `${group}|${who} ^${pick([1, 2, 3])}: ${answer}`,
          `${group}|${who}: 登记 ${pick(rooms)} ${pick(['', '独居', '高龄 行动不便', '孕妇'])}`,
          `${group}|${who}: 投票 ${pick([1, 2])} ${answer}`,
          `${group}|${who}: 帮扶清单`,
          `${group}|${who}: 帮扶 ${pick(rooms)} 独居`,
          `好大姐志愿者群|钱阿姨: 帮扶 ${pick(rooms)} ${pick(['轮椅', '透析', '独居 高龄'])}`,
          `议事荟|赵专员: 确认登记 全部`,
          `议事荟|徐书记: 征询 ${pick([1, 2])}`,
          ':advance 2h',
        ]),
      )
    }
    await bell.say(...lines, ':advance 3d')
    expect(await bell.rb.db.vote.count()).toBeGreaterThan(10)
    expect(messagesOf(bell.out).filter((m) => m.where.startsWith('@')).length).toBeGreaterThan(100)
    expect(groupLeaks(bell.out)).toEqual([])
  }, 120_000)
})
