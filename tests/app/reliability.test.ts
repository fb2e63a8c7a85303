// What must hold underneath: idempotent inbound, atomic claims, one transaction per change.
import { describe, expect, it } from 'vitest'
import type { CommunityConfig } from '../../src/config/schema.js'
import { ConsoleAdapter } from '../../adapters/console/index.js'
import { consoleBell, demoConfig, groupMessage, startBell } from '../helpers/index.js'

describe('inbound idempotency', () => {
  it('the same message delivered twice creates one case and one set of messages', async () => {
    const bell = await consoleBell()
    const self = bell.adapter.self
    const m = groupMessage('wx-1', '9幢业主群', '王阿姨', '按铃 楼道灯坏了')
    await bell.rb.app.handle(m, self)
    await bell.rb.app.handle(m, self)
    await Promise.all([bell.rb.app.handle(m, self), bell.rb.app.handle(m, self)])
    await bell.rb.drain()
    expect(await bell.rb.db.case.count()).toBe(1)
    expect(await bell.rb.db.outbox.count()).toBe(2) // the ack and the ping
    expect(bell.out.filter((l) => l.startsWith('['))).toHaveLength(2)
  })
})

describe('atomic claims', () => {
  it('20 volunteers claim one case at once: exactly one winner, everyone else told who won, no errors', async () => {
    const base = demoConfig()
    const many = Array.from({ length: 20 }, (_, i) => ({
      name: `志愿者${i + 1}`,
      roles: ['volunteer' as const],
      skills: ['物业'],
      places: ['锦绣新村'],
      shifts: ['每天 00:00-24:00'],
      maxOpen: 5,
      ids: {},
    }))
    const config: CommunityConfig = { ...base, people: [...base.people, ...many] }
    const bell = await consoleBell({ config })
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    const self = bell.adapter.self
    await Promise.all(
      many.map((v, i) => bell.rb.app.handle(groupMessage(`claim-${i}`, '好大姐志愿者群', v.name, '接单 1'), self)),
    )
    await bell.rb.drain()

    const c = await bell.rb.db.case.findFirstOrThrow({ include: { events: true } })
    expect(c.status).toBe('claimed')
    expect(c.events.filter((e) => e.kind === 'claimed')).toHaveLength(1)
    const winner = (await bell.rb.db.person.findUniqueOrThrow({ where: { id: c.claimantId! } })).name
    // once in the origin group (for the resident) and once in the volunteers' group (who has it)
    expect(bell.out.filter((l) => l.includes('接单，请放心'))).toHaveLength(1)
    expect(bell.out.filter((l) => l.includes(`✅ #1 ${winner} 接了。`))).toHaveLength(1)
    expect(bell.out.filter((l) => l.includes(`#1 已经由 ${winner} 接单了`))).toHaveLength(19)
    expect(bell.out.filter((l) => l.includes('出了点问题'))).toHaveLength(0)
    expect(await bell.rb.db.inboundMessage.count()).toBe(21)
  })
})

describe('a change and its messages commit together', () => {
  it('a failing write leaves neither the case nor its messages, and the sender gets an apology', async () => {
    const out: string[] = []
    const adapter = new ConsoleAdapter({ write: (l) => out.push(l) })
    const rb = await startBell({ adapters: [adapter] })
    // Break the audit log table: the ring's transaction must fail as a whole.
    await rb.db.$executeRawUnsafe(
      'CREATE TRIGGER no_events BEFORE INSERT ON "CaseEvent" BEGIN SELECT RAISE(ABORT, \'disk full\'); END',
    )
    await rb.app.handle(groupMessage('m1', '9幢业主群', '王阿姨', '按铃 楼道灯坏了'), adapter.self)
    await rb.drain()
    expect(await rb.db.case.count()).toBe(0)
    expect(await rb.db.inboundMessage.count()).toBe(0)
    expect(out).toEqual(['[1] 9幢业主群|ringbell: 抱歉，刚才出了点问题，没有办成。请过一会儿再发一次。'])
    // The same message redelivered after the fault is handled normally: nothing was lost.
    await rb.db.$executeRawUnsafe('DROP TRIGGER no_events')
    await rb.app.handle(groupMessage('m1', '9幢业主群', '王阿姨', '按铃 楼道灯坏了'), adapter.self)
    await rb.drain()
    expect(await rb.db.case.count()).toBe(1)
    expect(out[1]).toContain('🔔 #1 已受理')
  })
})
