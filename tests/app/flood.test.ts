// Flood control (issue 8, findings 3 and 6), through the console as residents would see it: one person
// ringing too often, ringing the same thing again, and the bot's replies to one person, must not fill the
// building's group, the volunteers' group or staff's phones — and nothing anyone says is lost.
import { describe, expect, it } from 'vitest'
import { consoleBell, groupMessage, heads, type ConsoleBell } from '../helpers/index.js'

/** 200 different problems: three unrelated characters each, so no two are one problem. */
const problem = (i: number) =>
  [0, 1, 2].map((k) => String.fromCharCode(0x4e00 + (((3 * i + k) * 7919) % 20000))).join('') + '有问题'

/** Messages per chat among the numbered lines printed since `from`. */
function perChat(bell: ConsoleBell, from = 0): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const l of heads(bell.out.slice(from))) {
    const chat = l.replace(/^\[\d+\] /, '').split('|')[0]!
    counts[chat] = (counts[chat] ?? 0) + 1
  }
  return counts
}
const said = (lines: string[]) => heads(lines).map((l) => l.replace(/^\[\d+\] /, ''))

describe('one resident ringing 200 different problems in a row', () => {
  it('opens 3 cases, holds the rest as one, and a neighbour ringing in the middle goes straight through', async () => {
    const bell = await consoleBell()
    const flood = Array.from({ length: 200 }, (_, i) => `9幢业主群|王阿姨: 按铃 ${problem(i)}`)
    await bell.say(...flood.slice(0, 100))
    const neighbour = said(await bell.say('9幢业主群|严大伯: 按铃 门禁坏了'))
    await bell.say(...flood.slice(100))

    // The neighbour's ring is acknowledged and pinged at once, behind only 4 messages about the flood.
    expect(neighbour).toEqual([
      '9幢业主群|ringbell: 🔔 #4 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。',
      '好大姐志愿者群|ringbell: 🔔 #4 物业·9幢：门禁坏了',
    ])
    expect(heads(bell.out).findIndex((l) => l.includes('#4 已受理'))).toBe(7)
    // Told once, kindly; the 196 rings after the notice get no reply each.
    expect(bell.out.filter((l) => l.includes('您说的都记下了'))).toEqual([
      '[7] 9幢业主群|ringbell: @王阿姨 别着急，您说的都记下了，不会丢。刚才按铃比较多，后面的先攒着，等您停一会儿，合成一件交给志愿者，不用再按了。',
    ])
    expect(perChat(bell)).toEqual({ '9幢业主群': 5, 好大姐志愿者群: 4 })
    expect(await bell.rb.db.case.count()).toBe(4)

    // Ten minutes after the last ring the 197 held rings go out as one case; then the whole ladder,
    // five minutes at a time.
    const released = said(await bell.say(':advance 10m'))
    expect(released[0]).toBe('9幢业主群|ringbell: 🔔 #5 已受理：其他·9幢。正在通知志愿者，有人接单会在群里告诉您。')
    expect(bell.out).toContain('    @王阿姨 刚才另外说的 197 条都在这一件里。')
    for (let i = 0; i < 26; i++) await bell.say(':advance 5m')

    const counts = perChat(bell)
    // Before: 200 cases, 804 messages to the building's group, 603 to the volunteers', 201 to staff, 201 to the committee.
    expect(counts).toEqual({ '9幢业主群': 12, 好大姐志愿者群: 9, '@赵专员': 2, 议事荟: 2 })
    expect(bell.out.filter((l) => /@钱阿姨|@万大姐/.test(l))).toHaveLength(7)
    expect(await bell.rb.db.case.count()).toBe(5)
    // Nothing said is lost: every held ring is kept, pointing at the case it went out as.
    const held = await bell.rb.db.heldRing.findMany()
    expect(held).toHaveLength(197)
    const bundle = await bell.rb.db.case.findUniqueOrThrow({
      where: { communityId_number: { communityId: 1, number: 5 } },
    })
    expect(new Set(held.map((h) => h.caseId))).toEqual(new Set([bundle.id]))
    expect(bundle.text.startsWith(`${problem(3)}；${problem(4)}；`)).toBe(true)
    expect(bundle.text).toMatch(/（还有 \d+ 条）$/)
  }, 120_000) // 200 messages and 2½ hours of timers, one at a time, on a shared machine

  it('a flood delivered all at once (as a platform may) is counted inside the transaction: still 3 cases', async () => {
    const bell = await consoleBell()
    const m = (i: number) => groupMessage(`burst-${i}`, '9幢业主群', '王阿姨', `按铃 ${problem(i)}`)
    await Promise.all(Array.from({ length: 30 }, (_, i) => bell.rb.app.handle(m(i), bell.adapter.self)))
    await bell.rb.drain()
    expect(await bell.rb.db.case.count()).toBe(3)
    expect(await bell.rb.db.heldRing.count()).toBe(27)
  })

  it('the window slides: ten minutes after three rings, a fourth problem is a case at once', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 电梯坏了', '9幢业主群|王阿姨: 按铃 楼道灯坏了', ':advance 9m')
    await bell.say('9幢业主群|王阿姨: 按铃 垃圾没人收', ':advance 1m')
    expect(said(await bell.say('9幢业主群|王阿姨: 按铃 门禁坏了'))[0]).toContain('#4 已受理')
    // #3, #4 and #5 are the three in the last ten minutes now.
    expect(said(await bell.say('9幢业主群|王阿姨: 按铃 水管漏了'))[0]).toContain('#5 已受理')
    expect(said(await bell.say('9幢业主群|王阿姨: 按铃 窗户关不上'))[0]).toContain('您说的都记下了')
  })

  it('a phone number left in a held ring reaches the claimer of the case it goes out as', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 电梯坏了',
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '9幢业主群|王阿姨: 按铃 垃圾没人收',
      '9幢业主群|王阿姨: 按铃 门禁坏了',
      '9幢业主群|王阿姨: 按铃 水管漏了 13812345678',
      ':advance 10m',
    )
    const claim = await bell.say('好大姐志愿者群|钱阿姨: 接单 4')
    expect(claim).toContain('[12] @钱阿姨|ringbell: 您接了 #4（9幢）：门禁坏了；水管漏了 138****5678')
    expect(claim).toContain('    居民：王阿姨　电话：13812345678')
    expect(bell.out.filter((l) => l.includes('13812345678'))).toHaveLength(1)
  })
})

