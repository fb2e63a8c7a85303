// A recurring timer is declared once (src/app/timers/index.ts) and fires once per period — across a
// restart, and without a catch-up storm after a long stop. Housekeeping is the one ringbell has today.
import { describe, expect, it } from 'vitest'
import { DEMO_START, SimClock, consoleBell, tempDbFile } from '../../helpers/index.js'

const HOUR = 3_600_000

async function housekeepingJobs(bell: Awaited<ReturnType<typeof consoleBell>>) {
  const rows = await bell.rb.db.job.findMany({ where: { kind: 'every:housekeeping' }, orderBy: { dueAt: 'asc' } })
  return rows.map((r) => ({ key: r.key, done: r.doneAt !== null }))
}

describe('recurring timers', () => {
  it('housekeeping is seeded for the next 04:00 once, however often the bot starts', async () => {
    const dbFile = tempDbFile()
    const first = await consoleBell({ dbFile })
    await first.stop()
    const second = await consoleBell({ dbFile })
    expect(await housekeepingJobs(second)).toEqual([{ key: 'every:housekeeping:1:2026-11-03T04:00', done: false }])
  })

  it('fires once at 04:00, schedules the next day, and a restart after it does not fire it again', async () => {
    const dbFile = tempDbFile()
    const clock = new SimClock(DEMO_START)
    const bell = await consoleBell({ dbFile, clock })
    // A message from five weeks ago and one from today: housekeeping forgets only the old key.
    await bell.rb.db.inboundMessage.create({
      data: {
        platform: 'console',
        chatId: 'x',
        messageId: 'old',
        receivedAt: new Date(DEMO_START.getTime() - 35 * 24 * HOUR),
      },
    })
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')

    await bell.say(':advance 19h') // Tuesday 04:00
    expect(await housekeepingJobs(bell)).toEqual([
      { key: 'every:housekeeping:1:2026-11-03T04:00', done: true },
      { key: 'every:housekeeping:1:2026-11-04T04:00', done: false },
    ])
    expect(await bell.rb.db.inboundMessage.count({ where: { messageId: 'old' } })).toBe(0)
    expect(await bell.rb.db.inboundMessage.count()).toBeGreaterThan(0)
    await bell.stop()

    clock.advance(HOUR)
    const again = await consoleBell({ dbFile, clock })
    await again.say(':advance 1m')
    expect(await housekeepingJobs(again)).toEqual([
      { key: 'every:housekeeping:1:2026-11-03T04:00', done: true },
      { key: 'every:housekeeping:1:2026-11-04T04:00', done: false },
    ])
  })

  it('after a stop of several days it fires once, late, and goes on from now', async () => {
    const dbFile = tempDbFile()
    const clock = new SimClock(DEMO_START)
    const bell = await consoleBell({ dbFile, clock })
    await bell.stop()
    clock.advance(4 * 24 * HOUR) // back on Friday 09:00: Tuesday's 04:00 never ran
    const back = await consoleBell({ dbFile, clock })
    await back.say(':advance 1m')
    expect(await housekeepingJobs(back)).toEqual([
      { key: 'every:housekeeping:1:2026-11-03T04:00', done: true },
      { key: 'every:housekeeping:1:2026-11-07T04:00', done: false },
    ])
  })
})
