// Strangers (issue 8, finding 3): someone the bot does not know becomes a resident only by writing in a
// bound group. A direct message or an unbound group gets a helpful answer and writes no Person or Identity.
import { describe, expect, it } from 'vitest'
import { consoleBell, heads, type ConsoleBell } from '../helpers/index.js'

const said = (lines: string[]) => heads(lines).map((l) => l.replace(/^\[\d+\] /, ''))
const rows = async (bell: ConsoleBell) => ({
  people: await bell.rb.db.person.count(),
  identities: await bell.rb.db.identity.count(),
})

describe('a stranger', () => {
  it('writing to the bot directly is told where to ring, in their language, and not registered', async () => {
    const bell = await consoleBell()
    const before = await rows(bell)
    expect(said(await bell.say('@路人甲: 你好，楼下一直有人吵'))).toEqual([
      '@路人甲|ringbell: 您好！协商铃在小区的业主群里用：请在您楼栋的业主群里发「按铃 问题」，比如：按铃 9幢2单元楼道灯坏了。在群里用过一次之后，也可以私聊我按铃，只有接单的志愿者看得到。群里还没有协商铃的话，请联系社区。',
    ])
    expect(said(await bell.say('@Tom: hello, the lift is broken'))).toEqual([
      '@Tom|ringbell: Hello! The bell works in your building\'s residents\' group: write "/ring <problem>" there, e.g. /ring the corridor light in 9幢 unit 2 is broken. Once you have used it there, you can also ring privately here: only the volunteer who takes it sees it. If your group has no bell yet, please ask your community office.',
    ])
    expect(await rows(bell)).toEqual(before)
  })

  it('ringing in a group nobody has bound is told to ask an admin; chatter there gets nothing; no rows', async () => {
    const bell = await consoleBell()
    const before = await rows(bell)
    expect(said(await bell.say('新建的群|路人乙: 按铃 楼道灯坏了'))).toEqual([
      '新建的群|ringbell: @路人乙 这个群还没有绑定小区，请管理员在群里发「绑定 小区 楼栋 业主」。',
    ])
    expect(await bell.say('新建的群|路人乙: 今天天气真好', '新建的群|路人丙: 接单 3', '新建的群|路人丙: 满意')).toEqual(
      [],
    )
    expect(await rows(bell)).toEqual(before)
    expect(await bell.rb.db.case.count()).toBe(0)
    // The group heard it once: the next strangers ringing there within ten minutes are not told again.
    expect(await bell.say('新建的群|路人丙: 按铃 电梯坏了', '新建的群|路人丁: 帮助')).toEqual([])
    await bell.say(':advance 10m')
    expect(said(await bell.say('新建的群|路人丁: 帮助'))).toHaveLength(1)
  })

  it('a fuzz of 300 strangers in direct messages and unbound groups registers nobody; each is answered within the budget', async () => {
    const bell = await consoleBell()
    const before = await rows(bell)
    const lines = Array.from({ length: 300 }, (_, i) =>
      i % 2 ? `@陌生人${i}: 按铃 ${i}号楼灯坏了` : `陌生群${i % 7}|陌生人${i}: 帮助`,
    )
    const answers = said(await bell.say(...lines))
    expect(await rows(bell)).toEqual(before)
    // 150 direct messages from 150 people, one answer each; 7 unbound groups, one answer each.
    expect(answers.filter((l) => l.startsWith('@'))).toHaveLength(150)
    expect(answers.filter((l) => l.startsWith('陌生群'))).toHaveLength(7)
    // One person repeating themselves is answered at most 5 times in 10 minutes.
    const again = said(await bell.say(...Array.from({ length: 20 }, () => '@陌生人1: 楼下很吵')))
    expect(again).toHaveLength(4) // the fifth answer in ten minutes: one already went to her ring above
  }, 120_000) // 320 messages one at a time, on a shared machine

  it('writing in a bound group becomes a resident, as before', async () => {
    const bell = await consoleBell()
    const before = await rows(bell)
    expect(said(await bell.say('9幢业主群|新邻居: 按铃 楼道灯坏了'))[0]).toContain('#1 已受理')
    expect(await rows(bell)).toEqual({ people: before.people + 1, identities: before.identities + 1 })
    // …and is known in a direct message from then on.
    expect(said(await bell.say('@新邻居: 进度 1'))[0]).toContain('#1 物业·9幢：楼道灯坏了')
  })

  it('once an admin binds the group, a newcomer there is registered and their ring is a case', async () => {
    const bell = await consoleBell()
    expect(said(await bell.say('新建的群|徐书记: 绑定 锦绣新村 10幢 业主'))).toEqual([
      '新建的群|ringbell: @徐书记 ✅ 本群已绑定为「锦绣新村/10幢 业主群」。',
    ])
    expect(said(await bell.say('新建的群|路人乙: 按铃 楼道灯坏了'))[0]).toContain('#1 已受理：物业·10幢')
    expect(await bell.rb.db.person.count({ where: { name: '路人乙' } })).toBe(1)
  })
})
