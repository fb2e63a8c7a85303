// A message over the cap is not read past it (issue 8): said to the bot, it gets a polite request for
// shorter messages and files nothing half-read; as chatter it gets no answer.
import { describe, expect, it } from 'vitest'
import { MAX_TEXT } from '../../src/domain/commands.js'
import { consoleBell } from '../helpers/index.js'

const long = (head: string) => head + '楼道灯坏了，'.repeat(Math.ceil(MAX_TEXT / 6))

describe(`messages longer than ${MAX_TEXT} characters`, () => {
  it('a long ring is answered in the language it was written in, and files nothing', async () => {
    const bell = await consoleBell()
    expect(await bell.say(`9幢业主群|王阿姨: ${long('按铃 ')}`)).toEqual([
      `[1] 9幢业主群|ringbell: @王阿姨 这条消息太长了（超过 ${MAX_TEXT} 字），我没有办理。请分成几条短一点的再发，一条说一件事，谢谢您！`,
    ])
    expect(await bell.say(`@严大伯: /ring ${'the light is out. '.repeat(200)}`)).toEqual([
      `[2] @严大伯|ringbell: That message is too long (over 2,000 characters), so I did not act on it. Please send it again as shorter messages, one matter each. Thank you!`,
    ])
    expect(await bell.rb.db.case.count()).toBe(0)
    // Said again in shorter words, it is a ring like any other.
    expect((await bell.say('9幢业主群|王阿姨: 按铃 楼道灯坏了'))[0]).toContain('#1 已受理')
  })

  it('long chatter in a group stays unanswered', async () => {
    const bell = await consoleBell()
    expect(await bell.say(`9幢业主群|严大伯: ${long('今天天气不错，')}`)).toEqual([])
  })
})
