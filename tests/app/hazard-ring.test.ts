// A bare 按铃 right after the safety advice (src/app/hazard-ring.ts): 「我家厨房有煤气味，怎么办」 got the advice and
// 「10分钟内回复「按铃」就行」; an older resident replies just 按铃 (or /ring, #协商铃, 要, 按). Their words are
// rung as an urgent ring through the ordinary path, once; anyone else's bare 按铃, a later one, or one after
// the window is asked what it is about, as any bare 按铃 is.
import { describe, expect, it } from 'vitest'
import { consoleBell, demoConfig, groupMessage, heads } from '../helpers/index.js'

const said = (lines: string[]) => heads(lines).map((l) => l.replace(/^\[\d+\] /, ''))
const sayWhat = (name: string) => `9幢业主群|ringbell: @${name} 请说说遇到了什么问题，比如：按铃 9幢2单元楼道灯坏了`

/** The console at 21:00, 严大伯 having just said there is a gas smell (and left his number). */
async function afterAdvice(o: Parameters<typeof consoleBell>[0] = {}) {
  const bell = await consoleBell(o)
  bell.clock.advance(12 * 3_600_000)
  expect(await bell.say('9幢业主群|严大伯: 我家厨房有煤气味，怎么办 13812345678')).toEqual([
    '[1] 9幢业主群|ringbell: @严大伯 ⚠️ 如果真有燃气泄漏：',
    '    ⚠️ 不要开关电灯电器，不要点火，不要在屋里打电话',
    '    ⚠️ 开门开窗通风，关上燃气总阀，人先到楼外',
    '    ☎️ 燃气抢修 96777 · 火警 119',
    '    要志愿者马上来，10分钟内回复「按铃」就行；也可以写上哪栋哪里，比如：按铃 我家厨房有煤气味，怎么办 138****5678',
  ])
  return bell
}

