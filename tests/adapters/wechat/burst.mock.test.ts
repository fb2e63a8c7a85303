// A building ringing at once, on WeChat (issue 12), through the adapter and the real wechaty API on the
// mock puppet, paced as WeChat really is: about one message a second for the whole account, with jitter
// (WECHAT_PACING; no per-minute budget as on Telegram, so what waits is whatever the account has not
// sent yet). One incident formed, split and merged; acks waiting behind the room folded into one message
// that really @-mentions each ringer; pings for distinct cases folded into one that a volunteer claims
// from by number and by quoting its line; an urgent ring inside the burst not held behind ordinary acks;
// a send failing in the middle of a hundred households retried without naming anyone twice.
import { describe, expect, it } from 'vitest'
import { demoWith } from '../../helpers/index.js'
import { WECHAT_PACING } from '../../../adapters/wechat/index.js'
import { AT_SEP } from '../../../adapters/wechat/decode.js'
import { MAX_TEXT } from '../../../adapters/wechat/encode.js'
import { bellWorld } from './bell-world.js'
import type { Sent } from './mock-world.js'

const R9 = '锦绣新村9幢业主群'
const VOL = '好大姐志愿者群'
const SEP = '- - - - - - - - - - - - - - -'
// The demo's residents are known on WeChat by their names (a resident needs no binding).
const config = demoWith('wechat', {
  groups: { '9幢业主群': R9, 好大姐志愿者群: VOL },
  people: { 王阿姨: '王阿姨', 严大伯: '严大伯', 毛大姐: '毛大姐' },
})
const neighbours = Array.from({ length: 100 }, (_, i) => `邻居${i + 1}`)
const spec = () => ({
  bot: 'ringbell',
  rooms: {
    [R9]: ['王阿姨', '严大伯', '毛大姐', ...neighbours],
    [VOL]: ['钱阿姨', '万大姐', '赵专员'],
    议事荟: ['徐书记'],
  },
})
/** Once the burst has been answered: what follows is not about pacing, and a test need not wait for it. */
const UNPACED = { perChatMs: 0, perAccountMs: 0 }

/**
 * A deployment bound by one-time codes (the admin, then 钱阿姨 and 赵专员); the first ring answered in a
 * quiet room, as WeChat would at once; from then on the account is paced as WeChat is, and the building rings.
 */
async function boot(first: string) {
  const b = await bellWorld(spec(), config)
  await b.bindFirstAdmin('徐书记')
  await b.bind('徐书记', '钱阿姨')
  await b.bind('徐书记', '赵专员')
  await b.said('王阿姨', first, R9)
  b.pace(WECHAT_PACING)
  return b
}

/** WeChat's quoted reply: the bot's message (or the part picked), the separator, what was typed. */
const quoting = (quoted: string, reply: string) => `「ringbell：${quoted}」\n${SEP}\n${reply}`

