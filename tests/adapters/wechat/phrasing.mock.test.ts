// Residents as they really type (issue 10), on WeChat: the app, the adapter and the real wechaty API on
// wechaty-puppet-mock. Rings in the forms people type and @机器人 typed by hand, conversation about the
// bell, a how-to; plain verdicts and volunteers' words bound to their case, a reason given privately after
// a bare 不满意, a phone number left later; a private ring by direct message, a ring for a neighbour, a
// neighbour's ring like an open case; 进度 with the latest 进展; 帮助 short in a room.
import { describe, expect, it } from 'vitest'
import { demoWith } from '../../helpers/index.js'
import { bellWorld } from './bell-world.js'

const SEP = '- - - - - - - - - - - - - - -'
const R9 = '锦绣新村9幢业主群'
const R10 = '锦绣新村10幢业主群'
const VOL = '好大姐志愿者群'
const COM = '议事荟'
const PHONE = '13812345678'

const config = demoWith('wechat', {
  groups: { '9幢业主群': R9, '10幢业主群': R10, 好大姐志愿者群: VOL, 议事荟: COM },
  people: { 王阿姨: '王阿姨', 严大伯: '严大伯', 毛大姐: '毛大姐' },
})

const spec = () => ({
  bot: 'ringbell',
  rooms: {
    [R9]: ['王阿姨', '严大伯', '毛大姐', '赵专员'],
    [R10]: ['王阿姨', '毛大姐'],
    [VOL]: ['钱阿姨', '万大姐', '赵专员'],
    [COM]: ['徐书记', '赵专员'],
  },
})

/** A deployment as the README sets it up: the admin from the terminal's code, then the volunteers and staff. */
async function boot() {
  const b = await bellWorld(spec(), config, { fast: true })
  await b.bindFirstAdmin('徐书记')
  for (const who of ['钱阿姨', '万大姐', '赵专员']) await b.bind('徐书记', who)
  const quote = (text: string, reply: string) => `「ringbell：${text}」\n${SEP}\n${reply}`
  const last = (room: string, has: string) =>
    b
      .texts(room)
      .filter((t) => t.includes(has))
      .at(-1)!
  return { ...b, quote, last }
}

