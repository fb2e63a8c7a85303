// A platform that loses messages while the bot is away (wechat4u) gets an honest notice when it is back.
import { describe, expect, it } from 'vitest'
import { heartbeat } from '../../src/app/presence.js'
import { consoleBell } from '../helpers/index.js'

describe('offline notice', () => {
  it('after a crash, the last heartbeat says since when; every group on that platform is told', async () => {
    const bell = await consoleBell()
    const { app, store } = bell.rb
    // First ever login: nothing to say.
    await app.onAdapterEvent('console', { type: 'online', at: bell.clock.now() }, false)
    await heartbeat(store, bell.clock, 'console')
    // The process dies without an offline event; it comes back three hours later.
    bell.clock.advance(3 * 3600_000)
    await app.onAdapterEvent('console', { type: 'online', at: bell.clock.now() }, false)
    await bell.rb.drain()
    expect(bell.out).toEqual([
      '[1] 9幢业主群|ringbell: ⚠️ 协商铃在 11月2日 09:00 到 11月2日 12:00 之间离线了，这段时间按的铃没有收到，请再按一次。给您添麻烦了！',
      '[2] 10幢业主群|ringbell: ⚠️ 协商铃在 11月2日 09:00 到 11月2日 12:00 之间离线了，这段时间按的铃没有收到，请再按一次。给您添麻烦了！',
      '[3] 好大姐志愿者群|ringbell: ⚠️ 协商铃在 11月2日 09:00 到 11月2日 12:00 之间离线了，这段时间按的铃没有收到，请再按一次。给您添麻烦了！',
      '[4] 议事荟|ringbell: ⚠️ 协商铃在 11月2日 09:00 到 11月2日 12:00 之间离线了，这段时间按的铃没有收到，请再按一次。给您添麻烦了！',
    ])
  })

  it('a logout reported as it happens is the start of the gap; a short blip says nothing; a platform that replays says nothing', async () => {
    const bell = await consoleBell()
    const { app } = bell.rb
    await app.onAdapterEvent('console', { type: 'online', at: bell.clock.now() }, false)
    await app.onAdapterEvent('console', { type: 'offline', at: bell.clock.now() }, false)
    bell.clock.advance(30_000)
    await app.onAdapterEvent('console', { type: 'online', at: bell.clock.now() }, false)
    await app.onAdapterEvent('console', { type: 'offline', at: bell.clock.now() }, true)
    bell.clock.advance(3600_000)
    await app.onAdapterEvent('console', { type: 'online', at: bell.clock.now() }, true)
    await bell.rb.drain()
    expect(bell.out).toEqual([])
  })
})