describe('a bare 按铃 right after the safety advice', () => {
  it('rings his words as an urgent ring: the advice first, every volunteer who can go, staff; the number masked, and given to the claimer', async () => {
    const bell = await afterAdvice()
    bell.clock.advance(2 * 60_000)
    expect(await bell.say('9幢业主群|严大伯: 按铃')).toEqual([
      '[2] 9幢业主群|ringbell: 🚨 #1 燃气泄漏！',
      '    ⚠️ 不要开关电灯电器，不要点火，不要在屋里打电话',
      '    ⚠️ 开门开窗通风，关上燃气总阀，人先到楼外',
      '    ☎️ 燃气抢修 96777 · 火警 119',
      '    已受理（9幢）。已马上通知志愿者和赵专员，有人接单会在群里告诉您。',
      '[3] 好大姐志愿者群|ringbell: 🚨 #1 紧急·燃气泄漏 其他·9幢：我家厨房有煤气味，怎么办 138****5678',
      '    能去的请马上回复「接单 1」 @钱阿姨',
      '[4] @赵专员|ringbell: 🚨 #1 紧急·燃气泄漏 其他·9幢：我家厨房有煤气味，怎么办 138****5678',
      '    已通知所有能去的志愿者。请马上安排（派单 1 @志愿者），需要时直接打热线。',
      '[5] 议事荟|ringbell: 🚨 #1 紧急·燃气泄漏 其他·9幢：我家厨房有煤气味，怎么办 138****5678',
      '    已通知志愿者和专员。',
    ])
    const c = await bell.rb.db.case.findFirstOrThrow()
    expect(c).toMatchObject({ urgency: 'gas', contact: '13812345678', text: '我家厨房有煤气味，怎么办 138****5678' })
    // The ring is his: the ladder runs, and the one who takes it gets his number privately.
    expect(await bell.rb.db.job.count({ where: { kind: { startsWith: 'urgent' }, doneAt: null } })).toBeGreaterThan(0)
    const claimed = await bell.say('好大姐志愿者群|钱阿姨: 接单 1')
    expect(claimed.join('\n')).toContain('@钱阿姨|ringbell: 您接了 #1')
    expect(claimed.filter((l) => l.includes('13812345678'))).toEqual(['    居民：严大伯　电话：13812345678'])
    // Used up: the next bare 按铃 is asked what it is about, as any is.
    expect(said(await bell.say('9幢业主群|严大伯: 按铃'))).toEqual([sayWhat('严大伯')])
    expect(await bell.rb.db.case.count()).toBe(1)
  })

  it.each(['/ring', '#协商铃', '我要按铃', '要', '按', '要！'])('「%s」 rings it too', async (word) => {
    const bell = await afterAdvice()
    expect(heads(await bell.say(`9幢业主群|严大伯: ${word}`))[0]).toBe('[2] 9幢业主群|ringbell: 🚨 #1 燃气泄漏！')
  })

  it('要 quoting the advice rings it; 好的 takes the advice and rings nothing', async () => {
    const bell = await afterAdvice()
    expect(await bell.say('9幢业主群|严大伯: 好的，谢谢')).toEqual([])
    expect(await bell.say('9幢业主群|严大伯 ^1: 好的')).toEqual([])
    expect(heads(await bell.say('9幢业主群|严大伯 ^1: 要'))[0]).toBe('[2] 9幢业主群|ringbell: 🚨 #1 燃气泄漏！')
  })

  it('a bare 私下按铃 rings them privately: the volunteers read no words, he hears back in a direct message', async () => {
    const bell = await afterAdvice()
    const out = said(await bell.say('9幢业主群|严大伯: 私下按铃'))
    expect(out[0]).toBe('@严大伯|ringbell: 🚨 #1 燃气泄漏！')
    expect(out).toContain('好大姐志愿者群|ringbell: 🚨 #1 紧急·燃气泄漏 其他·9幢：（私下求助，详情只给接单的志愿者）')
    expect(out.at(-1)).toBe(
      '9幢业主群|ringbell: @严大伯 好的，已私下登记 #1：详情只给接单的志愿者，后面的进展我私聊告诉您。',
    )
  })

  it('survives a restart between the advice and the 按铃', async () => {
    const first = await afterAdvice()
    await first.stop()
    const again = await consoleBell({ dbFile: first.dbFile, clock: first.clock })
    again.clock.advance(5 * 60_000)
    expect(said(await again.say('9幢业主群|严大伯: 按铃'))[0]).toBe('9幢业主群|ringbell: 🚨 #1 燃气泄漏！')
    expect(await again.rb.db.case.findFirstOrThrow()).toMatchObject({ urgency: 'gas', contact: '13812345678' })
  })

  it("someone else's bare 按铃 is asked what it is about, their 要 is conversation; his words wait for him", async () => {
    const bell = await afterAdvice()
    expect(said(await bell.say('9幢业主群|王阿姨: 按铃'))).toEqual([sayWhat('王阿姨')])
    expect(await bell.say('9幢业主群|毛大姐: 要')).toEqual([])
    // A newcomer who only said 要 is not even written down, as with any chatter.
    expect(await bell.say('9幢业主群|小李: 要')).toEqual([])
    expect(await bell.rb.db.person.count({ where: { name: '小李' } })).toBe(0)
    expect(await bell.rb.db.case.count()).toBe(0)
    expect(said(await bell.say('9幢业主群|严大伯: 按铃'))[0]).toBe('9幢业主群|ringbell: 🚨 #1 燃气泄漏！')
  })

  it('in another group he is asked what it is about: the words were said in his building’s group', async () => {
    const bell = await afterAdvice()
    expect(said(await bell.say('10幢业主群|严大伯: 按铃'))).toEqual([
      '10幢业主群|ringbell: @严大伯 请说说遇到了什么问题，比如：按铃 9幢2单元楼道灯坏了',
    ])
    expect(await bell.say('10幢业主群|严大伯: 要')).toEqual([])
    expect(await bell.rb.db.case.count()).toBe(0)
  })

  it('after 10 minutes a bare 按铃 is asked what it is about and 要 is conversation; the window is a setting', async () => {
    const bell = await afterAdvice()
    bell.clock.advance(10 * 60_000 + 1_000)
    expect(await bell.say('9幢业主群|严大伯: 要')).toEqual([])
    expect(said(await bell.say('9幢业主群|严大伯: 按铃'))).toEqual([sayWhat('严大伯')])
    expect(await bell.rb.db.case.count()).toBe(0)

    const config = demoConfig()
    config.phrasing = { ...config.phrasing, hazardRingWithin: '30m' }
    const patient = await consoleBell({ config })
    patient.clock.advance(12 * 3_600_000)
    expect(heads(await patient.say('9幢业主群|严大伯: 我家厨房有煤气味，怎么办'))).toHaveLength(1)
    expect((await patient.say('9幢业主群|严大伯: 好的')).join('\n')).toBe('')
    patient.clock.advance(25 * 60_000)
    expect(heads(await patient.say('9幢业主群|严大伯: 按铃'))[0]).toBe('[2] 9幢业主群|ringbell: 🚨 #1 燃气泄漏！')
  })

  it('the same 按铃 delivered twice, or twice at once, rings once; two 按铃 at once ring once and ask once', async () => {
    const bell = await afterAdvice()
    const self = bell.adapter.self
    const ring = groupMessage('wx-1', '9幢业主群', '严大伯', '按铃')
    await bell.rb.app.handle(ring, self)
    await Promise.all([bell.rb.app.handle(ring, self), bell.rb.app.handle(ring, self)])
    await bell.rb.drain()
    expect(await bell.rb.db.case.count()).toBe(1)
    expect(heads(bell.out).filter((l) => l.includes('🚨 #1 燃气泄漏！'))).toHaveLength(1)

    const other = await afterAdvice()
    await Promise.all([
      other.rb.app.handle(groupMessage('wx-2', '9幢业主群', '严大伯', '按铃'), other.adapter.self),
      other.rb.app.handle(groupMessage('wx-3', '9幢业主群', '严大伯', '按铃'), other.adapter.self),
    ])
    await other.rb.drain()
    expect(await other.rb.db.case.count()).toBe(1)
    expect(
      said(other.out)
        .filter((l) => l.startsWith('9幢业主群'))
        .slice(1)
        .sort(),
    ).toEqual(['9幢业主群|ringbell: 🚨 #1 燃气泄漏！', sayWhat('严大伯')].sort())
  })

  it('goes through flood control and incidents: a neighbour rang the gas smell first, so his households join her case', async () => {
    const bell = await consoleBell()
    bell.clock.advance(12 * 3_600_000)
    expect(heads(await bell.say('9幢业主群|王阿姨: 按铃 9幢楼道里有煤气味'))[0]).toContain('🚨 #1')
    expect(heads(await bell.say('9幢业主群|严大伯: 我家厨房也有煤气味'))).toHaveLength(1)
    expect((await bell.say('9幢业主群|严大伯: 按铃')).join('\n')).toContain('已记入 #1，共 2 户反映')
    expect(await bell.rb.db.case.count()).toBe(1)
  })
})
