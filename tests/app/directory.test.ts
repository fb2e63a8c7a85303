// The directory behind the `locate` step: members in memory, residents by their account, and a change
// made anywhere — this process or another on the same database — seen by the very next message.
import { describe, expect, it, vi } from 'vitest'
import { consoleBell, demoConfig, heads, tempDbFile } from '../helpers/index.js'

describe('the directory', () => {
  it('a volunteer who says 下班 in another process is not pinged by the next ring here', async () => {
    const dbFile = tempDbFile()
    const here = await consoleBell({ dbFile })
    const there = await consoleBell({ dbFile, clock: here.clock })
    // Both processes have read the directory: 钱阿姨 is on duty.
    await here.say('@王阿姨: 帮助')
    await there.say('@钱阿姨: 我的班')

    await there.say('@钱阿姨: 下班')
    const out = heads(await here.say('9幢业主群|王阿姨: 按铃 楼道灯坏了'))
    expect(out.join('\n')).not.toContain('@钱阿姨')
  })

  it('holds members, not residents, and is read once for a crowd of neighbours', async () => {
    // Thirty cases, not one incident (issue 12 would join these alike rings into #1).
    const config = demoConfig()
    config.phrasing = { ...config.phrasing, joinIncidents: false }
    const bell = await consoleBell({ config })
    const read = vi.spyOn(bell.rb.store, 'directory')
    for (let i = 0; i < 30; i++) await bell.say(`9幢业主群|邻居${i}: 按铃 ${i}号的楼道灯坏了`)
    expect(read.mock.calls.length).toBeLessThanOrEqual(1)
    const dir = await bell.rb.store.directory(1)
    expect(dir.people.map((p) => p.name).sort()).toEqual(['万大姐', '徐书记', '赵专员', '钱阿姨'].sort())
    // …and yet a resident is named where it matters: the claimer learns who rang.
    const out = await bell.say('好大姐志愿者群|钱阿姨: 接单 30')
    expect(out.join('\n')).toContain('居民：邻居29')
  })
})