describe('ringing the same problem again', () => {
  it('is "您已按过 #N", said once; the case, its pings and its ladder stay one', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    expect(said(await bell.say('9幢业主群|王阿姨: 按铃 楼道灯又坏了！！'))).toEqual([
      '9幢业主群|ringbell: @王阿姨 您已按过 #1（楼道灯坏了），现在等待接单。不用再按，有进展会在群里告诉您；要补充请发「补充 1 内容」。',
    ])
    expect(await bell.say(...Array.from({ length: 20 }, () => '9幢业主群|王阿姨: 楼道灯坏了 按铃'))).toEqual([])
    // Another problem is another case.
    expect(said(await bell.say('9幢业主群|王阿姨: 按铃 电梯坏了'))[0]).toContain('#2 已受理')
    expect(await bell.rb.db.case.count()).toBe(2)
    const events = await bell.rb.db.caseEvent.findMany({ where: { caseId: 1 } })
    expect(events.filter((e) => e.kind === 'repeated')).toHaveLength(21)
    await bell.say(':advance 15m')
    expect(bell.out.filter((l) => l.includes('#1 又需要人了'))).toHaveLength(1)
  })

  it('after the case is done, the same words are a new case (it broke again)', async () => {
    const bell = await consoleBell()
    await bell.say(
      '9幢业主群|王阿姨: 按铃 楼道灯坏了',
      '好大姐志愿者群|钱阿姨: 接单 1',
      '好大姐志愿者群|钱阿姨: 完成 1 换了灯泡',
    )
    expect(said(await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了'))[0]).toContain('#2 已受理')
  })

  it('a neighbour ringing the same problem is their own household, not a repeat of hers', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    // Moments later: one incident (issue 12), counted as a second household.
    expect(said(await bell.say('9幢业主群|严大伯: 按铃 楼道灯坏了'))[0]).toContain('已记入 #1，共 2 户反映')
    // Later than the incident window: a case of its own.
    bell.clock.advance(31 * 60_000)
    expect(said(await bell.say('9幢业主群|毛大姐: 按铃 楼道灯坏了'))[0]).toContain('#2 已受理')
  })
})

describe('a ring committed whose ack was not yet sent (finding 6)', () => {
  it('rung again after the restart is recognised as the same case, not a second one', async () => {
    const first = await consoleBell()
    const ring = (id: string) => groupMessage(id, '9幢业主群', '王阿姨', '按铃 9幢电梯坏了，停在3楼')
    // Committed, then the process dies before the relay sends the ack.
    await first.rb.app.handle(ring('m-1'), first.adapter.self)
    expect(first.out).toEqual([])
    await first.stop()

    const again = await consoleBell({ dbFile: first.dbFile, clock: first.clock })
    // No answer came, so she rings again: a new message, the same words.
    await again.rb.app.handle(ring('m-2'), again.adapter.self)
    await again.rb.drain()
    expect(said(again.out)).toEqual([
      '9幢业主群|ringbell: 🔔 #1 已受理：物业·9幢。正在通知志愿者，有人接单会在群里告诉您。',
      '好大姐志愿者群|ringbell: 🔔 #1 物业·9幢：9幢电梯坏了，停在3楼',
      '9幢业主群|ringbell: @王阿姨 您已按过 #1（9幢电梯坏了，停在3楼），现在等待接单。不用再按，有进展会在群里告诉您；要补充请发「补充 1 内容」。',
    ])
    expect(await again.rb.db.case.count()).toBe(1)
  })
})

describe("the bot's replies to one person in one chat", () => {
  it('are at most 5 per 10 minutes for a resident; other people and other chats are not affected', async () => {
    const bell = await consoleBell()
    const nonsense = Array.from({ length: 30 }, (_, i) => `9幢业主群|王阿姨: 进度 ${100 + i}`)
    const answered = said(await bell.say(...nonsense))
    expect(answered).toHaveLength(5)
    expect(answered[0]).toBe('9幢业主群|ringbell: @王阿姨 没有找到 #100，请核对一下单号。')
    // Someone else in the same group, and she herself in a direct message, are answered as usual.
    expect(said(await bell.say('9幢业主群|严大伯: 进度 7'))).toHaveLength(1)
    expect(said(await bell.say('@王阿姨: 进度 7'))).toHaveLength(1)
    // Her rings are still rings.
    expect(said(await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了'))[0]).toContain('#1 已受理')
    // The window moves on.
    await bell.say(':advance 10m')
    expect(said(await bell.say('9幢业主群|王阿姨: 进度 99'))).toHaveLength(1)
  })

  it('volunteers and staff, who ask and answer a lot, are not counted', async () => {
    const bell = await consoleBell()
    const asks = Array.from({ length: 8 }, (_, i) => `好大姐志愿者群|钱阿姨: 进度 ${100 + i}`)
    expect(said(await bell.say(...asks))).toHaveLength(8)
  })
})