describe('residents as they really type, on WeChat', () => {
  it('rings in the forms people type and @机器人 typed by hand; talk about the bell stays talk; how-to; category by every keyword', async () => {
    const b = await boot()
    await b.said('王阿姨', '【按铃】9幢2单元楼道灯坏了', R9)
    await b.said('严大伯', '我要按铃，9幢电梯停了', R9)
    await b.said('毛大姐', '按 铃 9幢3单元门禁坏了', R9)
    await b.said('王阿姨', '安铃 10幢门口停车乱', R10)
    await b.said('毛大姐', '按鈴 10幢水管爆了', R10)
    // Typed, not picked from the @ list: plain text "@机器人".
    await b.said('严大伯', '@机器人 9幢楼道堆了杂物', R9)
    const acks = [...b.texts(R9), ...b.texts(R10)].filter((t) => t.includes('已受理')).map((t) => /#\d+/.exec(t)![0])
    expect(acks.sort()).toEqual(['#1', '#2', '#3', '#4', '#5', '#6'])

    const sent = b.w.puppet.sent.length
    await b.said('严大伯', '按铃这个功能挺好用的', R9)
    await b.said('严大伯', '我昨天按铃了，还没人来', R9)
    expect(b.w.puppet.sent.length).toBe(sent)
    await b.said('王阿姨', '怎么按铃？', R9)
    expect(b.last(R9, '按铃很简单')).toContain('按铃很简单：在业主群里发「按铃」加上问题')

    await b.said('王阿姨', '按铃 邻居噪音纠纷', R10)
    expect(b.last(R10, '#7')).toContain('🔔 #7 已受理：法律·10幢')
    expect(await b.rb.db.case.count()).toBe(7)
  }, 120_000)

  it("plain verdicts and volunteers' words find their case; a reason and a phone number given later reach the volunteer privately", async () => {
    const b = await boot()
    await b.said('王阿姨', '按铃 楼道灯坏了', R9)
    const ping = b.w.sentTo(VOL).find((s) => s.text.includes('🔔 #1'))!
    await b.said('钱阿姨', b.quote(ping.text, '收到，我去看看'), VOL)
    expect(b.last(R9, '#1 由')).toContain('✅ #1 由 钱阿姨 接单，请放心。')
    expect(b.last(VOL, '✅ #1')).toBe('✅ #1 钱阿姨 接了。')

    // A phone number sent to the bot privately: the case's contact, to the claimer only.
    await b.dm('王阿姨', `我电话是 ${PHONE}`)
    expect(b.dms('钱阿姨').join('\n')).toContain(`📞 #1 王阿姨 补了电话：${PHONE}`)

    await b.said('钱阿姨', '进展 1 已联系物业', VOL)
    await b.said('严大伯', '进度 1', R9)
    expect(b.last(R9, '状态')).toContain('最新进展：已联系物业（钱阿姨，')

    await b.said('钱阿姨', '完成了', VOL)
    expect(b.last(R9, '🎉 #1')).toContain('🎉 #1 钱阿姨 已办好。')
    await b.said('王阿姨', '不满意', R9)
    expect(b.last(R9, '重新打开')).toContain('请说说 #1 哪里不满意')
    await b.dm('王阿姨', '灯一闪一闪的')
    expect(b.dms('钱阿姨').join('\n')).toContain('📝 #1 王阿姨 说哪里不满意：灯一闪一闪的')

    await b.said('钱阿姨', '接单 1', VOL)
    await b.said('钱阿姨', '1 完成', VOL)
    await b.said('王阿姨', '修好了，谢谢钱阿姨', R9)
    expect(b.last(R9, '🙏 #1')).toContain('🙏 #1 已办结')
    expect(b.dms('钱阿姨').join('\n')).toContain('🙏 #1 王阿姨 满意：「谢谢钱阿姨」，辛苦您了！')

    for (const room of [R9, R10, VOL, COM]) for (const t of b.texts(room)) expect(t).not.toContain(PHONE)
    expect(await b.rb.db.case.findFirstOrThrow()).toMatchObject({ contact: PHONE, closeReason: 'verified' })
  }, 120_000)

  it("a private ring by direct message, a ring for a neighbour, a neighbour's ring like an open case; 帮助 is short in a room", async () => {
    const b = await boot()
    await b.said('毛大姐', '帮助', R9)
    expect(b.last(R9, '🔔')).toContain('完整说明已私聊发给您')
    expect(b.last(R9, '🔔').split('\n').length).toBeLessThanOrEqual(3)
    expect(b.dms('毛大姐').join('\n')).toContain('协商铃 怎么用')

    // Private: nothing in any room says who or what; the claimer gets it privately; she follows privately.
    await b.dm('毛大姐', '按铃 我在隔离，需要买药')
    expect(b.dms('毛大姐').join('\n')).toContain('🔔 #1 已受理：银龄')
    await b.said('万大姐', '接单 1', VOL)
    expect(b.dms('万大姐').join('\n')).toMatch(/您接了 #1（[^）]+）：我在隔离，需要买药/)
    for (const room of [R9, R10, VOL, COM])
      for (const t of b.texts(room)) expect(t, room).not.toMatch(/隔离|买药|毛大姐 」|毛大姐：/)
    await b.said('万大姐', '完成 1 放在门口了', VOL)
    expect(b.dms('毛大姐').join('\n')).toContain('🎉 #1 万大姐 已办好：放在门口了')
    await b.dm('毛大姐', '满意')
    expect(await b.rb.db.case.findFirstOrThrow({ where: { number: 1 } })).toMatchObject({ closeReason: 'verified' })

    // 赵专员 rings for 严大伯; 严大伯 is the one who rang.
    await b.said('赵专员', '代严大伯按铃：9幢5单元楼道灯不亮', R9)
    expect(b.last(R9, '已替')).toContain('已替严大伯按铃 #2')
    const two = await b.rb.db.case.findFirstOrThrow({ where: { number: 2 } })
    const yan = await b.rb.db.person.findFirstOrThrow({ where: { name: '严大伯' } })
    expect(two.reporterId).toBe(yan.id)

    // Later, a neighbour rings the same thing: told it looks like #2, joins it by quoting the bell.
    b.clock.advance(31 * 60_000)
    await b.said('王阿姨', '按铃 9幢5单元楼道灯不亮了', R9)
    const ack = b.last(R9, '#3 已受理')
    expect(ack).toContain('像是 #2（9幢5单元楼道灯不亮），是同一件事的话回复「同 2」加入')
    await b.said('王阿姨', '同 2', R9)
    expect(b.last(R9, '👍 #2')).toContain('您的 #3 已并入 #2')
    const twoAck = b.texts(R9).find((t) => t.includes('#2 已受理'))!
    await b.said('毛大姐', b.quote(twoAck, '我家也是'), R9)
    expect(b.last(R9, '👍 #2')).toContain('共 3 户')
    expect(await b.rb.db.case.findFirstOrThrow({ where: { number: 3 } })).toMatchObject({ closeReason: 'duplicate' })
  }, 120_000)
})
