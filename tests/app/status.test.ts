// Read-only answers as residents see them (issue 10): 进度 says who has it, the latest 进展 and how long it
// has been; 帮助 in a group is two or three lines with the full list privately; groups stay quiet.
import { describe, expect, it } from 'vitest'
import { consoleBell } from '../helpers/index.js'

describe('进度 N', () => {
  it('shows who has it, the latest 进展 with who said it and when, and how long since the ring', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了', '好大姐志愿者群|钱阿姨: 接单 1')
    bell.clock.advance(40 * 60_000)
    await bell.say('好大姐志愿者群|钱阿姨: 进展 1 已联系物业，下午来换')
    bell.clock.advance(90 * 60_000)
    expect(await bell.say('9幢业主群|王阿姨: 进度 1')).toEqual([
      '[8] 9幢业主群|ringbell: @王阿姨 #1 物业·9幢：楼道灯坏了',
      '    状态：处理中（钱阿姨），已经 2.2小时了',
      '    最新进展：已联系物业，下午来换（钱阿姨，1.5小时前）',
    ])
  })
})

describe('进度 with no number', () => {
  it("is about the asker's own ring here; with two she is asked which; with none it is conversation in a group and answered privately", async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|严大伯: 按铃 10幢门口垃圾没人收')
    expect(await bell.say('9幢业主群|严大伯: 我的铃怎么样了？')).toEqual([
      '[3] 9幢业主群|ringbell: @严大伯 #1 物业·10幢：10幢门口垃圾没人收',
      '    状态：等待接单',
    ])
    await bell.say('9幢业主群|严大伯: 按铃 9幢电梯按钮不亮')
    expect(await bell.say('9幢业主群|严大伯: 进度')).toEqual([
      '[6] 9幢业主群|ringbell: @严大伯 您有 #1、#2，说的是哪一件？请带上单号，比如：进度 1',
    ])
    expect(await bell.say('9幢业主群|王阿姨: 进度？')).toEqual([])
    expect(await bell.say('@王阿姨: 进度')).toEqual([
      '[7] @王阿姨|ringbell: 您现在没有在办的铃。要查以前的，请带上单号，比如：进度 12',
    ])
  })
})

describe('帮助', () => {
  it('in a group: two or three lines for what this person does, the full list privately', async () => {
    const bell = await consoleBell()
    const said = await bell.say('9幢业主群|王阿姨: 帮助')
    expect(said.slice(0, 2)).toEqual([
      '[1] 9幢业主群|ringbell: @王阿姨 🔔 有问题发「按铃 问题」，比如：按铃 9幢2单元楼道灯坏了',
      '    办好后回「满意」或「不满意 原因」；查进度发「进度 12」。完整说明已私聊发给您。',
    ])
    expect(said[2]).toBe('[2] @王阿姨|ringbell: 🔔 协商铃 怎么用（英文命令也可以）')
    expect(said.join('\n')).toContain('· 补充 12 内容 — 补充说明（/add）')
    expect(await bell.say('好大姐志愿者群|钱阿姨: 帮助')).toContain(
      '[3] 好大姐志愿者群|ringbell: @钱阿姨 🔔 接单：回复「接单 12」或引用铃铛消息回「接」；进展 12 内容 · 完成 12 说明',
    )
  })
})

describe('quieter groups', () => {
  it('请放心 is said to the residents only; a volunteer is confirmed without a second @ and the relay may fold it', async () => {
    const bell = await consoleBell()
    await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了')
    expect(await bell.say('好大姐志愿者群|钱阿姨: 接单 1', '好大姐志愿者群|钱阿姨: 进展 1 已联系物业')).toEqual([
      '[3] 9幢业主群|ringbell: ✅ #1 由 钱阿姨 接单，请放心。',
      '[4] 好大姐志愿者群|ringbell: ✅ #1 钱阿姨 接了。',
      '[5] @钱阿姨|ringbell: 您接了 #1（9幢）：楼道灯坏了',
      '    居民：王阿姨　没有留电话，可在群里 @ 对方',
      '    办好后回复「完成 1 说明」；有进展回复「进展 1 内容」。',
      '[6] 9幢业主群|ringbell: 📝 #1 钱阿姨：已联系物业',
      '[7] 好大姐志愿者群|ringbell: ✓ #1 已转告9幢业主群',
    ])
    // The confirmation is about the case and quotes nobody: the relay folds it into the next update of
    // #1 in that chat (src/delivery/coalesce.ts takes rows with a case and no reply).
    const confirm = await bell.rb.db.outbox.findFirstOrThrow({ where: { purpose: 'confirm' } })
    expect(confirm).toMatchObject({ replyToMsgId: null, caseId: expect.any(Number) })
    expect(JSON.parse(confirm.content)).toEqual([{ type: 'text', text: '✓ #1 已转告9幢业主群' }])
  })
})
