// The whole loop as WeChat users, through the app (startRingbell), the adapter and the real wechaty
// API on wechaty-puppet-mock: the admin and a volunteer bound with one-time codes, then a ring with
// @bot in a residents' room → ping with a real @mention in the volunteers' room → claim by quoting
// the ping with 接 → 完成 → 满意; then an offline gap and a re-login that changes every id, a group
// rename, and binding a new group from inside it.
import { describe, expect, it } from 'vitest'
import { demoWith } from '../../helpers/index.js'
import { WECHAT_PACING } from '../../../adapters/wechat/index.js'
import { AT_SEP } from '../../../adapters/wechat/decode.js'
import { bellWorld } from './bell-world.js'

const SEP = '- - - - - - - - - - - - - - -'
const R9 = '锦绣新村9幢业主群'
const R10 = '锦绣新村10幢业主群'
const VOL = '好大姐志愿者群'
const COM = '议事荟'

const config = demoWith('wechat', {
  groups: { '9幢业主群': R9, 好大姐志愿者群: VOL, 议事荟: COM },
  people: { 王阿姨: '王阿姨', 钱阿姨: '钱阿姨', 徐书记: '徐书记' },
})

const spec = () => ({
  bot: 'ringbell',
  rooms: { [R9]: ['王阿姨', '严大伯'], [VOL]: ['钱阿姨', '万大姐'], [COM]: ['徐书记'], [R10]: ['毛大姐', '徐书记'] },
})

/** A deployment as the README sets it up: the first admin from the terminal's code, then 钱阿姨. */
async function boot(fast: boolean) {
  const b = await bellWorld(spec(), config, { fast })
  await b.bindFirstAdmin('徐书记')
  await b.bind('徐书记', '钱阿姨')
  return b
}

describe('the whole loop on WeChat (wechaty-puppet-mock)', () => {
  it('rings with @bot, pings with a real mention, claims by quoting the ping with 接, 完成, 满意 — paced about 1/s', async () => {
    const { w, said, texts } = await boot(false)
    const before = w.puppet.sent.length // the binding conversation

    await said('王阿姨', `@ringbell${AT_SEP}9幢2单元楼道灯坏了 13812345678`, R9, ['ringbell'])
    expect(texts(R9).join('\n')).toMatch(/🔔 #1 已受理/)
    const ping = w.sentTo(VOL).find((s) => s.text.includes('🔔 #1'))
    expect(ping, 'a ping in the volunteers room').toBeDefined()
    expect(ping!.text).toContain(`@钱阿姨${AT_SEP}`)
    expect(ping!.mentionIdList).toEqual([w.person('钱阿姨').id])

    // WeChat's quote of the bot's ping, with the reply under the separator.
    await said('钱阿姨', `「ringbell：${ping!.text}」\n${SEP}\n接`, VOL)
    expect(texts(VOL).join('\n')).toMatch(/#1 钱阿姨 接了/)
    expect(texts(R9).join('\n')).toMatch(/#1 由 钱阿姨 接单/)
    // The phone number goes to the claimer's DM only.
    expect(
      w
        .sentToPerson('钱阿姨')
        .map((s) => s.text)
        .join('\n'),
    ).toContain('13812345678')

    await said('钱阿姨', '完成 1 换了灯泡', VOL)
    expect(texts(R9).join('\n')).toMatch(/🎉 #1 钱阿姨 已办好：换了灯泡/)
    await said('王阿姨', '满意 1', R9)
    expect(texts(R9).join('\n')).toMatch(/🙏 #1 已办结/)

    for (const room of [R9, VOL, COM]) expect(texts(room).join('\n')).not.toContain('13812345678')
    // About one message a second per account (the relay paces with the adapter's numbers).
    const at = w.puppet.sent.slice(before).map((s) => s.at)
    for (let i = 1; i < at.length; i++)
      expect(at[i]! - at[i - 1]!, `send ${i}`).toBeGreaterThanOrEqual(WECHAT_PACING.perAccountMs - 50)
  }, 120_000)

  it('after an offline gap and a re-login with new ids tells every group, and keeps working; follows a rename; binds a new group', async () => {
    const { w, clock, said, events, texts } = await boot(true)
    await said('王阿姨', '按铃 9幢电梯坏了', R9)
    expect(texts(R9).join('\n')).toMatch(/🔔 #1 已受理/)

    await events(1, () => w.logout('web session expired'))
    clock.advance(30 * 60_000) // wechat4u drops whatever is sent to the bot meanwhile
    let ids = { oldRoomIds: [] as string[], newRoomIds: [] as string[] }
    await events(1, () => {
      ids = w.loginWithNewIds()
    })
    expect(ids.newRoomIds.filter((id) => ids.oldRoomIds.includes(id))).toEqual([])
    for (const room of [R9, VOL, COM]) {
      const notice = w.sentTo(room).find((s) => s.text.includes('离线'))
      expect(notice, `offline notice in ${room}`).toBeDefined()
      expect(ids.newRoomIds).toContain(notice!.conversationId)
      expect(notice!.text).toMatch(/09:00.*09:30/)
    }
    expect(w.sentTo(R10)).toEqual([]) // not ours yet

    // Same topics, new ids: the claim and its announcements still reach the right rooms and people.
    await said('钱阿姨', '接单 1', VOL)
    expect(texts(R9).join('\n')).toMatch(/#1 由 钱阿姨 接单/)

    await events(1, () => w.rename(R9, '锦绣新村9幢业主之家', '严大伯'))
    await said('王阿姨', '按铃 9幢3单元漏水', '锦绣新村9幢业主之家')
    expect(texts('锦绣新村9幢业主之家').join('\n')).toMatch(/🔔 #2 已受理/)
    expect(w.sentTo(VOL).some((s) => s.text.includes('🔔 #2') && s.mentionIdList.includes(w.person('钱阿姨').id))).toBe(
      true,
    )

    await said('徐书记', '绑定 锦绣新村 10幢 业主', R10)
    expect(texts(R10).join('\n')).toMatch(/已绑定/)
    await said('毛大姐', '按铃 10幢门禁坏了', R10)
    expect(texts(R10).join('\n')).toMatch(/🔔 #3 已受理/)
  }, 120_000)
})