describe('a building rings at once, on WeChat', () => {
  it('one incident counted by household; waiting acks fold into one message @-ing each ringer; staff split and merge', async () => {
    const b = await boot('按铃 9幢停电了')
    // The room was just sent to: what the next neighbours get waits for it, and leaves together.
    await b.write('严大伯', '按铃 9幢2单元302停电了', R9)
    await b.write('毛大姐', '按铃 9幢没电了，灯都不亮', R9)
    for (const who of ['邻居1', '邻居2', '邻居3']) await b.write(who, '按铃 9幢停电了！', R9)
    await b.rb.drain()
    expect(b.texts(R9)).toEqual([
      `@王阿姨${AT_SEP}「按铃 9幢停电了」\n🔔 #1 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。`,
      [
        `@严大伯${AT_SEP}已记入 #1（共 2 户）`,
        `@毛大姐${AT_SEP}🔔 #2 已受理（物业·9幢）`,
        `@邻居1${AT_SEP}已记入 #1（共 3 户）`,
        `@邻居2${AT_SEP}已记入 #1（共 4 户）`,
        `@邻居3${AT_SEP}已记入 #1（共 5 户）`,
      ].join('\n'),
    ])
    // WeChat mentions are the name in the text and the member passed along: each ringer's phone buzzes.
    const people = (...names: string[]) => names.map((n) => b.w.person(n).id)
    expect(b.w.sentTo(R9)[1]!.mentionIdList).toEqual(people('严大伯', '毛大姐', '邻居1', '邻居2', '邻居3'))
    // The volunteers see two cases, and #1's count at 5 households; not a ping per ring.
    expect(b.texts(VOL)).toEqual([
      `🔔 #1 物业·9幢：9幢停电了\n请回复「接单 1」接单 @钱阿姨${AT_SEP}`,
      `🔔 #2 物业·9幢：9幢没电了，灯都不亮\n请回复「接单 2」接单 @钱阿姨${AT_SEP}`,
      '📈 #1 已有 5 户反映同一件事。',
    ])

    b.pace(UNPACED)
    await b.said('赵专员', '拆分 1 302', VOL)
    // The staff member's command is answered quoting it, in the room they wrote in.
    expect(b.texts(VOL).slice(3)).toEqual([
      `🔔 #3 物业·9幢2单元：9幢2单元302停电了\n请回复「接单 3」接单 @钱阿姨${AT_SEP}`,
      `「拆分 1 302」\n@赵专员${AT_SEP}好的，严大伯 的铃已从 #1 拆出，单独记为 #3；#1 现在 4 户。`,
    ])
    expect(b.texts(R9).at(-1)).toBe(
      `「按铃 9幢2单元302停电了」\n🔔 #3 已受理：物业·9幢2单元。正在通知志愿者，有人接单会在群里告诉您。\n（从 #1 拆出来单独办） @严大伯${AT_SEP}`,
    )
    await b.said('赵专员', '合并 2 1', VOL)
    expect(b.texts(VOL).at(-1)).toBe(`「合并 2 1」\n@赵专员${AT_SEP}好的，#2 已并入 #1，共 5 户反映。`)
    expect(b.texts(R9).at(-1)).toBe(`🔁 #2 和 #1 是同一件事，已并入 #1 一起办，共 5 户反映。 @毛大姐${AT_SEP}`)
    expect(b.w.sentTo(R9).at(-1)!.mentionIdList).toEqual(people('毛大姐'))
    const cases = await b.rb.db.case.findMany({ orderBy: { number: 'asc' } })
    expect(cases.map((c) => [c.number, c.status, c.closeReason, c.supporters + 1])).toEqual([
      [1, 'open', null, 5],
      [2, 'closed', 'duplicate', 1],
      [3, 'open', null, 1],
    ])
  }, 30_000)

  it('pings for distinct problems fold into one; a volunteer claims from it by number and by quoting a line', async () => {
    const b = await boot('按铃 9幢电梯停了')
    await b.write('严大伯', '按铃 9幢2单元楼道灯坏了', R9)
    await b.write('毛大姐', '按铃 9幢3单元门禁坏了', R9)
    await b.write('邻居4', '按铃 9幢4单元水管漏水', R9)
    await b.rb.drain()
    expect(b.texts(R9).at(-1)).toBe(
      [
        `@严大伯${AT_SEP}🔔 #2 已受理（物业·9幢2单元）`,
        `@毛大姐${AT_SEP}🔔 #3 已受理（物业·9幢3单元）`,
        `@邻居4${AT_SEP}🔔 #4 已受理（物业·9幢4单元）`,
      ].join('\n'),
    )
    const pings = b.w.sentTo(VOL)
    expect(pings).toHaveLength(2)
    const folded = pings[1]!
    expect(folded.text).toBe(
      [
        '🔔 #2 物业·9幢2单元：9幢2单元楼道灯坏了',
        '请回复「接单 2」接单',
        '🔔 #3 物业·9幢3单元：9幢3单元门禁坏了',
        '请回复「接单 3」接单',
        '🔔 #4 物业·9幢4单元：9幢4单元水管漏水',
        '请回复「接单 4」接单',
        `@钱阿姨${AT_SEP}`,
      ].join('\n'),
    )
    // Everyone to call, once, at the end: 钱阿姨 is @-ed for real once, not once per case.
    expect(folded.mentionIdList).toEqual([b.w.person('钱阿姨').id])

    b.pace(UNPACED)
    // Quoting the whole message does not say which: she is asked for the number.
    await b.said('钱阿姨', quoting(folded.text, '接'), VOL)
    expect(b.texts(VOL).at(-1)).toContain(
      `@钱阿姨${AT_SEP}这条消息说了 #2、#3、#4 几件事，是哪一件？请写上单号，比如：接 2`,
    )
    // Quoting the line of a case claims that case — the first line too, which reads like the start of the whole.
    await b.said('钱阿姨', quoting('🔔 #2 物业·9幢2单元：9幢2单元楼道灯坏了', '接'), VOL)
    expect(b.texts(VOL).at(-1)).toBe('✅ #2 钱阿姨 接了。')
    await b.said('钱阿姨', quoting('🔔 #3 物业·9幢3单元：9幢3单元门禁坏了', '我来'), VOL)
    expect(b.texts(VOL).at(-1)).toBe('✅ #3 钱阿姨 接了。')
    await b.said('钱阿姨', '接单 4', VOL)
    expect(b.texts(R9).at(-1)).toBe('✅ #4 由 钱阿姨 接单，请放心。')
    const cases = await b.rb.db.case.findMany({ orderBy: { number: 'asc' } })
    expect(cases.map((c) => [c.number, c.status])).toEqual([
      [1, 'open'],
      [2, 'claimed'],
      [3, 'claimed'],
      [4, 'claimed'],
    ])
  }, 30_000)

  it('an urgent ring inside the burst goes first: its advice and its ping are not held behind the acks', async () => {
    const b = await boot('按铃 9幢停电了')
    const before = b.w.puppet.sent.length
    await b.write('严大伯', '按铃 9幢停电了！', R9)
    await b.write('邻居5', '按铃 楼道里好大的煤气味！', R9)
    await b.write('毛大姐', '按铃 9幢停电了！', R9)
    await b.rb.drain()
    // In the order the account sent them: everything about the gas first — the advice to the room, the
    // volunteers, staff — and only then the neighbours' numbers, which were waiting for the room anyway.
    const where = (s: Sent) => s.topic ?? (s.conversationId === b.w.person('赵专员').id ? '@赵专员' : s.conversationId)
    expect(b.w.puppet.sent.slice(before).map((s) => [where(s), s.text.split('\n').slice(0, 2)])).toEqual([
      [R9, [`@邻居5${AT_SEP}「按铃 楼道里好大的煤气味！」`, '🚨 #2 燃气泄漏！']],
      [VOL, ['🚨 #2 紧急·燃气泄漏 物业·9幢：楼道里好大的煤气味！', expect.stringContaining('接单 2')]],
      ['@赵专员', ['🚨 #2 紧急·燃气泄漏 物业·9幢：楼道里好大的煤气味！', expect.any(String)]],
      [R9, [`@严大伯${AT_SEP}已记入 #1（共 2 户）`, `@毛大姐${AT_SEP}已记入 #1（共 3 户）`]],
    ])
  }, 30_000)

  it('a send failing in the middle of a hundred households is retried: each ringer named once, every fold one message', async () => {
    const b = await boot('按铃 9幢停电了')
    const before = b.w.puppet.sent.length
    for (const who of neighbours) await b.write(who, '按铃 9幢停电了', R9)
    b.w.puppet.failNth = 2 // WeChat's "send failed", once, on the second message of what follows
    await b.rb.drain()
    const sent = b.w.puppet.sent.slice(before)
    const acks = sent.filter((s) => s.topic === R9)
    // A hundred lines are two messages within WeChat's 2,000 characters: a fold is never cut in two (the
    // failed second half of one was sent again with its first half, naming 91 neighbours twice).
    expect(acks).toHaveLength(2)
    for (const s of acks) expect(s.text.length).toBeLessThanOrEqual(MAX_TEXT)
    // Each neighbour told their number once — named, and really @-ed — and nobody left out.
    const lines = acks.flatMap((s) => s.text.split('\n'))
    expect(lines).toEqual(neighbours.map((n, i) => `@${n}${AT_SEP}已记入 #1（共 ${i + 2} 户）`))
    expect(acks.flatMap((s) => s.mentionIdList)).toEqual(neighbours.map((n) => b.w.person(n).id))
    // The volunteers: the counts at 5, 10, 20, 50 and 100 households, once each, after the retry.
    expect(sent.filter((s) => s.topic === VOL).map((s) => s.text)).toEqual([
      [5, 10, 20, 50, 100].map((n) => `📈 #1 已有 ${n} 户反映同一件事。`).join('\n'),
    ])
    // The failed send was those counts: sent on the second attempt.
    const retried = await b.rb.db.outbox.findMany({ where: { attempts: { gt: 1 } } })
    expect(retried.map((r) => [r.chatId, r.attempts, r.status])).toEqual(Array(5).fill([VOL, 2, 'sent']))
    expect(await b.rb.db.case.count()).toBe(1)
  }, 30_000)
})
